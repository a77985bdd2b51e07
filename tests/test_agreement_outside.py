import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("agreement_outside", ROOT / "scripts" / "agreement_outside.py")
agreement_outside = importlib.util.module_from_spec(spec)
spec.loader.exec_module(agreement_outside)


def test_join_matches_all_150_blind_items_by_id():
    pairs = agreement_outside.join()
    assert len(pairs) == 150
    assert all(a["id"] == b["id"] for a, b in pairs)
    sample = [l for l in (ROOT / "training_data" / "outside_blind_sample.jsonl").read_text().splitlines() if l.strip()]
    assert len(sample) == 150


def test_table_covers_every_label_with_valid_figures():
    rows = agreement_outside.table(agreement_outside.join())
    assert [r[0] for r in rows] == list(agreement_outside.LABELS)
    for label, n, agree, kappa, _ in rows:
        assert n == 150 and 0.0 <= agree <= 1.0 and -1.0 <= kappa <= 1.0


def test_null_counts_as_none():
    row = {"components": {c: False for c in agreement_outside.COMPONENTS}, "domain": None}
    assert agreement_outside.value(row, "domain") == "none"
    assert agreement_outside.value(row, "behavior") == "False"
