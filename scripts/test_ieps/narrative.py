"""A narrative district plan: bold headings, numbered goal paragraphs, "1a." objectives."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from .golden import Golden
from .layout import BOLD, PAGE_H, PAGE_W, REGULAR, Layout

SOURCE = "narrative_district.pdf"
STUDENT = "Jonah Reyes"

PRESENT_LEVELS = [
    (
        "Jonah is a fifth grader at Birchwood Intermediate School who enjoys science "
        "experiments, drawing comics and building with construction sets. He is eager to help "
        "classmates and keeps his materials well organized."
    ),
    (
        "Reading: On the fall district screener Jonah read grade 4 passages at 88 words correct "
        "per minute. When he reads a grade 5 informational article on his own, he can name the "
        "topic but states the main idea correctly on about 2 of 5 checks. He answers questions "
        "more accurately when the text is read aloud to him."
    ),
    (
        "Mathematics: Jonah computes multi-digit addition and subtraction accurately. In word "
        "problems with two steps he usually completes only the first step. He compares "
        "fractions with like denominators but not fractions with unlike denominators."
    ),
    "Spelling: On dictated grade 4 high-frequency words Jonah spelled 22 of 50 correctly.",
    (
        "Social: At recess Jonah usually plays alone near the fence. He joins a game when an "
        "adult invites him, and he talks readily with adults about his drawings."
    ),
    (
        "Parent concerns: Parents would like him to read more at home and hope he will make a "
        "close friend at school this year."
    ),
]

# (baseline, goal text, objectives)
GOALS: list[tuple[str, str, list[str]]] = [
    (
        "States the main idea of a grade 5 informational article correctly on 2 of 5 checks.",
        (
            "By the annual review in November 2027, given a grade 5 informational text, Jonah will "
            "state the main idea and two supporting details in writing in 4 of 5 trials, as "
            "measured by teacher-scored comprehension checks."
        ),
        [
            (
                "By February 2027, given a grade 5 informational paragraph, Jonah will underline the "
                "sentence that states the main idea in 4 of 5 trials."
            ),
            (
                "By May 2027, given a grade 5 informational text, Jonah will write the main idea and "
                "one supporting detail in 4 of 5 trials."
            ),
        ],
    ),
    (
        "Completes only the first step of two-step word problems.",
        "Jonah will learn to use strategies to solve word problems.",
        [
            "Underline the question in a two-step word problem.",
            "Draw a model for each step of a word problem.",
        ],
    ),
    (
        "Spelled 22 of 50 dictated grade 4 high-frequency words correctly.",
        (
            "By November 2027, Jonah will spell 40 of 50 words from the grade 4 high-frequency list "
            "correctly on dictated spelling probes."
        ),
        [],
    ),
    (
        "Compares fractions with like denominators only.",
        (
            "Jonah will demonstrate understanding of equivalent fractions (4.NF.1) with 80% "
            "accuracy."
        ),
        ["Jonah will know his fractions."],
    ),
    (
        "Plays alone at recess unless an adult invites him into a game.",
        (
            "During unstructured time, Jonah will initiate a conversation or a game with a peer at "
            "least 3 times per recess on 4 of 5 observed days by November 2027, as recorded on "
            "observation data sheets."
        ),
        [
            (
                "By March 2027, with a visual cue card, Jonah will ask a peer to join a game at least "
                "once per recess on 3 of 5 observed days."
            )
        ],
    ),
]

SERVICES = [
    (
        "Jonah will receive specialized instruction in reading and mathematics in the resource "
        "room, 4 sessions of 45 minutes each week."
    ),
    (
        "Jonah will receive social skills instruction in a small group, 1 session of 30 minutes "
        "each week, provided by the school counselor."
    ),
]
SUPPORTS = [
    "Jonah will be given a copy of class notes for science and social studies.",
    "Tests will be read aloud to Jonah except when reading skills are being assessed.",
    "Jonah will have access to a number line and a fraction strip set in mathematics.",
]


def _decorate(c: Canvas, page: int, total: int) -> None:
    c.setFont(REGULAR, 8)
    c.drawString(54, PAGE_H - 40, "Birchwood School District - Individualized Education Program")
    c.drawRightString(PAGE_W - 54, 36, f"{STUDENT} - page {page}")


def build(out_dir: Path) -> Golden:
    """Draw ``narrative_district.pdf`` and return its golden."""
    g = Golden(SOURCE)
    lay = Layout(top=PAGE_H - 60, bottom=60)

    def heading(kind: str, title: str) -> None:
        last = lay.last_page
        g.section(kind, title, lay.heading(title, size=14, space_before=14), last)

    lay.paragraph("Individualized Education Program", font=BOLD, size=18, space_after=6)
    lay.paragraph(
        f"Student: {STUDENT}    Date of birth: 07/22/2015    Grade: 5", size=10, space_after=1
    )
    lay.paragraph(
        "School: Birchwood Intermediate School    IEP meeting: 11/12/2026    "
        "Next annual review: 11/11/2027",
        size=10,
    )

    heading("present_levels", "Present Levels of Academic Achievement and Functional Performance")
    for para in PRESENT_LEVELS:
        lay.paragraph(para, size=10.5)
    g.not_goal("Parents would like him to read more at home")

    heading("annual_goals", "Measurable Annual Goals")
    parents: list[int] = []
    for i, (baseline, text, _) in enumerate(GOALS, start=1):
        lay.ensure(80)
        lay.paragraph(f"Baseline: {baseline}", size=10.5, space_after=2)
        page = lay.paragraph(f"Goal {i}: {text}", size=10.5, space_after=9)
        parents.append(g.goal(text, "annual_goal", page, baseline=baseline))

    heading("objectives", "Short-Term Objectives/Benchmarks")
    for i, (_, _, objectives) in enumerate(GOALS, start=1):
        for letter, obj in zip("abcdef", objectives):
            page = lay.paragraph(f"{i}{letter}. {obj}", size=10.5, indent=18)
            g.goal(obj, "objective", page, parent=parents[i - 1])

    heading("services", "Special Education and Related Services")
    for s in SERVICES:
        lay.paragraph(s, size=10.5)
    heading("accommodations", "Supplementary Aids and Services")
    for s in SUPPORTS:
        lay.paragraph(f"- {s}", size=10.5, indent=10)
    g.not_goal(*SERVICES, *SUPPORTS)

    heading("other", "Progress Reporting")
    lay.paragraph(
        "Progress toward each annual goal will be reported to Jonah's parents "
        "in writing each trimester, with the district report card.",
        size=10.5,
    )
    g.not_goal(
        "Progress toward each annual goal will be reported to Jonah's parents in "
        "writing each trimester"
    )
    g.close(lay.last_page)
    g.pages = lay.page
    lay.render(out_dir / SOURCE, _decorate)
    return g
