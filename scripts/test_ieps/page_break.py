"""Goals and objectives that run over page breaks, with hyphenated line ends."""

from __future__ import annotations

from pathlib import Path

from .golden import Golden
from .layout import BOLD, PAGE_W, Layout, running_header_footer

SOURCE = "page_break.pdf"
SIZE, LEADING = 11.0, 14.0

PRESENT_LEVELS = [
    (
        "Priya is a seventh grader at Northgate Middle School. She is an enthusiastic member "
        "of the robotics club and explains mechanical ideas clearly when she can show them with "
        "a model. Her teachers describe her as persistent and considerate."
    ),
    (
        "Reading: On the district comprehension assessment Priya scored in the 21st percentile. "
        "She identifies explicit information in literary passages, but her written summaries "
        "retell events without stating a theme, and she rarely quotes textual evidence."
    ),
    (
        "Writing: Priya's paragraphs contain accurate information, yet transitions between "
        "sentences are uncommon and her organization varies from assignment to assignment."
    ),
    (
        "Mathematics: Priya solves one-step equations accurately. On the last two quizzes she "
        "solved 4 of 10 two-step linear equations correctly, usually reversing the order of "
        "inverse operations."
    ),
]

GOAL1 = (
    "By June 2027, after independently reading a grade 7 literary text, Priya will "
    "write a summary that states the theme and cites two pieces of textual evidence, "
    "scoring 3 or higher on a 4-point comprehension rubric in 4 of 5 assignments, as "
    "measured by scored work samples collected monthly by her English teacher."
)
BASE1 = "Written summaries retell events without a theme; comprehension at the 21st percentile."
OBJ1 = [
    (
        "By January 2027, after reading a short story, Priya will identify its theme and cite "
        "one piece of supporting evidence with 75% accuracy on comprehension checks."
    ),
    (
        "By March 2027, after reading a grade 7 literary text, Priya will write a summary of at "
        "least five sentences that includes the theme, scoring 3 of 4 on the comprehension "
        "rubric in 3 of 5 assignments."
    ),
]
GOAL2 = "Priya will become a better writer and use transitions appropriately."
BASE2 = "Transitions are uncommon; organization varies between assignments."
OBJ2 = ["Use transitional phrases in paragraphs."]
GOAL3 = (
    "By June 2027, given ten two-step linear equations with one variable, Priya will "
    "solve at least 8 correctly on 3 consecutive biweekly quizzes "
    "(CCSS.MATH.CONTENT.7.EE.B.4)."
)
BASE3 = "Solved 4 of 10 two-step linear equations correctly on the last two quizzes."
OBJ3 = [
    (
        "By December 2026, Priya will write the inverse operations of a two-step equation in "
        "the correct order for 8 of 10 equations on a classroom quiz."
    ),
    (
        "By March 2027, given ten two-step linear equations with integer coefficients, Priya "
        "will solve at least 7 correctly and check each solution by substitution on 2 "
        "consecutive biweekly quizzes, as recorded on the mathematics teacher's progress chart."
    ),
]
SERVICES = [
    (
        "Priya will receive specialized instruction in reading comprehension in a co-taught "
        "English class, 5 periods each week."
    ),
    (
        "Priya will receive mathematics support in a small group, 2 sessions of 40 minutes "
        "each week."
    ),
]
ACCOMMODATIONS = [
    "Priya will be allowed extended time (1.5x) on tests and quizzes.",
    "Priya will be provided a graphic organizer for written summaries.",
]


def build(out_dir: Path) -> Golden:
    """Draw ``page_break.pdf`` and return its golden.

    The right margin is the first of a fixed list that gives at least two
    hyphenated words inside goals, so the output stays deterministic.
    """
    for margin in range(60, 140, 4):
        try:
            return _build(out_dir, margin)
        except _Retry:
            continue
    raise AssertionError("page_break.pdf: no margin gives two hyphenated goal words")


class _Retry(Exception):
    pass


