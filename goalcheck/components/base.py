"""What every goalcheck component shares: the Doc extensions and the evidence they carry.

Each component appends :class:`~goalcheck.schema.Evidence` records (as plain
dicts, so ``Doc.to_bytes()`` and ``nlp.pipe(n_process=...)`` work) to
``doc._.evidence``; ``doc._.goal_context`` carries what the caller knows about
the goal (``kind``, ``grade``). Nothing else is stored on the Doc, except the
Doc's own text, kept by :func:`doc_text` so that it is joined once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.tokens import Doc

from ..schema import Evidence

EXTENSIONS = ("evidence", "goal_context")


def register_extensions() -> None:
    """Register ``doc._.evidence`` and ``doc._.goal_context`` (once; safe to call again)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


_TEXT_KEY = ("goalcheck", "text")


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc (spaCy joins every token's text again on each call)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def add(doc: Doc, evidence: Evidence | Iterable[Evidence]) -> None:
    """Append one or more evidence records to ``doc``."""
    items = [evidence] if isinstance(evidence, Evidence) else list(evidence)
    if doc._.evidence is None:
        doc._.evidence = []
    doc._.evidence.extend(e.to_dict() for e in items)


#: Stored record (by id, with the record itself to rule out a reused id) -> its Evidence.
_READ: dict[int, tuple[dict[str, Any], Evidence]] = {}
_MAX_READ = 4096  # a few batches of Docs in flight through the pipeline


def evidence(doc: Doc) -> list[Evidence]:
    """The evidence records on ``doc``, in the order they were made.

    Each stored record is read into an :class:`Evidence` once, not once per
    component that reads it (the records are never changed once added).
    """
    out = []
    for d in doc._.evidence or []:
        entry = _READ.get(id(d))
        if entry is None or entry[0] is not d:
            if len(_READ) >= _MAX_READ:
                _READ.clear()
            entry = _READ[id(d)] = (d, Evidence.from_dict(d))
        out.append(entry[1])
    return out


def context(doc: Doc) -> dict[str, Any]:
    """What the caller said about the goal: ``{"kind": ..., "grade": ...}`` (empty if nothing)."""
    return dict(doc._.goal_context or {})


def latest(items: Iterable[Evidence], dimension: str, label: str) -> Evidence | None:
    """The last decision of ``dimension``/``label`` (a later component may revise an earlier one)."""
    found = None
    for e in items:
        if e.dimension == dimension and e.label == label:
            found = e
    return found


def is_english(doc: Doc) -> bool:
    """False when the language component found another language (then nothing else runs)."""
    for d in doc._.evidence or []:
        if d["dimension"] == "language":
            return d["data"].get("value") in (None, "en")
    return True


def in_batches(docs: Iterable[Doc], batch_size: int,
               process: Callable[[list[Doc]], list[Doc]]) -> Iterator[Doc]:
    """``process`` applied to ``docs`` a batch at a time (a component's ``pipe``)."""
    batch: list[Doc] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= batch_size:
            yield from process(batch)
            batch = []
    if batch:
        yield from process(batch)
