"""From a processed spaCy ``Doc`` to a :class:`~goalcheck.schema.GoalAnalysis`.

The components decide everything and leave evidence on the Doc; this module
only reads it: components and spans, vague verbs, deficits, classes, domain,
alignment, then the rubric profile's scores and class, the explanations and
the rewrite. A spaCy user who added goalcheck's components to a pipeline of
their own calls :func:`analysis_from_doc` and gets what ``analyze_goal`` gives.
"""

from __future__ import annotations

from spacy.tokens import Doc

from . import scoring
from .components import base
from .explain import explain
from .profiles import RubricProfile, load_profile
from .rewrite import rewrite_goal
from .schema import (
    COMPONENTS,
    Alignment,
    Component,
    DeficitSpan,
    Evidence,
    GoalAnalysis,
    Span,
    StandardMatch,
)


def _span(text: str, e: Evidence) -> Span:
    assert e.start is not None and e.end is not None
    if e.source == "field":
        field_text = str(e.data.get("text", ""))
        return Span(e.start, e.end, field_text[e.start:e.end], field=str(e.data.get("field")))
    return Span(e.start, e.end, text[e.start:e.end])


#: The analysis fields decided by the last evidence of a (dimension, label).
_DECIDED = (("kind", "kind", "kind"), ("strength", "strength_class", "strength_class"),
            ("domain", "domain", "domain"))


def rules_analysis(text: str, found: list[Evidence]) -> GoalAnalysis:
    """The analysis the evidence describes, before scores, explanations and rewrite.

    One pass over the evidence: the spans it marks, and the last record of each
    (dimension, label), which is the decision (a later component may revise an earlier one).
    """
    last: dict[tuple[str, str], Evidence] = {}
    spans: dict[str, list[Span]] = {c: [] for c in COMPONENTS}
    veto: dict[str, bool] = {}
    vague: list[Span] = []
    deficits: list[DeficitSpan] = []
    for e in found:
        last[e.dimension, e.label] = e
        if e.dimension == "measurability":
            if e.label in spans:
                if e.source == "model":
                    veto[e.label] = bool(e.data.get("present"))
                elif e.start is not None:
                    spans[e.label].append(_span(text, e))
            elif e.label == "vague_verb" and e.start is not None:
                vague.append(_span(text, e))
        elif e.dimension == "strength" and e.label == "deficit" and e.start is not None:
            deficits.append(DeficitSpan(e.start, e.end or e.start, text[e.start:e.end],
                                        suggestion=str(e.data.get("suggestion") or "")))
    lang = last.get(("language", "language"))
    if lang is not None and lang.data.get("value") not in (None, "en"):
        return GoalAnalysis(text=text, evidence=list(found), status="not_analysed",
                            language=str(lang.data["value"]),
                            components={c: Component() for c in COMPONENTS})
    a = GoalAnalysis(text=text, evidence=list(found), vague_verbs=vague, deficit_spans=deficits,
                     components={c: Component(present=veto.get(c, bool(spans[c])), spans=spans[c])
                                 for c in COMPONENTS})
    for dim, label, attr in _DECIDED:
        e = last.get((dim, label))
        if e is not None:
            setattr(a, attr, e.data["value"])
    al = last.get(("alignment", "alignment"))
    if al is not None:
        a.alignment = Alignment(al.data["status"], al.data["score"],
                                [StandardMatch(**m) for m in al.data.get("standards", [])])
    return a


def outcome(found: list[Evidence]) -> str | None:
    """The Indicator 13 verdict on a postsecondary goal's outcome, from its evidence."""
    e = base.latest(found, "measurability", "outcome")
    if e is not None:
        return str(e.data["status"])
    if base.latest(found, "measurability", "after_school_time") is not None:
        return "measurable"
    return None


def finish(a: GoalAnalysis, profile: RubricProfile) -> GoalAnalysis:
    """Scores, classes (by ``profile``), explanations and the rewrite of an analysis."""
    a.rubric = profile.to_dict()
    if a.status == "not_analysed":  # RUBRIC 7.25: no score, rather than an English one
        a.measurability_score = a.strength_score = a.overall = None
        a.measurability_class = a.strength_class = None
        a.explanations = explain(a)
        return a
    present = [c for c in COMPONENTS if a.components[c].present]
    postsecondary = a.kind == "postsecondary_goal"
    a.required = [] if postsecondary else list(profile.requires(a.kind))
    a.measurability_score = scoring.measurability_score(present, profile)
    a.measurability_class = scoring.measurability_class(
        present, a.kind, profile, outcome=outcome(a.evidence) or "partially_measurable")
    a.strength_score = scoring.strength_score(a.strength_class, len(a.deficit_spans))
    alignment = a.alignment or Alignment(status="not_applicable", score=None)
    a.overall = scoring.overall_score(a.measurability_score, a.strength_score, alignment.score)
    a.explanations = explain(a)
    a.rewrite = rewrite_goal(a)
    return a


def analysis_from_doc(doc: Doc, text: str | None = None,
                      profile: str | RubricProfile | None = None) -> GoalAnalysis:
    """The full analysis of a goal processed by goalcheck's components.

    Args:
        doc: the processed Doc (its text may be case-folded; offsets are the same).
        text: the goal as written, when ``doc.text`` was case-folded.
        profile: the rubric profile (name, path or profile); default ``idea``.
    """
    a = rules_analysis(text if text is not None else base.doc_text(doc), base.evidence(doc))
    a.grade = base.context(doc).get("grade")
    return finish(a, load_profile(profile))
