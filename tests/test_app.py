"""The Streamlit app (AppTest, no browser) and its pure helpers in goalcheck.app_support."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from goalcheck import app_support as sup
from goalcheck import export
from goalcheck.api import analyze_document, analyze_goal
from goalcheck.data import SAMPLE_IEP
from goalcheck.schema import COMPONENTS, DocumentReport, GoalAnalysis, Span

APP = str(Path(__file__).resolve().parents[1] / "app.py")
WEAK = "Maya will improve her reading skills."
STRONG = ("By June 2027, given a grade 3 passage, Maya will read aloud at 90 words correct per "
          "minute in 3 of 4 trials, as measured by weekly fluency probes.")


@pytest.fixture(scope="module")
def sample() -> DocumentReport:
    return analyze_document(SAMPLE_IEP)


def _app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    assert not at.exception
    return at


def _metrics(at: AppTest, label: str) -> list[str]:
    """Values of the summary metrics called ``label``, and of the goal cards' scores."""
    found = [m.value for m in at.metric if m.label == label]
    for m in at.markdown:
        found += re.findall(rf'data-score="{label.lower()}"[^>]*>([^<]*)<', m.value)
    return found


@pytest.fixture(scope="module")
def reviewed() -> AppTest:
    at = _app()
    at.button(key="sample").click().run()
    assert not at.exception
    return at


# ---------------------------------------------------------------- app pages


def test_start_page_invites_upload_or_sample() -> None:
    at = _app()
    assert at.radio(key="mode").value == "Review a plan"
    assert any("Try the sample IEP" in i.value for i in at.info)
    assert not _metrics(at, "Overall")


def test_sample_goal_cards_match_the_api(reviewed: AppTest, sample: DocumentReport) -> None:
    per_page = 8
    first_page = sample.goals[:per_page]
    assert _metrics(reviewed, "Overall") == [str(g.overall) for g in first_page]
    assert _metrics(reviewed, "Measurability") == [str(g.measurability_score) for g in first_page]
    assert _metrics(reviewed, "Strength") == [str(g.strength_score) for g in first_page]
    highlighted = [m.value for m in reviewed.markdown if "gc-goal" in m.value]
    first = sample.goals[0].components["behavior"].spans[0].text
    assert len(highlighted) == len(first_page)
    assert re.search(rf'<mark[^>]*data-component="behavior"[^>]*>{re.escape(first)}</mark>',
                     highlighted[0])
    # Collapsed cards say where each goal is and how it scored; only the first is open.
    labels = [e.label for e in reviewed.expander if "overall" in e.label]
    assert labels[0].startswith(f"{sample.goals[0].id} · ")
    assert f"overall {sample.goals[0].overall}" in labels[0]


def test_goal_cards_come_a_page_at_a_time(sample: DocumentReport) -> None:
    at = _app()
    at.button(key="sample").click().run()
    key = next(n.key for n in at.number_input if n.key and n.key.startswith("goal_page_"))
    at.number_input(key=key).set_value(2).run()
    assert not at.exception
    assert _metrics(at, "Overall") == [str(g.overall) for g in sample.goals[8:16]]


def test_sample_summary_band(reviewed: AppTest, sample: DocumentReport) -> None:
    s = sup.summarize(sample.goals)
    assert _metrics(reviewed, "Goals and objectives") == [str(len(sample.goals))]
    assert _metrics(reviewed, "Measurable") == [f"{s.share_measurable:.0%}"]
    assert _metrics(reviewed, "Mean overall") == [f"{s.mean_overall:.0f}"]


