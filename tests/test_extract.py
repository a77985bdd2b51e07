"""Goal extraction: what is a goal, labels, objectives, baselines, the scorer hook."""

from __future__ import annotations

import pytest
from pdf_fixtures import (
    BASELINE_2,
    GOAL_1,
    GOAL_2,
    OBJ_1A,
    OBJ_1B,
    POST_GOAL,
    sample_iep_docx,
    sample_iep_pdf,
)

from goalcheck import extract
from goalcheck.extract import extract_goals, parse_label, rule_is_goal_line
from goalcheck.ingest import read_document
from goalcheck.schema import Document, Line
from goalcheck.sections import find_sections


def goals_of(text: str) -> list:
    doc = read_document(text.encode(), name="t.txt")
    return extract_goals(doc, find_sections(doc))


@pytest.mark.parametrize(
    "text, section, label",
    [
        ("By June 2027, given a passage, Maya will read aloud 90 wcpm.", "annual_goals", "annual_goal"),
        ("Maya will know her sight words.", "annual_goals", "annual_goal"),
        ("The student will be less aggressive at recess.", "annual_goals", "annual_goal"),
        ("After graduation, Ana will enroll in a culinary program.", "transition", "postsecondary_goal"),
        ("Within one year of graduating, Ana will work 20 hours a week.", "transition", "postsecondary_goal"),
        ("She will write 3 sentences in 4 of 5 trials.", "objectives", "objective"),
        ("Read 20 sight words with 90% accuracy.", "objectives", "objective"),
        ("Objective 2.1: Read 20 sight words with 90% accuracy.", "objectives", "objective"),
        ("Goal 1: By May 2027, Jo will add 20 facts.", "annual_goals", "annual_goal"),
        ("By May 2027, Maya will add within 20 with 80% accuracy.", "present_levels", "annual_goal"),
        # RUBRIC 7.1: services, supports and decisions are not goals
        ("Maya will receive speech therapy 2x30 minutes weekly.", "services", "not_goal"),
        ("Maya will receive speech therapy 2x30 minutes weekly.", "annual_goals", "not_goal"),
        ("Maya will be provided a scribe.", "accommodations", "not_goal"),
        ("Maya will be allowed extended time on tests.", "accommodations", "not_goal"),
        ("Maya will take the state assessment with accommodations.", "other", "not_goal"),
        ("Maya will participate in general education for 80% of the day.", "other", "not_goal"),
        ("Maya will spend 82% of her school day in the general education classroom.", "other", "not_goal"),
        ("Jo will often leave her seat during work.", "present_levels", "not_goal"),
        ("Ana will be referred to the vocational rehabilitation agency.", "transition", "not_goal"),
        ("Parents would like Maya to read more.", "present_levels", "not_goal"),
        ("The teacher will chart data weekly.", "annual_goals", "not_goal"),
        ("Progress will be reported each trimester.", "other", "not_goal"),
        ("Maya will use a calculator.", "accommodations", "not_goal"),
        ("Maya reads 62 wcpm.", "present_levels", "not_goal"),
        ("Annual Goals", "annual_goals", "not_goal"),
        ("", "annual_goals", "not_goal"),
    ],
)
def test_rule_is_goal_line(text: str, section: str, label: str) -> None:
    got, prob = rule_is_goal_line(text, section)
    assert got == label, (text, got, prob)
    assert 0.0 <= prob <= 1.0


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Goal 1: Maya will read.", ("goal", "Maya will read.", 1)),
        ("Annual Goal: Maya will read.", ("goal", "Maya will read.", None)),
        ("GOAL #2", ("goal_header", "", 2)),
        ("Goal 1 - Phonics", ("goal_header", "Phonics", 1)),
        ("Goal 1 of 6 Area: Reading fluency", ("goal_header", "Area: Reading fluency", 1)),
        ("Objective 1.2: Read 20 words.", ("objective", "Read 20 words.", 1)),
        ("Objective A: Read 20 words.", ("objective", "Read 20 words.", None)),
        ("Benchmark B: Read 20 words.", ("objective", "Read 20 words.", None)),
        ("Goal 3, Benchmark A: Read 20 words.", ("objective", "Read 20 words.", 3)),
        ("1a. Read 20 words.", ("objective", "Read 20 words.", 1)),
        ("2.1 Read 20 words.", ("objective", "Read 20 words.", 2)),
        ("1. Maya will read.", ("number", "Maya will read.", 1)),
        ("• Maya will read.", ("none", "Maya will read.", None)),
        ("Baseline: 62 wcpm.", ("baseline", "62 wcpm.", None)),
        ("Postsecondary Goal (Employment): Ana will work.", ("postsecondary", "Ana will work.", None)),
        ("Employment: Ana will work.", ("postsecondary", "Ana will work.", None)),
        ("Measured by: probes", ("other", "probes", None)),
        ("Maya will   read.", ("none", "Maya will read.", None)),
    ],
)
def test_parse_label(text: str, expected: tuple) -> None:
    assert parse_label(text) == expected


