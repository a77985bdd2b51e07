"""A DOCX district plan: Word heading styles, a goal table and a services table.

DOCX files have no fixed pages; pages here are counted by explicit page
breaks (``"page_basis"`` in the golden), which is all a parser can see.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK

from .golden import Golden

SOURCE = "district_plan.docx"
FIXED = dt.datetime(2026, 9, 1, 12, 0, 0)

PRESENT_LEVELS = [
    (
        "Lena is a first grader at Oak Park Elementary who loves picture books about animals and "
        "builds elaborate stories during pretend play."
    ),
    (
        "On the fall literacy screener Lena named 18 of 26 lowercase letters and produced the "
        "sounds of 12 letters. She reads 5 kindergarten sight words."
    ),
    (
        "Lena communicates in 3- to 4-word phrases and follows one-step directions. Lena will "
        "sometimes hide under the table when the classroom is loud."
    ),
]

# (goal, baseline, evaluation, benchmarks)
GOALS = [
    (
        (
            "By September 2027, when shown the 26 lowercase letters in random order, Lena will say "
            "the sound of at least 24 letters on 3 consecutive weekly checks, as measured by a "
            "letter-sound checklist."
        ),
        "Produces the sounds of 12 of 26 letters.",
        "Letter-sound checklist, weekly",
        [
            (
                "By January 2027, Lena will say the sound of 18 of 26 lowercase letters on 2 "
                "consecutive weekly checks."
            ),
            (
                "By May 2027, Lena will say the sound of 22 of 26 lowercase letters on 2 consecutive "
                "weekly checks."
            ),
        ],
    ),
    (
        "Lena will read kindergarten sight words.",
        "Reads 5 kindergarten sight words.",
        "Teacher records",
        [],
    ),
    (
        (
            "By September 2027, during classroom routines, Lena will follow two-step directions "
            "given orally within 10 seconds in 8 of 10 opportunities, as recorded on speech-language "
            "data sheets."
        ),
        "Follows one-step directions.",
        "SLP data sheets",
        [
            (
                "By February 2027, with a picture cue, Lena will follow two-step directions in 6 of "
                "10 opportunities."
            )
        ],
    ),
    (
        "Lena will not hide under the table.",
        "Hides under the table during loud activities.",
        "Behavior chart",
        [],
    ),
]

SERVICES = [
    ("Lena will receive speech-language therapy.", "2 x 30 min weekly", "Therapy room"),
    (
        "Lena will receive specialized instruction in early literacy.",
        "5 x 30 min weekly",
        "Classroom (push-in)",
    ),
]
ACCOMMODATIONS = [
    "Lena will be given noise-reducing headphones during loud activities.",
    "Directions will be paired with picture cues.",
]


def _page_break(doc: DocxDocument) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _normalize_zip(path: Path) -> None:
    """Rewrite the archive with fixed timestamps so the file is byte-identical each run."""
    with zipfile.ZipFile(path) as src:
        members = [(info.filename, src.read(info)) for info in src.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in members:
            dst.writestr(
                zipfile.ZipInfo(name, date_time=(2026, 9, 1, 12, 0, 0)),
                data,
                compress_type=zipfile.ZIP_DEFLATED,
            )
    path.write_bytes(buf.getvalue())


def build(out_dir: Path) -> Golden:
    """Write ``district_plan.docx`` and return its golden."""
    g = Golden(SOURCE)
    doc = Document()
    props = doc.core_properties
    props.author = "Oak Park School District (fictional)"
    props.title = "IEP - Lena Okafor (fictional)"
    props.created = props.modified = FIXED
    props.last_modified_by = "goalcheck test corpus"
    props.revision = 1
    page = 1
    fresh = [False]  # True right after a page break, before any content

    def heading(kind: str, title: str, level: int = 1) -> None:
        doc.add_heading(title, level=level)
        g.section(kind, title, page, page - 1 if fresh[0] else page)
        fresh[0] = False

    def page_break() -> None:
        nonlocal page
        _page_break(doc)
        page += 1
        fresh[0] = True

    doc.add_heading("Individualized Education Program", level=0)
    doc.add_paragraph(
        "Student: Lena Okafor    DOB: 04/03/2019    Grade: 1    "
        "School: Oak Park Elementary    Meeting: 09/15/2026"
    )
    heading("present_levels", "Present Levels of Academic Achievement and Functional Performance")
    for p in PRESENT_LEVELS:
        doc.add_paragraph(p)
    g.not_goal("Lena will sometimes hide under the table when the classroom is loud.")
    page_break()

    heading("annual_goals", "Annual Goals")
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ["#", "Annual Goal", "Baseline", "Evaluation Method"]
    ):
        cell.text = text
    parents = []
    for i, (text, baseline, evaluation, _) in enumerate(GOALS, start=1):
        cells = table.add_row().cells
        for cell, value in zip(cells, [str(i), text, baseline, evaluation]):
            cell.text = value
        parents.append(g.goal(text, "annual_goal", page, baseline=baseline))
    heading("objectives", "Short-Term Objectives", level=2)
    for i, (_, _, _, benchmarks) in enumerate(GOALS):
        for letter, b in zip("ABC", benchmarks):
            doc.add_paragraph(f"Goal {i + 1}, Benchmark {letter}: {b}", style="List Bullet")
            g.goal(b, "objective", page, parent=parents[i])
    page_break()

    heading("services", "Special Education and Related Services")
    st = doc.add_table(rows=1, cols=3)
    st.style = "Table Grid"
    for cell, text in zip(st.rows[0].cells, ["Service", "Frequency", "Location"]):
        cell.text = text
    for row in SERVICES:
        for cell, value in zip(st.add_row().cells, row):
            cell.text = value
        g.not_goal(row[0])
    heading("accommodations", "Accommodations", level=2)
    for a in ACCOMMODATIONS:
        doc.add_paragraph(a, style="List Bullet")
    g.not_goal(*ACCOMMODATIONS)
    g.close(page)
    g.pages = page
    g.extra["page_basis"] = "explicit page breaks"
    path = out_dir / SOURCE
    doc.save(str(path))
    _normalize_zip(path)
    return g
