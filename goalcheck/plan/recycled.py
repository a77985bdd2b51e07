"""Recycled goals (RUBRIC.md section 8, check 8): goals carried over from last year's IEP.

Two goals are "nearly word for word" the same when the similarity of their
normalised words (lower case, dates and punctuation removed) is at least
:data:`THRESHOLD` (difflib's ratio over word sequences).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from goalcheck.schema import GoalAnalysis, PlanCheck, PlanFinding

from .context import PlanContext, quote
from .growth import levels
from .quantities import _MONTH_RE, main_quantity, quantities

THRESHOLD = 0.85
_DATES = re.compile(r"\b(?:\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|\d{4}-\d{2}-\d{2}|" + _MONTH_RE + r"(?:\s+\d{1,2},?)?\s+\d{4})\b",
                    re.IGNORECASE)


def words(text: str) -> list[str]:
    """The goal's words for comparison: lower case, dates and punctuation removed."""
    text = _DATES.sub(" ", text.lower())
    return re.findall(r"[a-z]+|\d+(?:\.\d+)?%?", text)


def similarity(a: str, b: str) -> float:
    """How nearly two goals are the same, 0-1 (1: the same words in the same order).

    Example:
        >>> round(similarity("By June 2026, Jo will read 40 sight words.", "By June 2027, Jo will read 40 sight words."), 2)
        1.0
    """
    return SequenceMatcher(None, words(a), words(b), autojunk=False).ratio()


def _target(goal: GoalAnalysis) -> str:
    q = main_quantity(quantities(goal.text))
    return q.label if q else "no target value"


def check_recycled(ctx: PlanContext) -> PlanCheck:
    """Goals nearly the same as last year's, with last year's target and this year's baseline."""
    prev = ctx.previous
    if prev is None:
        return PlanCheck("recycled_goals", "not_applicable",
                         [PlanFinding("no previous IEP given (goalcheck analyze THIS --previous LAST)")])
    old = [g for g in prev.goals if g.kind == "annual_goal"]
    if not old:
        return PlanCheck("recycled_goals", "not_applicable",
                         [PlanFinding(f"the previous IEP ({prev.source}) has no annual goals to compare")])
    findings: list[PlanFinding] = []
    for g in ctx.annual:
        best = max(old, key=lambda o: similarity(o.text, g.text))
        score = similarity(best.text, g.text)
        if score < THRESHOLD:
            continue
        lv = levels(ctx, g)
        baseline = lv.baseline.label if lv.baseline else (quote(lv.baseline_text, 80) if lv.baseline_text else "none found")
        last = _target(best)
        verdict = ""
        last_q = main_quantity(quantities(best.text), prefer=lv.baseline.unit if lv.baseline else None)
        if lv.baseline and last_q and last_q.same_unit(lv.baseline):
            met = (lv.baseline.value <= last_q.value) if lv.decreasing else (lv.baseline.value >= last_q.value)
            verdict = "; last year's goal looks met" if met else "; last year's goal was not met"
            last = last_q.label
        findings.append(ctx.goal_finding(
            g, f"goal {g.id} repeats last year's goal {best.id} ({prev.source}, p. {best.page}) nearly word for word "
               f"(similarity {score:.2f} >= {THRESHOLD}): last year's target {last}, this year's baseline {baseline}"
               f"{verdict}", area=g.domain))
    return PlanCheck("recycled_goals", "fail" if findings else "pass", findings)
