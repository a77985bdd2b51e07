"""Agreement between the two annotators of the blind outside sample (issue 11).

Joins ``training_data/outside_blind_second.jsonl`` (second annotator, blind)
with ``training_data/outside_goals.jsonl`` (first annotator) by id and prints
Cohen's kappa and percent agreement per label, then the disagreements on
measurability_class. A null on either side counts as the value "none".

    python scripts/agreement_outside.py
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from sklearn.metrics import cohen_kappa_score

DATA = Path(__file__).resolve().parent.parent / "training_data"
FIRST = DATA / "outside_goals.jsonl"
SECOND = DATA / "outside_blind_second.jsonl"
COMPONENTS = ("timeframe", "condition", "learner", "behavior", "criterion", "measurement")
LABELS = ("kind", *COMPONENTS, "measurability_class", "strength_class", "domain", "alignment_status")


def load(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8") as f:
        return {row["id"]: row for row in map(json.loads, filter(str.strip, f))}


def join(first: Path = FIRST, second: Path = SECOND) -> list[tuple[dict, dict]]:
    """Pairs (first, second) for every id of the second file; a missing id is an error."""
    a, b = load(first), load(second)
    missing = sorted(set(b) - set(a))
    if missing:
        raise SystemExit(f"ids of the second file missing from {first.name}: {missing}")
    return [(a[i], b[i]) for i in b]


def value(row: dict, label: str) -> str:
    v = row["components"][label] if label in COMPONENTS else row.get(label)
    return "none" if v is None else str(v)


def is_en_goal(row: dict) -> bool:
    return row["kind"] != "not_goal" and row.get("language") == "en"


def table(pairs: list[tuple[dict, dict]], labels: tuple[str, ...] = LABELS) -> list[tuple[str, int, float, float, list]]:
    rows = []
    for label in labels:
        x = [value(a, label) for a, _ in pairs]
        y = [value(b, label) for _, b in pairs]
        agree = sum(p == q for p, q in zip(x, y)) / len(x)
        kappa = cohen_kappa_score(x, y) if len(set(x) | set(y)) > 1 else 1.0
        top = Counter((p, q) for p, q in zip(x, y) if p != q).most_common(3)
        rows.append((label, len(x), agree, float(kappa), top))
    return rows


def main() -> None:
    pairs = join()
    print(f"{len(pairs)} items joined by id\n")
    print("| label | n | agreement | Cohen's kappa | commonest disagreements (first -> second: count) |")
    print("|---|---|---|---|---|")
    for label, n, agree, kappa, top in table(pairs):
        dis = "; ".join(f"{p} -> {q}: {c}" for (p, q), c in top) or "none"
        print(f"| {label} | {n} | {agree:.1%} | {kappa:.2f} | {dis} |")
    goals = [(a, b) for a, b in pairs if is_en_goal(a) and is_en_goal(b)]
    print(f"\ncomponents on the {len(goals)} items both annotators call English goals:")
    for label, n, agree, kappa, top in table(goals, COMPONENTS):
        dis = "; ".join(f"{p} -> {q}: {c}" for (p, q), c in top) or "none"
        print(f"| {label} | {n} | {agree:.1%} | {kappa:.2f} | {dis} |")
    print("\nmeasurability_class disagreements (id: first -> second | text):")
    for a, b in pairs:
        p, q = value(a, "measurability_class"), value(b, "measurability_class")
        if p != q:
            print(f"- {a['id']}: {p} -> {q} | {a['text'][:110]}")


if __name__ == "__main__":
    main()
