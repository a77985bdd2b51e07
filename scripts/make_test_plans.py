"""Write the fictional IEPs of the plan-review tests (tests/plans/) and their planted-defect lists.

Usage:
    python scripts/make_test_plans.py            # the documents and planted.json
    python scripts/make_test_plans.py --goldens  # also re-write <name>.plan.json from the code (review them!)

Every student, school and person is fictional; the wording is ours. Each
plan is written as plain text (ALL-CAPS lines are headings); those named
``*.pdf`` are also drawn as PDFs with reportlab (bold headings, wrapped
paragraphs, page breaks at form feeds). ``planted.json`` lists, for each
plan, the status every check must have and the findings planted in it
(check, goal id, area, words the message must contain): the tests compare
the review with it, and with the golden ``<name>.plan.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "plans"

CLEAN_ELEMENTARY = """\
INDIVIDUALIZED EDUCATION PROGRAM
Student: Leo Marsh    Grade: 3    School: Alder Creek Elementary
Date of Birth: 04/22/2018
IEP Start Date: 09/08/2026    IEP End Date: 09/07/2027

PRESENT LEVELS OF ACADEMIC ACHIEVEMENT AND FUNCTIONAL PERFORMANCE
Leo is a cheerful third grader who loves maps, trains and telling jokes to his classmates.
Reading: On three grade 3 fluency probes in September Leo read a median of 58 words correct per minute, below the grade-level benchmark. He decodes short-vowel words but slows down on words with vowel teams.
Math: Leo solved 4 of 10 two-digit subtraction problems with regrouping correctly on a curriculum probe.
Parent concerns: His grandmother would like Leo to read aloud at home with more confidence.

ANNUAL GOALS
Goal 1: By June 2027, given an unpracticed grade 3 passage, Leo will read aloud at 90 words correct per minute on 2 of 3 weekly curriculum-based probes.
Goal 2: By June 2027, given 10 two-digit subtraction problems with regrouping, Leo will solve them with 80% accuracy on 3 consecutive biweekly probes, as measured by teacher-scored worksheets.

PROGRESS REPORTING
Progress toward each goal will be reported to Leo's family quarterly, with the district report card.

SPECIAL EDUCATION AND RELATED SERVICES
Specialized reading instruction: 4 x 30 minutes per week, resource room, special education teacher.
Specialized math instruction: 3 x 30 minutes per week, general education classroom, special education teacher.

ACCOMMODATIONS
Extended time (1.5x) on tests of more than 10 items.
Math test directions read aloud by the teacher.
A 3-minute break when Leo shows his break card.
"""

CLEAN_TRANSITION = """\
INDIVIDUALIZED EDUCATION PROGRAM AND TRANSITION PLAN
Student: Jordan Pike    Age: 17    Grade: 11
Date of Birth: 01/14/2010    IEP Meeting Date: 01/19/2027
Meeting participants: Jordan Pike (student, invited by letter on 12/15/2026 and attended); parent; case manager; vocational rehabilitation counselor, invited with the parent's written consent.

PRESENT LEVELS OF ACADEMIC ACHIEVEMENT AND FUNCTIONAL PERFORMANCE
Jordan is a junior who repairs bicycles for neighbors and wants to work with engines.
Math: Jordan solves multi-step money word problems with 40% accuracy; he needs support with problems that include sales tax.
Employment: Jordan has completed 1 job application, with adult help.
Transition assessments: a career interest inventory and a situational work assessment at the school garage (December 2026) show strong interest and skill in mechanical work.

POSTSECONDARY GOALS
Education/Training: Within one year of graduating, Jordan will enroll in the automotive technology certificate program at Lakeshore Technical College.
Employment: After high school, Jordan will work at least 25 hours a week as a tire and lube technician at an auto repair shop.

TRANSITION SERVICES
Instruction: Jordan will take part in a campus tour and an information session at Lakeshore Technical College in the spring.
Community experiences: Jordan will job shadow an auto technician for two days each semester.
Agency linkage: Jordan will meet with the vocational rehabilitation counselor to apply for services before June 2027.
Course of study: Grade 11: English 11, Algebra Applications, Small Engines I, U.S. History. Grade 12: English 12, Consumer Math, Automotive Technology II.

