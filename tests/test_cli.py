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


def test_analyze_reports_each_bad_file_and_goes_on(tmp_path, capsys) -> None:
    from goalcheck.data import SAMPLE_IEP

    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n this is not really a pdf")
    assert main(["analyze", str(bad), str(SAMPLE_IEP), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert "broken.pdf" in captured.err and "Traceback" not in captured.err
    report = json.loads(captured.out)
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
