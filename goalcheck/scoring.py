"""Every number of RUBRIC.md, and nothing else; the class rule and weights come from a profile."""

from __future__ import annotations

from collections.abc import Iterable

from .profiles import RubricProfile, load_profile

#: RUBRIC 2: weights of the measurability components (sum 100).
WEIGHTS: dict[str, int] = {
    "behavior": 30,
    "criterion": 25,
    "timeframe": 15,
    "condition": 10,
    "measurement": 10,
    "learner": 10,
}
#: RUBRIC 3: strength scores.
STRENGTH_NEUTRAL = 70
DEFICIT_PENALTY = 30
#: RUBRIC 5: weights of the overall score.
OVERALL_WITH_ALIGNMENT = {"measurability": 0.6, "strength": 0.2, "alignment": 0.2}
OVERALL_WITHOUT_ALIGNMENT = {"measurability": 0.75, "strength": 0.25}


def measurability_score(present: Iterable[str], profile: RubricProfile | None = None) -> int:
    """Sum of the profile's weights of the present components (0-100).

    Example:
        >>> measurability_score(["behavior", "criterion", "timeframe"])
        70
    """
    weights = (profile or load_profile()).weights
    return sum(weights[c] for c in set(present))


def measurability_class(present: Iterable[str], kind: str = "annual_goal",
                        profile: RubricProfile | None = None, *,
                        outcome: str | None = None) -> str:
    """RUBRIC 2 class under ``profile``; postsecondary goals by the Indicator 13 rule.

    ``outcome``: for a postsecondary goal, the Indicator 13 verdict on its
    outcome (``measurable``, ``partially_measurable`` or ``not_measurable``);
    it decides the class whenever an observable behavior is present.

    Example:
        >>> measurability_class(["behavior", "criterion"])
        'measurable'
        >>> measurability_class(["behavior", "criterion"], profile=load_profile("smart"))
        'partially_measurable'
        >>> measurability_class(["behavior"], "postsecondary_goal", outcome="measurable")
        'measurable'
    """
    found = set(present)
    if kind == "postsecondary_goal":
        if outcome == "not_measurable" or "behavior" not in found:
            return "not_measurable"
        return outcome or "partially_measurable"
    if "behavior" not in found:
        return "not_measurable"
    required = (profile or load_profile()).requires(kind)
    return "measurable" if set(required) <= found else "partially_measurable"


def strength_score(strength_class: str, deficit_spans: int) -> int:
    """RUBRIC 3: 100 strength-based, 70 neutral, 100 - 30 per deficit span (floor 0).

    Example:
        >>> strength_score("deficit_based", 2)
        40
    """
    if strength_class == "strength_based":
        return 100
    if strength_class == "neutral":
        return STRENGTH_NEUTRAL
    return max(0, 100 - DEFICIT_PENALTY * deficit_spans)


def alignment_score(status: str, similarity: float = 0.0) -> int | None:
    """RUBRIC 4: explicit 100, inferred 100 x similarity (cap 100), none 0, n/a None.

    Example:
        >>> alignment_score("inferred", 0.714)
        71
    """
    if status == "explicit":
        return 100
    if status == "inferred":
        return min(100, round(100 * similarity))
    if status == "none":
        return 0
    return None


def overall_score(measurability: int, strength: int, alignment: int | None) -> int:
    """RUBRIC 5: 0.6 M + 0.2 S + 0.2 A, or 0.75 M + 0.25 S when A is not applicable.

    Example:
        >>> overall_score(85, 100, None)
        89
    """
    if alignment is None:
        w = OVERALL_WITHOUT_ALIGNMENT
        value = w["measurability"] * measurability + w["strength"] * strength
    else:
        w = OVERALL_WITH_ALIGNMENT
        value = (
            w["measurability"] * measurability + w["strength"] * strength
            + w["alignment"] * alignment
        )
    return int(value + 0.5)