ANNUAL GOALS
Goal 1: By January 2028, Jordan will complete 4 job applications for automotive jobs with no more than 1 error in each, as measured by a job-application checklist.
Goal 2: By January 2028, given 5 multi-step money word problems with sales tax, Jordan will solve them with 80% accuracy on 3 consecutive probes, as measured by teacher-made math probes.

Progress on the annual goals will be reported to Jordan and his parent each quarter.

SERVICES
Vocational and employment instruction: 5 x 45 minutes weekly, school garage, transition teacher.
Specialized math instruction: 3 x 45 minutes per week, resource room.

ACCOMMODATIONS
Use of a calculator on all math assignments and tests.
Extended time (1.5x) on tests of more than 20 items.
"""

DEFECTS_A = """\
INDIVIDUALIZED EDUCATION PROGRAM
Name: Mia Okafor    Grade: 2    School: Sunnyside Primary
IEP dates: 10/05/2026 to 10/04/2027

PRESENT LEVELS OF PERFORMANCE
Mia is a curious second grader who enjoys building block towers and caring for the class fish.
Reading: Mia reads second-grade passages at 40 words correct per minute; she needs to build fluency with common words.
Speech: Her speech is difficult for unfamiliar listeners to understand; she substitutes /w/ for /r/ in most words.
Math: Mia counts objects to 20 but adds within 10 correctly on only 5 of 10 problems.

ANNUAL GOALS
Goal 1: Within 36 instructional weeks, given a second-grade passage, Mia will read aloud at 45 words correct per minute on 2 of 3 probes, as measured by curriculum-based probes.
Goal 2: By October 2027, given 10 addition problems within 10, Mia will solve at least 9 correctly in 4 of 5 trials, as measured by teacher data sheets.

SERVICES
Reading support in the general education classroom.
Specialized math instruction, 3 times per week for 25 minutes, resource room.

ACCOMMODATIONS
Breaks as needed.
Use of a number line when appropriate.
"""

DEFECTS_B = """\
STUDENT INFORMATION
Student: Omar Haddad    Grade: 5    Age: 10
IEP Start: 11/02/2026    IEP End: 11/01/2027

PRESENT LEVELS
Omar is a friendly fifth grader who likes soccer and drawing comic strips.
Reading: Omar reads at a 2nd-grade level on the district inventory. On a grade 5 fluency probe he read 60 words correct per minute.
Parent input: His parents would like him to enjoy reading chapter books at home.

MEASURABLE ANNUAL GOALS
Goal 1: By November 2027, after reading a grade 3 passage, Omar will answer comprehension questions with 90% accuracy on 3 of 4 probes, as measured by curriculum-based comprehension checks.
Goal 2: Within 18 weeks, given a grade 5 passage, Omar will read aloud at 110 words correct per minute, as measured by weekly fluency probes.
Goal 3: By November 2027, during whole-class lessons, Omar will raise his hand and wait to be called on before speaking in 80% of opportunities.

Parents will receive progress reports each grading period.

SERVICES
Specialized reading instruction 5x30 minutes weekly in the resource room.

ACCOMMODATIONS
Preferential seating if necessary.
Graphic organizer for writing assignments of more than 3 sentences.
"""

DEFECTS_C = """\
IEP - TRANSITION-AGE STUDENT
Student: Tessa Moreau    Date of Birth: 03/30/2010    Grade: 10
Meeting date: 04/12/2026

PRESENT LEVELS OF ACADEMIC ACHIEVEMENT AND FUNCTIONAL PERFORMANCE
Tessa is a sophomore who sings in the choir and volunteers at the animal shelter.
Writing: Tessa turns in complete paragraphs on 70% of writing assignments.
Parent concerns: Her mother is worried about her anxiety before tests and her frequent absences on test days.

POSTSECONDARY GOALS
Education: After graduation, Tessa will attend Brookfield Community College to study veterinary technology.

