"""The public API: analyze_goal(), analyze_many(), analyze_document().

The app, the CLI and users all enter here. A typed goal goes straight to
analysis; a document is ingested, split into sections and goals, and each goal
analysed in one batch through ``nlp.pipe``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from . import scoring
from .components.text import OBJECTIVE_PREFIX_RE, fold_case
from .pipeline import build_nlp
from .profiles import load_profile
from .rewrite import rewrite_goal
from .schema import (
    COMPONENTS,
    Alignment,
    Component,
    DeficitSpan,
    DocumentReport,
    Explanation,
    Goal,
    GoalAnalysis,
    Span,
)

if TYPE_CHECKING:
    from .ingest.limits import ReadLimits

log = logging.getLogger(__name__)

MAX_GOAL_CHARS = 5000
_COMPONENT_WHY = {
    "timeframe": "by when the goal is to be met",
    "condition": "the circumstances or materials",
    "learner": "who will do it",
    "behavior": "the observable action",
    "criterion": "how well, how much or how often",
    "measurement": "how progress will be measured",
}


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"a goal must be a string, not {type(text).__name__}")
    if not text.strip():
        raise ValueError("the goal text is empty: give the text of one goal")
    return text


def analyze_goal(text: str, *, kind: str | None = None, grade: str | None = None) -> GoalAnalysis:
    """Analyse one goal: components, vague verbs, deficits, domain, alignment, scores, rewrite.

    Args:
        text: the goal as written.
        kind: ``annual_goal``, ``objective`` or ``postsecondary_goal``; guessed when None.
        grade: the student's grade ("K", "3", ...), used for the standards grade check.

    Raises:
        ValueError: the text is empty.

    Example:
        >>> a = analyze_goal("By June 2027, Maya will read 20 sight words with 90% accuracy.")
        >>> a.measurability_class, a.missing
        ('measurable', ['condition', 'measurement'])
    """
    return analyze_many([text], kinds=[kind], grades=[grade])[0]


def analyze_many(
    texts: Iterable[str],
    *,
    kinds: Sequence[str | None] | None = None,
    grades: Sequence[str | None] | None = None,
    batch_size: int = 256,
) -> list[GoalAnalysis]:
    """Analyse many goals in one pass through ``nlp.pipe`` (much faster than one by one).

    Example:
        >>> [a.measurability_class for a in analyze_many(["Jo will improve reading.", "Read 20 sight words with 90% accuracy by May 2027."])]
        ['not_measurable', 'measurable']
    """
    out = analyze_rules(texts, kinds=kinds, grades=grades, batch_size=batch_size)
    _apply_models(out)
    for a in out:
        _finish(a)
    return out


def analyze_rules(
    texts: Iterable[str],
    *,
    kinds: Sequence[str | None] | None = None,
    grades: Sequence[str | None] | None = None,
    batch_size: int = 256,
) -> list[GoalAnalysis]:
    """The rules stage alone: components, vague verbs and deficits; no models, no scores.

    Used by :func:`analyze_many` and by ``goalcheck train`` (whose features include it).
    """
    originals = [_check_text(t) for t in texts]
    nlp = build_nlp()
    folded = [fold_case(t[:MAX_GOAL_CHARS]) for t in originals]
    docs = nlp.pipe(folded, batch_size=batch_size)
    out: list[GoalAnalysis] = []
    for i, (text, doc) in enumerate(zip(originals, docs, strict=True)):
        kind = kinds[i] if kinds and i < len(kinds) else None
        grade = grades[i] if grades and i < len(grades) else None
        out.append(_analysis_from_doc(text, doc, kind, grade))
    return out


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _guess_kind(text: str, doc: Doc, has_learner: bool) -> str:
    if doc._.measurability.postsecondary:
        return "postsecondary_goal"
    if OBJECTIVE_PREFIX_RE.match(text):
        return "objective"
    if not has_learner and doc._.measurability.components["behavior"]:
        return "objective"
    return "annual_goal"


def _analysis_from_doc(text: str, doc: Doc, kind: str | None, grade: str | None) -> GoalAnalysis:
    m = doc._.measurability
    s = doc._.strength
    components = {
        name: Component(
            present=bool(m.components.get(name)),
            spans=[_span(text, f.start, f.end) for f in m.components.get(name, [])],
        )
        for name in COMPONENTS
    }
    analysis = GoalAnalysis(text=text, components=components)
    analysis.kind = kind or _guess_kind(text, doc, components["learner"].present)
    analysis.vague_verbs = [_span(text, f.start, f.end) for f in m.vague_verbs]
    analysis.deficit_spans = [
        DeficitSpan(d.start, d.end, text[d.start : d.end], suggestion=d.suggestion)
        for d in s.deficits
    ]
    analysis.strength_class = s.strength_class
    ex = analysis.explanations
    for name in COMPONENTS:
        found = m.components.get(name, [])
        if found:
            f = found[0]
            ex.append(Explanation(
                "measurability", "pattern" if f.rule != "observable_lexicon" else "lexicon",
                f"{name} found ({_COMPONENT_WHY[name]}): '{text[f.start:f.end]}' "
                f"(rule: {f.rule.replace('_', ' ')})",
                f.confidence,
            ))
    for v in analysis.vague_verbs:
        ex.append(Explanation(
            "measurability", "lexicon",
            f"'{v.text}' is a vague verb: it names no action a teacher can see or count",
            0.9,
        ))
    for note in m.notes:
        ex.append(Explanation("measurability", "rule", note, 0.6))
    for d in s.deficits:
        ex.append(Explanation(
            "strength", "lexicon",
            f"deficit framing ({d.category.replace('_', ' ')}): '{text[d.start:d.end]}'. {d.suggestion}",
            0.85,
        ))
    if s.strength_class == "neutral":
        ex.append(Explanation(
            "strength", "lexicon",
            "reduces a behavior but names the replacement behavior: neutral framing", 0.8,
        ))
    analysis._postsecondary_timeframe = m.postsecondary  # type: ignore[attr-defined]
    analysis._grade = grade  # type: ignore[attr-defined]
    return analysis


def _apply_models(analyses: list[GoalAnalysis]) -> None:
    """Domain, learned refinements of the rules (goalcheck.ml), then standards alignment."""
    from .components.domain import classify_domain
    from .components.standards import align_many
    from .ml.predict import apply_models

    for a in analyses:
        domain, confidence, detail = classify_domain(a.text)
        a.domain = domain
        a.explanations.append(Explanation("domain", "lexicon", f"{domain}: {detail}", confidence))
    apply_models(analyses)
    aligned = align_many(
        [a.text for a in analyses], [a.domain for a in analyses],
        [getattr(a, "_grade", None) for a in analyses],
        [_skill_text(a) for a in analyses],
    )
    for a, (alignment, notes) in zip(analyses, aligned, strict=True):
        if alignment.status == "explicit" and alignment.standards:
            cited = _domain_of_code(alignment.standards[0].code)
            if cited and cited != a.domain and not (cited == "reading" and a.domain == "writing"):
                a.domain = cited
                a.explanations.append(Explanation(
                    "domain", "pattern", f"{cited}: from the cited standard", 1.0))
        a.alignment = alignment
        a.explanations.extend(notes)


_NOT_SKILL = ("timeframe", "condition", "measurement", "learner")


def _skill_text(a: GoalAnalysis) -> str:
    """The goal's text with everything but the action and its object blanked out."""
    chars = list(a.text)
    for name in _NOT_SKILL:
        for s in a.components[name].spans:
            chars[s.start : s.end] = " " * (s.end - s.start)
    for d in a.deficit_spans:  # "cannot read" before the goal describes, not targets
        chars[d.start : d.end] = " " * (d.end - d.start)
    # The skill starts at the action: sentences before it describe the present level.
    actions = [s.start for s in a.components["behavior"].spans] + [v.start for v in a.vague_verbs]
    return "".join(chars[min(actions) if actions else 0 :])


