"""Explanations a new teacher can act on (issue 14.3), built from the evidence in one module."""

from __future__ import annotations

import re

import pytest

from goalcheck import analyze_goal

GOALS = [
    "By June 2027, given a 3rd-grade passage, Maya will read aloud at 110 wcpm in 4 of 5 trials.",
    "Jo will improve reading skills.",
    "Sam will not hit peers during recess.",
    "Instead of calling out, Ben will raise his hand in 4 of 5 opportunities.",
    "Read 20 sight words with 90% accuracy.",
    "Ava cannot stay seated. Ava will remain seated for 10 minutes during circle time.",
    "After graduation, Ana will enroll in the culinary program at Valley Community College.",
    "Liam will solve 3.OA.7 multiplication facts with 90% accuracy by May 2027.",
]
INTERNAL = re.compile(r"\(rule:|[a-z]+_[a-z]+|RUBRIC \d|similarity \d|model agrees|component\(s\)")


@pytest.mark.parametrize("text", GOALS)
def test_no_internal_words(text: str) -> None:
    for e in analyze_goal(text).explanations:
        assert not INTERNAL.search(e.detail), e.detail


@pytest.mark.parametrize("text", GOALS)
def test_every_tip_is_given_once(text: str) -> None:
    details = [e.detail for e in analyze_goal(text).explanations]
    assert len(details) == len(set(details))


def test_the_headline_says_what_to_do() -> None:
    a = analyze_goal("Jo will improve reading skills.")
    first = a.explanations[0].detail
    assert first.startswith("Not measurable") and "action a teacher can see or count" in first
    b = analyze_goal("Maya will read sight words aloud.")
    assert b.explanations[0].detail.startswith("Partly measurable")
    assert "how well, how much or how often" in b.explanations[0].detail


def test_non_english_goal_is_said_not_scored() -> None:
    a = analyze_goal("Para junio de 2027, Sofía leerá 20 palabras con el 90% de precisión.")
    assert a.status == "not_analysed" and a.language == "es"
    assert a.overall is None and a.rewrite is None
    assert "Spanish" in a.explanations[0].detail and "not analysed" in a.explanations[0].detail


# ---------------------------------------------------------------- alignment in plain words (issue 14.3)

from goalcheck import explain  # noqa: E402
from goalcheck.components.standards import calibration  # noqa: E402

READING = "By June 2027, given a grade 3 passage, Maya will read aloud at 90 words correct per minute."
NO_MATCH = "By June 2027, Maya will read the days of the week with 90% accuracy."


@pytest.mark.parametrize("confidence, words", [(1.0, "close match"), (0.7, "close match"),
                                               (0.69, "possible match"), (0.5, "possible match"),
                                               (0.49, "weak match"), (0.0, "weak match")])
def test_match_words_follow_the_calibrated_confidence(confidence: float, words: str) -> None:
    assert explain.match_words(confidence) == words


def test_an_inferred_standard_is_told_by_its_confidence_never_its_similarity() -> None:
    a = analyze_goal(READING)
    assert a.alignment is not None and a.alignment.status == "inferred"
    words = explain.match_words(a.alignment.standards[0].confidence)
    assert explain.alignment_words(a) == words
    detail = next(e.detail for e in a.explanations if e.dimension == "alignment")
    assert detail.lower().startswith(words) and "RF." in detail
    assert not re.search(r"similarity|0\.\d", " ".join(e.detail for e in a.explanations))


def test_below_the_threshold_it_is_no_close_match() -> None:
    a = analyze_goal(NO_MATCH)
    assert a.alignment is not None and a.alignment.status == "none" and a.alignment.standards == []
    decision = next(e for e in a.evidence if e.dimension == "alignment" and e.label == "alignment")
    assert decision.data["similarity"] < calibration().threshold
    assert explain.alignment_words(a) == "no close match"
    assert explain.alignment_words(analyze_goal("Jo will improve reading skills.")) == "names no skill"


def test_grade_mismatch_is_said_only_when_the_grade_is_known() -> None:
    goal = "By June 2027, Maya will add fractions with unlike denominators with 80% accuracy."
    assert explain.grade_warning(analyze_goal(goal)) is None
    warning = explain.grade_warning(analyze_goal(goal, grade="10"))
    assert warning is not None and "grade 10" in warning and "grade 5" in warning
    assert warning in [e.detail for e in analyze_goal(goal, grade="10").explanations]
    assert explain.grade_warning(analyze_goal(goal, grade="5")) is None


def test_one_table_of_language_names() -> None:
    from pathlib import Path

    from goalcheck.language import LANGUAGE_NAMES, language_name

    package = Path(explain.__file__).parent
    holders = [p.relative_to(package).as_posix() for p in package.rglob("*.py")
               if '"es": "Spanish"' in p.read_text(encoding="utf-8")]
    assert holders == ["language.py"]
    assert language_name("es") == "Spanish" and LANGUAGE_NAMES["vi"] == "Vietnamese"


def test_no_tip_a_user_reads_cites_the_rubric_by_number() -> None:
    """Deficit tips are shown as written (app, CLI, report): no "(RUBRIC 7.8)"."""
    import json
    from importlib import resources

    raw = resources.files("goalcheck").joinpath("data/lexicons/deficits.json").read_text()

    def tips(node: object) -> list[str]:
        if isinstance(node, dict):
            return [v for k, v in node.items() if k == "suggestion" and isinstance(v, str)] + [
                t for v in node.values() for t in tips(v)]
        return [t for v in node for t in tips(v)] if isinstance(node, list) else []

    found = tips(json.loads(raw))
    assert found and not [t for t in found if "RUBRIC" in t]
    a = analyze_goal("Leo will reduce out-of-seat behavior to 2 times per day.")
    assert a.deficit_spans and not any("RUBRIC" in e.detail for e in a.explanations)