ANNUAL GOALS
Goal 1: By April 2027, Tessa will turn in complete paragraphs on 60% of writing assignments, as measured by a writing checklist.
Goal 2: By April 2027, given a veterinary technology program application, Tessa will complete every section with no more than 2 errors, as measured by a teacher checklist.

Progress reports will be sent home each quarter.

SERVICES
Counseling weekly with the school counselor.
Transition services: college application support, 2 x 30 minutes per month.

ACCOMMODATIONS
Testing in a separate room for tests longer than 30 minutes.
"""

DEFECTS_D = """\
INDIVIDUALIZED EDUCATION PROGRAM
Student: Sam Whitaker    Grade: 4    School: Ridgeview Elementary
IEP Start Date: 01/11/2027    IEP End Date: 01/10/2028

PRESENT LEVELS
Sam is an energetic fourth grader who builds detailed model airplanes.
Reading: Sam reads grade 4 passages at 70 words correct per minute, below the grade 4 benchmark.
Writing: On the district writing rubric Sam scores 2 of 4 on opinion paragraphs; his sentences often lack capital letters.
Behavior: Sam calls out about 4 times per lesson during whole-group math.
\f
ANNUAL GOALS
Goal 1: By January 2028, given an unpracticed grade 4 passage, Sam will read aloud at 80 words correct per minute on 2 of 3 probes, as measured by curriculum-based probes.
Goal 2: By January 2028, Sam will write an opinion paragraph of 5 sentences that begin with capital letters.
Goal 3: By January 2028, during whole-group math, Sam will reduce call-outs from 4 to 6 per lesson by raising his hand, as measured by teacher tally sheets.
Goal 4: By January 2028, using standard scissors, Sam will cut along a curved line within 1/4 inch in 4 of 5 trials.

SERVICES
Specialized reading and writing instruction: 4 x 45 minutes per week, resource room.
Behavior support: check-in with the school social worker, daily, 10 minutes.

ACCOMMODATIONS
Tests read aloud when possible.
Use of a word processor for written work longer than one paragraph.
"""

DEFECTS_E = """\
IEP WITH TRANSITION PLAN
Student: Eli Brandt    Age: 17    Grade: 12
IEP Date: 02/02/2027

PRESENT LEVELS OF ACADEMIC ACHIEVEMENT AND FUNCTIONAL PERFORMANCE
Eli is a senior who plays bass guitar and fixes computers for his family.
Math: Eli solves 3 of 10 multi-step percent problems correctly; he needs support setting up the steps.

POSTSECONDARY GOALS
Education/Training: Eli will think about going to college someday.
Employment: Eli will try to find a job with computers.

ANNUAL GOALS
Goal 1: By February 2028, given 10 multi-step percent problems, Eli will solve at least 8 correctly on 3 consecutive probes, as measured by teacher-made probes.

Progress will be reported to Eli and his parents quarterly.

SERVICES
Specialized math instruction: 3 x 50 minutes per week, resource room.

ACCOMMODATIONS
Calculator on all math tests.
Extended time on tests as needed.
"""

DEFECTS_F = """\
INDIVIDUALIZED EDUCATION PROGRAM
Student: Nora Bell    Age: 8    School: Hilltop Elementary
Grade level: 3rd grade
IEP Start Date: 08/24/2026    IEP End Date: 08/23/2027

PRESENT LEVELS
Reading: On fall curriculum-based probes with third-grade text Nora read 40 words correct per minute and made frequent errors on multisyllable words.
Math: Nora adds two-digit numbers without regrouping accurately; she solved 3 of 10 two-digit addition problems with regrouping correctly.

ANNUAL GOALS
Goal 1: In 20 weeks, given an unpracticed third-grade passage, Nora will read aloud at 90 words correct per minute on 2 of 3 probes, as measured by curriculum-based probes.
Goal 2: By August 2027, given 10 two-digit addition problems with regrouping, Nora will solve them with 80% accuracy on 3 consecutive probes, as measured by teacher data sheets.

PROGRESS REPORTS
Nora's parents will receive a written progress report every nine weeks.