def test_sample_pdf_goals() -> None:
    doc = read_document(sample_iep_pdf(), name="s.pdf")
    goals = extract_goals(doc, find_sections(doc))
    assert [(g.kind, g.section, g.page, g.text) for g in goals] == [
        ("annual_goal", "annual_goals", 1, GOAL_1),
        ("annual_goal", "annual_goals", 2, GOAL_2),
        ("postsecondary_goal", "transition", 2, POST_GOAL),
    ]
    assert [o.text for o in goals[0].objectives] == [OBJ_1A, OBJ_1B]
    assert all(o.kind == "objective" and o.section == "objectives" for o in goals[0].objectives)
    assert goals[1].baseline == BASELINE_2 and goals[0].baseline is None


def test_docx_goal_grid() -> None:
    doc = read_document(sample_iep_docx(), name="s.docx")
    (goal,) = extract_goals(doc, find_sections(doc))
    assert (goal.text, goal.baseline, goal.section) == (GOAL_2, BASELINE_2, "annual_goals")


def test_text_goals_objectives_and_baselines() -> None:
    goals = goals_of(
        "MEASURABLE ANNUAL GOALS\n\nGOAL #1\nBaseline: Rosa solves 2 of 10 problems.\n"
        "Annual Goal: By May 2027, Rosa will solve 8 of 10 one-step problems.\n"
        "Objective 1.1: Circle the numbers in 8 of 10 problems.\n\n"
        "GOAL #2\nAnnual Goal: Rosa will read more fluently.\nObjective 2.1: Read aloud to a peer every day.\n"
    )
    assert [(g.text, g.baseline, [o.text for o in g.objectives]) for g in goals] == [
        ("By May 2027, Rosa will solve 8 of 10 one-step problems.", "Rosa solves 2 of 10 problems.",
         ["Circle the numbers in 8 of 10 problems."]),
        ("Rosa will read more fluently.", None, ["Read aloud to a peer every day."]),
    ]


def test_objectives_section_attaches_by_number() -> None:
    goals = goals_of(
        "Annual Goals\n\nGoal 1: By May 2027, Jo will read 40 words.\n\nGoal 2: By May 2027, Jo will add 20 facts.\n\n"
        "Short-Term Objectives\n\n2a. Jo will add 10 facts by January 2027.\n\n1a. Jo will read 20 words by January 2027.\n"
    )
    assert [[o.text for o in g.objectives] for g in goals] == [
        ["Jo will read 20 words by January 2027."], ["Jo will add 10 facts by January 2027."]]


def test_unlabelled_imperative_without_criterion_is_not_an_objective() -> None:
    goals = goals_of("Annual Goals\n\nBy May 2027, Jo will read 40 words.\n\nRead more at home.\n")
    assert [(g.text, g.objectives) for g in goals] == [("By May 2027, Jo will read 40 words.", [])]


def test_goal_wrapping_over_lines_and_page_break() -> None:
    lines = [
        Line("Annual Goals", 1, top=100, size=14, bold=True),
        Line("By June 2027, given a grade 3 passage, Maya will", 1, top=700, size=10),
        Line("read aloud 90 words correct per minute.", 2, top=80, size=10),
        Line("Maya will receive reading support 3x weekly.", 2, top=120, size=10),
    ]
    doc = Document("x.pdf", 2, lines)
    (goal,) = extract_goals(doc, find_sections(doc))
    assert goal.text == "By June 2027, given a grade 3 passage, Maya will read aloud 90 words correct per minute."
    assert goal.page == 1


def test_services_and_accommodations_are_not_goals() -> None:
    goals = goals_of(
        "Related Services\n\nMaya will receive speech therapy 2x30 minutes weekly.\n\n"
        "Accommodations\n\nMaya will be allowed extended time.\n\nMaya will use a calculator.\n"
    )
    assert goals == []


def test_scorer_hook_can_be_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Annual Goals\n\nMaya will read 20 words by May 2027.\n\nMaya will add 10 facts by May 2027.\n"
    calls: list[tuple[str, str]] = []

    def scorer(line: str, section: str) -> tuple[str, float]:
        calls.append((line, section))
        return ("annual_goal", 0.9) if "read" in line else ("not_goal", 0.9)

    monkeypatch.setattr(extract, "is_goal_line", scorer)
    assert [g.text for g in goals_of(text)] == ["Maya will read 20 words by May 2027."]
    assert ("Maya will add 10 facts by May 2027.", "annual_goals") in calls
    doc = read_document(text.encode(), name="t.txt")
    assert len(extract_goals(doc, find_sections(doc), scorer=rule_is_goal_line)) == 2


