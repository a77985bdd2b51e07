"""An image-only (scanned) page followed by one normal text page.

The first page is drawn as text, rasterized with pypdfium2 and embedded as a
picture only, so it has no text layer. The golden lists the text page's goals
under ``goals`` and the picture's goals under ``ocr_goals``.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from reportlab.lib.utils import ImageReader

from .golden import Golden
from .layout import BOLD, PAGE_H, PAGE_W, Layout, running_header_footer

SOURCE = "scanned.pdf"
DPI = 150

SCANNED_LEVELS = (
    "Sam is a sixth grader who enjoys chess club and reads mystery novels. On the district "
    "writing assessment he scored 2 of 4 on organization. In mathematics he multiplies "
    "fractions accurately but divides fractions correctly on 3 of 10 problems."
)
SCANNED_GOALS = [
    (
        "By June 2027, given a writing prompt and a planning sheet, Sam will write a 5-paragraph "
        "essay with an introduction, three body paragraphs and a conclusion, scoring 3 of 4 on "
        "the district organization rubric in 3 consecutive essays."
    ),
    (
        "By June 2027, Sam will divide fractions by fractions (CCSS.MATH.CONTENT.6.NS.A.1) "
        "correctly on 8 of 10 problems on 3 consecutive unit quizzes."
    ),
]
TEXT_GOALS = [
    ("Sam will be more organized.", "Loses track of homework about twice a week."),
    (
        (
            "By June 2027, during science labs, Sam will record each step of a procedure in his lab "
            "notebook with no more than 1 adult prompt in 4 of 5 labs, as measured by teacher "
            "notebook checks."
        ),
        "Records about half of the steps of a lab procedure.",
    ),
]
SERVICES = [
    "Sam will receive specialized writing instruction 3 x 45 minutes weekly.",
    "Sam will receive a check-in with his case manager 1 x 15 minutes weekly.",
]


def _scanned_page(tmp: Path) -> tuple[ImageReader, Golden]:
    og = Golden(SOURCE)
    lay = Layout()
    lay.paragraph("INDIVIDUALIZED EDUCATION PROGRAM", font=BOLD, size=15)
    lay.paragraph("Student: Sam Whitfield    Grade: 6    School: Lincoln Middle School", size=11)
    last = lay.last_page
    og.section(
        "present_levels",
        "Present Levels of Performance",
        lay.heading("Present Levels of Performance"),
        last,
    )
    lay.paragraph(SCANNED_LEVELS, size=11)
    last = lay.last_page
    og.section("annual_goals", "Annual Goals", lay.heading("Annual Goals"), last)
    for i, text in enumerate(SCANNED_GOALS, start=1):
        og.goal(text, "annual_goal", lay.paragraph(f"Goal {i}: {text}", size=11))
    og.close(lay.last_page)
    if lay.page != 1:
        raise AssertionError("scanned.pdf: the scanned page overflowed")
    pdf_path = tmp / "scan_source.pdf"
    lay.render(pdf_path)
    pdf = pdfium.PdfDocument(str(pdf_path))
    image = pdf[0].render(scale=DPI / 72, grayscale=True).to_pil()
    pdf.close()
    png = io.BytesIO()
    image.save(png, format="PNG", optimize=True)
    png.seek(0)
    return ImageReader(png), og


def build(out_dir: Path) -> Golden:
    """Draw ``scanned.pdf`` and return its golden."""
    g = Golden(SOURCE)
    with tempfile.TemporaryDirectory() as tmpdir:
        png, og = _scanned_page(Path(tmpdir))
        lay = Layout()
        lay.image(png, 0, 0, PAGE_W, PAGE_H)
        lay.new_page()

        def heading(kind: str, title: str) -> None:
            last = lay.last_page
            g.section(kind, title, lay.heading(title), last)

        heading("annual_goals", "Annual Goals (continued)")
        for i, (text, baseline) in enumerate(TEXT_GOALS, start=3):
            lay.paragraph(f"Baseline: {baseline}", size=11, space_after=2)
            page = lay.paragraph(f"Goal {i}: {text}", size=11, space_after=8)
            g.goal(text, "annual_goal", page, baseline=baseline)
        heading("services", "Special Education Services")
        for s in SERVICES:
            lay.paragraph(s, size=11)
        g.not_goal(*SERVICES)
        g.close(lay.last_page)
        g.pages = lay.page
        decorate = running_header_footer("Student: Sam Whitfield    DOB: 10/19/2014")
        # The scanned page keeps no text layer at all: no header or footer.
        lay.render(out_dir / SOURCE, lambda c, n, total: decorate(c, n, total) if n > 1 else None)
    g.extra["scanned_pages"] = [1]
    g.extra["ocr_sections"] = og.sections
    g.extra["ocr_goals"] = og.goals
    return g