def _domain_of_code(code: str) -> str | None:
    """The domain a cited CCSS code belongs to (math, writing, communication, reading)."""
    parts = code.upper().split(".")
    if "MATH" in parts[:2]:
        return "math"
    strand = next((p for p in parts[2:] if p.isalpha()), "")
    return {"W": "writing", "SL": "communication", "L": None}.get(strand, "reading")


def _finish(a: GoalAnalysis) -> None:
    """Scores, classes and the rewrite, from the components found."""
    present = [c for c in COMPONENTS if a.components[c].present]
    a.measurability_score = scoring.measurability_score(present)
    postsecondary = a.kind == "postsecondary_goal"
    a.required = [] if postsecondary else list(load_profile().requires(a.kind))
    after_school = getattr(a, "_postsecondary_timeframe", False)
    a.measurability_class = scoring.measurability_class(
        present, a.kind,
        outcome=("measurable" if after_school else "partially_measurable") if postsecondary else None,
    )
    a.strength_score = scoring.strength_score(a.strength_class, len(a.deficit_spans))
    alignment = a.alignment or Alignment(status="not_applicable", score=None)
    a.overall = scoring.overall_score(a.measurability_score, a.strength_score, alignment.score)
    missing = [c for c in COMPONENTS if not a.components[c].present]
    why = {
        "measurable": "behavior, criterion and timeframe are all present",
        "partially_measurable": "an observable behavior, but "
        + " and ".join(c for c in ("criterion", "timeframe") if c in missing)
        + " missing" if not postsecondary else "an observable behavior, but no after-school timeframe",
        "not_measurable": "no observable behavior (the action is vague or missing)",
    }[a.measurability_class]
    if postsecondary and a.measurability_class == "measurable":
        why = "observable behavior with an after-school timeframe (Indicator 13)"
    a.explanations.insert(0, Explanation(
        "measurability", "rule",
        f"{a.measurability_class.replace('_', ' ')} ({a.measurability_score}/100): {why}"
        + (f"; missing: {', '.join(missing)}" if missing else ""),
        1.0,
    ))
    a.rewrite = rewrite_goal(a)


