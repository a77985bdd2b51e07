"""The outside-style goal corpus is well formed and consistent with RUBRIC v2."""

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = importlib.util.spec_from_file_location("check_outside_goals", ROOT / "scripts" / "check_outside_goals.py")
checker = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(checker)

DATA = ROOT / "training_data" / "outside_goals.jsonl"


def test_outside_goals_file_is_valid():
    errors, counts = checker.validate(DATA)
    assert errors == []
    assert sum(counts["half"].values()) >= 200
    assert set(counts["kind"]) >= {"annual_goal", "objective", "not_goal"}


def test_fresh_blind_set_is_valid():
    errors, counts = checker.validate(DATA.with_name("outside_fresh.jsonl"))
    assert errors == []
    assert counts["half"] == {"fresh": 220}


def _item(**changes):
    item = {
        "id": "o0001", "text": "Given a list of 20 CVC words, Jo will decode them with 85% accuracy.",
        "style": "no_dates", "kind": "annual_goal", "not_goal_reason": None, "language": "en",
        "n_goals": 1, "domain": "reading", "grade": "1",
        "components": {"timeframe": False, "condition": True, "learner": True,
                       "behavior": True, "criterion": True, "measurement": False},
        "vague_verbs": [], "deficit_phrases": [], "measurability_class": "measurable",
        "strength_class": "strength_based", "alignment_status": "inferred", "half": "tune", "note": None,
    }
    item.update(changes)
    return item


def test_valid_item_passes():
    assert checker.check_item(_item(), 1) == []


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"measurability_class": "partially_measurable"}, "components give 'measurable'"),
        ({"vague_verbs": ["improve"]}, "not in the text"),
        ({"strength_class": "deficit_based"}, "deficit_based iff"),
        ({"domain": "motor"}, "not_applicable for alignment"),
        ({"kind": "not_goal", "not_goal_reason": "wish", "domain": None}, "must be null"),
        ({"grade": "13"}, "bad grade"),
    ],
)
def test_inconsistent_item_is_reported(changes, message):
    errors = checker.check_item(_item(**changes), 1)
    assert any(message in e for e in errors), errors


def test_unbalanced_halves_and_duplicate_ids_are_reported(tmp_path):
    path = tmp_path / "bad.jsonl"
    rows = [_item(), _item(text="Jo will add within 10 with 90% accuracy."),
            _item(id="o0002", text="Jo will subtract within 10 with 90% accuracy.")]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    errors, _ = checker.validate(path)
    assert any("duplicate id o0001" in e for e in errors)
    assert any("halves unbalanced" in e for e in errors)


def test_blind_sample_is_the_seeded_stratified_draw_without_labels():
    items = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    sample_path = DATA.with_name("outside_blind_sample.jsonl")
    sample = [json.loads(line) for line in sample_path.read_text(encoding="utf-8").splitlines()]
    assert sample == checker.blind_sample(items)
    assert len(sample) == 150 and all(set(row) == {"id", "text"} for row in sample)
    by_id = {item["id"]: item for item in items}
    assert {by_id[row["id"]]["style"] for row in sample} == {item["style"] for item in items}
    halves = [by_id[row["id"]]["half"] for row in sample]
    assert abs(halves.count("tune") - halves.count("heldout")) <= 4
