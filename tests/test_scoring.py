"""The numbers of RUBRIC.md: weights, classes, strength and overall scores."""

from __future__ import annotations

import pytest

from goalcheck import analyze_goal, scoring
from goalcheck.profiles import load_profile


def test_weights_sum_to_100() -> None:
    assert sum(scoring.WEIGHTS.values()) == 100


@pytest.mark.parametrize("present, score, cls", [
    ([], 0, "not_measurable"),
    (["learner", "criterion", "timeframe"], 50, "not_measurable"),
    (["behavior"], 30, "partially_measurable"),
    (["behavior", "criterion"], 55, "measurable"),
    (["behavior", "timeframe"], 45, "partially_measurable"),
    (["behavior", "criterion", "timeframe"], 70, "measurable"),
    (["timeframe", "condition", "learner", "behavior", "criterion", "measurement"], 100, "measurable"),
])
def test_measurability(present: list[str], score: int, cls: str) -> None:
    assert scoring.measurability_score(present) == score
    assert scoring.measurability_class(present) == cls


def test_postsecondary_class_follows_the_indicator_13_outcome_not_the_criterion() -> None:
    cls = scoring.measurability_class
    assert cls(["behavior"], "postsecondary_goal", outcome="measurable") == "measurable"
    assert cls(["behavior", "criterion", "timeframe"], "postsecondary_goal",
               outcome="partially_measurable") == "partially_measurable"
    assert cls(["behavior", "criterion"], "postsecondary_goal", outcome="not_measurable") == "not_measurable"
    assert cls([], "postsecondary_goal", outcome="measurable") == "not_measurable"


@pytest.mark.parametrize("profile, present, cls", [
    ("idea", ["behavior", "criterion"], "measurable"),
    ("smart", ["behavior", "criterion"], "partially_measurable"),
    ("smart", ["behavior", "criterion", "timeframe"], "measurable"),
    ("four_part", ["behavior", "criterion", "timeframe"], "partially_measurable"),
    ("four_part", ["behavior", "criterion", "timeframe", "condition"], "measurable"),
])
def test_profiles_decide_the_class(profile: str, present: list[str], cls: str) -> None:
    assert scoring.measurability_class(present, "annual_goal", load_profile(profile)) == cls


@pytest.mark.parametrize("cls, n, score", [
    ("strength_based", 0, 100), ("neutral", 0, 70), ("deficit_based", 1, 70),
    ("deficit_based", 3, 10), ("deficit_based", 5, 0),
])
def test_strength_score(cls: str, n: int, score: int) -> None:
    assert scoring.strength_score(cls, n) == score


@pytest.mark.parametrize("status, sim, score", [
    ("explicit", 0.2, 100), ("inferred", 0.714, 71), ("inferred", 1.3, 100), ("none", 0.9, 0),
    ("not_applicable", 0.9, None),
])
def test_alignment_score(status: str, sim: float, score: int | None) -> None:
    assert scoring.alignment_score(status, sim) == score


def test_overall() -> None:
    assert scoring.overall_score(100, 100, 100) == 100
    assert scoring.overall_score(50, 70, 0) == 44
    assert scoring.overall_score(50, 70, None) == 55


def test_analysis_scores_follow_the_rubric() -> None:
    a = analyze_goal("Sam will not hit peers during recess.")
    assert a.measurability_score == 30 + 10 + 10
    assert a.strength_score == 70
    assert a.alignment is not None and a.alignment.status == "not_applicable"
    assert a.overall == round(0.75 * 50 + 0.25 * 70)