def analyze_document(
    source: str | Path | bytes,
    *,
    name: str | None = None,
    password: str | None = None,
    max_pages: int | None = None,
    max_bytes: int | None = None,
    ocr: str = "auto",
    limits: ReadLimits | None = None,
    reader: str = "auto",
) -> DocumentReport:
    """Analyse a whole IEP (PDF, DOCX or text): sections, goals with their analyses, warnings.

    ``limits`` bounds what one file may cost (pages, bytes, characters, zip
    ratio...; see ``goalcheck.ingest.limits.ReadLimits``); ``max_pages`` and
    ``max_bytes`` override its fields of the same name.

    ``reader`` chooses how PDF pages are read ("auto", "pdfium", "pdfplumber";
    see ``goalcheck.ingest.read_document``); the goals are the same with each.

    Raises:
        UnreadableDocument: the file is not a readable IEP (the message says why and what to do).

    Example:
        >>> from goalcheck.data import SAMPLE_IEP
        >>> report = analyze_document(SAMPLE_IEP)
        >>> report.summary["goals"] > 0
        True
    """
    from .extract import extract_goals
    from .ingest import read_document
    from .ml.predict import combined_line_scorer
    from .sections import find_sections

    document = read_document(
        source, name=name, password=password, max_pages=max_pages, max_bytes=max_bytes, ocr=ocr,
        limits=limits,
        reader=reader,
    )
    sections = find_sections(document)
    goals = extract_goals(document, sections, scorer=combined_line_scorer)
    grade = _document_grade(document)
    flat: list[tuple[str, str | None, Goal]] = []
    for gi, goal in enumerate(goals):
        flat.append((f"g{gi + 1}", None, goal))
        for oi, obj in enumerate(goal.objectives):
            flat.append((f"g{gi + 1}.{oi + 1}", f"g{gi + 1}", obj))
    analyses = analyze_many(
        [g.text for _, _, g in flat], kinds=[g.kind for _, _, g in flat], grades=[grade] * len(flat)
    ) if flat else []
    for (gid, parent, goal), a in zip(flat, analyses, strict=True):
        a.id, a.parent = gid, parent
        a.page, a.section, a.baseline = goal.page, goal.section, goal.baseline
    return DocumentReport(
        source=document.source, pages=document.pages, sections=sections,
        goals=analyses, warnings=list(document.warnings),
    )


_GRADE_RE = re.compile(
    r"\bgrade(?:\s+level)?\s*[:\-]?\s*(K|PK|Pre-?K|\d{1,2})(?:st|nd|rd|th)?\b|\b(\d{1,2})(?:st|nd|rd|th)\s+grade(?:r)?\b",
    re.IGNORECASE,
)


def _document_grade(document: object) -> str | None:
    """The student's grade from the first page's header block ("Grade: 4")."""
    for line in getattr(document, "lines", [])[:80]:
        m = _GRADE_RE.search(line.text)
        if m:
            g = (m.group(1) or m.group(2)).upper().replace("PRE-K", "PK").replace("PREK", "PK")
            return str(int(g)) if g.isdigit() else g
    return None
