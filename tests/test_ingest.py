"""Ingestion: lines with layout, tables as fields, columns, headers, hyphens."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_fixtures import (
    BASELINE_2,
    GOAL_2,
    HABIT,
    SERVICE,
    canvas_pdf,
    sample_iep_docx,
    sample_iep_pdf,
    two_column_pdf,
)

from goalcheck.ingest import read_document, sniff
from goalcheck.ingest.layout import page_list, pages_phrase, repair_hyphens
from goalcheck.schema import Line


@pytest.fixture(scope="module")
def pdf_doc():
    return read_document(sample_iep_pdf(), name="sample.pdf")


@pytest.mark.parametrize(
    "data, kind",
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\xef\xbb\xbfAnnual Goals\nMaya will read.", "text"),
        ("Objectif annuel: élève".encode("latin-1"), "text"),
        ("Annual goals".encode("utf-16"), "text"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\x00\x01\x02\x03" * 50, "binary data"),
    ],
)
def test_sniff(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


def test_dispatch_by_content_not_extension(tmp_path: Path) -> None:
    path = tmp_path / "actually_text.pdf"
    path.write_text("Annual Goals\nMaya will read 20 sight words by May 2027.\n")
    doc = read_document(path)
    assert doc.source == "actually_text.pdf"
    assert [ln.text for ln in doc.lines] == ["Annual Goals", "Maya will read 20 sight words by May 2027."]


def test_pdf_lines_keep_page_position_font(pdf_doc) -> None:
    heading = next(ln for ln in pdf_doc.lines if ln.text == "Measurable Annual Goals")
    body = next(ln for ln in pdf_doc.lines if ln.text.startswith("Parents would like"))
    assert heading.bold and not body.bold
    assert heading.size > body.size
    assert heading.page == 1 and heading.x0 == pytest.approx(78, abs=1)  # margin + frame padding
    assert pdf_doc.pages == 2


def test_repeated_header_and_footer_removed(pdf_doc) -> None:
    texts = [ln.text for ln in pdf_doc.lines]
    assert not any("Northfield School District" in t or t.startswith("Page ") for t in texts)


def test_table_cells_come_out_as_fields(pdf_doc) -> None:
    fields = {}
    for ln in pdf_doc.lines:
        if ln.in_table and ln.field:
            fields.setdefault(ln.field, []).append(ln.text)
    assert set(fields) == {"Baseline", "Annual Goal", "Measured by"}
    assert " ".join(fields["Annual Goal"]) == GOAL_2
    assert " ".join(fields["Baseline"]) == BASELINE_2


def test_two_columns_read_in_column_order() -> None:
    texts = [ln.text for ln in read_document(two_column_pdf(), name="cols.pdf").lines]
    assert texts[0] == "A Heading Across The Page"
    left = [i for i, t in enumerate(texts) if t.startswith("Left")]
    right = [i for i, t in enumerate(texts) if t.startswith("Right")]
    assert len(left) == len(right) == 10 and max(left) < min(right)


def test_single_column_page_is_not_split() -> None:
    items = [(72, 700 - 14 * i, f"Line {i} of ordinary prose runs across the whole page width here.",
              "Helvetica", 10) for i in range(20)]
    texts = [ln.text for ln in read_document(canvas_pdf([items]), name="p.pdf").lines]
    assert texts == [f"Line {i} of ordinary prose runs across the whole page width here." for i in range(20)]


def test_hyphenation_repaired_in_pdf() -> None:
    items = [(72, 700, "By June 2027 Maya will decod-", "Helvetica", 11),
             (72, 686, "ing words with 90% accuracy.", "Helvetica", 11)]
    texts = [ln.text for ln in read_document(canvas_pdf([items]), name="h.pdf").lines]
    assert texts == ["By June 2027 Maya will decoding", "words with 90% accuracy."]


@pytest.mark.parametrize(
    "texts, expected",
    [
        (["will decod-", "ing words"], ["will decoding", "words"]),
        (["will decod-", "ing"], ["will decoding"]),
        (["second -", "grade"], ["second -", "grade"]),
        (["well-", "Known"], ["well-", "Known"]),
        (["3-", "4 words"], ["3-", "4 words"]),
    ],
)
def test_repair_hyphens(texts: list[str], expected: list[str]) -> None:
    lines = [Line(text=t, page=1, top=10.0 * i) for i, t in enumerate(texts)]
    assert [ln.text for ln in repair_hyphens(lines)] == expected


def test_page_numbers_across_breaks() -> None:
    pages = [[(72, 700, "Annual Goals", "Helvetica-Bold", 14)], [(72, 700, "Related Services", "Helvetica-Bold", 14)]]
    doc = read_document(canvas_pdf(pages), name="two.pdf")
    assert [(ln.page, ln.text) for ln in doc.lines] == [(1, "Annual Goals"), (2, "Related Services")]


def test_docx_headings_tables_and_page_breaks() -> None:
    doc = read_document(sample_iep_docx(), name="iep.docx")
    by_text = {ln.text: ln for ln in doc.lines}
    assert by_text["Annual Goals"].bold and by_text["Annual Goals"].size > by_text[SERVICE].size
    assert by_text[GOAL_2].in_table and by_text[GOAL_2].field == "Annual Goal"
    assert by_text[BASELINE_2].field == "Baseline"
    assert by_text["Present Levels of Performance"].page == 1 and by_text[SERVICE].page == 2
    assert doc.pages == 2
    assert by_text["Maya reads 62 words correct per minute. " + HABIT].field is None


def test_text_pages_and_markdown_headings() -> None:
    doc = read_document(b"# Annual Goals\nMaya will read.\n\fRelated Services\n", name="t.txt")
    assert doc.pages == 2
    assert [(ln.page, ln.bold, ln.text) for ln in doc.lines] == [
        (1, True, "Annual Goals"), (1, False, "Maya will read."), (2, False, "Related Services")]


@pytest.mark.parametrize("pages, expected", [([1, 2, 3, 7], "1-3, 7"), ([5], "5"), ([], "")])
def test_page_list(pages: list[int], expected: str) -> None:
    assert page_list(pages) == expected


@pytest.mark.parametrize("pages, expected", [([4], "Page 4 is"), ([4, 4], "Page 4 is"), ([1, 2], "Pages 1-2 are")])
def test_pages_phrase(pages: list[int], expected: str) -> None:
    assert pages_phrase(pages) == expected
