"""Component "goalcheck/tag_map": a fast stand-in for the English attribute ruler.

The attribute ruler of en_core_web_sm maps fine-grained tags (and a few
tag + word pairs) to coarse POS and morphology with a token Matcher; that is a
third of the pipeline's time on short goals. This component applies the same
single-token mappings, read from the ruler's own patterns when the pipeline is
loaded, with a dictionary lookup. Patterns that need the parser (DEP) are
skipped, as the parser is not run.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

Key = tuple[str, str | None]


def table_from_patterns(patterns: list[dict[str, Any]]) -> dict[Key, dict[str, str]]:
    """(tag, lower word or None) -> {"POS": ..., "MORPH": ...} from attribute-ruler patterns."""
    table: dict[Key, dict[str, str]] = {}
    for entry in patterns:
        for pattern in entry["patterns"]:
            if len(pattern) != 1 or set(pattern[0]) - {"TAG", "LOWER"} or "TAG" not in pattern[0]:
                continue
            tag, lower = pattern[0]["TAG"], pattern[0].get("LOWER")
            words = lower["IN"] if isinstance(lower, dict) else [lower]
            for word in words:
                table.setdefault((tag, word), {}).update(entry["attrs"])
    # A word-specific entry inherits what its tag alone maps to.
    for (tag, word), attrs in table.items():
        if word is not None:
            table[(tag, word)] = {**table.get((tag, None), {}), **attrs}
    return table


class TagMap:
    """Sets ``pos_`` and ``morph`` of each token from its tag (and word)."""

    def __init__(self, nlp: Language, name: str, table: dict[Key, dict[str, str]]) -> None:
        self.name = name
        self.table = table

    def __call__(self, doc: Doc) -> Doc:
        table = self.table
        for tok in doc:
            tag = tok.tag_
            attrs = table.get((tag, tok.lower_)) or table.get((tag, None))
            if attrs is None:
                continue
            pos = attrs.get("POS")
            if pos:
                tok.pos_ = pos
            morph = attrs.get("MORPH")
            if morph:
                tok.set_morph(morph)  # type: ignore[attr-defined]  # Cython attribute
        return doc


@Language.factory("goalcheck/tag_map", assigns=["token.pos", "token.morph"])
def make_tag_map(nlp: Language, name: str) -> TagMap:
    """spaCy factory; ``pipeline.build_nlp`` fills the table from the attribute ruler."""
    return TagMap(nlp, name, {})
