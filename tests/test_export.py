"""Tests of goalcheck.export: goal rows, CSV, JSON and the HTML report."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from goalcheck.export import (
    REDACTED,
    ROW_COLUMNS,
    ROW_TYPES,
    goal_rows,
    student_names,
    to_csv,
    to_html,
    to_json,
)
from goalcheck.schema import (
    COMPONENTS,
    Alignment,
    Component,
    DeficitSpan,
    DocumentReport,
    GoalAnalysis,
    Rewrite,
    Section,
    Span,
    StandardMatch,
)

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def state_form() -> DocumentReport:
    from goalcheck.api import analyze_document

    return analyze_document(CORPUS / "state_form.pdf")


def _goal(text: str, **kw: object) -> GoalAnalysis:
    g = GoalAnalysis(text=text, **kw)  # type: ignore[arg-type]
    return g


def _tricky_report() -> DocumentReport:
    """A hand-made report with markup in the text and a name inside two spans."""
    text = "By May 2027, Zoë <b>Quinn</b> will write 3 sentences & cannot stop."
    comps = {c: Component() for c in COMPONENTS}
    comps["timeframe"] = Component(True, [Span(0, 11, "By May 2027")])
    comps["learner"] = Component(True, [Span(13, 29, text[13:29])])
    comps["behavior"] = Component(True, [Span(35, 40, "write")])
    g = GoalAnalysis(
        text=text, components=comps, id="g1", page=2, section="annual_goals",
        deficit_spans=[DeficitSpan(55, 61, "cannot", suggestion="name what she will do")],
        strength_class="deficit_based", strength_score=70, domain="writing",
        alignment=Alignment("inferred", 40, [StandardMatch("CCSS.ELA-LITERACY.W.3.1", "3",
                                                           "Write opinion pieces.", 0.4)]),
        rewrite=Rewrite("By May 2027, Zoë <b>Quinn</b> will write 3 sentences.", ["<x>"]),
    )
    return DocumentReport(
        source="zoe_quinn_iep.pdf", pages=3, goals=[g],
        sections=[Section("other", "Student Information", 1, 1,
                          "Student: Zoë Quinn\nGrade: 3")],
        warnings=["page 3 <script>alert(1)</script>"],
    )


# --------------------------------------------------------------------- rows


def test_goal_rows_one_row_per_goal_with_all_columns(state_form: DocumentReport) -> None:
    rows = goal_rows(state_form, document_id="abc")
    assert len(rows) == len(state_form.goals) > 0
    for row, g in zip(rows, state_form.goals, strict=True):
        assert tuple(row) == ROW_COLUMNS
        assert row["document_id"] == "abc"
        assert row["goal_id"] == g.id and row["parent_id"] == g.parent
        assert row["text"] == g.text
        for c in COMPONENTS:
            assert row[f"has_{c}"] is g.components[c].present
        assert row["n_components"] == sum(g.components[c].present for c in COMPONENTS)
        assert row["overall"] == g.overall
        assert row["measurability_class"] == g.measurability_class


@pytest.mark.parametrize("column, kind", sorted(ROW_TYPES.items()))
def test_goal_row_types_match_declared(state_form: DocumentReport, column: str,
                                       kind: str) -> None:
    py = {"string": str, "int": int, "float": float, "bool": bool}[kind]
    values = [r[column] for r in goal_rows(state_form, document_id="x")]
    assert all(v is None or type(v) is py for v in values), (column, values[:3])


def test_redaction_removes_student_name_everywhere(state_form: DocumentReport) -> None:
    assert "Maya" in student_names(state_form)
    assert "Torres" in student_names(state_form)
    rows = goal_rows(state_form, redact_names=True)
    blob = json.dumps(rows)
    assert "Maya" not in blob and "Torres" not in blob
    assert sum(REDACTED in r["text"] for r in rows) >= len(rows) // 2
    plain = goal_rows(state_form)
    assert any("Maya" in r["text"] for r in plain)


@pytest.mark.parametrize(
    "learner, expected",
    [("Maya", ["Maya"]), ("the student", []), ("She", []), ("Jo Ann", ["Jo Ann"])],
)
def test_student_names_from_learner_spans(learner: str, expected: list[str]) -> None:
    comps = {c: Component() for c in COMPONENTS}
    comps["learner"] = Component(True, [Span(0, len(learner), learner)])
    report = DocumentReport("x.pdf", 1, goals=[_goal(f"{learner} will read.", components=comps)])
    assert student_names(report) == expected


def test_name_inside_words_is_not_redacted() -> None:
    report = _tricky_report()
    report.goals[0].text = "Quinnton and Zoë Quinn will read."
    row = goal_rows(report, redact_names=True)[0]
    assert row["text"] == f"Quinnton and {REDACTED} will read."


@pytest.mark.parametrize("source", ["zoe_quinn_iep.pdf", "/plans/2026/ZQ-Quinn/zq_iep.pdf",
                                    "Quinn, Zoe.pdf"])
def test_redaction_replaces_the_file_name_everywhere(source: str) -> None:
    """A file name carries the child's name in forms the text never uses ("zoe", "ZQ")."""
    report = _tricky_report()
    report.source = source
    report.warnings.append(f"{source}: page 3 was scanned")
    row = goal_rows(report, redact_names=True, document_id="ab12cd34ef56")[0]
    assert row["file"] == "document-ab12cd34.pdf"
    data = json.loads(to_json(report, redact_names=True, document_id="ab12cd34ef56"))
    page = to_html(report, redact_names=True, document_id="ab12cd34ef56")
    for out in (json.dumps(row), json.dumps(data), page):
        for leak in ("zoe", "Zoë", "Quinn", "ZQ", "zq_"):
            assert leak.lower() not in out.lower(), (leak, out[:300])
    assert data["source"] == "document-ab12cd34.pdf"
    assert "<title>goalcheck report: document-ab12cd34.pdf</title>" in page
    # Without redaction the path is kept as given.
    assert goal_rows(report)[0]["file"] == source


