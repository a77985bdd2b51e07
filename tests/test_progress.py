"""analyze_document(progress=...): stages in order, counts that grow to their totals, the same
report as without it, and a callback that raises stops the analysis (issue 14.6)."""

from __future__ import annotations

import pytest

from goalcheck.api import STAGES, analyze_document
from goalcheck.data import SAMPLE_IEP
from goalcheck.extract import SCORE_BATCH

GOAL = ("Goal {i}: By June 2027, given a grade {g} passage, Sam will read aloud {i} words correct per "
        "minute in {t} of 5 trials, as measured by weekly probes.")
NOTE = "Note {i}: Sam read {i} pages of a book about {topic} with a partner on day {i}."
TOPICS = ("trains", "whales", "volcanoes", "the moon", "bridges")


def _long_text(goals: int, notes: int) -> bytes:
    lines = ["Annual Goals", *(GOAL.format(i=i, g=2 + i % 4, t=1 + i % 5) for i in range(1, goals + 1)),
             "Present Levels", *(NOTE.format(i=i, topic=TOPICS[i % 5]) for i in range(notes))]
    return ("\n".join(lines) + "\n").encode()


def _record(source: bytes | object, **kw: object) -> tuple[list[tuple[str, int, int]], object]:
    calls: list[tuple[str, int, int]] = []
    report = analyze_document(source, progress=lambda s, d, t: calls.append((s, d, t)), **kw)
    return calls, report


def _check_order(calls: list[tuple[str, int, int]]) -> None:
    stages = [s for s, _, _ in calls]
    assert stages == sorted(stages, key=STAGES.index), "stages out of order"
    for stage in set(stages):
        seen = [(d, t) for s, d, t in calls if s == stage]
        dones = [d for d, _ in seen]
        assert dones == sorted(dones), (stage, dones)
        last_done, last_total = seen[-1]
        assert last_total == 0 or last_done == last_total, (stage, seen[-1])


def test_a_pdf_reports_every_page_then_lines_goals_and_plan() -> None:
    calls, report = _record(SAMPLE_IEP)
    _check_order(calls)
    pages = [(d, t) for s, d, t in calls if s == "reading" and d]
    assert pages == [(n, report.pages) for n in range(1, report.pages + 1)]
    plan = [(d, t) for s, d, t in calls if s == "reviewing the plan"]
    assert plan[0] == (0, 0) and plan[-1][0] == plan[-1][1] > 0
    assert ("analysing goals", len(report.goals), len(report.goals)) in calls
    assert report.to_dict() == analyze_document(SAMPLE_IEP).to_dict()


def test_a_long_text_reports_its_lines_in_steps() -> None:
    data = _long_text(goals=30, notes=2 * SCORE_BATCH)
    calls, report = _record(data, name="long.txt")
    _check_order(calls)
    lines = [(d, t) for s, d, t in calls if s == "finding goals"]
    total = lines[-1][1]
    assert total > 2 * SCORE_BATCH and len(lines) >= 4
    assert lines[0] == (0, total) and lines[1] == (SCORE_BATCH, total)  # a step per batch of lines
    assert ("reading", 1, 1) in calls  # a text file is read in one step
    assert len(report.goals) == 30
    assert report.to_dict() == analyze_document(data, name="long.txt").to_dict()


def test_a_big_plan_reports_inside_the_plan_review() -> None:
    """Present-level sentences, goals' baselines and checks each move the plan review's count."""
    from goalcheck.plan import CHECKS, GOALS_PER_REPORT
    from goalcheck.plan.growth import SENTENCES_PER_REPORT

    data = _long_text(goals=2 * GOALS_PER_REPORT + 3, notes=2 * SENTENCES_PER_REPORT + 100)
    calls, report = _record(data, name="big.txt")
    _check_order(calls)
    plan = [(d, t) for s, d, t in calls if s == "reviewing the plan"]
    assert plan[0] == (0, 0)  # before the document's paragraphs are gathered
    total = plan[-1][1]
    assert {t for _, t in plan[1:]} == {total}
    dones = [d for d, _ in plan[1:]]
    assert dones == sorted(set(dones)) and dones[0] == 0 and dones[-1] == total
    assert SENTENCES_PER_REPORT in dones and 2 * SENTENCES_PER_REPORT in dones
    assert len(dones) >= 1 + 2 + 2 + len(CHECKS)  # start, sentences, goals, each check
    assert report.plan is not None and len(report.plan.checks) == len(CHECKS)


def test_an_exception_from_the_callback_stops_the_analysis() -> None:
    class Enough(Exception):
        pass

    def stop(stage: str, done: int, total: int) -> None:
        if stage == "finding goals" and done:
            raise Enough

    with pytest.raises(Enough):
        analyze_document(_long_text(goals=5, notes=SCORE_BATCH + 10), name="x.txt", progress=stop)
