"""Plan-level review of a whole IEP (RUBRIC.md section 8): eight checks with evidence.

Example:
    >>> from goalcheck.api import analyze_document
    >>> report = analyze_document(b"PRESENT LEVELS\\nJo reads 40 wcpm.\\nANNUAL GOALS\\nBy June 2027, Jo will read 90 wcpm.",
    ...                           name="jo.txt")
    >>> [c.id for c in report.plan.checks][:3]
    ['needs_have_goals', 'baselines', 'ambition']
"""

from __future__ import annotations

from goalcheck.schema import Document, DocumentReport, GoalAnalysis, PlanReview, Section

from .context import PlanContext, build_context
from .growth import check_ambition, check_baselines
from .monitoring import check_progress_monitoring
from .needs import check_accommodations, check_needs, check_services
from .recycled import check_recycled
from .transition import check_transition

__all__ = ["CHECKS", "review_context", "review_plan"]

#: The checks in RUBRIC.md order, each a function of the context.
CHECKS = (
    check_needs,
    check_baselines,
    check_ambition,
    check_progress_monitoring,
    check_services,
    check_accommodations,
    check_transition,
    check_recycled,
)


def review_context(ctx: PlanContext) -> PlanReview:
    """Run every check over a built context."""
    return PlanReview([check(ctx) for check in CHECKS])


def review_plan(document: Document, sections: list[Section], goals: list[GoalAnalysis], *,
                previous: DocumentReport | None = None) -> PlanReview:
    """The eight plan checks of RUBRIC.md section 8 for one document.

    Args:
        document: the ingested document (its lines give pages and evidence).
        sections: its sections.
        goals: the analysed goals (with ``id``, ``page``, ``baseline`` and ``domain``).
        previous: last year's IEP of the same student, for the recycled-goals check.
    """
    return review_context(build_context(document, sections, goals, previous))