def test_no_sections_still_finds_will_goals_with_criterion() -> None:
    goals = goals_of("Maya reads 62 wcpm.\nBy June 2027, Maya will read 90 wcpm on 3 of 4 probes.\n")
    assert [(g.text, g.section) for g in goals] == [("By June 2027, Maya will read 90 wcpm on 3 of 4 probes.", None)]


# --- one box, one goal (RUBRIC 7.24) -------------------------------------------------------

from hypothesis import given, settings
from hypothesis import strategies as st

from goalcheck.extract import sentences, split_goals


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", []),
        ("   \n ", []),
        ("By May 2027, Jo will read 40 words.", ["By May 2027, Jo will read 40 words."]),
        # three goals printed as one paragraph
        ("By May 2027, Ruby will name 26 letters in 3 sessions. Ruby will produce 20 letter sounds by May 2027, "
         "as measured by weekly probes. Given 20 objects, Ruby will count them in 4 of 5 trials.",
         ["By May 2027, Ruby will name 26 letters in 3 sessions.",
          "Ruby will produce 20 letter sounds by May 2027, as measured by weekly probes.",
          "Given 20 objects, Ruby will count them in 4 of 5 trials."]),
        # a sentence that continues its goal stays with it
        ("Jo will add 20 facts. This will be measured by weekly probes. He will do so on 3 consecutive probes.",
         ["Jo will add 20 facts. This will be measured by weekly probes. He will do so on 3 consecutive probes."]),
        ("Jo will add 20 facts. Progress will be measured by probes.",
         ["Jo will add 20 facts. Progress will be measured by probes."]),
        # a run-in label opens a goal; the prose before it is a piece of its own
        ("Jordan rarely uses transitions. Annual Goal: By May 2027, Jordan will write 4 transitions.",
         ["Jordan rarely uses transitions.", "Annual Goal: By May 2027, Jordan will write 4 transitions."]),
        ("Goal 1: Jo will read 20 words. Objective 1.1: Jo will read 10 words by January.",
         ["Goal 1: Jo will read 20 words.", "Objective 1.1: Jo will read 10 words by January."]),
        # abbreviations and initials do not end a sentence
        ("Ms. Lee says Jo will read 20 words by Jan. 2027 with Dr. Ruiz.",
         ["Ms. Lee says Jo will read 20 words by Jan. 2027 with Dr. Ruiz."]),
    ],
)
def test_split_goals(text: str, expected: list[str]) -> None:
    assert split_goals(text) == expected


def test_sentences_keep_decimals_and_times() -> None:
    assert sentences("Extended time 1.5x on tests. Jo will read at 9:30 a.m. daily.") == [
        "Extended time 1.5x on tests.", "Jo will read at 9:30 a.m. daily."]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs", "Cc"]), max_size=300))
def test_split_goals_never_loses_text(text: str) -> None:
    pieces = split_goals(text)
    assert " ".join(pieces) == " ".join(text.split())
    assert all(p and p == p.strip() for p in pieces)


_NAMES = ["Maya", "Jo", "The student", "Ruby", "Omar", "She"]
_ACTIONS = ["read 40 words", "add 20 facts", "name 26 letters", "write 3 sentences", "greet a peer"]
_CRITERIA = ["with 80% accuracy", "in 4 of 5 trials", "on 3 consecutive probes", ""]
_CONTINUATIONS = ["This will be measured by weekly probes.", "Progress will be charted by the teacher.",
                  "She will do so in two settings.", "Data will be collected weekly."]


@st.composite
def goal_boxes(draw: st.DrawFn) -> tuple[list[str], str]:
    goals = []
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(_NAMES))
        crit = draw(st.sampled_from(_CRITERIA))
        goal = f"{name} will {draw(st.sampled_from(_ACTIONS))}{' ' + crit if crit else ''}."
        if draw(st.booleans()):
            goal = f"By June 2027, {goal[0].lower() if name in ('The student', 'She') else goal[0]}{goal[1:]}"
        if draw(st.booleans()):
            goal += " " + draw(st.sampled_from(_CONTINUATIONS))
        goals.append(goal)
    return goals, " ".join(goals)


@settings(max_examples=150, deadline=None)
@given(goal_boxes())
def test_split_goals_one_piece_per_goal(box: tuple[list[str], str]) -> None:
    goals, text = box
    assert split_goals(text) == goals
