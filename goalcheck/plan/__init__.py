"""Plan-level review of a whole IEP (RUBRIC.md section 8): eight checks with evidence.

Example:
    >>> from goalcheck.api import analyze_document
    >>> report = analyze_document(b"PRESENT LEVELS\\nJo reads 40 wcpm.\\nANNUAL GOALS\\nBy June 2027, Jo will read 90 wcpm.",
    ...                           name="jo.txt")
    >>> [c.id for c in report.plan.checks][:3]
    ['needs_have_goals', 'baselines', 'ambition']
"""

from __future__ import annotations

from collections.abc import Callable

from goalcheck.schema import Document, DocumentReport, GoalAnalysis, PlanReview, Section

from .context import PlanContext, build_context
from .growth import check_ambition, check_baselines, levels, present_index
from .monitoring import check_progress_monitoring
from .needs import check_accommodations, check_needs, check_services, present_level_sentences
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


#: How many goals' baselines are found between two progress reports.
GOALS_PER_REPORT = 16


def review_context(ctx: PlanContext, progress: Callable[[int, int], None] | None = None) -> PlanReview:
    """Run every check over a built context.

    ``progress(done, total)``, when given, counts the steps: each present-level sentence
    read, each annual goal's baseline found, each check run (reported in batches).
    """
    sentences = len(present_level_sentences(ctx))
    annual = ctx.annual
    total = sentences + len(annual) + len(CHECKS)
    report = progress or (lambda done, total: None)
    report(0, total)
    present_index(ctx, on_sentences=lambda done: report(done, total))
    for i, goal in enumerate(annual, 1):
        levels(ctx, goal)  # remembered for the checks
        if i % GOALS_PER_REPORT == 0:
            report(sentences + i, total)
    checks = []
    for i, check in enumerate(CHECKS, 1):
        checks.append(check(ctx))
        report(sentences + len(annual) + i, total)
    return PlanReview(checks)


def review_plan(document: Document, sections: list[Section], goals: list[GoalAnalysis], *,
                previous: DocumentReport | None = None,
                progress: Callable[[int, int], None] | None = None) -> PlanReview:
    """The eight plan checks of RUBRIC.md section 8 for one document.

    Args:
        document: the ingested document (its lines give pages and evidence).
        sections: its sections.
        goals: the analysed goals (with ``id``, ``page``, ``baseline`` and ``domain``).
        previous: last year's IEP of the same student, for the recycled-goals check.
        progress: called as ``progress(done, total)`` as the review goes on (see
            :func:`review_context`); the first report comes once the document's
            paragraphs are gathered.
    """
    return review_context(build_context(document, sections, goals, previous), progress)
