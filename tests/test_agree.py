"""Tests of goalcheck.agree: label normalisation, matching, kappa and the command."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from sklearn.metrics import cohen_kappa_score

from goalcheck.agree import (
    DIMENSIONS,
    AgreeError,
    agreement,
    compare,
    main,
    match_rows,
    normalise_label,
    normalise_text,
)

DIM = {d.name: d for d in DIMENSIONS}


def _machine(text: str, doc: str, gid: str, **kw: Any) -> dict[str, Any]:
    return {"text": text, "document_id": doc, "file": f"plans/{doc}.pdf", "goal_id": gid, **kw}


MACHINE = [
    _machine("Maya will read 20 words.", "d1", "g1", has_criterion=True,
             measurability_class="partially_measurable", domain="reading"),
    _machine("Maya will improve reading.", "d1", "g2", has_criterion=False,
             measurability_class="not_measurable", domain="reading"),
    _machine("Leo will solve 10 problems with 80% accuracy by May.", "d2", "g1",
             has_criterion=True, measurability_class="measurable", domain="math"),
    _machine("Leo will improve reading.", "d2", "g2", has_criterion=False,
             measurability_class="not_measurable", domain=None),
]


@pytest.mark.parametrize(
    "value, dim, expected",
    [
        ("TRUE", "criterion", "true"), ("1", "criterion", "true"), ("no", "criterion", "false"),
        (True, "criterion", "true"), (False, "timeframe", "false"), ("", "criterion", None),
        (None, "domain", None), (float("nan"), "domain", None),
        ("Partially measurable", "measurability_class", "partially_measurable"),
        ("not-measurable", "measurability_class", "not_measurable"),
        ("Social Emotional", "domain", "social_emotional"),
        ("Deficit based", "strength_class", "deficit_based"),
    ],
)
def test_normalise_label(value: Any, dim: str, expected: str | None) -> None:
    assert normalise_label(value, DIM[dim]) == expected


@pytest.mark.parametrize("value, dim", [("maybe", "criterion"), ("science", "domain"),
                                        ("good", "measurability_class")])
def test_invalid_label_names_the_valid_ones(value: str, dim: str) -> None:
    with pytest.raises(AgreeError, match="use one of"):
        normalise_label(value, DIM[dim])


def test_normalise_text() -> None:
    assert normalise_text(" MAYA\twill  read\n20 words. ") == "maya will read 20 words."
    assert normalise_text("ﬁnd") == "find"  # NFKC ligature


def test_match_by_id_then_text() -> None:
    human = [
        {"document": "d2", "goal_id": "g1", "text": "something else"},  # by id (document_id)
        {"file": "d1.pdf", "goal_id": "g2"},  # by id (file name)
        {"text": "  maya WILL read 20 words. "},  # by text
        {"goal_id": "g9", "document": "d1", "text": "Leo will improve reading."},  # id fails
        {"text": "A goal nobody wrote."},
    ]
    m = match_rows(human, MACHINE)
    assert (m.by_id, m.by_text, m.unmatched) == (2, 2, 1)
    assert [p[1]["goal_id"] + p[1]["document_id"] for p in m.pairs] == [
        "g1d2", "g2d1", "g1d1", "g2d2"]


def test_kappa_and_matrix_match_sklearn() -> None:
    human = [{"text": r["text"], "measurability_class": h}
             for r, h in zip(MACHINE, ["measurable", "not_measurable", "measurable",
                                       "not_measurable"], strict=True)]
    pairs = match_rows(human, MACHINE).pairs
    out = agreement(pairs, DIM["measurability_class"], "measurability_class")
    h = [p[0]["measurability_class"] for p in pairs]
    m = [p[1]["measurability_class"] for p in pairs]
    assert out["n"] == 4 and out["agreement"] == 0.75
    assert out["kappa"] == round(cohen_kappa_score(h, m), 3)
    assert out["labels"] == ["measurable", "partially_measurable", "not_measurable"]
    assert out["matrix"] == [[1, 1, 0], [0, 0, 0], [0, 0, 2]]


def test_blank_ratings_left_out_and_machine_none_shown() -> None:
    human = [{"text": r["text"], "domain": d}
             for r, d in zip(MACHINE, ["reading", "", "math", "reading"], strict=True)]
    out = agreement(match_rows(human, MACHINE).pairs, DIM["domain"], "domain")
    assert out["n"] == 3 and out["labels"][-1] == "none"
    assert out["matrix"][out["labels"].index("reading")][-1] == 1


def test_kappa_undefined_with_one_label() -> None:
    human = [{"text": MACHINE[0]["text"], "criterion": "yes"}]
    out = agreement(match_rows(human, MACHINE).pairs, DIM["criterion"], "criterion")
    assert out["agreement"] == 1.0 and out["kappa"] is None


@pytest.mark.parametrize(
    "human, message",
    [
        ([{"text": "Maya will read 20 words."}], "rates no dimension"),
        ([{"text": "Nobody's goal.", "domain": "math"}], "no human row matched"),
    ],
)
def test_compare_errors(human: list[dict[str, Any]], message: str) -> None:
    with pytest.raises(AgreeError, match=message):
        compare(human, MACHINE)


def _write_csv(path: Path, rows: list[dict[str, Any]]) -> Path:
    with path.open("w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


def test_command_with_machine_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    machine = _write_csv(tmp_path / "m.csv", [
        {**r, "has_criterion": str(r["has_criterion"]).lower(), "domain": r["domain"] or ""}
        for r in MACHINE])
    human = _write_csv(tmp_path / "h.csv", [
        {"Text": r["text"], "Criterion": "yes" if i % 2 == 0 else "no",
         "Measurability": r["measurability_class"]} for i, r in enumerate(MACHINE)])
    assert main([str(human), str(machine), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    dims = {d["dimension"]: d for d in result["dimensions"]}
    assert set(dims) == {"criterion", "measurability_class"}
    assert dims["criterion"]["kappa"] == 1.0 and dims["measurability_class"]["agreement"] == 1.0
    assert main([str(human), str(machine)]) == 0
    text = capsys.readouterr().out
    assert "kappa" in text and "rows = human, columns = goalcheck" in text


def test_command_scores_text_itself(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    human = _write_csv(tmp_path / "h.csv", [
        {"text": "By June 2027, Maya will read 20 sight words with 90% accuracy.",
         "measurability_class": "measurable", "has_behavior": "1"},
        {"text": "Jo will improve reading skills.", "measurability_class": "not measurable",
         "has_behavior": "0"},
    ])
    assert main([str(human), "--format", "json"]) == 0
    dims = {d["dimension"]: d for d in json.loads(capsys.readouterr().out)["dimensions"]}
    assert dims["measurability_class"]["agreement"] == 1.0
    assert dims["behavior"]["kappa"] == 1.0


@pytest.mark.parametrize("argv", [["missing.csv"], [], ["h.xlsx"], ["h.csv", "--format", "x"]])
def test_command_bad_usage(argv: list[str], tmp_path: Path,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "h.xlsx").write_bytes(b"PK")
    (tmp_path / "h.csv").write_text("text\nMaya will read.\n")
    assert main(argv) == 2
