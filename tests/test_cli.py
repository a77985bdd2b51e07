"""The `goalcheck` command: formats and exit codes of the contract."""

from __future__ import annotations

import json

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
    assert "Suggested rewrite" in out and "Missing:" in out


def test_check_empty_is_usage_error(capsys) -> None:
    assert main(["check", "  "]) == 2
    assert "empty" in capsys.readouterr().err


def test_bad_option_is_usage_error() -> None:
    assert main(["check", "x", "--format", "xml"]) == 2
    assert main([]) == 2


def test_analyze_missing_file_reports_and_returns_1(tmp_path, capsys) -> None:
    assert main(["analyze", str(tmp_path / "nope.pdf")]) == 1
    assert "nope.pdf" in capsys.readouterr().err
