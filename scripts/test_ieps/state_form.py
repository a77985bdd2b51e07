"""A state-style IEP form: boxed header block, goal tables, services grid.

Reused for ``state_form.pdf``, ``twelve_page.pdf`` and the long benchmark IEP.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth

from .golden import Golden
from .layout import BOLD, PAGE_W, REGULAR, Layout, running_header_footer


@dataclass
class GoalSpec:
    """One annual goal with its table cells and objectives."""

    area: str
    text: str
    baseline: str
    measured_by: str
    objectives: list[str] = field(default_factory=list)


@dataclass
class StateFormSpec:
    """Everything drawn on a state-style form."""

    source: str
    student: str
    dob: str
    grade: str
    school: str
    meeting: str
    district: str
    present_levels: list[tuple[str, str]]
    goals: list[GoalSpec]
    services: list[tuple[str, str, str, str]]
    accommodations: list[tuple[str, str, str]]
    assessment: str
    lre: str
    team: list[tuple[str, str]]
    not_goals: list[str] = field(default_factory=list)
    goals_per_page: int = 2


MAYA = StateFormSpec(
    source="state_form.pdf",
    student="Maya Torres",
    dob="03/14/2018",
    grade="3",
    school="Cedar Hollow Elementary School",
    meeting="10/06/2026",
    district="Lakeview Unified School District",
    present_levels=[
        (
            "Reading",
            (
                "On three fall fluency probes Maya read a median of 62 words correct per "
                "minute on grade 3 passages, with most errors on multisyllabic words. She answers "
                "literal questions about stories read aloud and enjoys graphic novels. Maya will "
                "often ask for a drink of water when a long reading task begins."
            ),
        ),
        (
            "Writing",
            (
                "Maya writes two or three related sentences about a picture prompt. Her "
                "sentences begin with a capital letter, but she does not yet write a topic sentence "
                "or a closing sentence. She uses invented spelling for most words of two syllables."
            ),
        ),
        (
            "Mathematics",
            (
                "Maya adds and subtracts within 100 using a number line. On a "
                "two-minute probe she answered 6 of 20 multiplication facts correctly, counting on "
                "her fingers for most of them."
            ),
        ),
        (
            "Social, emotional and behavioral",
            (
                "During independent work Maya leaves her seat "
                "about six times in a 30-minute block, usually to talk with a friend. She is kind "
                "to classmates and volunteers to help the teacher."
            ),
        ),
        (
            "Communication",
            (
                "The speech-language pathologist reports that Maya produces the "
                "/r/ sound correctly in 35% of single words in structured tasks. Peers sometimes "
                "ask her to repeat herself."
            ),
        ),
        (
            "Parent concerns",
            (
                "Maya's parents would like her to read chapter books with her "
                "older brother and to feel proud of her writing. They hope she will join the school "
                "choir."
            ),
        ),
    ],
    goals=[
        GoalSpec(
            "Reading fluency",
            "By October 2027, given an unfamiliar grade 3 passage, Maya will read aloud at "
            "95 words correct per minute with no more than 3 errors on 3 consecutive weekly "
            "probes.",
            "Median of 62 words correct per minute on grade 3 passages (fall probes).",
            "Curriculum-based fluency probes, charted weekly by the special education teacher",
            [
                (
                    "By January 2027, given a grade 3 passage, Maya will read aloud at 72 words "
                    "correct per minute on 2 of 3 probes."
                ),
                (
                    "By April 2027, given a grade 3 passage, Maya will read aloud at 84 words "
                    "correct per minute on 2 of 3 probes."
                ),
            ],
        ),
        GoalSpec(
            "Reading comprehension",
            "Maya will improve her reading comprehension skills.",
            "Answers literal questions about stories read aloud; does not yet retell "
            "events in order.",
            "Teacher observation",
            [
                "Identify the main character and the setting of a story.",
                "Retell the beginning, middle and end of a story.",
            ],
        ),
        GoalSpec(
            "Written expression",
            "Given a picture prompt and a graphic organizer, Maya will write a paragraph of "
            "at least 5 sentences with a topic sentence and a closing sentence, scoring 3 of "
            "4 on the district writing rubric.",
            "Writes 2-3 related sentences without a topic sentence.",
            "Writing samples scored monthly with the district writing rubric",
            [
                (
                    "Given a graphic organizer, Maya will write a topic sentence for a picture "
                    "prompt in 4 of 5 writing samples."
                )
            ],
        ),
        GoalSpec(
            "Mathematics",
            "By October 2027, when given 20 single-digit multiplication facts "
            "(CCSS.MATH.CONTENT.3.OA.C.7), Maya will write the correct product for at least "
            "18 facts within 2 minutes on 3 consecutive timed probes.",
            "6 of 20 multiplication facts correct in 2 minutes; counts on fingers.",
            "Timed fact probes every two weeks",
            [
                (
                    "By February 2027, Maya will write the products of the 2, 5 and 10 facts with "
                    "90% accuracy on a timed probe."
                ),
                (
                    "By June 2027, Maya will write the products of the 3, 4 and 6 facts with 90% "
                    "accuracy on a timed probe."
                ),
            ],
        ),
        GoalSpec(
            "Behavior",
            "Maya will stop leaving her seat and will not disrupt the class during "
            "independent work.",
            "Maya cannot stay in her seat during independent work; about 6 out-of-seat "
            "events per 30-minute block.",
            "Behavior log",
            ["Maya will reduce out-of-seat events to 3 per block."],
        ),
        GoalSpec(
            "Articulation",
            "By October 2027, during structured conversation with the speech-language "
            "pathologist, Maya will produce the /r/ sound correctly in words and sentences "
            "in 80% of opportunities across 3 consecutive sessions, as measured by SLP data "
            "sheets.",
            "Produces /r/ correctly in 35% of single words in structured tasks.",
            "SLP data sheets each session",
            [
                (
                    "By February 2027, Maya will produce /r/ at the beginning of single words with "
                    "80% accuracy in structured drill."
                ),
                (
                    "By June 2027, Maya will produce /r/ in short phrases with 70% accuracy in "
                    "structured drill."
                ),
            ],
        ),
    ],
    services=[
        (
            "Maya will receive specialized reading instruction in a small group.",
            "5 x 45 minutes weekly",
            "Resource room",
            "Special education teacher",
        ),
        (
            "Maya will receive speech therapy for articulation.",
            "2 x 30 minutes weekly",
            "Speech room",
            "Speech-language pathologist",
        ),
        (
            (
                "Maya will receive consultation between the special education and general "
                "education teachers."
            ),
            "1 x 15 minutes monthly",
            "General education classroom",
            "Special education teacher",
        ),
    ],
    accommodations=[
        (
            "Maya will be allowed extended time (1.5x) on tests and written assignments.",
            "All classes and assessments",
            "Daily",
        ),
        ("Directions will be read aloud and repeated as needed.", "All classes", "Daily"),
        (
            "Maya will be seated near the teacher and away from the door.",
            "General education classroom",
            "Daily",
        ),
        (
            ("Maya will be provided a multiplication chart for classwork, not for fact probes."),
            "Mathematics",
            "Daily",
        ),
    ],
    assessment="Maya will participate in the state assessment with the accommodations "
    "listed above (extended time, directions read aloud).",
    lre="Maya will spend 82% of her school day in the general education classroom.",
    team=[
        ("Parent", "Elena Torres"),
        ("General education teacher", "Mr. David Okoro"),
        ("Special education teacher", "Ms. Hannah Lowry"),
        ("Speech-language pathologist", "Ms. Carla Mendes"),
        ("District representative", "Dr. Paul Ferris"),
    ],
    not_goals=[
        "Maya will often ask for a drink of water when a long reading task begins.",
        "Maya's parents would like her to read chapter books with her older brother",
    ],
)


def _title_block(lay: Layout, spec: StateFormSpec) -> None:
    title = "INDIVIDUALIZED EDUCATION PROGRAM (IEP)"
    sub = f"{spec.district} (fictional)"
    lay.text_at((PAGE_W - stringWidth(title, BOLD, 15)) / 2, lay.y - 18, title, BOLD, 15)
    lay.text_at((PAGE_W - stringWidth(sub, REGULAR, 10)) / 2, lay.y - 34, sub, size=10)
    lay.y -= 44


def build(spec: StateFormSpec, out_dir: Path, min_pages: int = 0) -> Golden:
    """Draw a state-style form to ``out_dir/spec.source`` and return its golden.

    Args:
        spec: The content.
        out_dir: Output directory.
        min_pages: Pad with extra goal pages until at least this many pages
            (used for the long benchmark document; those goals are recorded too).
    """
    g = Golden(spec.source)
    lay = Layout()
    _title_block(lay, spec)

    def section(kind: str, title: str, new_page: bool = False) -> None:
        if new_page:
            lay.new_page()
        last = lay.last_page
        g.section(kind, title, lay.heading(title), last)

    section("other", "Student Information")
    w = lay.width / 3
    lay.table_row(
        [f"Student: {spec.student}", f"DOB: {spec.dob}", f"Grade: {spec.grade}"], [w, w, w], size=10
    )
    lay.table_row(
        [f"School: {spec.school}", f"Meeting date: {spec.meeting}", "Meeting type: Annual review"],
        [w, w, w],
        size=10,
    )

    section("present_levels", "Present Levels of Academic Achievement and Functional Performance")
    for area, text in spec.present_levels:
        lay.paragraph(f"{area}:", font=BOLD, size=10, space_after=1)
        lay.paragraph(text, size=10)

    section("annual_goals", "Measurable Annual Goals", new_page=True)
    widths = [0.27 * lay.width, 0.48 * lay.width, 0.25 * lay.width]
    obj_widths = [0.08 * lay.width, 0.92 * lay.width]
    goals = list(spec.goals)
    n_goals = len(goals)

    def draw_goal(i: int, goal: GoalSpec) -> None:
        if i and i % spec.goals_per_page == 0:
            lay.new_page()
        lay.ensure(170)
        lay.skip(6)
        lay.paragraph(
            f"Goal {i + 1} of {n_goals}    Area: {goal.area}", font=BOLD, size=10.5, space_after=3
        )

        def goal_header() -> None:
            lay.table_row(["Baseline", "Annual Goal", "Measured by"], widths, bold=True, fill=0.88)

        goal_header()
        page = lay.table_row(
            [goal.baseline, goal.text, goal.measured_by], widths, on_new_page=goal_header
        )
        parent = g.goal(goal.text, "annual_goal", page, baseline=goal.baseline)
        if goal.objectives:
            lay.table_row(
                ["#", "Short-Term Objective or Benchmark"], obj_widths, bold=True, fill=0.88
            )
            for j, obj in enumerate(goal.objectives):
                page = lay.table_row([f"{i + 1}.{j + 1}", obj], obj_widths)
                g.goal(obj, "objective", page, parent=parent)

    for i, goal in enumerate(goals):
        draw_goal(i, goal)
    extra = 0
    while lay.page < min_pages - 2:
        base = spec.goals[extra % len(spec.goals)]
        draw_goal(n_goals + extra, base)
        extra += 1

    section("services", "Special Education and Related Services", new_page=True)
    sw = [0.42 * lay.width, 0.2 * lay.width, 0.18 * lay.width, 0.2 * lay.width]
    lay.table_row(["Service", "Frequency", "Location", "Provider"], sw, bold=True, fill=0.88)
    for row in spec.services:
        lay.table_row(list(row), sw)
        g.not_goal(row[0])

    section("accommodations", "Accommodations and Modifications", new_page=True)
    aw = [0.55 * lay.width, 0.28 * lay.width, 0.17 * lay.width]
    lay.table_row(
        ["Accommodation or modification", "Setting", "Frequency"], aw, bold=True, fill=0.88
    )
    for acc in spec.accommodations:
        lay.table_row(list(acc), aw)
        g.not_goal(acc[0])

    section("other", "Participation in State and District Assessments")
    lay.paragraph(spec.assessment)
    section("other", "Least Restrictive Environment")
    lay.paragraph(spec.lre)
    g.not_goal(spec.assessment, spec.lre)

    section("other", "IEP Team Signatures", new_page=True)
    tw = [0.4 * lay.width, 0.4 * lay.width, 0.2 * lay.width]
    lay.table_row(["Role", "Name", "Date"], tw, bold=True, fill=0.88)
    for role, name in spec.team:
        lay.table_row([role, name, spec.meeting], tw)
    g.close(lay.last_page)
    g.not_goal(*spec.not_goals)

    g.pages = lay.page
    header = (
        f"Student: {spec.student}    DOB: {spec.dob}    Grade: {spec.grade}    "
        f"IEP meeting: {spec.meeting}"
    )
    lay.render(out_dir / spec.source, running_header_footer(header))
    g.extra["running_header"] = header
    return g


TWELVE = StateFormSpec(
    source="twelve_page.pdf",
    student="Eli Brooks",
    dob="06/27/2012",
    grade="8",
    school="Summit Ridge Middle School",
    meeting="01/19/2027",
    district="Granite Valley School District",
    present_levels=[
        (
            "Reading",
            (
                "Eli reads grade 8 texts aloud accurately at 118 words correct per minute. "
                "When he answers questions about an argument, he names the author's claim in 2 of 5 "
                "texts and rarely explains the reasons given for it."
            ),
        ),
        (
            "Writing",
            (
                "Eli's argument paragraphs state an opinion but give one reason at most. "
                "His sentences are complete, and he uses spell-check well."
            ),
        ),
        (
            "Mathematics",
            (
                "Eli solves one-step equations and graphs points on a coordinate plane. "
                "He solved 3 of 10 systems of two linear equations on the last unit test."
            ),
        ),
        (
            "Executive functioning",
            (
                "Eli turns in about 55% of his homework. He keeps a planner "
                "when a teacher checks it at the end of the day."
            ),
        ),
        (
            "Social and emotional",
            (
                "Eli is a thoughtful friend to a small group of classmates. "
                "He is lazy about group projects and leaves the talking to others."
            ),
        ),
        (
            "Parent concerns",
            (
                "His parents would like Eli to be ready for high school courses "
                "and to join a club he enjoys."
            ),
        ),
    ],
    goals=[
        GoalSpec(
            "Reading - argument",
            "By January 2028, after reading a grade 8 argumentative text, Eli will write "
            "the author's claim and two supporting reasons in 4 of 5 texts "
            "(CCSS.ELA-LITERACY.RI.8.8), as measured by teacher-scored response sheets.",
            "Names the author's claim in 2 of 5 texts.",
            "Scored response sheets, monthly",
            [
                (
                    "By June 2027, Eli will write the author's claim for 4 of 5 grade 8 "
                    "argumentative texts."
                )
            ],
        ),
        GoalSpec(
            "Writing - argument",
            "Eli will write argument paragraphs that include a claim, reasons and evidence.",
            "States an opinion with one reason at most.",
            "Work samples",
            ["Write a claim.", "Add two reasons with evidence."],
        ),
        GoalSpec(
            "Mathematics - systems",
            "By January 2028, given 10 systems of two linear equations, Eli will solve at "
            "least 8 by substitution or elimination on 2 consecutive unit tests.",
            "Solved 3 of 10 systems on the last unit test.",
            "Unit tests",
            ["By June 2027, given 10 systems, Eli will solve 5 correctly by graphing."],
        ),
        GoalSpec(
            "Mathematics - functions",
            "Eli will understand functions.",
            "Graphs points; has not yet described a function from a table.",
            "Teacher judgment",
            [],
        ),
        GoalSpec(
            "Executive functioning",
            "By January 2028, using a digital planner that he checks with his case "
            "manager each Friday, Eli will turn in 90% of homework assignments on time "
            "for 6 consecutive weeks, as recorded in the online gradebook.",
            "Turns in about 55% of homework.",
            "Online gradebook, weekly",
            [
                (
                    "By April 2027, Eli will record every assignment in his planner on 4 of 5 "
                    "school days, as checked by his case manager."
                )
            ],
        ),
        GoalSpec(
            "Social participation",
            "By January 2028, during group projects, Eli will share at least 2 ideas "
            "per group meeting in 4 of 5 observed meetings, as recorded by his teachers "
            "on an observation checklist.",
            "Shares ideas in group projects only when asked directly.",
            "Observation checklist",
            [],
        ),
        GoalSpec(
            "Self-advocacy",
            "Eli will try to ask for help when he needs it.",
            "Asks for help when a teacher checks in with him.",
            "Teacher report",
            [],
        ),
        GoalSpec(
            "Study skills",
            "By January 2028, before each unit test, Eli will complete a teacher-made "
            "study guide with at least 80% of items correct, as checked by his "
            "mathematics teacher, for 4 consecutive units.",
            "Completes study guides about half of the time.",
            "Study guide checks",
            [],
        ),
    ],
    services=[
        (
            "Eli will receive specialized instruction in mathematics in a co-taught class.",
            "5 x 50 minutes weekly",
            "General education classroom",
            "Co-teacher",
        ),
        (
            "Eli will receive a weekly check-in with his case manager.",
            "1 x 15 minutes weekly",
            "Resource room",
            "Case manager",
        ),
    ],
    accommodations=[
        ("Eli will be allowed extended time (1.5x) on tests.", "All classes", "Tests"),
        ("Eli will receive a copy of teacher notes.", "Core classes", "Daily"),
    ],
    assessment="Eli will participate in the state assessment with extended time.",
    lre="Eli will spend 90% of his school day in general education classes.",
    team=[
        ("Parent", "Janet Brooks"),
        ("Case manager", "Mr. Luis Ortega"),
        ("General education teacher", "Ms. Amy Chen"),
        ("District representative", "Dr. Grace Holm"),
    ],
    not_goals=[
        "He is lazy about group projects and leaves the talking to others.",
        "His parents would like Eli to be ready for high school courses",
    ],
    goals_per_page=1,
)
