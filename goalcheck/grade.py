"""The student's grade, read from text: the one grade parser of goalcheck."""

from __future__ import annotations

import re
from collections.abc import Iterable

_GRADE_RE = re.compile(
    r"\bgrade(?:\s+level)?\s*[:\-]?\s*(K|PK|Pre-?K|\d{1,2})(?:st|nd|rd|th)?\b"
    r"|\b(\d{1,2})(?:st|nd|rd|th)\s+grade(?:r)?\b",
    re.IGNORECASE,
)
#: How many lines of a document's opening are searched for the grade.
HEADER_LINES = 80


def parse_grade(text: str) -> str | None:
    """The grade a text names ("K", "PK", "1".."12"), or None.

    Example:
        >>> parse_grade("Student: Maya R.   Grade: 4"), parse_grade("a 10th grader"), parse_grade("Pre-K")
        ('4', '10', None)
    """
    m = _GRADE_RE.search(text)
    if not m:
        return None
    g = (m.group(1) or m.group(2)).upper().replace("PRE-K", "PK").replace("PREK", "PK")
    if g.isdigit():
        return str(int(g)) if 0 < int(g) <= 12 else None
    return g


def document_grade(lines: Iterable[str]) -> str | None:
    """The student's grade from a document's opening lines (its header block)."""
    for i, line in enumerate(lines):
        if i >= HEADER_LINES:
            break
        grade = parse_grade(line)
        if grade:
            return grade
    return None