# --------------------------------------------------------------------- CSV and JSON


def test_csv_round_trips(state_form: DocumentReport) -> None:
    rows = goal_rows(state_form, document_id="d1")
    back = list(csv.DictReader(io.StringIO(to_csv(rows))))
    assert len(back) == len(rows)
    assert list(back[0]) == list(ROW_COLUMNS)
    assert back[0]["text"] == rows[0]["text"]
    assert back[0]["has_behavior"] in {"true", "false"}
    assert back[0]["parent_id"] == ""  # None written as an empty cell


def test_csv_of_no_rows_is_a_header() -> None:
    assert to_csv([]).strip() == ",".join(ROW_COLUMNS)


def test_json_is_the_contract(state_form: DocumentReport) -> None:
    data = json.loads(to_json(state_form))
    assert data == json.loads(json.dumps(state_form.to_dict()))
    red = to_json(state_form, redact_names=True)
    assert "Maya" not in red and REDACTED in red
    assert json.loads(red)["summary"] == data["summary"]


# --------------------------------------------------------------------- HTML


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_escapes_all_text() -> None:
    html = to_html(_tricky_report())
    parsed = _Collector()
    parsed.feed(html)
    assert "script" not in parsed.tags and "b" not in parsed.tags
    assert "&lt;b&gt;Quinn&lt;/b&gt;" in html
    assert "&lt;script&gt;" in html
    assert "&lt;x&gt;" in html


def test_html_highlights_components_and_deficits() -> None:
    html = to_html(_tricky_report())
    assert '<span class="c-timeframe" title="timeframe">By May 2027</span>' in html
    assert '<span class="c-behavior" title="behavior">write</span>' in html
    assert '<span class="deficit">cannot</span>' in html


def test_html_redacts_a_name_split_by_markup() -> None:
    html = to_html(_tricky_report(), redact_names=True)
    assert "Quinn" not in html and "Zo" not in html
    assert REDACTED in html


def test_html_report_of_a_real_plan(state_form: DocumentReport) -> None:
    html = to_html(state_form)
    assert html.startswith("<!DOCTYPE html>")
    assert html.count('class="goal') == len(state_form.goals)
    assert "Mean overall score" in html
    assert "http" not in html  # self-contained: no external resources


