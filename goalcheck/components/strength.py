"""Component "goalcheck/strength": deficit framing per RUBRIC.md section 3.

Deficit phrases, their categories and strength-based suggestions live in
``data/lexicons/deficits.json``. Negation and context are handled there too:
"will not need prompts" is not deficit framing, and a negative-only target
that names a replacement behavior ("instead of hitting, will ask for a
break") is ``neutral`` (RUBRIC 7.8).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc

from ..literals import ascii_lower, may_match, needs_of, search
from ..schema import Evidence
from .base import add, doc_text, is_english, register_extensions


@dataclass(frozen=True)
class Deficit:
    """One deficit span with its category, suggestion and optional rewrite text."""

    start: int
    end: int
    category: str
    suggestion: str
    replace: str | None = None


@dataclass
class StrengthResult:
    """Deficit spans and the strength class of a text."""

    deficits: list[Deficit] = field(default_factory=list)
    strength_class: str = "strength_based"
    replacement_named: bool = False


_REPLACED_WINDOW = 40  # characters after "instead of" that name the replaced behavior


@dataclass(frozen=True)
class DeficitLexicon:
    entries: list[tuple[re.Pattern[str], str, str, str | None]]
    any_deficit: re.Pattern[str]  # all entries in one pattern: most goals match none
    named_replacement: list[re.Pattern[str]]
    reduction_replacement: list[re.Pattern[str]]
    not_deficit: list[re.Pattern[str]]
    reduced_verb: re.Pattern[str]
    reduced_subject: re.Pattern[str]
    reduced_suggestion: str


@lru_cache(maxsize=1)
def lexicon() -> DeficitLexicon:
    """The compiled deficit lexicon."""
    raw = json.loads(
        resources.files("goalcheck").joinpath("data/lexicons/deficits.json").read_text("utf-8")
    )
    flags = re.IGNORECASE
    return DeficitLexicon(
        entries=[
            (re.compile(d["regex"], flags), d["category"], d["suggestion"], d.get("replace"))
            for d in raw["deficits"]
        ],
        any_deficit=re.compile("|".join(f"(?:{d['regex']})" for d in raw["deficits"]), flags),
        named_replacement=[re.compile(r, flags) for r in raw["replacement_cues"]["named"]],
        reduction_replacement=[
            re.compile(r, flags) for r in raw["replacement_cues"]["with_reduction"]
        ],
        not_deficit=[re.compile(r, flags) for r in raw["not_deficit"]],
        reduced_verb=re.compile(raw["reduced_subject"]["verb"], flags),
        reduced_subject=re.compile(raw["reduced_subject"]["subject"], flags),
        reduced_suggestion=raw["reduced_subject"]["suggestion"],
    )


def find_deficits(text: str) -> StrengthResult:
    """Deficit spans and the strength class of ``text``.

    Cached (the component and the rewrite both ask about most goals); a copy each time.

    Example:
        >>> r = find_deficits("Sam will stop hitting peers.")
        >>> r.strength_class, [d.category for d in r.deficits]
        ('deficit_based', ['negative_only_target'])
    """
    r = _find_deficits(text)
    return StrengthResult(list(r.deficits), r.strength_class, r.replacement_named)


@lru_cache(maxsize=4096)
def _find_deficits(text: str) -> StrengthResult:
    lex = lexicon()
    low = ascii_lower(text)
    named = [m for rx in lex.named_replacement if may_match(needs_of(rx), low) for m in rx.finditer(text)]
    if not search(lex.any_deficit, text, low) and not search(lex.reduced_verb, text, low):
        return StrengthResult(
            strength_class="neutral" if named else "strength_based", replacement_named=bool(named)
        )
    cleared = [(m.start(), m.end()) for rx in lex.not_deficit if may_match(needs_of(rx), low)
               for m in rx.finditer(text)]
    # The behavior being replaced ("instead of refusing tasks") is named, not a label.
    cleared += [(m.end(), m.end() + _REPLACED_WINDOW) for m in named]
    found: list[Deficit] = []
    for rx, category, suggestion, replace in lex.entries:
        if not may_match(needs_of(rx), low):
            continue
        for m in rx.finditer(text):
            s, e = m.start(), m.end()
            if any(s < ce and cs < e for cs, ce in cleared):
                continue
            if any(s < d.end and d.start < e for d in found):
                continue
            found.append(Deficit(s, e, category, suggestion, replace))
    found.extend(_reduced_subjects(text, lex, found))
    found.sort(key=lambda d: d.start)
    negative_only = any(d.category == "negative_only_target" for d in found)
    replacement = bool(named) or (
        negative_only and any(rx.search(text) for rx in lex.reduction_replacement)
    )
    if replacement:
        # RUBRIC 7.8: a replacement behavior is named, so the target is neutral framing.
        found = [d for d in found if d.category != "negative_only_target"]
    cls = "deficit_based" if found else ("neutral" if replacement else "strength_based")
    return StrengthResult(deficits=found, strength_class=cls, replacement_named=replacement)


def _reduced_subjects(text: str, lex: DeficitLexicon, found: list[Deficit]) -> list[Deficit]:
    """RUBRIC 7.2: "Tantrum behavior, defined as ..., will decrease": the problem behavior
    is the subject of the reduction, so it is a negative-only target."""
    out = []
    for m in lex.reduced_verb.finditer(text):
        sentence = max(text.rfind(". ", 0, m.start()), text.rfind(";", 0, m.start())) + 1
        if any(m.start() < d.end and d.start < m.end() for d in found):
            continue
        if lex.reduced_subject.search(text, sentence, m.start()):
            out.append(Deficit(m.start(), m.end(), "negative_only_target", lex.reduced_suggestion))
    return out


def strength_evidence(result: StrengthResult) -> list[Evidence]:
    """Deficit spans (rule = category, with the suggestion) and the class, as evidence."""
    out = [Evidence("strength", "deficit", d.category, "lexicon", d.start, d.end, 0.85,
                    {"suggestion": d.suggestion, "replace": d.replace}) for d in result.deficits]
    out.append(Evidence("strength", "strength_class", "deficit_lexicon", "lexicon", confidence=0.8,
                        data={"value": result.strength_class,
                              "replacement_named": result.replacement_named}))
    return out


class StrengthComponent:
    """Adds deficit spans and the strength class to ``doc._.evidence``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        register_extensions()
        lexicon()

    def __call__(self, doc: Doc) -> Doc:
        if is_english(doc):
            add(doc, strength_evidence(find_deficits(doc_text(doc))))
        return doc


@Language.factory("goalcheck/strength", assigns=["doc._.evidence"])
def make_strength(nlp: Language, name: str) -> StrengthComponent:
    """spaCy factory: ``nlp.add_pipe("goalcheck/strength")``."""
    return StrengthComponent(nlp, name)
