"""A transition-age IEP (student 17): postsecondary goals, transition services, course of study."""

from __future__ import annotations

from pathlib import Path

from .golden import Golden
from .layout import BOLD, Layout, running_header_footer

SOURCE = "transition.pdf"

PRESENT_LEVELS = [
    (
        "Ana is a 17-year-old eleventh grader at Riverside High School. She has worked in the "
        "school cafe for two semesters, where she takes orders, restocks supplies and keeps the "
        "prep area clean. Her supervisors describe her as punctual and friendly with customers."
    ),
    (
        "Ana reads recipes and job postings at about a grade 6 level and uses a calculator for "
        "money problems. She follows recipes of up to 5 steps on her own; with longer recipes she "
        "skips steps. On a practice budget she computed the balance correctly in 2 of 5 trials."
    ),
    (
        "In an interview about her future, Ana said she wants to become a pastry cook and to "
        "share an apartment with her cousin. Her mother would like Ana to learn to use the city "
        "bus on her own."
    ),
]

# (area, postsecondary goal)
POSTSECONDARY = [
    (
        "Education/Training",
        (
            "Within one year of graduating from high school, Ana will enroll "
            "in the culinary arts certificate program at Riverbend Community College."
        ),
    ),
    (
        "Employment",
        (
            "After high school, Ana will work at least 20 hours a week as a prep cook "
            "or baker's assistant in a bakery or restaurant kitchen."
        ),
    ),
    ("Independent Living", "Ana will consider living on her own someday."),
]

TRANSITION_SERVICES = [
    (
        "Instruction",
        ("Ana will take part in a job-shadowing day at a local bakery each semester."),
        "Transition coordinator",
    ),
    (
        "Community experiences",
        (
            "Ana will receive travel training on the city bus route "
            "from home to the community college."
        ),
        "Job coach",
    ),
    (
        "Agency linkage",
        (
            "Ana will be referred to the state vocational rehabilitation agency "
            "before her senior year."
        ),
        "Case manager",
    ),
]

COURSE_OF_STUDY = (
    "Grade 11: English 11, Consumer Mathematics, Culinary Arts I, U.S. History, Work-Based "
    "Learning. Grade 12: English 12, Financial Literacy, Culinary Arts II (dual enrollment), "
    "Government, Work-Based Learning. Ana is working toward a standard diploma, expected "
    "June 2027."
)

# (supports, baseline, goal)
ANNUAL_GOALS = [
    (
        "Employment",
        "Follows recipes of up to 5 steps independently.",
        (
            "By March 2027, given a recipe with 8 to 12 steps, Ana will complete each step in order "
            "and measure every ingredient within 1/8 cup of the stated amount in 4 of 5 cooking "
            "labs, as recorded on a task-analysis checklist."
        ),
    ),
    (
        "Employment",
        "Has not yet written a cover letter or completed a job application.",
        (
            "By March 2027, Ana will write a cover letter and complete 3 job applications with no "
            "more than 2 errors in each, as checked by her transition coordinator."
        ),
    ),
    (
        "Education/Training",
        "Asks for help from teachers only when an adult prompts her.",
        "Ana will work on self-advocacy skills.",
    ),
    (
        "Independent Living",
        "Computed a practice budget balance correctly in 2 of 5 trials.",
        (
            "By March 2027, given a monthly budget worksheet with income and 6 expenses, Ana will "
            "compute the remaining balance correctly with a calculator in 4 of 5 trials."
        ),
    ),
]


def build(out_dir: Path) -> Golden:
    """Draw ``transition.pdf`` and return its golden."""
    g = Golden(SOURCE)
    lay = Layout()

    def heading(kind: str, title: str, new_page: bool = False) -> None:
        if new_page:
            lay.new_page()
        last = lay.last_page
        g.section(kind, title, lay.heading(title, size=13), last)

    lay.paragraph("Individualized Education Program with Transition Plan", font=BOLD, size=15)
    w = lay.width / 4
    lay.table_row(
        ["Student: Ana Delgado", "DOB: 02/11/2009", "Age: 17", "Grade: 11"], [w, w, w, w], size=10
    )
    lay.table_row(
        [
            "School: Riverside High School",
            "Meeting: 03/05/2026",
            "Case manager: Ms. Rita Coles",
            "Diploma: Standard",
        ],
        [w, w, w, w],
        size=10,
    )
    lay.skip(6)

    heading("present_levels", "Present Levels of Academic Achievement and Functional Performance")
    for p in PRESENT_LEVELS:
        lay.paragraph(p, size=10.5)
    g.not_goal("Her mother would like Ana to learn to use the city bus on her own.")

    heading("transition", "Measurable Postsecondary Goals")
    lay.paragraph(
        "Based on age-appropriate transition assessments (career interest "
        "inventory, student interview, work-site evaluation).",
        size=9.5,
    )
    pw = [0.25 * lay.width, 0.75 * lay.width]
    lay.table_row(["Area", "Postsecondary goal"], pw, bold=True, fill=0.88)
    for area, text in POSTSECONDARY:
        page = lay.table_row([area, text], pw, size=10)
        g.goal(text, "postsecondary_goal", page)

    heading("transition", "Transition Services")
    tw = [0.22 * lay.width, 0.53 * lay.width, 0.25 * lay.width]
    lay.table_row(["Type", "Service or activity", "Responsible"], tw, bold=True, fill=0.88)
    for row in TRANSITION_SERVICES:
        lay.table_row(list(row), tw, size=10)
        g.not_goal(row[1])

    heading("transition", "Course of Study")
    lay.paragraph(COURSE_OF_STUDY, size=10.5)

    heading("annual_goals", "Annual Goals", new_page=True)
    for i, (supports, baseline, text) in enumerate(ANNUAL_GOALS, start=1):
        lay.ensure(90)
        lay.paragraph(
            f"Annual Goal {i} (supports postsecondary goal: {supports})",
            font=BOLD,
            size=10.5,
            space_after=2,
        )
        lay.paragraph(f"Baseline: {baseline}", size=10.5, space_after=2)
        page = lay.paragraph(text, size=10.5, space_after=10)
        g.goal(text, "annual_goal", page, baseline=baseline)

    heading("services", "Special Education and Related Services")
    services = [
        (
            "Ana will receive specialized instruction in functional mathematics, 3 x 50 minutes "
            "weekly, in the resource room."
        ),
        "Ana will receive vocational training at the school cafe, 5 x 50 minutes weekly.",
    ]
    for s in services:
        lay.paragraph(s, size=10.5)
    heading("accommodations", "Accommodations")
    accs = [
        "Ana will be allowed to use a calculator on all mathematics assignments and tests.",
        "Ana will be allowed extended time (1.5x) on tests.",
    ]
    for s in accs:
        lay.paragraph(s, size=10.5)
    g.not_goal(*services, *accs)
    g.close(lay.last_page)
    g.pages = lay.page
    lay.render(
        out_dir / SOURCE,
        running_header_footer(
            "Student: Ana Delgado    DOB: 02/11/2009    IEP with Transition Plan    03/05/2026"
        ),
    )
    return g
