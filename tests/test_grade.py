"""Tests of goalcheck.grade: the one grade parser (goals, IEP headers, ranks)."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goalcheck import grade as G

GRADES = {"PK", "K", *map(str, range(1, 13))}


@pytest.mark.parametrize(
    "text, grade",
    [("given a 3rd-grade passage", "3"), ("at a grade 4 level", "4"), ("second grade words", "2"),
     ("kindergarten sight words", "K"), ("an 8th grade article", "8"), ("Grade 12 text", "12"),
     ("a tenth-grade essay", "10"), ("in Pre-K", "PK"), ("grade K list", "K"),
     ("Grade: 4", "4"), ("Grade Level: 10", "10"), ("GRADE: K", "K"), ("grade: 07", "7"),
     ("Grade: Pre-K", "PK"), ("a preschool classroom", "PK"),
     ("grade-level text", None), ("at grade level", None), ("", None), ("3.5 hours", None),
     ("grade 3.4 level", None), ("by the end of 8th grade", None), ("entering 9th grade", None),
     ("By the end of 8th grade, given a grade 6 text", "6"), ("Version 4.2", None), ("upgrade 3 times", None)],
)
def test_parse_grade(text: str, grade: str | None) -> None:
    assert G.parse_grade(text) == grade


@pytest.mark.parametrize(
    "lines, grade",
    [
        (["Student: Lena Okafor DOB: 04/03/2019 Grade: 1 School: Oak Park"], "1"),
        (["Pine Hollow School District IEP Student: Elias Berg Grade 7"], "7"),
        (["IEP", "Grade Level: 10"], "10"),
        # The field wins over a grade of the material named earlier.
        (["Present levels: Jo reads grade 6 text.", "Grade: 9"], "9"),
        # No field: a description of the student, never the level of the material.
        (["Jordan is a fifteen-year-old ninth grader.", "He reads grade 6 text."], "9"),
        (["Hazel is a sixth grader. She reads grade 5 text at 105 wcpm."], "6"),
        (["Devon reads instructions at about a grade 7 level."], None),
        (["By March 2027, given a grade 2 decodable text, Marcus will read 60 wcpm."], None),
        (["He was found eligible in second grade."], None),
        ([], None),
    ],
)
def test_document_grade(lines: list[str], grade: str | None) -> None:
    assert G.document_grade(lines) == grade


def test_document_lines_after_the_limit_are_not_read() -> None:
    lines = ["Present levels."] * 80 + ["Grade: 4"]
    assert G.document_grade(lines) is None
    assert G.document_grade(iter(lines), limit=81) == "4"


@pytest.mark.parametrize("grade, rank", [("PK", 0), ("K", 0), ("k", 0), ("3", 3), ("12", 12),
                                         ("18-21", 12), (None, None), ("", None), ("ten", None)])
def test_grade_rank(grade: str | None, rank: int | None) -> None:
    assert G.grade_rank(grade) == rank


@given(st.text(max_size=200))
def test_parse_grade_any_text(text: str) -> None:
    assert G.parse_grade(text) in GRADES | {None}
    assert G.document_grade(text.splitlines()) in GRADES | {None}


def test_doctests() -> None:
    assert doctest.testmod(G).failed == 0
