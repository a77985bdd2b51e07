"""The PDFium reader gives the same lines, sections and goals as the pdfplumber reader.

The golden documents are read with both readers and compared field by field;
small built PDFs cover what the corpus does not (rotated pages, form
XObjects, fonts changing inside a word, ligatures); hypothesis draws free
text laid out on a page.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from goalcheck.extract import extract_goals
from goalcheck.ingest import read_document
from goalcheck.ingest.pdfium import PdfiumPage, PdfiumPages
from goalcheck.schema import Document
from goalcheck.sections import find_sections
from tests.pdf_fixtures import sample_iep_pdf, two_column_pdf

CORPUS = Path(__file__).parent / "corpus"
PDFS = sorted(CORPUS.glob("*.pdf"))
OTHERS = sorted((Path(__file__).parent / "extraction_corpus").glob("*.pdf"))


def lines_of(doc: Document) -> list[tuple[Any, ...]]:
    return [(ln.text, ln.page, ln.bold, ln.in_table, ln.field, round(ln.size)) for ln in doc.lines]


def goals_of(doc: Document) -> list[tuple[Any, ...]]:
    out = []
    for goal in extract_goals(doc, find_sections(doc)):
        for g in (goal, *goal.objectives):
            fields = [f.to_dict() for f in getattr(g, "fields", None) or []]
            out.append((g.text, g.kind, g.page, g.section, g.baseline, fields))
    return out


def both(source: Path | bytes) -> tuple[Document, Document]:
    return read_document(source, reader="pdfplumber", ocr="never"), read_document(source, reader="pdfium", ocr="never")


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_golden_documents_same_goals_with_both_readers(path: Path, caplog: pytest.LogCaptureFixture) -> None:
    plumber, fast = both(path)
    assert "falls back to pdfplumber" not in caplog.text
    assert fast.pages == plumber.pages
    assert goals_of(fast) == goals_of(plumber)
    sections = [[(s.kind, s.title, s.page_start, s.page_end) for s in find_sections(d)] for d in (plumber, fast)]
    assert sections[0] == sections[1]
    assert lines_of(fast) == lines_of(plumber)
    assert fast.warnings == plumber.warnings


@pytest.mark.parametrize("path", OTHERS, ids=lambda p: p.name)
def test_other_layouts_same_goals_with_both_readers(path: Path, caplog: pytest.LogCaptureFixture) -> None:
    plumber, fast = both(path)
    assert "falls back to pdfplumber" not in caplog.text
    assert goals_of(fast) == goals_of(plumber)
    assert len(fast.lines) == len(plumber.lines)


def test_missing_page_attribute_falls_back_to_pdfplumber(caplog: pytest.LogCaptureFixture) -> None:
    data = (CORPUS / "state_form.pdf").read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = PdfiumPages(data, None, "pdfium")
        try:
            view = pages.view(pdf.pages[1])
            assert isinstance(view, PdfiumPage)
            assert len(view.rects) == len(pdf.pages[1].rects) > 0
            assert view.fallbacks == ["rects"] and "falls back to pdfplumber" in caplog.text
        finally:
            pages.close()


@pytest.mark.parametrize("make", [sample_iep_pdf, two_column_pdf], ids=["sample_iep", "two_column"])
def test_fixture_documents_same_lines(make: Any) -> None:
    plumber, fast = both(make())
    assert lines_of(fast) == lines_of(plumber)


def _pdf(draw: Any, **kw: Any) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, **kw)
    draw(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def _words(data: bytes) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Words of page 1 from pdfplumber and from PDFium: (text, x0, x1, bottom, fontname, size)."""
    def key(w: dict[str, Any]) -> tuple[Any, ...]:
        return (w["text"], w["x0"], w["x1"], w["bottom"], w["fontname"], round(w["size"], 1))

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        plumber = [key(w) for w in page.extract_words(extra_attrs=["fontname", "size"])]
        doc = pdfium.PdfDocument(data)
        try:
            fast = [key(w) for w in PdfiumPage(doc[0], page).extract_words()]
        finally:
            doc.close()
    return sorted(plumber), sorted(fast)


