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
