"""IEP lines labelled annual_goal / objective / not_goal (hard negatives per RUBRIC 7.1)."""

from __future__ import annotations

import random

from . import fragments as F
from .composer import compose
from .markup import parse

LABELS = ("annual_goal", "objective", "not_goal")
CONTEXTS = ("present_levels", "annual_goals", "objectives", "services", "accommodations", "transition", "other")

NOT_GOAL: dict[str, list[str]] = {
    "services": [
        "{N} will receive speech therapy 2x30 min weekly.", "Speech/language therapy: 30 minutes, 2 times per week, pull-out",
        "{N} will receive 60 minutes of specialized reading instruction daily in the resource room.",
        "Occupational therapy 1x30 min/week consult", "{N} will be provided a 1:1 paraprofessional during lunch and recess.",
        "Special education services: {n} minutes per week in the general education setting (co-taught)",
        "{N} will participate in general education for {p}% of the school day.", "Transportation: special transportation with harness",
        "{N} will receive counseling services 1x per week for 30 minutes with the school social worker.",
        "Extended School Year (ESY): {N} qualifies for ESY services in reading.", "Physical therapy - 45 min monthly, direct",
        "{N} will attend the social skills group on Tuesdays.", "Service: Math Instruction | Location: Resource | Frequency: 5x/wk | Duration: 45 min",
        "{N} will be served in a self-contained classroom for {p}% of the day.", "Assistive technology consultation 4x per year",
        "Related services begin {date} and end {date2}.", "{N} will spend {p}% of her day in the regular classroom.",
        "LRE: {N} will be removed from general education for math and reading only.", "Audiology: monitoring quarterly",
        "{N} will receive direct SLP services in a small group of no more than 3 students.",
        "Vision services 60 min per month (TVI)", "Behavior support: BCBA consultation 2 hours per month",
    ],
    "accommodations": [
        "{N} will be allowed extended time (1.5x) on tests and assignments.", "Extended time 1.5x", "Preferential seating near instruction",
        "{N} will be provided a scribe for written responses over 3 sentences.", "Tests read aloud (except reading comprehension)",
        "{N} will take the state assessment with accommodations.", "{N} will participate in the alternate assessment (DLM).",
        "Use of a calculator on math tasks (non-calculation items)", "Breaks as needed, up to 5 minutes", "Small group testing",
        "{N} will be given a copy of class notes.", "Frequent check-ins for understanding", "Reduced assignments (50% of items)",
        "{N} will have access to speech-to-text software for all writing tasks.", "Visual schedule posted at desk",
        "{N} will be allowed to use noise-cancelling headphones during independent work.", "Graphic organizers provided",
        "State testing: {N} will take the grade {g} ELA and math assessments with the accommodations listed above.",
        "{N} will not participate in the ACT/SAT this year.", "Chunking of directions; repeat directions as needed",
        "Testing location: separate setting", "{N} may leave class 2 minutes early to avoid crowded hallways.",
    ],
    "present_levels": [
        "{N} reads {wcpm} wcpm on grade {g} passages with {p}% accuracy.", "{N} will often leave {pos} seat during whole-group lessons.",
        "{N} will sometimes refuse to begin written work.", "{N} currently solves single-digit addition problems with {p}% accuracy.",
        "According to the {date} DIBELS benchmark, {N} scored {n} on ORF, which is well below benchmark.",
        "{N} is a friendly student who enjoys drawing and building with Legos.", "{N} writes 2-3 sentences when given a prompt.",
        "On the WIAT-4, {N} earned a standard score of {ss} in Reading Comprehension.", "Baseline: {p}% accuracy on 2-digit addition",
        "{N} identifies {n} of 26 letter sounds.", "{N} will usually wait for an adult to prompt {pos} before starting a task.",
        "Teachers report that {N} will shut down when work is difficult.", "{N} follows one-step directions with visual support.",
        "Strengths: {N} is kind, persistent, and loves animals.", "Areas of need: reading fluency, written expression",
        "How the disability affects involvement in the general curriculum: {N}'s reading skills impact all content areas.",
        "{N} completed the Transition Planning Inventory on {date}.", "{N} averages {n} incidents of elopement per week.",
        "{N} can count to {n} with 1:1 correspondence.", "{N} speaks in 2-3 word phrases to request items.",
        "{N} types 9 words per minute.", "Current performance: {N} produces /r/ with {p}% accuracy at the word level.",
        "During the last grading period {N} turned in {p}% of homework assignments.",
        "{N} will get up and walk around the room when {pron} is frustrated.",
    ],
    "other": [
        "Parents would like {N} to read more at home.", "Parent concerns: Mom would like {N} to make more friends.",
        "The team agrees {N} continues to qualify under Specific Learning Disability.", "Page {n1} of {n2} CONFIDENTIAL",
        "ANNUAL GOAL #{n1}", "Short-Term Objectives", "Baseline:", "Progress Report: Marking Period {n1}",
        "Signature of Parent/Guardian ____________ Date ______", "Case Manager: J. Alvarez", "{date}",
        "Student Name: {N}  DOB: 03/14/2013  Grade: {g}", "Measurable Annual Goals", "Benchmarks/Short-Term Objectives (if applicable)",
        "Progress toward goal: Making sufficient progress (SP)", "Goal Area: Reading", "Evaluation Method: Work samples",
        "IEP Meeting Date: {date}", "Individualized Education Program", "Present Levels of Academic Achievement and Functional Performance",
        "Special Considerations", "Is the student making progress? [ ] Yes [ ] No", "Copy given to parent on {date}",
        "Notes: {N} was absent for 3 of the probes this quarter.", "Team members present: parent, general ed teacher, SLP, LEA",
        "Dates of next review: {date2}", "The IEP team considered ESY and determined it is not needed.",
        "Prior written notice provided on {date}.", "The student will be reevaluated by {date2}.",
        "Goal met? Y / N", "Criteria: 80% accuracy", "Measured by: teacher-charted data", "Timeline: by annual review",
        "Responsible personnel: special education teacher, SLP", "Page {n1}", "DRAFT - NOT FINAL",
        "Mom hopes {N} will go to college someday.", "Dad wants {N} to be more independent at home.",
        "{N}'s vision statement: I want to be a chef.",
    ],
    "transition": [
        "Age-appropriate transition assessments: Career Interest Inventory ({date})", "{N} will be invited to the IEP meeting.",
        "Course of study: Standard diploma track", "Agency linkage: Vocational Rehabilitation referral made on {date}.",
        "{N} will take Culinary I and Work Experience next year.", "Anticipated graduation date: June 2028",
        "Transfer of rights at age of majority discussed with {N} and family.", "Transition services: job shadowing 2x per semester",
        "{N} reports that {pron} would like to work with animals.", "Interview with student completed {date}.",
        "{N} will receive community-based instruction 3 hours per week.", "Postsecondary Goals", "Employment:", "Education/Training:",
        "Independent Living:",
    ],
}
DATES = ["09/12/2026", "10/3/26", "May 14, 2027", "1/22/2027", "3/2/26", "Nov. 5, 2026", "2026-09-18"]


