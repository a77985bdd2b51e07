"""A plain-text IEP as copied from a web portal: ALL CAPS headings, GOAL #1, bullets."""

from __future__ import annotations

from pathlib import Path

from .golden import Golden

SOURCE = "plain.txt"

GOALS = [
    (
        "Rosa solves 2 of 10 one-step word problems correctly.",
        (
            "By December 2027, given 10 one-step word problems involving money, Rosa will write an "
            "equation and solve at least 8 correctly in 3 of 4 trials, as measured by classroom "
            "probes."
        ),
        [
            (
                "Given 10 one-step word problems, Rosa will circle the numbers and the question in 8 "
                "of 10 problems by March 2027."
            ),
            (
                "Given 10 one-step word problems, Rosa will write the matching equation for 7 of 10 "
                "problems by June 2027."
            ),
        ],
    ),
    (
        "Rosa is low in reading and refuses to read aloud.",
        "Rosa will read more fluently and with expression.",
        ["Read aloud to a peer every day."],
    ),
    (
        "Rosa completes about 40% of assignments on time.",
        (
            "By December 2027, using a daily assignment checklist, Rosa will turn in 90% of her "
            "assignments on time for 4 consecutive weeks, as recorded in the teacher's gradebook."
        ),
        [],
    ),
]


def build(out_dir: Path) -> Golden:
    """Write ``plain.txt`` and return its golden (one page; every goal on page 1)."""
    g = Golden(SOURCE)
    lines: list[str] = []

    def heading(kind: str, title: str) -> None:
        lines.extend(["", title, ""])
        g.section(kind, title, 1, 1)

    lines += [
        "INDIVIDUALIZED EDUCATION PROGRAM",
        "Student Name: Rosa Kim",
        "Date of Birth: 12/01/2014    Grade: 6    School: Eastview Middle School",
        "IEP Start Date: 12/08/2026    IEP End Date: 12/07/2027",
    ]
    heading("present_levels", "PRESENT LEVELS OF ACADEMIC ACHIEVEMENT AND FUNCTIONAL PERFORMANCE")
    lines += [
        "Rosa is a sixth grader who likes drawing, soccer and helping in the school garden.",
        (
            "In mathematics she computes with whole numbers but solves 2 of 10 one-step word "
            "problems correctly. In reading she decodes grade 4 text accurately and reads aloud "
            "at 95 words correct per minute."
        ),
        "Rosa will usually finish her morning work when a friend sits next to her.",
        "Parent input: Her father would like Rosa to keep a planner for homework.",
    ]
    heading("annual_goals", "MEASURABLE ANNUAL GOALS")
    for i, (baseline, text, objectives) in enumerate(GOALS, start=1):
        lines += [f"GOAL #{i}", f"Baseline: {baseline}", f"Annual Goal: {text}"]
        parent = g.goal(text, "annual_goal", 1, baseline=baseline)
        for j, obj in enumerate(objectives, start=1):
            lines.append(f"Objective {i}.{j}: {obj}")
            g.goal(obj, "objective", 1, parent=parent)
        lines.append("")
    heading("services", "SERVICES")
    services = [
        (
            "Rosa will receive specialized math instruction 4x45 minutes per week in the "
            "learning lab."
        ),
        "Rosa will receive counseling 2x30 minutes per month.",
    ]
    lines += [f"\u2022 {s}" for s in services]
    heading("accommodations", "ACCOMMODATIONS")
    accs = [
        "Rosa will be allowed to use a calculator for multi-step problems.",
        "Rosa will be allowed extended time on tests.",
        "Rosa will have a copy of class notes.",
    ]
    lines += [f"\u2022 {s}" for s in accs]
    g.not_goal(
        "Rosa will usually finish her morning work when a friend sits next to her.",
        "Her father would like Rosa to keep a planner for homework.",
        *services,
        *accs,
    )
    g.close(1)
    g.pages = 1
    g.extra["page_basis"] = "plain text has no pages; every goal is on page 1"
    (out_dir / SOURCE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return g
