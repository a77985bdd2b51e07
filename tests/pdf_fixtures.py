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