def same_places(a: list[tuple[Any, ...]], b: list[tuple[Any, ...]], tol: float = 1.0) -> bool:
    """Same words, each within ``tol`` points of the other's x0, x1 and bottom."""
    return len(a) == len(b) and all(
        x[0] == y[0] and all(abs(x[i] - y[i]) <= tol for i in (1, 2, 3)) for x, y in zip(a, b, strict=True)
    )


def test_font_change_inside_a_word_splits_it_as_pdfplumber_does() -> None:
    def draw(c: canvas.Canvas) -> None:
        t = c.beginText(72, 700)
        t.setFont("Helvetica-Bold", 12)
        t.textOut("Goal")
        t.setFont("Helvetica", 12)
        t.textOut("1: Maya will read.")
        c.drawText(t)

    plumber, fast = _words(_pdf(draw))
    assert [w[0] for w in fast] == [w[0] for w in plumber]
    assert ("Goal", "Helvetica-Bold") in {(w[0], w[4]) for w in fast}


def test_scaled_text_matrix_gives_the_visible_size() -> None:
    def draw(c: canvas.Canvas) -> None:
        t = c.beginText()
        t.setTextTransform(14, 0, 0, 14, 72, 700)
        t.setFont("Helvetica-Bold", 1)
        t.textOut("Annual Goals")
        c.drawText(t)
        c.saveState()
        c.translate(72, 600)
        c.scale(2, 2)
        c.setFont("Helvetica", 5)
        c.drawString(0, 0, "Maya will write a paragraph.")
        c.restoreState()

    plumber, fast = _words(_pdf(draw))
    assert same_places(fast, plumber)
    assert [w[5] for w in fast] == [w[5] for w in plumber]
    assert {w[0]: w[5] for w in fast}["Annual"] == 14.0 and {w[0]: w[5] for w in fast}["Maya"] == 10.0


