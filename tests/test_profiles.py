"""Rubric profiles (RUBRIC 2): shipped, chosen by name or file, recorded in every output, clear errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from goalcheck import analyze_goal
from goalcheck.cli import main
from goalcheck.profiles import ProfileError, load_profile, shipped_profiles

NO_DATE = "Maya will read 20 sight words with 90% accuracy."
FULL = "By June 2027, given flash cards, Maya will read 20 sight words with 90% accuracy."


def test_shipped_profiles() -> None:
    assert shipped_profiles() == ["four_part", "idea", "smart"]
    for name in shipped_profiles():
        p = load_profile(name)
        assert p.name == name and sum(p.weights.values()) == 100 and "behavior" in p.requires("annual_goal")


@pytest.mark.parametrize("rubric, text, cls", [
    (None, NO_DATE, "measurable"),
    ("idea", NO_DATE, "measurable"),
    ("smart", NO_DATE, "partially_measurable"),
    ("smart", FULL, "measurable"),
    ("four_part", "By June 2027, Maya will read 20 sight words with 90% accuracy.", "partially_measurable"),
    ("four_part", FULL, "measurable"),
])
def test_the_profile_decides_the_class(rubric: str | None, text: str, cls: str) -> None:
    a = analyze_goal(text, rubric=rubric)
    assert a.measurability_class == cls
    assert a.to_dict()["rubric"] == {"name": rubric or "idea", "version": "2"}


def test_missing_timeframe_is_a_recommendation_under_idea() -> None:
    a = analyze_goal(NO_DATE)
    assert a.missing_required == [] and "timeframe" in a.missing_recommended
    text = " ".join(e.detail for e in a.explanations)
    assert "Recommended" in text and "date by which" in text
    smart = analyze_goal(NO_DATE, rubric="smart")
    assert smart.missing_required == ["timeframe"]
    assert "date by which" in smart.explanations[0].detail


def test_a_users_own_profile_file(tmp_path: Path) -> None:
    path = tmp_path / "district.json"
    path.write_text(json.dumps({
        "name": "district", "version": "2026-1",
        "measurable_requires": {"annual_goal": ["behavior", "criterion", "measurement"]},
        "weights": {"behavior": 40, "criterion": 30, "timeframe": 10, "condition": 5,
                    "measurement": 10, "learner": 5},
    }))
    a = analyze_goal(NO_DATE, rubric=str(path))
    assert a.measurability_class == "partially_measurable"
    assert a.measurability_score == 40 + 30 + 5
    assert a.rubric == {"name": "district", "version": "2026-1"}


@pytest.mark.parametrize("content, message", [
    ("not json", "not valid JSON"),
    ('{"name": "x"}', "'measurable_requires' is missing"),
    ('{"name": "x", "measurable_requires": {"annual_goal": ["criterion"]}, "weights": {}}',
     "must include 'behavior'"),
    ('{"name": "x", "measurable_requires": {"annual_goal": ["behavior"]}, "weights": {"behavior": 100}}',
     "'weights' must give points"),
])
def test_a_malformed_profile_is_one_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(ProfileError, match=re.escape(message)):
        load_profile(str(path))


def test_an_unknown_profile_names_the_valid_ones() -> None:
    with pytest.raises(ProfileError, match="use one of four_part, idea, smart"):
        load_profile("strict")


def test_cli_rubric_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", NO_DATE, "--rubric", "smart", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["rubric"]["name"] == "smart" and d["measurability"]["class"] == "partially_measurable"
    assert main(["check", NO_DATE, "--rubric", "nonesuch"]) == 2
    err = capsys.readouterr().err
    assert "unknown rubric profile 'nonesuch'" in err and "four_part, idea, smart" in err
