"""Two text columns per page: reading order must be column by column."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from .golden import Golden
from .layout import BOLD, PAGE_H, PAGE_W, REGULAR, Layout

SOURCE = "two_column.pdf"
GUTTER = 24.0
SIZE = 9.5

PRESENT_LEVELS = [
    (
        "Theo is a second grader at Willow Creek Primary who loves dinosaurs, counting games and "
        "building block towers with classmates."
    ),
    (
        "Reading: Theo knows all letter sounds. On the winter phonics probe he read 8 of 20 "
        "consonant-vowel-consonant (CVC) and CVCe words correctly and recognized 31 of the first "
        "100 high-frequency words."
    ),
    (
        "Fine motor: Theo holds a pencil with a fisted grasp. When he copies from the board his "
        "letters float above and below the line, and he tires after about two lines."
    ),
    (
        "Behavior: When a game does not go his way at recess, Theo sometimes pushes a peer. "
        "Staff recorded 7 such events in October. He calms quickly when offered a quiet spot."
    ),
    (
        "Mathematics: Theo adds within 10 using his fingers and solved 9 of 20 mixed addition and "
        "subtraction problems within 20 in 3 minutes."
    ),
]

# (label, baseline or None, goal, objectives)
GoalRow = tuple[str, str | None, str, list[str]]
GOALS: list[GoalRow] = [
    (
        "Goal 1 - Phonics",
        "Reads 8 of 20 CVC and CVCe words correctly.",
        (
            "By May 2027, given a list of 20 CVC and CVCe words, Theo will read aloud at least 17 "
            "words correctly on 3 of 4 weekly phonics probes."
        ),
        [
            (
                "By January 2027, Theo will read aloud 15 of 20 CVC words correctly on 2 consecutive "
                "probes."
            )
        ],
    ),
    ("Goal 2 - Sight words", None, "Theo will know his sight words.", []),
    (
        "Goal 3 - Handwriting",
        None,
        (
            "By May 2027, using a tripod grasp, Theo will copy a 3-line sentence from the board with "
            "all letters resting on the line in 4 of 5 trials, as measured by occupational therapy "
            "work samples."
        ),
        [
            (
                "By January 2027, with a pencil grip, Theo will copy one line of text with letters on "
                "the line in 3 of 5 trials."
            )
        ],
    ),
    ("Goal 4 - Recess behavior", None, "Theo will be less aggressive at recess.", []),
    (
        "Goal 5 - Self-regulation",
        "7 pushing events recorded in October.",
        (
            "By May 2027, when frustrated during a game, Theo will ask for a break using his break "
            "card instead of pushing peers in 8 of 10 observed opportunities, as recorded on the "
            "classroom behavior chart."
        ),
        [
            (
                "By February 2027, with one adult reminder, Theo will hand his break card to an adult "
                "in 6 of 10 observed opportunities."
            )
        ],
    ),
    (
        "Goal 6 - Math facts",
        None,
        (
            "By May 2027, given 20 addition and subtraction problems within 20 (2.OA.B.2), Theo will "
            "write the correct answer to 18 problems within 3 minutes on 3 consecutive probes."
        ),
        [],
    ),
]

SERVICES = [
    (
        "Theo will receive specialized reading instruction, 4 x 30 minutes weekly, in the "
        "learning center."
    ),
    "Theo will receive occupational therapy, 1 x 30 minutes weekly, in the classroom.",
    "Theo will be offered a quiet spot and a break card throughout the school day.",
]


def _decorate(c: Canvas, page: int, total: int) -> None:
    c.setFont(REGULAR, 8)
    c.drawString(54, PAGE_H - 40, "Theo Lindqvist | DOB 01/09/2019 | Willow Creek Primary")
    c.drawRightString(PAGE_W - 54, 36, f"{page}/{total}")


def build(out_dir: Path) -> Golden:
    """Draw ``two_column.pdf`` and return its golden."""
    g = Golden(SOURCE)
    lay = Layout(top=PAGE_H - 60, bottom=60)
    full_left, full_right = lay.left, lay.right
    mid = (full_left + full_right) / 2

    def column(which: str, top: float) -> None:
        lay.y = top
        if which == "left":
            lay.left, lay.right = full_left, mid - GUTTER / 2
        else:
            lay.left, lay.right = mid + GUTTER / 2, full_right

    def full_width(y: float) -> None:
        lay.left, lay.right, lay.y = full_left, full_right, y

    def heading(kind: str, title: str) -> None:
        last = lay.last_page
        g.section(kind, title, lay.heading(title, size=12), last)

    def goal(row: GoalRow) -> None:
        label, baseline, text, objectives = row
        lay.paragraph(label, font=BOLD, size=SIZE, space_after=2)
        if baseline:
            lay.paragraph(f"Baseline: {baseline}", size=SIZE, space_after=2)
        parent = g.goal(text, "annual_goal", lay.paragraph(text, size=SIZE), baseline=baseline)
        for letter, obj in zip("ABC", objectives):
            page = lay.paragraph(f"Objective {letter}: {obj}", size=SIZE, indent=10)
            g.goal(obj, "objective", page, parent=parent)
        lay.skip(4)

    lay.paragraph("Individualized Education Program - Annual Review", font=BOLD, size=16)
    lay.paragraph("Student: Theo Lindqvist    Grade: 2    Meeting date: 11/30/2026", size=10)
    top = lay.y

    column("left", top)
    heading("present_levels", "Present Levels of Performance")
    for p in PRESENT_LEVELS:
        lay.paragraph(p, size=SIZE)
    left_end = lay.y
    column("right", top)
    heading("annual_goals", "Annual Goals")
    for row in GOALS[:2]:
        goal(row)
    if lay.page != 1:
        raise AssertionError("two_column.pdf: page 1 columns overflowed")

    lay.new_page()
    top = lay.y
    column("left", top)
    for row in GOALS[2:4]:
        goal(row)
    left_end = lay.y
    column("right", top)
    for row in GOALS[4:]:
        goal(row)
    if lay.page != 2:
        raise AssertionError("two_column.pdf: page 2 columns overflowed")

    full_width(min(left_end, lay.y) - 6)
    heading("services", "Services and Supports")
    for s in SERVICES:
        lay.paragraph(s, size=SIZE)
    g.not_goal(*SERVICES)
    g.close(lay.last_page)
    g.pages = lay.page
    g.extra["columns"] = {
        "1": ["present_levels", "annual_goals"],
        "2": ["annual_goals", "annual_goals"],
    }
    lay.render(out_dir / SOURCE, _decorate)
    return g
