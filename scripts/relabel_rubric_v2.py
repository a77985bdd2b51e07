"""Relabel the measurability class of the labelled goals to RUBRIC.md version 2.

Version 2 (RUBRIC 2): an annual goal or objective is ``measurable`` when it
has an observable behavior and a criterion; the timeframe is no longer
required. The gold components are unchanged, so the class is recomputed from
them. Postsecondary goals keep their class (Indicator 13 was already judged
without a criterion). Rerunning the script changes nothing.

Usage: python scripts/relabel_rubric_v2.py
"""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "training_data"
FILES = ("goals.jsonl", "challenge_goals.jsonl", "agreement_second.jsonl")


def present(components: dict[str, object], name: str) -> bool:
    """A gold component is present: a non-empty span list or ``true``."""
    return bool(components.get(name))


def v2_class(record: dict[str, object]) -> str | None:
    """The version-2 class of an annual goal or objective (None for other kinds)."""
    if record.get("kind") not in ("annual_goal", "objective"):
        return None
    comps = record["components"]
    assert isinstance(comps, dict)
    if not present(comps, "behavior"):
        return "not_measurable"
    return "measurable" if present(comps, "criterion") else "partially_measurable"


def main() -> None:
    for name in FILES:
        path = DATA / name
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        changed = 0
        for r in rows:
            new = v2_class(r)
            if new is not None and r.get("measurability_class") != new:
                r["measurability_class"] = new
                changed += 1
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{name}: {changed} of {len(rows)} classes changed")


if __name__ == "__main__":
    main()
