"""Component F1 and measurability kappa (rubric v2, default profile) on one half of a labelled set.

Sets: ``outside`` (training_data/outside_goals.jsonl, halves ``tune`` and
``heldout`` by its ``half`` field), ``challenge``
(training_data/challenge_goals.jsonl, halves ``odd`` and ``even`` ids) and
``fresh`` (training_data/outside_fresh.jsonl, one half ``fresh``: written blind,
after every rule fix, and scored once; see OUTSIDE_FRESH.md).
Rule fixes may look at ``tune`` and ``odd`` only: ``--errors`` refuses the other
halves, whose figures are the held-out ones.

Scored: English goals with a gold class. The gold kind is passed for annual
goals, objectives and postsecondary goals; a transition activity's kind is left
to goalcheck to guess (it must not call it a postsecondary goal).

``--outcome`` shows what the Indicator 13 verdict of
goalcheck.components.postsecondary gives once wired into the class: a
postsecondary goal's class from ``postsecondary_outcome(text).status``, and a
transition activity judged as an annual goal.

Usage:
    python scripts/eval_outside.py --set outside --half tune [--errors] [--rules] [--outcome]
    python scripts/eval_outside.py --set challenge --half even
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sklearn.metrics import cohen_kappa_score, f1_score

from goalcheck import analyze_many
from goalcheck.schema import COMPONENTS

ROOT = Path(__file__).resolve().parents[1] / "training_data"
SETS = {"outside": ROOT / "outside_goals.jsonl", "challenge": ROOT / "challenge_goals.jsonl",
        "fresh": ROOT / "outside_fresh.jsonl"}
HALVES = {"outside": ("tune", "heldout"), "challenge": ("odd", "even"), "fresh": ("fresh",)}
LOOKABLE = {"tune", "odd"}
KINDS = {"annual_goal", "objective", "postsecondary_goal"}


def in_half(row: dict, half: str) -> bool:
    if half in ("tune", "heldout", "fresh"):
        return row.get("half") == half
    number = int(row["id"].lstrip("c"))
    return bool(number % 2) == (half == "odd")


def load(path: Path, half: str) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [r for r in rows if in_half(r, half) and r.get("measurability_class")
            and r.get("language", "en") == "en"]


def analyse(rows: list[dict], rules_only: bool) -> list:
    texts = [r["text"] for r in rows]
    kinds = [r["kind"] if r["kind"] in KINDS else None for r in rows]
    if not rules_only:
        return analyze_many(texts, kinds=kinds)
    from goalcheck.convert import finish  # the rules alone, scored as usual
    from goalcheck.ml.features import rule_analyses
    from goalcheck.profiles import load_profile

    profile = load_profile(None)
    return [finish(a, profile) for a in rule_analyses(texts, kinds)]


def apply_outcome(analyses: list) -> None:
    """Class of postsecondary goals by the Indicator 13 verdict (what the API is to do)."""
    from goalcheck import scoring
    from goalcheck.components.postsecondary import postsecondary_outcome
    from goalcheck.schema import COMPONENTS as names

    for a in analyses:
        if a.kind != "postsecondary_goal":
            continue
        verdict = postsecondary_outcome(a.text)
        present = [c for c in names if a.present(c)]
        if verdict.activity:
            a.kind = "annual_goal"
            a.measurability_class = scoring.measurability_class(present, "annual_goal")
        else:
            a.measurability_class = scoring.measurability_class(
                present, "postsecondary_goal", outcome=verdict.status)


def report(rows: list[dict], analyses: list, name: str) -> None:
    comp = {c: f1_score([r["components"][c] for r in rows], [a.present(c) for a in analyses],
                        zero_division=0.0)
            for c in COMPONENTS}
    macro = sum(comp.values()) / len(comp)
    gold = [r["measurability_class"] for r in rows]
    found = [a.measurability_class for a in analyses]
    kappa = cohen_kappa_score(gold, found)
    binary = sum((g == "measurable") == (f == "measurable") for g, f in zip(gold, found)) / len(rows)
    exact = sum(g == f for g, f in zip(gold, found)) / len(rows)
    print(f"{name}: n={len(rows)}  component macro F1 {macro:.3f}  class kappa {kappa:.3f}  "
          f"class agreement {exact:.3f}  measurable-vs-not agreement {binary:.3f}")
    print("  " + ", ".join(f"{c} {v:.3f}" for c, v in comp.items()))


def errors(rows: list[dict], analyses: list) -> None:
    for r, a in zip(rows, analyses):
        diff = [c for c in COMPONENTS if r["components"][c] != a.present(c)]
        if not diff and r["measurability_class"] == a.measurability_class:
            continue
        print(f"\n{r['id']} [{r.get('style', '')}] {r['text']}")
        print(f"   class: gold {r['measurability_class']}, found {a.measurability_class} ({a.kind})")
        for c in diff:
            print(f"   {c}: gold {r['components'][c]}, found {[s.text for s in a.components[c].spans]}")
        if a.vague_verbs or r.get("vague_verbs"):
            print(f"   vague: gold {r.get('vague_verbs')}, found {[v.text for v in a.vague_verbs]}")
        if r.get("note"):
            print(f"   note: {r['note']}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--set", choices=sorted(SETS), default="outside")
    p.add_argument("--half", required=True, choices=[h for hs in HALVES.values() for h in hs])
    p.add_argument("--data", type=Path, help="another copy of the set's file")
    p.add_argument("--errors", action="store_true", help="list disagreements (tune/odd halves only)")
    p.add_argument("--rules", action="store_true", help="the rules alone, without the models")
    p.add_argument("--outcome", action="store_true",
                   help="class postsecondary goals by postsecondary_outcome() (Indicator 13)")
    args = p.parse_args()
    if args.half not in HALVES[args.set]:
        p.error(f"the halves of {args.set} are {', '.join(HALVES[args.set])}")
    if args.errors and args.half not in LOOKABLE:
        p.error("--errors is for the halves rule fixes may look at (tune, odd)")
    rows = load(args.data or SETS[args.set], args.half)
    analyses = analyse(rows, args.rules)
    if args.outcome:
        apply_outcome(analyses)
    name = f"{args.set}/{args.half}" + (" (rules only)" if args.rules else "")
    report(rows, analyses, name + (" (Indicator 13 verdict)" if args.outcome else ""))
    if args.errors:
        errors(rows, analyses)


if __name__ == "__main__":
    main()