def test_editing_a_goal_rescores_it(reviewed: AppTest, sample: DocumentReport) -> None:
    i = next(i for i, g in enumerate(sample.goals[:8]) if g.measurability_class == "not_measurable")
    box = next(t for t in reviewed.text_area if t.key and t.key.endswith(f"_{sample.goals[i].id}"))
    box.input(STRONG).run()
    assert not reviewed.exception
    expected = analyze_goal(STRONG, kind=sample.goals[i].kind)
    notes = [m.value for m in reviewed.markdown if m.value.startswith("**Re-scored:**")]
    delta = expected.overall - sample.goals[i].overall
    assert notes == [(f"**Re-scored:** overall {expected.overall} (+{delta} from the original), "
                      "measurable, strength-based.")]


def test_practice_box_rescores_as_the_text_changes() -> None:
    at = _app()
    at.radio(key="mode").set_value("Practice").run()
    assert len(_metrics(at, "Overall")) == len(sup.load_gallery())  # the gallery tab only
    at.text_area(key="practice_text").input(WEAK).run()
    first = _metrics(at, "Overall")[0]
    assert first == str(analyze_goal(WEAK).overall)
    at.text_area(key="practice_text").input(STRONG).run()
    second = _metrics(at, "Overall")[0]
    assert second == str(analyze_goal(STRONG).overall)
    assert int(second) > int(first)
    assert any("The six components" in m.value for m in at.markdown)  # rubric tab


def test_practice_scores_pasted_goals_one_by_one_and_says_which_is_not_english() -> None:
    at = _app()
    at.radio(key="mode").set_value("Practice").run()
    at.text_area(key="practice_text").input(
        f"{WEAK} Para junio de 2027, Sofía leerá 20 palabras con el 90% de precisión. "
        "Sam will not hit peers during recess.").run()
    assert not at.exception
    assert any(m.value.startswith("**3 goals found**") for m in at.markdown)
    assert any("written in Spanish" in w.value for w in at.warning)
    assert _metrics(at, "Overall")[:2] == [str(analyze_goal(WEAK).overall),
                                           str(analyze_goal("Sam will not hit peers during recess.").overall)]


@pytest.mark.parametrize("text, goals", [
    ("Jo will read 20 words. Ray will write 3 sentences.", 2),
    ("By June 2027, Maya will read aloud at 90 wcpm. This will be measured by weekly probes.", 1),
    (("Maya will read 20 words. Para junio de 2027, Sofía leerá 20 palabras con el 90% de "
     "precisión."), 2),
    (("Para junio de 2027, Sofía leerá 20 palabras con el 90% de precisión. Sofía escribirá "
     "3 oraciones."), 1),
])
def test_practice_goals_split(text: str, goals: int) -> None:
    assert len(sup.practice_goals(text)) == goals


def test_score_many_table_filter_and_redaction(sample: DocumentReport) -> None:
    at = _app()
    at.radio(key="mode").set_value("Score many").run()
    at.button(key="many_sample").click().run()
    table = at.dataframe[0].value
    assert list(table["overall"]) == [g.overall for g in sample.goals]
    assert set(table["file"]) == {"sample_iep.pdf"}
    at.multiselect(key="f_class").set_value(["measurable"]).run()
    table = at.dataframe[0].value
    assert len(table) == sum(g.measurability_class == "measurable" for g in sample.goals)
    at.toggle(key="redact").set_value(True).run()
    texts = " ".join(at.dataframe[0].value["text"])
    assert "Maya" not in texts and "[Student]" in texts
    # Ids in words on screen (the downloads keep the ids).
    shown = at.dataframe[0].value
    assert set(shown["kind"]) <= {"Annual goal", "Objective"}
    assert set(shown["measurability_class"]) == {"Measurable"}
    assert not any("_" in str(v) for c in sup.LABELLED_COLUMNS if c in shown for v in shown[c])


def test_per_file_table_lists_a_file_without_goals(sample: DocumentReport) -> None:
    rows = sup.table_rows([("a.pdf", sample), ("bad.pdf", "not a PDF")])
    frame = pd.DataFrame(rows)
    goals, errors = frame[frame["error"].isna()], frame[frame["error"].notna()]
    summary = sup.file_summary(goals, errors, no_goals=["notes.txt"])
    assert list(summary["file"]) == [sample.source, "notes.txt", "bad.pdf"]
    assert list(summary["status"]) == ["read", "read, no goals found", "not read: not a PDF"]
    assert summary["goals"].tolist() == [len(sample.goals), 0, 0]


