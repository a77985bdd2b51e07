"""Sections from heading wording and layout."""

from __future__ import annotations

import pytest
from pdf_fixtures import sample_iep_pdf

from goalcheck.ingest import read_document
from goalcheck.schema import Document, Line
from goalcheck.sections import assign_lines, find_sections, heading_kind


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Present Levels of Academic Achievement and Functional Performance", "present_levels"),
        ("PLAAFP", "present_levels"),
        ("PLOP:", "present_levels"),
        ("Section 2: Present Level of Performance", "present_levels"),
        ("Measurable Annual Goals", "annual_goals"),
        ("ANNUAL GOALS", "annual_goals"),
        ("Annual Goals (continued)", "annual_goals"),
        ("Goals", "annual_goals"),
        ("Short-Term Objectives/Benchmarks", "objectives"),
        ("Benchmarks", "objectives"),
        ("Special Education and Related Services", "services"),
        ("Related Services", "services"),
        ("IV. Special Education, Related Services and Supplementary Aids", "services"),
        ("Supplementary Aids and Services", "accommodations"),
        ("Accommodations/Modifications", "accommodations"),
        ("Program Modifications", "accommodations"),
        ("Transition Services", "transition"),
        ("Measurable Postsecondary Goals", "transition"),
        ("Postsecondary Goals", "transition"),
        ("Least Restrictive Environment", "other"),
        ("Participation in State and District Assessments", "other"),
        # not headings
        ("Goal 1: Maya will read 20 words.", None),
        ("Annual goals will be reviewed each quarter.", None),
        ("Objective 1.2: Read 20 sight words.", None),
        ("Baseline: 62 wcpm", None),
        ("Goal 3", None),
        ("", None),
    ],
)
def test_heading_kind(text: str, kind: str | None) -> None:
    assert heading_kind(text) == kind


def test_loose_match_only_for_heading_looking_lines() -> None:
    title = "Present levels show that Maya reads at grade level in most areas"
    assert heading_kind(title) is None
    assert heading_kind(title, strict=False) == "present_levels"


def test_sample_pdf_sections() -> None:
    doc = read_document(sample_iep_pdf(), name="s.pdf")
    got = [(s.kind, s.title, s.page_start, s.page_end) for s in find_sections(doc)]
    assert got == [
        ("other", "Student Information", 1, 1),
        ("present_levels", "Present Levels of Academic Achievement and Functional Performance", 1, 1),
        ("annual_goals", "Measurable Annual Goals", 1, 1),
        ("objectives", "Short-Term Objectives/Benchmarks", 1, 1),
        ("annual_goals", "Annual Goals", 1, 2),
        ("services", "Special Education and Related Services", 2, 2),
        ("accommodations", "Accommodations/Modifications", 2, 2),
        ("transition", "Transition Services", 2, 2),
    ]


def _doc(*rows: tuple[str, int, float, bool]) -> Document:
    lines = [Line(text=t, page=p, top=20.0 * i, size=s, bold=b) for i, (t, p, s, b) in enumerate(rows)]
    return Document(source="x", pages=max(r[1] for r in rows), lines=lines)


def test_continued_heading_extends_section_and_text() -> None:
    doc = _doc(
        ("Annual Goals", 1, 14, True),
        ("Maya will read 20 words by May.", 1, 10, False),
        ("Annual Goals (continued)", 2, 14, True),
        ("Maya will add within 20 by May.", 2, 10, False),
        ("Related Services", 3, 14, True),
        ("Speech 2x30 weekly.", 3, 10, False),
    )
    sections = find_sections(doc)
    assert [(s.kind, s.page_start, s.page_end) for s in sections] == [("annual_goals", 1, 2), ("services", 3, 3)]
    assert sections[0].text == "Maya will read 20 words by May.\nMaya will add within 20 by May."
    owners = assign_lines(doc, sections)
    assert [o.kind if o else None for o in owners] == ["annual_goals"] * 4 + ["services"] * 2


def test_unknown_big_heading_starts_other_section_but_bold_label_does_not() -> None:
    doc = _doc(
        ("Annual Goals", 1, 14, True),
        ("Reading:", 1, 10, True),
        ("Maya will read 20 words by May.", 1, 10, False),
        ("Signatures Of The Team", 1, 14, True),
        ("Ms. Example", 1, 10, False),
    )
    assert [(s.kind, s.title) for s in find_sections(doc)] == [
        ("annual_goals", "Annual Goals"), ("other", "Signatures Of The Team")]


def test_wrapped_heading_joined() -> None:
    doc = _doc(
        ("Present Levels of Academic Achievement and Functional", 1, 14, True),
        ("Performance", 1, 14, True),
        ("Maya reads 62 wcpm.", 1, 10, False),
    )
    (section,) = find_sections(doc)
    assert section.title == "Present Levels of Academic Achievement and Functional Performance"
    assert section.text == "Maya reads 62 wcpm."


def test_document_title_is_not_a_section() -> None:
    doc = _doc(("INDIVIDUALIZED EDUCATION PROGRAM", 1, 18, True), ("Annual Goals", 1, 14, True),
               ("Maya will read.", 1, 10, False))
    assert [s.kind for s in find_sections(doc)] == ["annual_goals"]


def test_no_headings_no_sections() -> None:
    assert find_sections(_doc(("Maya reads well.", 1, 10, False))) == []
