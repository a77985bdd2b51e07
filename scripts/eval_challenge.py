"""Scores goalcheck on training_data/challenge_goals.jsonl (goals written blind to the code).

Prints per-component F1, measurability kappa, strength macro F1, domain accuracy,
for the whole set and for its two halves (odd ids: looked at while fixing rules;
even ids: never looked at). Usage: python scripts/eval_challenge.py [--errors]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sklearn.metrics import cohen_kappa_score, f1_score

from goalcheck import analyze_many
from goalcheck.schema import COMPONENTS

DATA = Path(__file__).resolve().parents[1] / "training_data" / "challenge_goals.jsonl"


def report(rows: list[dict], analyses: list, name: str) -> None:
    comp = {c: f1_score([r["components"][c] for r in rows], [a.present(c) for a in analyses])
            for c in COMPONENTS}
    macro = sum(comp.values()) / len(comp)
    kappa = cohen_kappa_score([r["measurability_class"] for r in rows],
                              [a.measurability_class for a in analyses])
    strength = f1_score([r["strength_class"] for r in rows], [a.strength_class for a in analyses],
                        average="macro")
    domain = sum(r["domain"] == a.domain for r, a in zip(rows, analyses)) / len(rows)
    print(f"{name:>9} n={len(rows):3d}  component macro F1 {macro:.3f}  "
          f"measurability kappa {kappa:.3f}  strength macro F1 {strength:.3f}  domain acc {domain:.3f}")
    print("           " + ", ".join(f"{c} {v:.2f}" for c, v in comp.items()))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--errors", action="store_true", help="list disagreements on the odd-id half")
    args = p.parse_args()
    rows = [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]
    analyses = analyze_many([r["text"] for r in rows], kinds=[r["kind"] for r in rows])
    odd = [i for i, r in enumerate(rows) if int(r["id"][1:]) % 2]
    even = [i for i, r in enumerate(rows) if not int(r["id"][1:]) % 2]
    report(rows, analyses, "all")
    report([rows[i] for i in odd], [analyses[i] for i in odd], "odd ids")
    report([rows[i] for i in even], [analyses[i] for i in even], "even ids")
    if args.errors:
        for i in odd:
            r, a = rows[i], analyses[i]
            diff = [c for c in COMPONENTS if r["components"][c] != a.present(c)]
            if diff or r["strength_class"] != a.strength_class:
                print(f"\n{r['id']} {r['text']}")
                for c in diff:
                    print(f"   {c}: gold {r['components'][c]}, found {[s.text for s in a.components[c].spans]}")
                if r["strength_class"] != a.strength_class:
                    print(f"   strength: gold {r['strength_class']} {r['deficit_phrases']}, "
                          f"found {a.strength_class} {[d.text for d in a.deficit_spans]}")


if __name__ == "__main__":
    main()
