"""The `goalcheck` command: formats and exit codes of the contract."""

from __future__ import annotations

import json
import re

from goalcheck.cli import main


def test_check_json(capsys) -> None:
    assert main(["check", "By June 2027, Maya will read 20 sight words with 90% accuracy.", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["measurability"]["class"] == "measurable"
    assert d["components"]["timeframe"]["spans"][0]["text"] == "By June 2027"


def test_check_text_marks_components_and_rewrite(capsys) -> None:
    assert main(["check", "Maya will improve reading skills."]) == 0
    out = capsys.readouterr().out
    assert "[vague: improve]" in out and "[learner: Maya]" in out
    assert "Suggested rewrite" in out and "Required by the idea rubric, missing: " in out


def _check_text(capsys, *args: str) -> str:
    assert main(["check", *args]) == 0
    return capsys.readouterr().out


#: An internal id: a snake_case word (class, kind, domain, section ids) or a [dimension/source] tag.
INTERNAL = re.compile(r"\b[a-z]+_[a-z_]+\b|\[(?:measurability|strength|domain|alignment|language|kind)/")


def test_check_text_uses_the_apps_labels_not_ids(capsys) -> None:
    from goalcheck.explain import CLASS_LABELS

    out = _check_text(capsys, "Sam will improve his math skills.")
    assert INTERNAL.search(out) is None, INTERNAL.search(out)
    assert f"Measurability 10/100: {CLASS_LABELS['not_measurable']}" in out
    assert f"Strength-based language 100/100: {CLASS_LABELS['strength_based']}" in out
    assert "Area: Math; kind: annual goal" in out
    assert "Required by the idea rubric, missing: Observable behavior, Criterion" in out
    assert "Recommended, missing (each costs points, not the class): Timeframe, Condition, Measurement" in out
    why = out[out.index("Why"):]
    assert all(not line.startswith("  - [") for line in why.splitlines()), why


GOAL_WITHOUT_DATE = ("Given a grade-level passage, Sam will read aloud 90 words correct per minute, "
                     "as measured by weekly probes.")


def test_a_missing_date_is_recommended_under_idea_and_required_under_smart(capsys) -> None:
    out = _check_text(capsys, GOAL_WITHOUT_DATE)
    assert "Measurability 85/100: Measurable" in out
    assert "Required by the idea rubric: all found (Observable behavior, Criterion)" in out
    assert "Recommended, missing (each costs points, not the class): Timeframe" in out
    assert "missing: Timeframe" not in out.split("Recommended")[0]
    out = _check_text(capsys, GOAL_WITHOUT_DATE, "--rubric", "smart")
    assert "Measurability 85/100: Partly measurable" in out
    assert "Required by the smart rubric, missing: Timeframe" in out
    assert "Recommended, missing" not in out  # condition and measurement are there
    assert INTERNAL.search(out) is None


def test_an_objective_is_not_told_to_name_a_learner_and_a_postsecondary_goal_not_to_add_parts(capsys) -> None:
    out = _check_text(capsys, "Read 20 sight words with 90% accuracy.", "--kind", "objective")
    assert "kind: objective" in out and "Learner" not in out.split("Why")[0].split("Found:")[1]
    out = _check_text(capsys, "After graduation, Sam will enroll in a welding program at the community college.")
    assert "kind: postsecondary goal" in out and "Required by" not in out and "Recommended, missing" not in out
    assert "judged on its outcome after high school" in out and INTERNAL.search(out) is None


def test_a_goal_not_in_english_gets_no_scores_in_the_text(capsys) -> None:
    out = _check_text(capsys, "Para junio de 2027, Sofía leerá 20 palabras con 90% de precisión.")
    assert "Not analysed: this goal seems written in Spanish" in out
    assert "None" not in out and "/100" not in out and "Missing" not in out


def test_analyze_text_names_sections_kinds_and_checks_in_words(capsys) -> None:
    from goalcheck.data import SAMPLE_IEP

    assert main(["analyze", str(SAMPLE_IEP)]) == 0
    out = capsys.readouterr().out
    assert "Present levels (p. 1-1)" in out.splitlines()[1] and "g1 Annual goal (p. " in out
    words = out.replace("sample_iep.pdf", "the file")
    assert INTERNAL.search(words) is None, INTERNAL.search(words)


def test_check_empty_is_usage_error(capsys) -> None:
    assert main(["check", "  "]) == 2
    assert "empty" in capsys.readouterr().err


def test_bad_option_is_usage_error() -> None:
    assert main(["check", "x", "--format", "xml"]) == 2
    assert main([]) == 2


def test_analyze_missing_file_reports_and_returns_1(tmp_path, capsys) -> None:
    assert main(["analyze", str(tmp_path / "nope.pdf")]) == 1
    assert "nope.pdf" in capsys.readouterr().err


def test_analyze_reports_each_bad_file_and_goes_on(tmp_path, capsys) -> None:
    from goalcheck.data import SAMPLE_IEP

    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n this is not really a pdf")
    assert main(["analyze", str(bad), str(SAMPLE_IEP), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert "broken.pdf" in captured.err and "Traceback" not in captured.err
    [report] = json.loads(captured.out)
    assert report["source"] == "sample_iep.pdf" and report["summary"]["goals"] > 0


def test_analyze_csv_has_one_row_per_goal(tmp_path) -> None:
    from goalcheck.data import SAMPLE_IEP

    out = tmp_path / "goals.csv"
    assert main(["analyze", str(SAMPLE_IEP), "--format", "csv", "-o", str(out)]) == 0
    rows = out.read_text().strip().splitlines()
    assert len(rows) - 1 == json.loads(_json_of(SAMPLE_IEP))["summary"]["goals"]


def _json_of(path) -> str:
    from goalcheck import analyze_document

    return json.dumps(analyze_document(path).to_dict())


# ---------------------------------------------------------------- help, app, output shapes


def test_top_level_help_describes_every_command(capsys) -> None:
    from goalcheck.cli import COMMAND_HELP, DELEGATED

    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert set(COMMAND_HELP) == {"check", "analyze", "app", *DELEGATED}
    for name, line in COMMAND_HELP.items():
        assert name in out and line.split(" (")[0] in " ".join(out.split())
    assert "see: goalcheck" not in out


def test_app_help_is_short_and_our_own(capsys) -> None:
    assert main(["app", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: goalcheck app")
    assert "--port" in out and "--address" in out and "streamlit" not in out.lower()
    assert len(out.splitlines()) < 25


def test_app_bad_option_is_usage_error(capsys) -> None:
    assert main(["app", "--no-such-option"]) == 2


def test_app_command_carries_every_privacy_setting() -> None:
    """`goalcheck app` sets the same privacy options as .streamlit/config.toml."""
    import tomllib
    from pathlib import Path

    from goalcheck.cli import _app_parser, app_command

    root = Path(__file__).resolve().parents[1]
    config = tomllib.loads((root / ".streamlit" / "config.toml").read_text())
    cmd = app_command(_app_parser().parse_args([]), root / "app.py")
    flags = dict(a[2:].split("=", 1) for a in cmd if a.startswith("--"))
    for key in ("browser.gatherUsageStats", "browser.serverAddress", "server.address",
                "server.headless", "server.showEmailPrompt", "client.showErrorLinks",
                "server.maxUploadSize"):
        section, name = key.split(".")
        assert flags[key].lower() == str(config[section][name]).lower(), key
    assert flags["browser.gatherUsageStats"] == "false" and flags["server.address"] == "localhost"


def test_analyze_json_is_always_a_list(capsys) -> None:
    from goalcheck.data import SAMPLE_IEP

    assert main(["analyze", str(SAMPLE_IEP), "--format", "json"]) == 0
    one = json.loads(capsys.readouterr().out)
    assert isinstance(one, list) and len(one) == 1 and one[0]["summary"]["goals"] > 0


def test_analyze_csv_keeps_paths_and_fills_document_id(tmp_path) -> None:
    import csv
    import hashlib
    import shutil

    from goalcheck.data import SAMPLE_IEP

    copy = tmp_path / "plans" / "a.pdf"
    copy.parent.mkdir()
    shutil.copy(SAMPLE_IEP, copy)
    out = tmp_path / "goals.csv"
    assert main(["analyze", str(copy), str(tmp_path / "missing.pdf"), "--format", "csv",
                 "-o", str(out)]) == 1
    rows = list(csv.DictReader(out.open()))
    assert rows and {r["file"] for r in rows} == {str(copy)}
    assert {r["document_id"] for r in rows} == {hashlib.sha256(copy.read_bytes()).hexdigest()}


def test_check_text_says_standards_in_plain_words(capsys) -> None:
    from goalcheck import explain

    goal = "By June 2027, Maya will add fractions with unlike denominators with 80% accuracy."
    assert main(["check", goal, "--grade", "10"]) == 0
    out = capsys.readouterr().out
    assert "similarity" not in out and "inferred" not in out
    standards = [ln for ln in out.splitlines() if ln.startswith("Standard: ")]
    assert standards and all(re.fullmatch(r"Standard: \S+ \(grade [\dK-]+, (close|possible|weak) match\)", s)
                             for s in standards), standards
    assert "the student is in grade 10" in out
    assert main(["check", "By June 2027, Maya will read the days of the week with 90% accuracy."]) == 0
    out = capsys.readouterr().out
    assert f"Standard: none ({explain.NO_CLOSE_MATCH})" in out and "(no close match)" in out


def test_app_timeout_goes_to_the_server(monkeypatch) -> None:
    import argparse

    from goalcheck.cli import _app_parser, app_environment

    args = _app_parser().parse_args(["--timeout", "30"])
    assert app_environment(args)["GOALCHECK_APP_TIMEOUT"] == "30"
    assert _app_parser().parse_args([]).timeout == 120
    assert isinstance(args, argparse.Namespace)
    assert main(["app", "--timeout", "-1"]) == 2


def test_an_unchanged_goal_is_called_measurable_only_when_it_is(capsys) -> None:
    out = _check_text(capsys, "After graduation, Jo will attend a job fair.")
    assert "measurable and strength-based" not in out.lower()
    assert "State an outcome after high school" in out
    out = _check_text(capsys, "By June 2027, Sam will read 20 sight words with 90% accuracy.")
    assert "Measurable and strength-based: no rewrite needed." in out


def test_a_file_with_nothing_to_check_is_not_scored_zero(tmp_path, capsys) -> None:
    empty = tmp_path / "notes.txt"
    empty.write_text("hello\nnothing here\n")
    assert main(["analyze", str(empty)]) == 0
    out = capsys.readouterr().out
    assert "Plan review not scored (no check applies to this file)" in out
    assert "0/100" not in out and "mean overall n/a" in out and "Sections: none found" in out


def test_every_option_of_check_and_analyze_says_what_it_does() -> None:
    import argparse

    from goalcheck.cli import _parser

    sub = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name in ("check", "analyze"):
        for action in sub.choices[name]._actions:
            assert action.help, (name, action.option_strings or action.dest)


def test_the_headline_says_what_to_do_once(capsys) -> None:
    out = _check_text(capsys, "Sam will improve his math skills.")
    assert out.count("can see or count") == 2  # the headline and the vague verb, not twice in one line
