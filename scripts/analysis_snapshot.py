"""Every analysis field of ``analyze_many`` over the corpus texts, to show a speed change alters nothing.

Run: python scripts/analysis_snapshot.py OUT.jsonl [--compare BASE.jsonl] [--limit N]

The texts are the distinct goal texts of training_data/*.jsonl (hand-written,
fictional), in file order, plus placeholder, Spanish and empty-ish edge
texts. Each line of OUT is one analysis's ``to_dict()`` with the run-dependent
fields (timing, ids of the run) removed. ``--compare`` prints how many analyses
differ from BASE and the first differing fields; it exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EDGE = [
    "Maya will ___ with ___% accuracy by ___.",
    "Given [condition], the student will [behavior] [criterion].",
    "Mateo leerá 20 palabras con 90% de precisión para junio.",
    "1) Read 20 words. 2) Write a sentence. 3) Count to 50.",
    "will",
    "!!!",
    "By June 2027, Maya will read 20 sight words with 90% accuracy; Maya will also write her name.",
]
VOLATILE = {"elapsed_ms", "timing", "analysed_at", "run_id"}


def corpus_texts(limit: int | None = None) -> list[str]:
    """Distinct goal texts of training_data/*.jsonl, then the edge texts."""
    seen: set[str] = set()
    out: list[str] = []
    for path in sorted((ROOT / "training_data").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            text = json.loads(line).get("text") or ""
            if text.strip() and text not in seen:
                seen.add(text)
                out.append(text)
    out = out[:limit] if limit else out
    return out + [t for t in EDGE if t not in seen]


def _clean(value):
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _first_difference(a, b, path: str = "") -> str:
    if type(a) is not type(b):
        return f"{path}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                return _first_difference(a.get(k), b.get(k), f"{path}.{k}")
    if isinstance(a, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return _first_difference(x, y, f"{path}[{i}]")
    return f"{path}: {str(a)[:200]!r} != {str(b)[:200]!r}"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path)
    p.add_argument("--compare", type=Path)
    p.add_argument("--limit", type=int)
    args = p.parse_args()
    sys.path.insert(0, str(ROOT))
    from goalcheck import analyze_many

    texts = corpus_texts(args.limit)
    rows = [json.dumps(_clean(a.to_dict()), sort_keys=True) for a in analyze_many(texts)]
    args.out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} analyses -> {args.out}")
    if not args.compare:
        return 0
    base = args.compare.read_text(encoding="utf-8").splitlines()
    if len(base) != len(rows):
        print(f"DIFFERENT: {len(base)} analyses in the base, {len(rows)} now")
        return 1
    diffs = [(i, a, b) for i, (a, b) in enumerate(zip(base, rows)) if a != b]
    for i, a, b in diffs[:10]:
        print(f"  #{i} {texts[i][:70]!r}: {_first_difference(json.loads(a), json.loads(b))}")
    print(f"{len(diffs)} of {len(rows)} analyses differ from {args.compare}")
    return 1 if diffs else 0


if __name__ == "__main__":
    raise SystemExit(main())