def _fill(t: str, rng: random.Random) -> str:
    name, pos = rng.choice(F.NAMES + F.GENERIC_LEARNERS[:3])
    vals = {"N": name, "pos": pos, "pron": {"her": "she", "his": "he"}.get(pos, "they"), "n": str(rng.randint(2, 40)),
            "p": str(rng.choice([40, 55, 62, 70, 75, 80, 85, 90])), "g": rng.choice(["3", "4", "5", "6", "7", "8", "10"]),
            "wcpm": str(rng.randint(28, 140)), "ss": str(rng.randint(65, 95)), "date": rng.choice(DATES),
            "date2": rng.choice(DATES), "n1": str(rng.randint(1, 9)), "n2": str(rng.randint(9, 14))}
    for k, v in vals.items():
        t = t.replace("{" + k + "}", v)
    return t


def _noise(t: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.06:
        return t.upper()
    if r < 0.1:
        return t.rstrip(".")
    return t


def make_lines(rng: random.Random, avoid: set[str], n_goal: int = 800, n_obj: int = 460, n_not: int = 1020) -> list[dict]:
    """Generate labelled IEP lines; goal lines are mostly new compositions."""
    out: list[dict] = []
    seen: set[str] = set()
    doms = list(F.SKILLS)

    def add(text: str, label: str, ctx: str) -> bool:
        if text in seen or not text.strip():
            return False
        seen.add(text)
        out.append({"id": "", "text": text, "label": label, "context": ctx, "split": ""})
        return True

    while sum(x["label"] == "annual_goal" for x in out) < n_goal:
        d = rng.choice(doms)
        kind = "postsecondary_goal" if d == "transition" and rng.random() < 0.3 else "annual_goal"
        g = compose(rng, d, kind, rng.choices(["measurable", "partially_measurable", "not_measurable"], (5, 3, 2))[0],
                    rng.choice(["strength_based"] * 6 + ["deficit_based"] * 3 + ["neutral"]))
        text, _ = parse(g["marked"])
        if rng.random() < 0.3:
            text = rng.choice(["Goal 1: ", "1. ", "ANNUAL GOAL: ", "• ", "Goal #3 ", "2) "]) + text
        ctx = "transition" if kind == "postsecondary_goal" else ("annual_goals" if rng.random() < 0.85 else "other")
        if text not in avoid or rng.random() < 0.2:
            add(_noise(text, rng), "annual_goal", ctx)
    while sum(x["label"] == "objective" for x in out) < n_obj:
        d = rng.choice(doms)
        g = compose(rng, d, "objective", rng.choices(["measurable", "partially_measurable", "not_measurable"], (5, 4, 1))[0],
                    "strength_based")
        text, _ = parse(g["marked"])
        if rng.random() < 0.6:
            text = rng.choice(["Objective 1.1: ", "1a. ", "Benchmark A: ", "a) ", "STO #2: ", "b. ", "Obj 2: ", "• ", "1.2 "]) + text
        add(_noise(text, rng), "objective", "objectives" if rng.random() < 0.85 else "annual_goals")
    tries = 0
    while sum(x["label"] == "not_goal" for x in out) < n_not and tries < 100000:
        tries += 1
        ctx = rng.choice(list(NOT_GOAL))
        add(_noise(_fill(rng.choice(NOT_GOAL[ctx]), rng), rng), "not_goal", ctx)
    rng.shuffle(out)
    for i, x in enumerate(out, 1):
        x["id"] = f"l{i:05d}"
    return out


def validate(lines: list[dict]) -> list[str]:
    """Check labels and contexts."""
    errs = []
    for x in lines:
        if x["label"] not in LABELS or x["context"] not in CONTEXTS or not x["text"].strip():
            errs.append(f"{x['id']}: bad line record")
    return errs
