"""The app's upload path (app_support.analyse_upload), its time limit and progress, the rubric
selector and the alignment words on screen (issues 11, 14, 16), without a browser."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from goalcheck import app_support as sup
from goalcheck import explain
from goalcheck.api import analyze_goal
from goalcheck.data import SAMPLE_IEP
from goalcheck.profiles import load_profile
from goalcheck.schema import DocumentReport

APP = str(Path(__file__).resolve().parents[1] / "app.py")
PLAN = b"Annual Goals\nBy May 2027, Jo will read 20 sight words with 90% accuracy.\n"
NO_DATE = "Maya will read 20 sight words with 90% accuracy."


def _notes(lines: int) -> bytes:
    return PLAN + "".join(f"Note {i}: Jo read {i} pages about trains with a partner.\n"
                          for i in range(lines)).encode()


# ---------------------------------------------------------------- upload path


def test_an_upload_gives_a_report_with_progress() -> None:
    calls: list[tuple[str, int, int]] = []
    report = sup.analyse_upload("jo.txt", PLAN, progress=lambda *c: calls.append(c))
    assert isinstance(report, DocumentReport) and len(report.goals) == 1
    assert [c[0] for c in calls][0] == "reading" and calls[-1][0] == "reviewing the plan"
    assert calls[-1][1] == calls[-1][2] > 0


def test_an_upload_over_the_size_limit_is_refused_in_words() -> None:
    reason = sup.analyse_upload("big.txt", b"x" * 2_000_000, max_upload_mb=1)
    assert isinstance(reason, str) and reason.startswith("the file is 2,000,000 bytes, over the limit")


def test_the_time_limit_stops_a_file_and_the_next_one_is_read() -> None:
    reason = sup.analyse_upload("long.txt", _notes(3000), timeout=0.01)
    assert reason == sup.timeout_message(0.01)
    assert "goalcheck app --timeout" in reason and "session is not affected" in reason
    assert isinstance(sup.analyse_upload("jo.txt", PLAN), DocumentReport)


def test_a_cancelled_analysis_stops_at_its_next_step() -> None:
    cancel = threading.Event()
    cancel.set()
    assert sup.analyse_upload("jo.txt", PLAN, cancel=cancel, timeout=60) == sup.timeout_message(60)


def test_the_upload_uses_the_chosen_rubric() -> None:
    goal = b"Annual Goals\nMaya will read 20 sight words with 90% accuracy.\n"
    idea = sup.analyse_upload("m.txt", goal)
    smart = sup.analyse_upload("m.txt", goal, rubric=load_profile("smart"))
    assert isinstance(idea, DocumentReport) and isinstance(smart, DocumentReport)
    assert idea.goals[0].measurability_class == "measurable"
    assert smart.goals[0].measurability_class == "partially_measurable"
    assert smart.rubric == {"name": "smart", "version": "2"}


def test_app_timeout_reads_the_environment() -> None:
    assert sup.app_timeout({}) == sup.APP_TIMEOUT
    assert sup.app_timeout({"GOALCHECK_APP_TIMEOUT": "0"}) == 0
    assert sup.app_timeout({"GOALCHECK_APP_TIMEOUT": "-5"}) == sup.APP_TIMEOUT


# ---------------------------------------------------------------- own rubric profiles


def test_an_own_profile_file_is_read() -> None:
    raw = json.loads((Path(sup.__file__).parent / "data" / "profiles" / "smart.json").read_text())
    raw["name"], raw["version"] = "district", "7"
    profile = sup.profile_from_upload("district.json", json.dumps(raw).encode())
    assert not isinstance(profile, str)
    assert profile.name == "district" and sup.profile_caption(profile).startswith("Rubric district, version 7")


@pytest.mark.parametrize("data, says", [
    (b"{not json", "is not valid JSON"),
    (b"\xff\xfe\x00", "is not a UTF-8 text file"),
    (b'{"name": "x", "measurable_requires": {"annual_goal": ["criterion"]}, "weights": {}}',
     "must include 'behavior'"),
    (b"[1, 2]", "must be a JSON object"),
])
def test_a_malformed_profile_file_is_explained(data: bytes, says: str) -> None:
    reason = sup.profile_from_upload("mine.json", data)
    assert isinstance(reason, str) and reason.startswith("rubric profile mine.json")
    assert says in reason and "four_part, idea, smart" in reason and "'idea' profile" in reason


# ---------------------------------------------------------------- alignment on screen


def test_the_alignment_card_says_words_not_figures() -> None:
    inferred = analyze_goal("By June 2027, given a grade 3 passage, Maya will read aloud at 90 words "
                            "correct per minute.")
    none = analyze_goal("By June 2027, Maya will read the days of the week with 90% accuracy.")
    for a in (inferred, none):
        shown = re.sub(r"<[^>]+>", " ", sup.scores_html(a))
        assert "similarity" not in shown and "Matches a standard" not in shown
        assert not re.search(r"0\.\d", shown)
    assert "No close match" in sup.scores_html(none)
    assert 'data-class="none"' in sup.scores_html(none)
    words = sup.score_cards(inferred)[3][2]
    assert re.fullmatch(r"(Close|Possible|Weak) match: RF\.\S+", words), words


def test_the_language_note_names_the_language() -> None:
    a = analyze_goal("Para junio de 2027, Sofía leerá 20 palabras con el 90% de precisión.")
    assert "in Spanish" in (explain.not_analysed_note(a) or "")


# ---------------------------------------------------------------- the app (AppTest)


def _app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    assert not at.exception
    return at


def test_the_rubric_selector_rescores_practice_and_review() -> None:
    at = _app()
    assert at.selectbox(key="rubric").value == "idea"
    at.radio(key="mode").set_value("Practice").run()
    at.text_area(key="practice_text").input(NO_DATE).run()
    assert any('data-class="measurable"' in m.value for m in at.markdown)
    at.selectbox(key="rubric").set_value("smart").run()
    assert not at.exception
    assert any('data-class="partially_measurable"' in m.value for m in at.markdown)
    assert any(c.value.startswith("Rubric smart, version 2") for c in at.caption)
    at.radio(key="mode").set_value("Review a plan").run()
    at.button(key="sample").click().run()
    report = at.session_state["reports"]
    assert {r.rubric["name"] for r in report.values() if isinstance(r, DocumentReport)} == {"smart"}
    at.selectbox(key="rubric").set_value("four_part").run()
    report = at.session_state["reports"]
    assert {r.rubric["name"] for r in report.values()} == {"four_part"}  # scored again, sample kept


def test_practice_uses_the_grade_given() -> None:
    at = _app()
    at.radio(key="mode").set_value("Practice").run()
    at.selectbox(key="practice_grade").set_value("10").run()
    at.text_area(key="practice_text").input(
        "By June 2027, Maya will add fractions with unlike denominators with 80% accuracy.").run()
    assert any("the student is in grade 10" in w.value for w in at.warning)


def test_a_file_over_the_time_limit_leaves_the_session_usable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOALCHECK_APP_TIMEOUT", "0.001")
    at = _app()
    at.button(key="sample").click().run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any(f"Could not read **{SAMPLE_IEP.name}**: analysing it took longer than 0.001 seconds" in e
               for e in errors), errors
    at.radio(key="mode").set_value("Practice").run()
    at.text_area(key="practice_text").input(NO_DATE).run()
    assert not at.exception and any('data-score="overall"' in m.value for m in at.markdown)
