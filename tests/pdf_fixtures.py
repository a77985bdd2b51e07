"""Small fictional IEP documents built with reportlab / python-docx for the ingest tests.

All students are fictional. Import these builders from the test modules.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

GOAL_1 = ("By June 2027, given a third-grade passage, Maya will read aloud 90 words correct "
          "per minute in 3 of 4 trials, as measured by curriculum-based probes.")
OBJ_1A = "Read 20 sight words from the Dolch list with 90% accuracy by November 2026."
OBJ_1B = "By February 2027, Maya will read aloud 75 words correct per minute on weekly probes."
GOAL_2 = ("By June 2027, when given 10 two-digit addition problems, Maya will solve them with "
          "80% accuracy on 4 of 5 weekly probes, as measured by teacher-charted data.")
BASELINE_2 = "Maya solves 3 of 10 two-digit addition problems correctly."
SERVICE = "Maya will receive speech therapy 2x30 minutes weekly."
ACCOMMODATION = "Maya will be allowed extended time (1.5x) on tests."
POST_GOAL = "After graduation, Maya will enroll in the culinary program at Valley Community College."
HABIT = "Maya will often leave her seat during independent work."


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {"h": base["Heading2"], "p": base["BodyText"]}


def _furniture(c: canvas.Canvas, doc: Any) -> None:
    c.saveState()
    c.setFont("Helvetica", 8)
    c.drawString(72, 760, "Northfield School District - Individualized Education Program")
    c.drawString(72, 30, f"Page {doc.page} of 3")
    c.restoreState()


def sample_iep_pdf() -> bytes:
    """A 3-page IEP: headers/footers, a goal grid table, objectives, services."""
    s = _styles()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=letter, topMargin=90, bottomMargin=60)
    story: list[Any] = [
        Paragraph("Student Information", s["h"]),
        Paragraph("Student: Maya Example. Grade: 3. Meeting date: 2026-06-01.", s["p"]),
        Paragraph("Present Levels of Academic Achievement and Functional Performance", s["h"]),
        Paragraph("Maya reads 62 words correct per minute on third-grade passages. "
                  "She enjoys stories about animals. " + HABIT, s["p"]),
        Paragraph("Parents would like Maya to read more at home.", s["p"]),
        Spacer(1, 300),
        Paragraph("Measurable Annual Goals", s["h"]),
        Paragraph("Goal 1: " + GOAL_1, s["p"]),
        Paragraph("Short-Term Objectives/Benchmarks", s["h"]),
        Paragraph("1a. " + OBJ_1A, s["p"]),
        Paragraph("1b. " + OBJ_1B, s["p"]),
    ]
    cell = ParagraphStyle("cell", parent=s["p"], fontSize=9, leading=11)
    grid = Table(
        [["Baseline", "Annual Goal", "Measured by"],
         [Paragraph(BASELINE_2, cell), Paragraph(GOAL_2, cell), Paragraph("Weekly probes", cell)]],
        colWidths=[140, 220, 100],
    )
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                              ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [Spacer(1, 12), Paragraph("Annual Goals", s["h"]), grid,
              Spacer(1, 200),
              Paragraph("Special Education and Related Services", s["h"]),
              Paragraph(SERVICE, s["p"]),
              Paragraph("Accommodations/Modifications", s["h"]),
              Paragraph(ACCOMMODATION, s["p"]),
              Paragraph("Transition Services", s["h"]),
              Paragraph("Postsecondary Goal (Education/Training): " + POST_GOAL, s["p"])]
    doc.build(story, onFirstPage=_furniture, onLaterPages=_furniture)
    return buf.getvalue()


def canvas_pdf(pages: list[list[tuple[float, float, str, str, float]]], **kw: Any) -> bytes:
    """A PDF drawn string by string: per page, (x, y, text, font, size) items."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, **kw)
    for items in pages:
        for x, y, text, font, size in items:
            c.setFont(font, size)
            c.drawString(x, y, text)
        c.showPage()
    c.save()
    return buf.getvalue()


def two_column_pdf() -> bytes:
    """One page of prose in two columns; each column's sentences run top to bottom."""
    left = [f"Left column sentence number {i} keeps going here." for i in range(1, 11)]
    right = [f"Right column sentence number {i} also goes on." for i in range(1, 11)]
    items = [(72, 720, "A Heading Across The Page", "Helvetica-Bold", 14)]
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        y = 690 - 14 * i
        items.append((50, y, a, "Helvetica", 10))
        items.append((320, y, b, "Helvetica", 10))
    return canvas_pdf([items])


def raw_pdf(pages: list[bytes], *, filters: list[str] | None = None, count: int | None = None) -> bytes:
    """A hand-written PDF: one content stream per page (already encoded as given).

    ``filters[i]`` names the stream's /Filter (e.g. "FlateDecode"); ``count``
    overrides the page tree's /Count (to build a lying or empty page tree).
    """
    filters = filters or [""] * len(pages)
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(len(pages)))
    n = len(pages) if count is None else count
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode())
    font = 3 + 2 * len(pages)
    for i, (content, flt) in enumerate(zip(pages, filters, strict=True)):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
        )
        extra = f" /Filter /{flt}" if flt else ""
        objects.append(f"<< /Length {len(content)}{extra} >>\nstream\n".encode() + content + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def text_stream(text: str) -> bytes:
    """A content stream drawing one line of text."""
    return f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()


def image_only_pdf() -> bytes:
    """A 'scanned' page: one picture and no text layer."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    img = Image.new("RGB", (200, 100), "white")
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    c.drawImage(ImageReader(img), 72, 500, width=400, height=200)
    c.showPage()
    c.save()
    return buf.getvalue()


def sample_iep_docx() -> bytes:
    """A DOCX IEP: headings, paragraphs, a goal grid table and a page break."""
    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    d.add_heading("Present Levels of Performance", level=1)
    d.add_paragraph("Maya reads 62 words correct per minute. " + HABIT)
    d.add_heading("Annual Goals", level=1)
    table = d.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Baseline", "Annual Goal", "Measured by"], strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, [BASELINE_2, GOAL_2, "Weekly probes"], strict=True):
        cell.text = text
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.add_heading("Related Services", level=1)
    d.add_paragraph(SERVICE)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