def test_embedded_font_and_ligatures() -> None:
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    fonts = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont("VeraTest", str(fonts / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("VeraTest-Bold", str(fonts / "VeraBd.ttf")))

    def draw(c: canvas.Canvas) -> None:
        c.setFont("VeraTest-Bold", 12)
        c.drawString(72, 720, "Annual Goals")
        c.setFont("VeraTest", 11)
        c.drawString(72, 700, "Goal: Maya will \ufb01nd the main idea and re\ufb02ect on it.")

    plumber, fast = _words(_pdf(draw))
    assert same_places(fast, plumber)
    assert {"find", "reflect"} <= {w[0] for w in fast}
    assert all(("Bold" in w[4]) == (w[0] in {"Annual", "Goals"}) for w in fast)


def _form_table(c: canvas.Canvas) -> None:
    """A ruled 2x2 table drawn inside a form XObject, placed with a translation."""
    c.beginForm("grid")
    for y in (0, 30, 60):
        c.line(0, y, 400, y)
    for x in (0, 150, 400):
        c.line(x, 0, x, 60)
    c.setFont("Helvetica-Bold", 10)
    c.drawString(5, 40, "Annual Goal")
    c.drawString(155, 40, "Measured by")
    c.setFont("Helvetica", 10)
    c.drawString(5, 10, "Maya will read 20 words.")
    c.drawString(155, 10, "Weekly probes")
    c.endForm()
    c.saveState()
    c.translate(72, 500)
    c.doForm("grid")
    c.restoreState()


def test_table_inside_a_form_xobject() -> None:
    plumber, fast = both(_pdf(_form_table))
    assert lines_of(fast) == lines_of(plumber)
    assert any(ln.field == "Annual Goal" and ln.text == "Maya will read 20 words." for ln in fast.lines)


def test_rotated_page() -> None:
    def draw(c: canvas.Canvas) -> None:
        # A landscape page stored upright and rotated for display: the content
        # is drawn turned by 90 degrees so that it reads horizontally when shown.
        c.setPageRotation(90)
        c.translate(560, 60)
        c.rotate(90)
        c.setFont("Helvetica-Bold", 14)
        c.drawString(20, 20, "Measurable Annual Goals")
        c.setFont("Helvetica", 11)
        c.drawString(20, 40, "Goal 1: By June 2027, Maya will read 90 words correct per minute.")
        c.rect(20, 100, 300, 100)

    data = _pdf(draw)
    plumber, fast = both(data)
    assert lines_of(fast) == lines_of(plumber)
    assert [ln.text for ln in fast.lines][:2] == [
        "Goal 1: By June 2027, Maya will read 90 words correct per minute.", "Measurable Annual Goals"]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = PdfiumPages(data, None, "pdfium")
        try:
            view = pages.view(pdf.pages[0])
            assert isinstance(view, PdfiumPage)
            edges = sorted((e["orientation"], round(e["x0"]), round(e["top"])) for e in view.edges)
            assert edges == sorted((e["orientation"], round(e["x0"]), round(e["top"])) for e in pdf.pages[0].edges)
        finally:
            pages.close()


def test_rotated_text_goes_to_pdfplumber_in_auto_mode() -> None:
    def draw(c: canvas.Canvas) -> None:
        c.setFont("Helvetica", 11)
        c.drawString(72, 700, "Goal 1: Maya will read 90 words correct per minute.")
        c.saveState()
        c.translate(40, 300)
        c.rotate(90)
        c.drawString(0, 0, "Page margin note")
        c.restoreState()

    data = _pdf(draw)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for reader, expected in (("auto", False), ("pdfium", True)):
            pages = PdfiumPages(data, None, reader)
            try:
                assert isinstance(pages.view(pdf.pages[0]), PdfiumPage) is expected
            finally:
                pages.close()


def test_image_only_page_falls_back_for_ocr() -> None:
    data = (CORPUS / "scanned.pdf").read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = PdfiumPages(data, None, "pdfium")
        try:
            assert not isinstance(pages.view(pdf.pages[0]), PdfiumPage)
            assert isinstance(pages.view(pdf.pages[1]), PdfiumPage)
        finally:
            pages.close()


def test_reader_names_are_checked() -> None:
    assert read_document(b"Annual Goals", name="x.txt", reader=" PDFium ").lines[0].text == "Annual Goals"
    with pytest.raises(ValueError, match="auto, pdfplumber, pdfium"):
        read_document(b"Annual Goals", name="x.txt", reader="fitz")


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,:;%()-/", min_size=1, max_size=12)
LINE = st.tuples(
    st.lists(WORDS, min_size=1, max_size=10),
    st.sampled_from(["Helvetica", "Helvetica-Bold", "Times-Roman", "Courier"]),
    st.sampled_from([8, 9.5, 11, 14]),
    st.integers(min_value=0, max_value=200),
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE, min_size=1, max_size=12))
def test_free_text_same_lines(lines: list[tuple[list[str], str, float, int]]) -> None:
    def draw(c: canvas.Canvas) -> None:
        y = 740.0
        for words, font, size, indent in lines:
            c.setFont(font, size)
            c.drawString(54 + indent, y, " ".join(words))
            y -= size * 1.6

    plumber, fast = both(_pdf(draw))
    assert lines_of(fast) == lines_of(plumber)


def test_cli_reader_option_gives_the_same_report(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from goalcheck.cli import main

    reports = []
    for reader in ("pdfplumber", "pdfium"):
        assert main(["analyze", str(CORPUS / "transition.pdf"), "--format", "json", "--reader", reader]) == 0
        reports.append(json.loads(capsys.readouterr().out))
    assert reports[0] == reports[1] and reports[0][0]["goals"]  # one document per file read
    assert main(["analyze", str(CORPUS / "transition.pdf"), "--reader", "fitz"]) == 2
    assert "pdfium" in capsys.readouterr().err


def test_font_without_unicode_map_reads_as_codes_like_pdfplumber() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "hostile"))
    from make_corpus import no_tounicode

    plumber, fast = both(no_tounicode())
    assert lines_of(fast) == lines_of(plumber)
    assert fast.lines[0].text.startswith("(cid:") and fast.warnings == plumber.warnings
