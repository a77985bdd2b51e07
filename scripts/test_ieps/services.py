"""A services-heavy IEP: grids full of "will" sentences that are not goals, and two goals."""

from __future__ import annotations

from pathlib import Path

from .golden import Golden
from .layout import BOLD, Layout, running_header_footer

SOURCE = "services_grid.pdf"

GOALS = [
    (
        (
            "Given a grade 4 passage read aloud, Marcus answers 3 of 10 inferential questions "
            "correctly."
        ),
        (
            "By February 2028, after listening to a grade 4 passage, Marcus will answer inferential "
            "questions about it with 80% accuracy on 3 consecutive biweekly probes, as measured by "
            "teacher-made comprehension probes."
        ),
    ),
    (
        "Marcus needs 3 or more verbal prompts to start a writing task.",
        "Marcus will start writing tasks independently.",
    ),
]

SERVICES = [
    (
        "Special education",
        ("Marcus will receive specialized instruction in reading in a small group."),
        "5 x 30 min weekly",
        "Resource room",
        "Special education teacher",
    ),
    (
        "Related service",
        "Student will receive speech therapy 2x30 min weekly.",
        "2 x 30 min weekly",
        "Speech room",
        "Speech-language pathologist",
    ),
    (
        "Related service",
        ("Marcus will receive occupational therapy consultation for handwriting."),
        "1 x 20 min monthly",
        "Classroom",
        "Occupational therapist",
    ),
    (
        "Transportation",
        ("Marcus will ride the regular school bus with an aide seated near him."),
        "Daily",
        "Bus",
        "Transportation department",
    ),
]

ACCOMMODATIONS = [
    ("Accommodation", ("Marcus will be allowed extended time (1.5x) on tests and assignments.")),
    (
        "Accommodation",
        ("Marcus will be provided a scribe for written responses longer than one paragraph."),
    ),
    ("Accommodation", "Marcus will take tests in a small-group setting."),
    ("Modification", "Marcus will complete 10 spelling words instead of 20 each week."),
    (
        "Modification",
        ("Marcus will be graded on content, not spelling, in science and social studies."),
    ),
]

ASSESSMENT = [
    "Marcus will participate in the state assessment with accommodations.",
    (
        "Marcus will take the district benchmark assessments with extended time and a small-group "
        "setting."
    ),
]

LRE = [
    "Marcus will participate in general education for 80% of the school day.",
    (
        "Marcus will be removed from general education for reading instruction and speech "
        "therapy only."
    ),
    "Marcus will participate in lunch, recess, assemblies and field trips with his peers.",
]

SUPPORTS_FOR_STAFF = [
    "The classroom teacher will receive training on the use of the scribe accommodation.",
    "The team will meet in January to review progress.",
]


def build(out_dir: Path) -> Golden:
    """Draw ``services_grid.pdf`` and return its golden."""
    g = Golden(SOURCE)
    lay = Layout()

    def heading(kind: str, title: str) -> None:
        last = lay.last_page
        g.section(kind, title, lay.heading(title, size=12.5), last)

    lay.paragraph("IEP - Services, Supports and Placement", font=BOLD, size=15)
    lay.paragraph(
        "Student: Marcus Bell    Grade: 4    School: Hillside Elementary    "
        "Meeting date: 02/17/2027",
        size=10,
    )

    heading("annual_goals", "Annual Goals")
    gw = [0.35 * lay.width, 0.65 * lay.width]
    lay.table_row(["Baseline", "Measurable annual goal"], gw, bold=True, fill=0.88)
    for baseline, text in GOALS:
        page = lay.table_row([baseline, text], gw)
        g.goal(text, "annual_goal", page, baseline=baseline)

    heading("services", "Special Education, Related Services and Supplementary Aids")
    sw = [0.16, 0.38, 0.15, 0.13, 0.18]
    sw = [x * lay.width for x in sw]
    lay.table_row(
        ["Type", "Service", "Frequency", "Location", "Provider"], sw, bold=True, fill=0.88
    )
    for row in SERVICES:
        lay.table_row(list(row), sw, size=9)
        g.not_goal(row[1])

    heading("accommodations", "Accommodations and Modifications")
    aw = [0.2 * lay.width, 0.8 * lay.width]
    lay.table_row(["Kind", "Description"], aw, bold=True, fill=0.88)
    for acc in ACCOMMODATIONS:
        lay.table_row(list(acc), aw)
        g.not_goal(acc[1])

    heading("other", "Participation in State and District Assessments")
    for s in ASSESSMENT:
        lay.paragraph(f"[X] {s}", size=10)
    heading("other", "Least Restrictive Environment")
    lay.table_row(
        ["Percent of day in general education", "80%"], [0.6 * lay.width, 0.4 * lay.width], size=10
    )
    lay.skip(4)
    for s in LRE:
        lay.paragraph(s, size=10)
    heading("other", "Supports for School Personnel")
    for s in SUPPORTS_FOR_STAFF:
        lay.paragraph(s, size=10)
    g.not_goal(*ASSESSMENT, *LRE, *SUPPORTS_FOR_STAFF)
    g.close(lay.last_page)
    g.pages = lay.page
    lay.render(
        out_dir / SOURCE,
        running_header_footer("Student: Marcus Bell    DOB: 08/30/2017    Grade: 4"),
    )
    return g
