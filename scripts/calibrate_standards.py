"""Choose the standards-alignment threshold and confidence curve on the train split.

Reads ``training_data/goals.jsonl`` (gold ``domain``, ``grade``, ``ccss`` and
``alignment_status``), keeps the ``train`` split only (the test split is for
reporting), and writes ``goalcheck/data/standards_threshold.json`` with the
threshold, how it was chosen, the figures behind it and the confidence curve
(see ``goalcheck.components.standards.evaluation.calibrate``). Rerunning it on
unchanged data and code writes the same file.

Usage: python scripts/calibrate_standards.py [--check]
  --check: exit 1 when the stored file differs from what the data gives.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from goalcheck.components.standards.evaluation import calibrate

ROOT = Path(__file__).resolve().parents[1]
GOALS = ROOT / "training_data" / "goals.jsonl"
OUT = ROOT / "goalcheck" / "data" / "standards_threshold.json"

DESCRIPTION = (
    "Standards alignment (RUBRIC 4): an academic goal whose closest Common Core standard "
    "has a TF-IDF similarity below `threshold` is told 'no close match' (status none). "
    "Chosen on the train split of training_data/goals.jsonl, over the goals the "
    "similarity decides (gold inferred or none; no cited code, academic, naming a skill), "
    "with their gold domain and grade: the threshold maximises report accuracy, where a "
    "report is right when a gold-none goal gets no match and a gold-inferred goal lists a "
    "gold standard among its matches (middle of the best range on a 0.005 grid). "
    "`confidence` maps a listed standard's similarity to the share of listed standards at "
    "that similarity that were gold ones on the train split (isotonic fit); it is shown "
    "as each standard's `confidence`. `figures.curve`: [threshold, report accuracy, "
    "status accuracy]. Written by scripts/calibrate_standards.py."
)


def build() -> dict[str, object]:
    """The calibration file's content from the train split."""
    raw = GOALS.read_bytes()
    records = [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
    train = [r for r in records if r.get("split") == "train"]
    result = calibrate(train)
    return {
        "version": 1,
        "description": DESCRIPTION,
        "threshold": result["threshold"],
        "chosen_on": {"data": "training_data/goals.jsonl", "split": "train",
                      "sha256": hashlib.sha256(raw).hexdigest(), "n_records": len(train)},
        "figures": result["figures"],
        "confidence": result["confidence"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the stored file")
    args = parser.parse_args(argv)
    text = json.dumps(build(), indent=1) + "\n"
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{OUT} differs from the data: rerun without --check")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}: threshold {json.loads(text)['threshold']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