def test_screen_table_puts_ids_in_words() -> None:
    frame = pd.DataFrame({"kind": ["annual_goal", "postsecondary_goal"],
                          "measurability_class": ["partially_measurable", None],
                          "domain": ["social_emotional", "math"], "text": ["a_b", "c"]})
    shown = sup.screen_table(frame)
    assert shown["kind"].tolist() == ["Annual goal", "Postsecondary goal"]
    assert shown["measurability_class"][0] == "Partly measurable" and pd.isna(shown["measurability_class"][1])
    assert shown["domain"].tolist() == ["Social-emotional", "Math"]
    assert shown["text"].tolist() == ["a_b", "c"]  # goal text is never relabelled
    assert frame["kind"].tolist() == ["annual_goal", "postsecondary_goal"]  # not changed
    assert set(sup.COLUMN_LABELS) >= set(export.ROW_COLUMNS)


# ---------------------------------------------------------------- tables


def test_table_rows_many_files_with_an_unreadable_one(sample: DocumentReport) -> None:
    rows = sup.table_rows([("a.pdf", sample), ("bad.pdf", "bad.pdf: not a PDF"), ("b.pdf", sample)])
    assert len(rows) == 2 * len(sample.goals) + 1
    bad = [r for r in rows if r["error"]]
    assert bad == [{**{c: None for c in export.ROW_COLUMNS}, "file": "bad.pdf",
                    "error": "bad.pdf: not a PDF"}]
    text = sup.rows_to_csv(rows)
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert parsed[len(sample.goals)]["error"] == "bad.pdf: not a PDF"
    assert [int(r["overall"]) for r in parsed[: len(sample.goals)]] == [
        g.overall for g in sample.goals]
    frame = pd.read_parquet(io.BytesIO(sup.rows_to_parquet(rows)))
    assert len(frame) == len(rows) and frame["error"].notna().sum() == 1


def test_table_rows_redact_the_student_name(sample: DocumentReport) -> None:
    rows = sup.table_rows([("x.pdf", sample)], redact_names=True)
    assert not any("Maya" in str(r["text"]) + str(r["rewrite"]) for r in rows)
    assert any("[Student]" in str(r["text"]) for r in rows)


@pytest.mark.parametrize("filters, expected", [
    ({}, 4),
    ({"classes": ["measurable"]}, 2),
    ({"classes": ["measurable"], "domains": ["math"]}, 1),
    ({"kinds": ["objective"]}, 1),
    ({"overall": (50, 100)}, 2),
    ({"contains": "READ"}, 2),
    ({"contains": "nothing like this"}, 0),
])
def test_filter_table(filters: dict, expected: int) -> None:
    frame = pd.DataFrame([
        {"measurability_class": "measurable", "domain": "math", "kind": "annual_goal",
         "overall": 90, "text": "solve"},
        {"measurability_class": "measurable", "domain": "reading", "kind": "annual_goal",
         "overall": 80, "text": "read aloud"},
        {"measurability_class": "not_measurable", "domain": "reading", "kind": "objective",
         "overall": 30, "text": "improve reading"},
        {"measurability_class": "partially_measurable", "domain": None, "kind": "annual_goal",
         "overall": 40, "text": None},
    ])
    assert len(sup.filter_table(frame, **filters)) == expected


def test_records_turn_missing_values_into_none() -> None:
    frame = pd.DataFrame([{"overall": 1.0, "text": "a"}, {"overall": float("nan"), "text": None}])
    assert sup.records(frame) == [{"error": None, "overall": 1.0, "text": "a"},
                                  {"error": None, "overall": None, "text": None}]


# ---------------------------------------------------------------- helpers