def test_html_of_an_empty_report() -> None:
    html = to_html(DocumentReport(source="empty.pdf", pages=1))
    assert "No goals were found." in html


# --------------------------------------------------------------------- issue 14: one span markup, rubric


def test_html_marks_the_runs_of_markup_segments() -> None:
    from goalcheck.markup import segments

    report = _tricky_report()
    g = report.goals[0]
    html = to_html(report)
    for seg in segments(g):
        if seg.components:
            label = ", ".join(sorted(seg.components))
            assert f'title="{label}">' in html, seg


def test_html_never_marks_a_form_field_span_in_the_goal_text() -> None:
    """The old highlighter put a field's span (offsets into the field's own text) over the goal's
    first characters; form-field spans belong to the field (markup.segments leaves them out)."""
    report = _tricky_report()
    g = report.goals[0]
    g.components["measurement"] = Component(True, [Span(0, 30, "weekly writing probes", field="Method")])
    html = to_html(report)
    assert '<span class="c-timeframe" title="timeframe">By May 2027</span>' in html
    assert "c-measurement" not in html.split('<p class="gtext">', 1)[1].split("</p>", 1)[0]


def test_every_export_records_the_rubric_profile() -> None:
    from goalcheck.api import analyze_document

    report = analyze_document(b"Annual Goals\nBy May 2027, Jo will read 20 sight words with 90% accuracy.\n",
                              name="jo.txt", rubric="smart")
    rows = goal_rows(report)
    assert {(r["rubric"], r["rubric_version"]) for r in rows} == {("smart", "2")}
    assert "rubric,rubric_version" in to_csv(rows).splitlines()[0]
    assert json.loads(to_json(report))["rubric"] == {"name": "smart", "version": "2"}
    assert "rubric smart (version 2)" in to_html(report)


def test_html_says_alignment_in_words() -> None:
    html = to_html(_tricky_report())
    assert "close match (40): W.3.1, grade 3" in html and "inferred" not in html


def test_plan_card_in_plain_words() -> None:
    """The plan card names checks in words, cites no rubric section, marks each status with a
    symbol (not colour alone), and scores nothing when no check applies."""
    import re

    from goalcheck import analyze_document
    from goalcheck.data import SAMPLE_IEP
    from goalcheck.export import plan_html
    from goalcheck.schema import PlanCheck, PlanReview

    card = plan_html(analyze_document(SAMPLE_IEP).plan)
    assert "RUBRIC" not in card and "<th>needs have goals</th>" not in card
    assert "<th>Needs have goals</th>" in card
    assert re.search(r'class="badge plan-pass">\u2713', card)
    empty = plan_html(PlanReview([PlanCheck("transition", "not_applicable")]))
    assert "Plan review: not scored (no check applies to this file)" in empty
    assert "0/100" not in empty


def test_printable_report_of_a_plan_with_a_goal_not_in_english() -> None:
    """A goal goalcheck did not analyse (RUBRIC 7.25) is said in the report, not a crash (the
    app builds this report for its download button, so the whole Review page broke)."""
    import re

    from goalcheck import analyze_document
    from goalcheck.export import goal_rows, to_csv, to_html, to_json

    report = analyze_document(
        "Annual Goals\nGoal 1: Para junio de 2027, Sofía leerá 20 palabras con el 90% de "
        "precisión.\nGoal 2: Sam will improve his behavior.\n".encode(), name="x.txt")
    assert [g.status for g in report.goals] == ["not_analysed", "analysed"]
    page = to_html(report)
    assert "Not analysed: this goal seems written in Spanish" in page
    goals = "".join(re.findall(r'<section class="goal.*?</section>', page, re.S))
    words = re.sub(r'<[^>]+>', " ", goals)
    assert not re.search(r"\b[a-z]+_[a-z_]+\b|\[(?:measurability|strength|domain)\]", words), words
    assert "Social-emotional" in words and "Not measurable" in words
    assert to_csv(goal_rows(report)) and json.loads(to_json(report))["goals"][0]["status"] == "not_analysed"
