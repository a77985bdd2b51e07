"""The one grade parser of goalcheck: grade levels in goals and in IEP headers.

Pure functions, no spaCy: :func:`parse_grade` reads the first grade level a
text names ("a 3rd-grade passage", "Grade: 4", "kindergarten"),
:func:`document_grade` finds the student's grade in a document
(its "Grade: 4" field, else "a ninth grader"), and :func:`grade_rank` turns a
grade into a number for comparisons.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_ORDINALS = {
    "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6",
    "seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10", "eleventh": "11",
    "twelfth": "12",
}
_ORDINAL_WORDS = "|".join(_ORDINALS)
_NUMBER = r"1[0-2]|0?[1-9]"
_PK = r"pre-?k(?:indergarten)?|preschool"
_K = r"kindergarten|kinder"

_GRADE = re.compile(
    r"\b(?:"
    rf"(?P<num>{_NUMBER})(?:st|nd|rd|th)[\s-]*grade"
    rf"|(?P<word>{_ORDINAL_WORDS})[\s-]*grade"
    rf"|(?:grade|gr\.)(?:[\s-]*level)?\s*[:\-]?\s*(?P<after>{_NUMBER}|K|PK|pre-?k)"
    r"(?:st|nd|rd|th)?\b(?![.:]\d)"
    rf"|(?P<pk>{_PK})"
    rf"|(?P<k>{_K})"
    r")",
    re.IGNORECASE,
)
#: A form field: "Grade: 4", "Grade Level: 10", "grade: K", "Student: Ana Grade 5".
_FIELD = re.compile(
    r"(?<!\ba\s)(?<!\bthe\s)(?<!\bon\s)(?<!\bat\s)\b"
    r"(?:(?-i:Grade|GRADE)(?:\s+level)?\s*[:\-]?|grade(?:\s+level)?\s*:)"
    rf"\s*(?P<g>{_NUMBER}|K|PK|Pre-?K)(?:st|nd|rd|th)?\b(?![.:]\d)",
    re.IGNORECASE,
)
#: A description of the student: "is a ninth grader", "is a cheerful 3rd grader".
_GRADER = re.compile(
    r"\b(?:is|as)\s+an?\s+(?:[\w-]+\s+){0,3}?"
    rf"(?:(?P<word>{_ORDINAL_WORDS})|(?P<num>{_NUMBER})(?:st|nd|rd|th))[\s-]grader\b",
    re.IGNORECASE,
)
#: Words before a grade that make it a time ("by the end of 8th grade"), not a level.
_WHEN = re.compile(r"\b(?:end\s+of|by|before|until|through|entering|into)(?:\s+the)?\s*$",
                   re.IGNORECASE)
_RANKS = {"PK": 0, "K": 0, "18-21": 12}
#: How many lines of a document's opening are searched for the grade.
HEADER_LINES = 80


def _canonical(value: str) -> str:
    """"04" -> "4", "Pre-K" -> "PK", "k" -> "K"."""
    v = value.strip().upper().replace("-", "")
    if v in ("PREK", "PK"):
        return "PK"
    return str(int(v)) if v.isdigit() else v


def parse_grade(text: str) -> str | None:
    """The first grade level ``text`` names ("K", "PK", "1".."12"), or None.

    "grade-level text" and "at grade level" name no grade; "grade 3.4" is a
    decimal; "by the end of 8th grade" is a time, not a level.

    Example:
        >>> parse_grade("given a 3rd-grade passage"), parse_grade("Grade: 10")
        ('3', '10')
        >>> parse_grade("kindergarten sight words"), parse_grade("at grade level")
        ('K', None)
        >>> parse_grade("by the end of 8th grade, given a grade 6 text")
        '6'
    """
    for m in _GRADE.finditer(text or ""):
        if _WHEN.search(text[max(0, m.start() - 20):m.start()]):
            continue
        if m.group("num"):
            return _canonical(m.group("num"))
        if m.group("word"):
            return _ORDINALS[m.group("word").lower()]
        if m.group("after"):
            return _canonical(m.group("after"))
        if m.group("pk"):
            return "PK"
        if m.group("k"):
            return "K"
    return None


def document_grade(lines: Iterable[str], limit: int = HEADER_LINES) -> str | None:
    """The student's grade from a document's first ``limit`` lines, or None.

    A form field ("Grade: 4", "Student: Ana Grade 5") wins; else a
    description of the student ("Jordan is a ninth grader"). Grades of
    material ("reads grade 6 text", "a grade 4 passage") are not the student's.

    Example:
        >>> document_grade(["Jo reads grade 6 text.", "Student: Jo  Grade: 9"])
        '9'
        >>> document_grade(["Jordan is a fifteen-year-old ninth grader."])
        '9'
        >>> document_grade(["Given a grade 2 passage, Jo will read."]) is None
        True
    """
    head = [line for _, line in zip(range(limit), lines)]
    for line in head:
        if m := _FIELD.search(line):
            return _canonical(m.group("g"))
    for line in head:
        if m := _GRADER.search(line):
            return _ORDINALS[m.group("word").lower()] if m.group("word") else _canonical(m.group("num"))
    return None


def grade_rank(grade: str | None) -> int | None:
    """A grade as a number for comparisons (PK and K = 0, "18-21" = 12), or None.

    Example:
        >>> grade_rank("K"), grade_rank("10"), grade_rank("18-21"), grade_rank("junk")
        (0, 10, 12, None)
    """
    if grade is None:
        return None
    g = str(grade).strip().upper()
    if g in _RANKS:
        return _RANKS[g]
    return int(g) if g.isdigit() else None