@pytest.mark.parametrize("old, new, expected", [
    ("", "", []),
    ("Jo reads.", "Jo reads.", [("equal", "Jo reads.")]),
    ("Jo will read.", "Jo will read aloud.",
     [("equal", "Jo will read"), ("insert", " aloud"), ("equal", ".")]),
    ("Jo will improve reading.", "Jo will read aloud.",
     [("equal", "Jo will "), ("delete", "improve reading"), ("insert", "read aloud"),
      ("equal", ".")]),
    ("Sam cannot sit.", "Sam will sit.", [("equal", "Sam "), ("delete", "cannot"),
                                          ("insert", "will"), ("equal", " sit.")]),
    ("abc", "", [("delete", "abc")]),
])
def test_word_diff(old: str, new: str, expected: list[tuple[str, str]]) -> None:
    assert sup.word_diff(old, new) == expected
    assert "".join(t for op, t in expected if op != "delete") == new


def _analysis(text: str, spans: dict[str, list[tuple[int, int]]]) -> GoalAnalysis:
    a = GoalAnalysis(text=text)
    for name, found in spans.items():
        if name == "vague":
            a.vague_verbs = [Span(s, e, text[s:e]) for s, e in found]
        else:
            a.components[name].present = True
            a.components[name].spans = [Span(s, e, text[s:e]) for s, e in found]
    return a


@pytest.mark.parametrize("text, spans, must, must_not", [
    ("<b>Jo</b> will read.", {"learner": [(3, 5)]},
     ['data-component="learner"', "&lt;b&gt;"], ["<b>"]),
    ("Jo will improve.", {"vague": [(8, 15)]}, ['data-vague="1"', ">improve</mark>"],
     ["data-component"]),
    ("on 3 probes", {"criterion": [(0, 11)], "measurement": [(5, 11)]},
     ['data-component="criterion measurement"', 'data-component="criterion"', "box-shadow"], []),
    ("plain", {}, ["plain"], ["<mark"]),
])
def test_highlight_html(text: str, spans: dict, must: list[str], must_not: list[str]) -> None:
    out = sup.highlight_html(_analysis(text, spans))
    for m in must:
        assert m in out
    for m in must_not:
        assert m not in out


def test_legend_names_every_component() -> None:
    legend = sup.legend_html()
    for c in COMPONENTS:
        assert sup.COMPONENT_STYLE[c][0] in legend


@pytest.mark.parametrize("code, short", [
    ("CCSS.MATH.CONTENT.3.OA.C.7", "3.OA.C.7"),
    ("CCSS.ELA-LITERACY.RF.3.4.B", "RF.3.4.B"),
    ("RL.4.2", "RL.4.2"),
])
def test_short_code(code: str, short: str) -> None:
    assert sup.short_code(code) == short


def test_summarize_empty_and_counts() -> None:
    assert sup.summarize([]).share_measurable == 0.0
    a = _analysis("Jo will read.", {"learner": [(0, 2)], "behavior": [(8, 12)]})
    s = sup.summarize([a, a])
    assert s.goals == 2 and s.missing["learner"] == 0 and s.missing["criterion"] == 2


def test_gallery_runs_weak_to_strong() -> None:
    items = sup.load_gallery()
    from goalcheck.api import analyze_many

    scores = [a.overall for a in analyze_many([i["goal"] for i in items])]
    levels = [i["level"] for i in items]
    mean = {lv: sum(s for s, l2 in zip(scores, levels) if l2 == lv) / levels.count(lv)
            for lv in set(levels)}
    assert mean["Weak"] < mean["Developing"] < mean["Good"] <= max(mean["Strong"], mean["Good"])
    assert all(i["lesson"] and i["title"] for i in items)


def test_rubric_text_covers_every_component() -> None:
    text = sup.rubric_text()
    for c in COMPONENTS:
        assert f"**{sup.COMPONENT_STYLE[c][0]}**" in text