SERVICES
Reading intervention with the reading specialist.
Specialized math instruction: 2 x 30 minutes per week, resource room.

ACCOMMODATIONS
Directions read aloud and repeated once for tests of more than 5 items.
"""

KAI_LAST = """\
INDIVIDUALIZED EDUCATION PROGRAM
Student: Kai Lindqvist    Grade: 2    School: Maple Hill Elementary
IEP Start Date: 03/01/2026    IEP End Date: 02/28/2027

PRESENT LEVELS
Reading: Kai reads grade 2 passages at 38 words correct per minute.
Math: Kai adds within 20 correctly on 6 of 10 problems.

ANNUAL GOALS
Goal 1: By February 2027, given an unpracticed grade 2 passage, Kai will read aloud at 80 words correct per minute on 2 of 3 probes, as measured by curriculum-based probes.
Goal 2: By February 2027, given 10 addition problems within 20, Kai will solve them with 90% accuracy on 3 consecutive probes, as measured by teacher data sheets.

Progress will be reported to the family quarterly.

SERVICES
Specialized reading instruction: 4 x 30 minutes per week, resource room.
Specialized math instruction: 2 x 30 minutes per week, resource room.
"""

KAI_THIS = """\
INDIVIDUALIZED EDUCATION PROGRAM
Student: Kai Lindqvist    Grade: 3    School: Maple Hill Elementary
IEP Start Date: 03/01/2027    IEP End Date: 02/29/2028

PRESENT LEVELS
Reading: Kai reads grade 2 passages at 64 words correct per minute.
Math: Kai adds within 20 correctly on 9 of 10 problems and subtracts within 20 correctly on 5 of 10.

ANNUAL GOALS
Goal 1: By February 2028, given an unpracticed grade 2 passage, Kai will read aloud at 80 words correct per minute on 2 of 3 probes, as measured by curriculum-based probes.
Goal 2: By February 2028, given 5 one-step word problems with sums and differences within 20, Kai will write and solve an equation for at least 4 of them on 3 consecutive probes, as measured by teacher data sheets.

Progress will be reported to the family quarterly.

SERVICES
Specialized reading instruction: 4 x 30 minutes per week, resource room.
Specialized math instruction: 2 x 30 minutes per week, resource room.
"""

ZOE_LAST = """\
IEP
Student: Zoe Castellano    Grade: 6    Age: 11
Plan period: 05/04/2026 - 05/03/2027

PRESENT LEVEL OF PERFORMANCE
Social: Zoe starts a conversation with a classmate in 1 of 5 observed lunch periods; she would like more friends.

ANNUAL GOALS
Goal 1: By May 2027, during lunch, Zoe will start a conversation with a peer in 4 of 5 observed lunch periods, as measured by observation data recorded weekly by the counselor.

Progress reports go home each trimester.

SERVICES
Counseling (social skills group): 1 x 30 minutes weekly, counseling office.
"""

ZOE_THIS = """\
IEP
Student: Zoe Castellano    Grade: 7    Age: 12
Plan period: 05/03/2027 - 05/02/2028

PRESENT LEVEL OF PERFORMANCE
Social: Zoe now starts a conversation with a classmate in 4 of 5 observed lunch periods; she would like to join an after-school club.

ANNUAL GOALS
Goal 1: By May 2028, during lunch, Zoe will start a conversation with a peer in 4 of 5 observed lunch periods, as measured by observation data recorded weekly by the counselor.
Goal 2: By May 2028, Zoe will attend an after-school club of her choice at least 3 times a month for 3 consecutive months, as recorded on her club attendance log.

Progress reports go home each trimester.