def _build(out_dir: Path, margin: float) -> Golden:
    g = Golden(SOURCE)
    lay = Layout(right=PAGE_W - margin)

    def heading(kind: str, title: str) -> None:
        last = lay.last_page
        g.section(kind, title, lay.heading(title, size=12.5), last)

    def para(text: str, **kw: object) -> int:
        return lay.paragraph(text, size=SIZE, leading=LEADING, hyphenate=True, **kw)  # type: ignore[arg-type]

    def near_bottom(lines: int) -> None:
        # Leave room for exactly ``lines`` lines, so the next paragraph breaks.
        lay.y = lay.bottom + lines * LEADING + 2

    lay.paragraph("INDIVIDUALIZED EDUCATION PROGRAM", font=BOLD, size=15)
    para(
        "Student: Priya Nair    Grade: 7    School: Northgate Middle School    "
        "Case manager: Mr. Tomas Weller"
    )
    heading("present_levels", "PRESENT LEVELS OF PERFORMANCE")
    for p in PRESENT_LEVELS:
        para(p)

    heading("annual_goals", "ANNUAL GOALS AND SHORT-TERM OBJECTIVES")
    lay.paragraph("Annual Goal 1 - Reading Comprehension", font=BOLD, size=SIZE)
    para(f"Baseline: {BASE1}")
    near_bottom(2)
    page = para(f"Goal: {GOAL1}")
    g1 = g.goal(GOAL1, "annual_goal", page, baseline=BASE1)
    split_goal_pages = (page, lay.last_page)
    for j, obj in enumerate(OBJ1, start=1):
        g.goal(obj, "objective", para(f"Objective 1.{j}: {obj}", indent=16), parent=g1)

    lay.paragraph("Annual Goal 2 - Written Expression", font=BOLD, size=SIZE)
    para(f"Baseline: {BASE2}")
    page = para(f"Goal: {GOAL2}")
    g2 = g.goal(GOAL2, "annual_goal", page, baseline=BASE2)
    g.goal(OBJ2[0], "objective", para(f"Objective 2.1: {OBJ2[0]}", indent=16), parent=g2)

    lay.paragraph("Annual Goal 3 - Mathematics", font=BOLD, size=SIZE)
    para(f"Baseline: {BASE3}")
    page = para(f"Goal: {GOAL3}")
    g3 = g.goal(GOAL3, "annual_goal", page, baseline=BASE3)
    g.goal(OBJ3[0], "objective", para(f"Objective 3.1: {OBJ3[0]}", indent=16), parent=g3)
    near_bottom(1)
    page = para(f"Objective 3.2: {OBJ3[1]}", indent=16)
    g.goal(OBJ3[1], "objective", page, parent=g3)
    split_obj_pages = (page, lay.last_page)

    heading("services", "SPECIAL EDUCATION AND RELATED SERVICES")
    for s in SERVICES:
        para(s)
    heading("accommodations", "ACCOMMODATIONS")
    for s in ACCOMMODATIONS:
        para(s)
    g.not_goal(*SERVICES, *ACCOMMODATIONS)
    g.close(lay.last_page)

    if split_goal_pages[0] == split_goal_pages[1] or split_obj_pages[0] == split_obj_pages[1]:
        raise AssertionError("page_break.pdf: a goal and an objective must cross a page")
    in_goals = [
        w for w in lay.hyphenated if w.replace("-", "") in GOAL1 + GOAL3 + "".join(OBJ1 + OBJ3)
    ]
    if len(in_goals) < 2:
        raise _Retry
    g.pages = lay.page
    g.extra["split_across_pages"] = {"goal": 0, "objective": len(g.goals) - 1}
    g.extra["hyphenated"] = lay.hyphenated
    lay.render(
        out_dir / SOURCE,
        running_header_footer(
            "Student: Priya Nair    DOB: 05/02/2013    ID: 0048213    IEP date: 09/21/2026",
            "CONFIDENTIAL STUDENT RECORD",
        ),
    )
    return g
