"""Standards alignment (RUBRIC.md section 4) and the ``goalcheck/standards`` component.

The package is split by job, each module importing only those before it:

- :mod:`.catalogue`: the Common Core data (``data/ccss.jsonl``), lookup, code index;
- :mod:`.codes`: codes cited in a goal, found, made full and checked;
- :mod:`.retrieval`: standards inferred from a goal's wording (TF-IDF);
- :mod:`.alignment`: a goal's alignment status, score and notes;
- :mod:`.evaluation`: figures on labelled goals, the threshold chosen from them.

This module holds the registered spaCy component and re-exports the public names.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ...grade import parse_grade
from ...schema import Evidence
from ..base import add, context, doc_text, evidence, in_batches, is_english, latest, register_extensions
from .alignment import (
    ACADEMIC_DOMAINS,
    FUNCTIONAL_DOMAINS,
    Calibration,
    align,
    align_many,
    calibration,
    decided_by_similarity,
    is_sl_goal,
    names_no_skill,
)
from .catalogue import load_standards, lookup, math_code_index, normalise_code, short_code
from .codes import CitedCode, find_cited_codes
from .evaluation import calibrate, choose_threshold, evaluate_alignment, same_standard
from .notes import explain, sentence
from .retrieval import expand_query, grade_factor, infer_many, infer_standards

#: The one grade parser (:func:`goalcheck.grade.parse_grade`), under its old name.
grade_from_text = parse_grade

__all__ = [
    "ACADEMIC_DOMAINS",
    "FUNCTIONAL_DOMAINS",
    "Calibration",
    "CitedCode",
    "StandardsComponent",
    "align",
    "align_many",
    "alignment_evidence",
    "calibrate",
    "calibration",
    "choose_threshold",
    "decided_by_similarity",
    "domain_of_code",
    "evaluate_alignment",
    "expand_query",
    "explain",
    "find_cited_codes",
    "grade_factor",
    "grade_from_text",
    "infer_many",
    "infer_standards",
    "is_sl_goal",
    "load_standards",
    "lookup",
    "make_standards",
    "math_code_index",
    "names_no_skill",
    "normalise_code",
    "same_standard",
    "sentence",
    "short_code",
    "skill_text",
]

#: Components that say nothing about the skill a goal names (RUBRIC 7.11 reads the rest).
_NOT_SKILL = ("timeframe", "condition", "measurement", "learner")


def skill_text(text: str, found: list[Evidence]) -> str:
    """The goal's text with everything but the action and its object blanked out.

    The skill starts at the action: sentences before it describe the present level.
    """
    chars = list(text)
    for e in found:
        blank = (e.dimension == "measurability" and e.label in _NOT_SKILL) or (
            e.dimension == "strength" and e.label == "deficit")  # "cannot read" describes
        if blank and e.start is not None and e.end is not None:
            chars[e.start : e.end] = " " * (e.end - e.start)
    actions = [e.start for e in found if e.dimension == "measurability"
               and e.label in ("behavior", "vague_verb") and e.start is not None]
    return "".join(chars[min(actions) if actions else 0 :])


def domain_of_code(code: str) -> str | None:
    """The domain a cited CCSS code belongs to (math, writing, communication, reading).

    Example:
        >>> domain_of_code("CCSS.MATH.CONTENT.3.OA.C.7"), domain_of_code("CCSS.ELA-LITERACY.W.4.2")
        ('math', 'writing')
    """
    parts = code.upper().split(".")
    if "MATH" in parts[:2]:
        return "math"
    strand = next((p for p in parts[2:] if p.isalpha()), "")
    return {"W": "writing", "SL": "communication", "L": None}.get(strand, "reading")


_REASONS = {"alignment.no_skill": "names_no_skill", "alignment.no_close_match": "no_close_match"}


def alignment_evidence(found: list[Evidence], domain: str | None) -> list[Evidence]:
    """Alignment evidence from :func:`align`, in the shape ``convert``/``explain`` read.

    The decision becomes ``alignment``/``alignment`` (status, score, standards, reason and
    figures); other records become notes with their plain sentence; a cited code of another
    domain also decides the domain.
    """
    out: list[Evidence] = []
    for e in found:
        if e.label in ("explicit", "inferred", "none", "not_applicable"):
            codes = e.data.get("codes") or []
            if codes:
                cited = domain_of_code(codes[0])
                if cited and cited != domain and not (cited == "reading" and domain == "writing"):
                    out.append(Evidence("domain", "domain", "cited_standard", "pattern",
                                        data={"value": cited}))
            out.append(Evidence("alignment", "alignment", e.rule, e.source, e.start, e.end,
                                e.confidence, {**e.data, "status": e.label, "domain": domain,
                                 "reason": _REASONS.get(e.rule)}))
        else:
            out.append(Evidence("alignment", "note", e.rule, e.source, e.start, e.end,
                                e.confidence, {**e.data, "text": sentence(e)}))
    return out


class StandardsComponent:
    """Adds the standards alignment (and a domain from a cited code) to ``doc._.evidence``.

    Reads the latest domain decision and the goal's grade (``doc._.goal_context``).
    """

    def __init__(self, nlp: Language, name: str = "goalcheck/standards") -> None:
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        return in_batches(docs, batch_size, self._align)

    def _align(self, docs: list[Doc]) -> list[Doc]:
        todo = [d for d in docs if is_english(d)]
        found = [evidence(d) for d in todo]
        domains = []
        for f in found:
            dom = latest(f, "domain", "domain")
            domains.append(dom.data.get("value") if dom else None)
        aligned = align_many([doc_text(d) for d in todo], domains,
                             [context(d).get("grade") for d in todo],
                             [skill_text(doc_text(d), f) for d, f in zip(todo, found, strict=True)])
        for doc, domain, (alignment, found) in zip(todo, domains, aligned, strict=True):
            decision = [e for e in found if e.label == alignment.status]
            for e in decision:  # the decision carries what convert needs to rebuild the Alignment
                e.data.update(score=alignment.score,
                              standards=[m.to_dict() for m in alignment.standards])
            add(doc, alignment_evidence(found, domain))
        return docs


@Language.factory("goalcheck/standards", assigns=["doc._.evidence"])
def make_standards(nlp: Language, name: str) -> StandardsComponent:
    """spaCy factory: ``nlp.add_pipe("goalcheck/standards")`` (after the domain decision)."""
    return StandardsComponent(nlp, name)