SERVICES
Counseling (social skills group): 1 x 30 minutes weekly, counseling office.
"""

#: name -> (text, previous plan's name or None)
PLANS: dict[str, tuple[str, str | None]] = {
    "clean_elementary.txt": (CLEAN_ELEMENTARY, None),
    "clean_transition.pdf": (CLEAN_TRANSITION, None),
    "defects_a.txt": (DEFECTS_A, None),
    "defects_b.txt": (DEFECTS_B, None),
    "defects_c.txt": (DEFECTS_C, None),
    "defects_d.pdf": (DEFECTS_D, None),
    "defects_e.txt": (DEFECTS_E, None),
    "defects_f.txt": (DEFECTS_F, None),
    "kai_last.txt": (KAI_LAST, None),
    "kai_this.txt": (KAI_THIS, "kai_last.txt"),
    "zoe_last.txt": (ZOE_LAST, None),
    "zoe_this.pdf": (ZOE_THIS, "zoe_last.txt"),
}

P, F, NA = "pass", "fail", "not_applicable"
#: name -> {"status": {check: status}, "planted": [[check, goal id | None, area | None, words in the message]]}
PLANTED: dict[str, dict[str, object]] = {
    "clean_elementary.txt": {
        "status": {"needs_have_goals": P, "baselines": P, "ambition": P, "progress_monitoring": P,
                   "services": P, "accommodations": P, "transition": NA, "recycled_goals": NA},
        "planted": [["ambition", "g1", "reading", "between typical and ambitious growth"]],
    },
    "clean_transition.pdf": {
        "status": {"needs_have_goals": P, "baselines": P, "ambition": P, "progress_monitoring": P,
                   "services": P, "accommodations": P, "transition": P, "recycled_goals": NA},
        "planted": [],
    },
    "defects_a.txt": {
        "status": {"needs_have_goals": F, "ambition": F, "progress_monitoring": F, "services": F,
                   "accommodations": F, "transition": NA, "recycled_goals": NA},
        "planted": [
            ["needs_have_goals", None, "communication", "no annual goal"],
            ["ambition", "g1", "reading", "less than typical growth"],
            ["ambition", "g1", "reading", "typical growth in grade 2 is 1.5, ambitious 2 (Fuchs et al. 1993"],
            ["progress_monitoring", "g1", "reading", "reported to the family"],
            ["progress_monitoring", "g2", "math", "reported to the family"],
            ["services", None, None, "no frequency"],
            ["accommodations", None, None, "as needed"],
            ["accommodations", None, None, "when appropriate"],
        ],
    },
    "defects_b.txt": {
        "status": {"needs_have_goals": F, "baselines": F, "ambition": F, "progress_monitoring": F,
                   "services": F, "accommodations": F, "transition": NA, "recycled_goals": NA},
        "planted": [
            ["needs_have_goals", "g3", "social_emotional", "present levels do not name"],
            ["baselines", "g1", "reading", "different units"],
            ["baselines", "g3", "social_emotional", "no baseline"],
            ["ambition", "g2", "reading", "more than the ambitious rate"],
            ["progress_monitoring", "g3", "social_emotional", "how progress is measured"],
            ["services", "g3", "social_emotional", "no behavior and social-emotional service"],
            ["accommodations", None, None, "if necessary"],
        ],
    },
    "defects_c.txt": {
        "status": {"needs_have_goals": F, "baselines": F, "ambition": F, "services": F,
                   "transition": F, "recycled_goals": NA},
        "planted": [
            ["needs_have_goals", None, "social_emotional", "parent or teacher concern"],
            ["baselines", "g2", "writing", "below the baseline"],
            ["ambition", "g2", "writing", "no growth"],
            ["services", None, None, "no duration"],
            ["services", "g2", "writing", "no writing service"],
            ["transition", None, "transition", "no postsecondary goal in employment"],
            ["transition", None, "transition", "no age-appropriate transition assessment"],
            ["transition", None, "transition", "no course of study"],
            ["transition", None, "transition", "student was invited"],
        ],
    },
    "defects_d.pdf": {
        "status": {"needs_have_goals": F, "baselines": F, "ambition": F, "progress_monitoring": F,
                   "services": F, "accommodations": F, "transition": NA, "recycled_goals": NA},
        "planted": [
            ["needs_have_goals", "g4", "motor", "present levels do not name"],
            ["baselines", "g2", "writing", "different units"],
            ["baselines", "g3", "social_emotional", "above the baseline"],
            ["baselines", "g4", "motor", "no baseline"],
            ["ambition", "g1", "reading", "less than typical growth"],
            ["ambition", "g3", "social_emotional", "no growth"],
            ["progress_monitoring", "g1", "reading", "how often progress is reported"],
            ["progress_monitoring", "g2", "writing", "how progress is measured"],
            ["progress_monitoring", "g4", "motor", "how progress is measured"],
            ["services", "g4", "motor", "no motor service"],
            ["accommodations", None, None, "when possible"],
        ],
    },
    "defects_e.txt": {
        "status": {"needs_have_goals": P, "baselines": P, "ambition": P, "progress_monitoring": P,
                   "services": P, "accommodations": F, "transition": F, "recycled_goals": NA},
        "planted": [
            ["transition", "g1", "transition", "not measurable"],
            ["transition", "g2", "transition", "not measurable"],
            ["transition", None, "transition", "no course of study"],
            ["transition", None, "transition", "no age-appropriate transition assessment"],
            ["accommodations", None, None, "as needed"],
        ],
    },
    "defects_f.txt": {
        "status": {"needs_have_goals": P, "baselines": P, "ambition": F, "progress_monitoring": P,
                   "services": F, "accommodations": P, "transition": NA, "recycled_goals": NA},
        "planted": [
            ["ambition", "g1", "reading", "more than the ambitious rate"],
            ["ambition", "g1", "reading", "typical growth in grade 3 is 1, ambitious 1.5 (Fuchs et al. 1993"],
            ["services", None, None, "no frequency (how often) and no duration"],
        ],
    },
    "kai_this.txt": {
        "status": {"recycled_goals": F},
        "planted": [
            ["recycled_goals", "g1", "reading", "last year's target 80 wcpm, this year's baseline 64 wcpm"],
            ["recycled_goals", "g1", "reading", "not met"],
        ],
    },
    "zoe_this.pdf": {
        "status": {"recycled_goals": F},
        "planted": [
            ["recycled_goals", "g1", "social_emotional", "looks met"],
        ],
    },
}


def write_pdf(text: str, path: Path) -> None:
    """Draw a plan as a PDF: ALL-CAPS lines as bold headings, paragraphs wrapped, form feeds as page breaks."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    width, height = letter
    margin, body, head = 60.0, 10.0, 12.0
    canvas = Canvas(str(path), pagesize=letter, invariant=True)
    canvas.setTitle(path.stem)
    y = height - margin
    for raw in text.split("\n"):
        if raw.startswith("\f"):
            canvas.showPage()
            y = height - margin
            raw = raw[1:]
        if not raw.strip():
            y -= body * 0.8
            continue
        is_head = raw.isupper() and len(raw.split()) <= 10
        font, size = ("Helvetica-Bold", head) if is_head else ("Helvetica", body)
        if is_head:
            y -= 6
        for line in simpleSplit(raw, font, size, width - 2 * margin):
            if y < margin:
                canvas.showPage()
                y = height - margin
            canvas.setFont(font, size)
            canvas.drawString(margin, y, line)
            y -= size * 1.35
    canvas.save()


def generate(out: Path = OUT, goldens: bool = False) -> list[Path]:
    """Write every plan (and planted.json; the goldens with ``goldens``)."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (text, _) in PLANS.items():
        path = out / name
        if name.endswith(".pdf"):
            write_pdf(text, path)
        else:
            path.write_text(text.replace("\f", ""), encoding="utf-8")
        written.append(path)
    manifest = {name: {"previous": prev, **PLANTED.get(name, {"status": {}, "planted": []})}
                for name, (_, prev) in PLANS.items()}
    (out / "planted.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    if goldens:
        sys.path.insert(0, str(ROOT))
        from goalcheck.api import analyze_document

        for name, (_, prev) in PLANS.items():
            report = analyze_document(out / name, previous=out / prev if prev else None)
            assert report.plan is not None
            (out / f"{name}.plan.json").write_text(
                json.dumps(report.plan.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--goldens", action="store_true", help="re-write the golden plan reviews from the code")
    args = parser.parse_args(argv)
    for path in generate(args.out, args.goldens):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