def test_rubric_text_says_what_the_shipped_profiles_require() -> None:
    """The Rubric tab told coaches a measurable goal needs a timeframe; the default does not."""
    from goalcheck.profiles import DEFAULT_PROFILE, load_profile, shipped_profiles

    text = " ".join(sup.rubric_text().split())
    assert list(load_profile(DEFAULT_PROFILE).requires("annual_goal")) == ["behavior", "criterion"]
    assert ("*Measurable*: an observable behavior and a criterion, under the default "
            f"**{DEFAULT_PROFILE}** rubric") in text
    assert list(load_profile("smart").requires("annual_goal")) == ["behavior", "criterion", "timeframe"]
    assert all(f"**{name}**" in text for name in shipped_profiles())
    assert "criterion and timeframe are all there" not in text


def test_the_bar_fills_stage_by_stage_and_never_claims_done() -> None:
    steps = [("reading", 0, 0), ("reading", 1, 1), ("finding goals", 0, 9000),
             ("finding goals", 4500, 9000), ("finding goals", 9000, 9000), ("analysing goals", 10, 40),
             ("analysing goals", 40, 40), ("reviewing the plan", 0, 0), ("reviewing the plan", 0, 90),
             ("reviewing the plan", 45, 90), ("reviewing the plan", 90, 90)]
    for name in ("plan.txt", "plan.pdf", "plan.docx"):
        fractions = [sup.stage_fraction(name, *s) for s in steps]
        assert fractions == sorted(fractions) and fractions[0] == 0.0, (name, fractions)
        assert fractions[3] > fractions[2] and all(f < 1.0 for f in fractions)
        assert fractions[9] > fractions[8], "the bar moves inside the plan review"
    assert sup.stage_text("finding goals", 4500, 9000) == "finding goals: 4,500 of 9,000 lines"
    assert sup.stage_text("reviewing the plan", 45, 90) == "reviewing the plan: 50%"


def test_research_views_leave_out_goals_not_analysed() -> None:
    """A goal not in English has no scores: the table keeps it, charts and summaries skip it
    (the Charts tab raised 'cannot convert float NaN to integer')."""
    report = analyze_document(
        "Annual Goals\nGoal 1: Para junio de 2027, Sofía leerá 20 palabras con el 90% de "
        "precisión.\nGoal 2: Sam will improve his behavior.\n".encode(), name="mixed.txt")
    frame = pd.DataFrame(sup.table_rows([("mixed.txt", report)]))
    goals = frame[frame["error"].isna()]
    assert len(sup.filter_table(goals)) == 2  # every row while the score filter is open
    assert len(sup.filter_table(goals, overall=(10, 100))) == 1
    assert sup.score_bins(goals["overall"])["goals"].sum() == 1
    assert sup.describe_scores(list(goals["overall"]), "overall").startswith(
        "Overall scores of 1 goal: median 33")
    assert sup.missing_counts(goals)["goals missing it"].tolist() == [1, 1, 0, 1, 1, 1]
    row = sup.file_summary(goals).iloc[0]
    assert row["goals"] == 2 and row["mean overall"] == 33.0
    assert row["status"] == "read, 1 not analysed (not in English)"


def test_a_goal_card_tells_required_parts_from_recommended_ones() -> None:
    at = _app()
    at.radio(key="mode").set_value("Practice").run()
    at.text_area(key="practice_text").input("Sam will read sight words aloud.").run()
    lines = [m.value for m in at.tabs[0].markdown if m.value.startswith("**")]
    assert ("**Needed to be measurable:** criterion (how well, how much or how often?)"
            in lines)
    assert any(v.startswith("**Also worth adding:** timeframe (by when?)") for v in lines)
    at.text_area(key="practice_text").input("After high school, Sam will work.").run()
    lines = [m.value for m in at.tabs[0].markdown]  # the Check tab (the gallery has its own)
    assert not any(v.startswith(("**Needed", "**Also worth", "**Missing")) for v in lines)
