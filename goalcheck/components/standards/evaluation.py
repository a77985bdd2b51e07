"""How well alignment does on labelled goals, and the threshold chosen from them.

Records are shaped like ``training_data/goals.jsonl``: ``text``, ``domain``,
``grade``, gold ``ccss`` codes and gold ``alignment_status``. Used by
``goalcheck evaluate`` (``ml/evaluate.py``) on the test split.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from .alignment import align
from .catalogue import normalise_code
from .codes import find_cited_codes
from .retrieval import infer_many


def same_standard(predicted: str, gold: str) -> bool:
    """Equal codes, or one is the sub-standard of the other (RF.3.4 ~ RF.3.4.B)."""
    p, g = normalise_code(predicted), normalise_code(gold)
    return p == g or p.startswith(g + ".") or g.startswith(p + ".")


def choose_threshold(records: Iterable[dict[str, Any]]) -> float:
    """Similarity cut that best separates ``inferred`` from ``none`` goals.

    Uses the records' gold domain and grade; returns the midpoint of the best
    cut found on a 0.005 grid.
    """
    rows = [r for r in records if r.get("alignment_status") in ("inferred", "none")
            and not find_cited_codes(r["text"])]
    matches = infer_many([r["text"] for r in rows], [r["domain"] for r in rows],
                         [r.get("grade") for r in rows], k=1)
    sims = np.array([m[0].similarity if m else 0.0 for m in matches])
    gold = np.array([r["alignment_status"] == "inferred" for r in rows])
    grid = np.arange(0.0, 1.0, 0.005)
    acc = np.array([np.mean((sims >= t) == gold) for t in grid])
    best = np.flatnonzero(acc == acc.max())
    return float(round((grid[best[0]] + grid[best[-1]]) / 2, 3))


def evaluate_alignment(records: Iterable[dict[str, Any]]) -> dict[str, float]:
    """Alignment figures on records shaped like ``training_data/goals.jsonl``.

    Returns ``explicit_code_accuracy`` (cited codes found and normalised exactly
    as labelled, on explicit goals), ``inferred_top1``/``inferred_top3`` (a gold
    code among the best 1/3 inferred standards, a sub-standard counting for its
    standard and the reverse), the same ``*_strict`` without that allowance,
    ``status_accuracy`` (over all goals, with the gold domain) and the counts.
    """
    records = list(records)
    explicit = [r for r in records if r.get("alignment_status") == "explicit"]
    code_ok = sum(
        {c.code for c in find_cited_codes(r["text"]) if c.exists}
        == {normalise_code(c) for c in r.get("ccss", [])}
        for r in explicit
    )
    inferred = [r for r in records if r.get("alignment_status") == "inferred" and r.get("ccss")]
    top = infer_many([r["text"] for r in inferred], [r["domain"] for r in inferred],
                     [r.get("grade") for r in inferred], k=3)
    hit = {"top1": 0, "top3": 0, "top1_strict": 0, "top3_strict": 0}
    for r, matches in zip(inferred, top):
        codes = [m.code for m in matches]
        for n in (1, 3):
            hit[f"top{n}"] += any(same_standard(c, g) for c in codes[:n] for g in r["ccss"])
            hit[f"top{n}_strict"] += any(normalise_code(g) in codes[:n] for g in r["ccss"])
    status_ok = sum(
        align(r["text"], r.get("domain"), r.get("grade"))[0].status == r.get("alignment_status")
        for r in records
    )
    n_inf = max(len(inferred), 1)
    return {
        "explicit_code_accuracy": code_ok / max(len(explicit), 1),
        "inferred_top1": hit["top1"] / n_inf,
        "inferred_top3": hit["top3"] / n_inf,
        "inferred_top1_strict": hit["top1_strict"] / n_inf,
        "inferred_top3_strict": hit["top3_strict"] / n_inf,
        "status_accuracy": status_ok / max(len(records), 1),
        "n_records": float(len(records)),
        "n_explicit": float(len(explicit)),
        "n_inferred": float(len(inferred)),
    }
