"""Indicator 13 judgement of postsecondary outcomes (RUBRIC.md section 2)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goalcheck.components.postsecondary import OutcomeVerdict, postsecondary_outcome

M, P, N = "measurable", "partially_measurable", "not_measurable"

# (goal, status, activity, after_school, area)
CASES: list[tuple[str, str, bool, bool, str | None]] = [
    # measurable: an observable outcome after high school, time stated
    ("Within one year of graduating, Teodoro will enroll in the automotive technology certificate program at Riverbend Technical College.", M, False, True, "education"),
    ("After leaving high school, Mireille will work at least 20 hours a week stocking shelves at Greenway Market.", M, False, True, "employment"),
    ("Upon exiting the 18-21 program, Hollis will live in a supported apartment with one roommate.", M, False, True, "independent_living"),
    ("After graduation Priya will ride the city bus to her job at the public library.", M, False, True, "independent_living"),
    ("After high school, Noor will enlist in the United States Army.", M, False, True, "education"),
    ("After graduation, Opal will volunteer at the animal shelter two days a week.", M, False, True, "employment"),
    ("Postsecondary employment: Ansel will be employed part-time as a stock clerk.", M, False, True, "employment"),
    # measurable: the time implied by the outcome itself (a degree, a career, "while in college")
    ("Desmond will earn an associate's degree in graphic design.", M, False, True, "education"),
    ("Ines will have a career as a veterinary technician.", M, False, True, "employment"),
    ("While enrolled in the welding program, Ezekiel will work part-time at his family's farm.", M, False, True, "employment"),
    ("Jun will attend Lakeview Community College and study early childhood education.", M, False, True, "education"),
    # partially measurable: countable, but nothing specific
    ("After high school, Bo will work.", P, False, True, "employment"),
    ("After graduation, Wren will attend college.", P, False, True, "education"),
    ("After high school, Fatou will find employment.", P, False, True, "employment"),
    ("After high school, Magnus will go to school.", P, False, True, "education"),
    ("After graduation, Ezra will get a job.", P, False, True, "employment"),
    # an outcome without any after-school time: not yet measurable as a postsecondary goal
    ("Marcus will obtain part-time employment in a grocery store.", P, False, False, "employment"),
    # not measurable: no area, nothing to count
    ("Once she finishes school, Rosalind will be happy.", N, False, True, None),
    ("After high school, Yuki will be independent.", N, False, True, None),
    ("Following graduation, Calloway will live independently.", N, False, True, None),
    ("After high school, Milo will be a productive member of society.", N, False, True, None),
    ("Sage will be successful after high school.", N, False, True, None),
    # not measurable: wishes and plans
    ("After graduation, Juno wants to become a firefighter.", N, False, True, None),
    ("Tomasz would like to attend a four-year university after high school.", N, False, True, None),
    ("After high school, Amadou will consider joining the Navy.", N, False, True, None),
    ("After graduation, Leni will explore options for culinary training.", N, False, True, None),
    ("After exiting school, Ravi will continue to learn about budgeting.", N, False, True, None),
    ("After high school, Greer will try to find work at a bakery.", N, False, True, None),
    ("Kofi plans to enroll in a barbering program after graduation.", N, False, True, None),
    ("Upon graduation, Isolde is interested in cosmetology school.", N, False, True, None),
    ("After graduation, Rue will think about living in a dorm.", N, False, True, None),
    ("Lucia hopes to work with animals.", N, False, False, None),
    # transition activities: can be done while still in high school
    ("Beatriz will visit three community colleges with her parents.", N, True, False, None),
    ("Omari will take a career interest survey with the transition specialist.", N, True, False, None),
    ("During his senior year, Kwame will complete a job application at two local stores.", N, True, False, None),
    ("By June 2027, Selby will participate in a mock interview and score 3 of 4 on the rubric.", N, True, False, None),
    ("Dov will attend the district transition fair in the spring.", N, True, False, None),
    ("Liesel will complete a learning-style inventory with her case manager.", N, True, False, None),
    ("Before graduating, Artemis will open a savings account at a local bank.", N, True, False, None),
    ("By the end of the IEP year, Cyrus will obtain his state ID card.", N, True, False, None),
    # passive outcomes
    ("Part-time employment at a hardware store will be obtained by Imre after graduation.", M, False, True, "employment"),
    ("A certificate in phlebotomy will be earned by Saskia within two years of leaving high school.", M, False, True, "education"),
    ("Employment will be obtained by Ty after high school.", P, False, True, "employment"),
    # placeholders name nothing (RUBRIC 7.21)
    ("After high school, [Student] will enroll in [program].", N, False, True, None),
]


@pytest.mark.parametrize("text, status, activity, after_school, area", CASES, ids=[c[0][:50] for c in CASES])
def test_outcome_verdict(text: str, status: str, activity: bool, after_school: bool, area: str | None) -> None:
    v = postsecondary_outcome(text)
    assert (v.status, v.activity, v.after_school, v.area) == (status, activity, after_school, area)
    assert v.reason and v.rule


@pytest.mark.parametrize("text, rule, words", [
    ("Kofi plans to enroll in a barbering program after graduation.", "plan_or_wish", "plans to"),
    ("After high school, Amadou will consider joining the Navy.", "hedged_outcome", "will consider"),
    ("Kendra will tour two colleges in the fall.", "tour", "will tour two colleges"),
    ("After graduation, Ezra will get a job.", "generic_outcome", "will get a job"),
    ("After high school, Sam will be happy.", "no_area", "will be happy."),
])
def test_rule_and_span(text: str, rule: str, words: str) -> None:
    v = postsecondary_outcome(text)
    assert v.rule == rule
    assert v.span is not None and text[v.span[0] : v.span[1]] == words


def test_the_reason_names_the_deciding_words() -> None:
    v = postsecondary_outcome("After high school, Darnell will get a job.")
    assert "'will get a job'" in v.reason and "nothing specific" in v.reason
    v = postsecondary_outcome("Dov will attend the district transition fair.")
    assert "high school" in v.reason and "transition activity" in v.reason


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_a_verdict(text: str) -> None:
    v = postsecondary_outcome(text)
    assert isinstance(v, OutcomeVerdict)
    assert v.status in (M, P, N)
    assert v.span is None or 0 <= v.span[0] <= v.span[1] <= len(text)
