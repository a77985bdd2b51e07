"""How well alignment does on labelled goals, and the threshold chosen from them.

Records are shaped like ``training_data/goals.jsonl``: ``text``, ``domain``,
``grade``, gold ``ccss`` codes and gold ``alignment_status``. Used by
``goalcheck evaluate`` (``ml/evaluate.py``) on the test split.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.isotonic import IsotonicRegression

from ...schema import StandardMatch
from .alignment import align, decided_by_similarity
from .catalogue import normalise_code
from .codes import find_cited_codes
from .retrieval import infer_many


def same_standard(predicted: str, gold: str) -> bool:
    """Equal codes, or one is the sub-standard of the other (RF.3.4 ~ RF.3.4.B)."""
    p, g = normalise_code(predicted), normalise_code(gold)
    return p == g or p.startswith(g + ".") or g.startswith(p + ".")


@dataclass
class _Row:
    """A labelled goal that reaches the similarity step of :func:`.alignment.align`."""

    inferred: bool  # gold status inferred (else none)
    matches: list[StandardMatch]
    hits: list[bool]  # each match is one of the gold standards


def _similarity_rows(records: Iterable[dict[str, Any]]) -> list[_Row]:
    """Gold ``inferred``/``none`` goals that :func:`.alignment.align` decides by similarity.

    Goals citing a code, functional goals and goals naming no skill are decided
    before the threshold, so they do not choose it. Gold domain and grade are used.
    """
    rows = [r for r in records if r.get("alignment_status") in ("inferred", "none")
            and decided_by_similarity(r["text"], r.get("domain"))]
    found = infer_many([r["text"] for r in rows], [r.get("domain") for r in rows],
                       [r.get("grade") for r in rows], k=3)
    return [
        _Row(r["alignment_status"] == "inferred", m,
             [any(same_standard(x.code, g) for g in r.get("ccss") or []) for x in m])
        for r, m in zip(rows, found, strict=True)
    ]


def _outcomes(rows: list[_Row], threshold: float) -> tuple[float, float]:
    """(report accuracy, status accuracy) of ``rows`` at ``threshold``.

    A report is right when a gold ``none`` goal gets "no close match", or a gold
    ``inferred`` goal gets a gold standard among the standards listed.
    """
    right = status = 0
    for row in rows:
        kept = [h for m, h in zip(row.matches, row.hits) if m.similarity >= threshold]
        status += bool(kept) == row.inferred
        right += any(kept) if row.inferred else not kept
    n = max(len(rows), 1)
    return right / n, status / n


def choose_threshold(records: Iterable[dict[str, Any]]) -> float:
    """The similarity below which a goal is told "no close match" (see :func:`calibrate`).

    Example:
        >>> recs = [{"text": "Maya will read a grade 3 passage at 90 wcpm.", "domain": "reading",
        ...          "grade": "3", "ccss": ["CCSS.ELA-LITERACY.RF.3.4"], "alignment_status": "inferred"}]
        >>> 0 < choose_threshold(recs) < 1
        True
    """
    return float(calibrate(records)["threshold"])


def calibrate(records: Iterable[dict[str, Any]], step: float = 0.005) -> dict[str, Any]:
    """Threshold and confidence curve of inferred alignment, from labelled goals.

    The threshold maximises report accuracy (:func:`_outcomes`) on a ``step``
    grid; ties give the middle of the best range. The confidence curves are
    isotonic fits of "this listed standard is a gold one" on its similarity, one
    per place in the list (first, second, third); a gold ``none`` goal's
    matches are all wrong.
    Returns plain data, as stored in ``goalcheck/data/standards_threshold.json``.
    """
    rows = _similarity_rows(records)
    grid = np.round(np.arange(step, 0.6, step), 4)
    curve = [_outcomes(rows, float(t)) for t in grid]
    report = np.array([c[0] for c in curve])
    best = np.flatnonzero(report == report.max())
    threshold = float(round((grid[best[0]] + grid[best[-1]]) / 2, 3))
    curves = {}
    for rank in range(3):  # one curve per place in the list: the first is the one shown
        pairs = [(row.matches[rank].similarity, row.hits[rank]) for row in rows
                 if len(row.matches) > rank]
        iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(*zip(*pairs))
        curves[str(rank + 1)] = {
            "similarity": [round(float(x), 4) for x in iso.X_thresholds_],
            "p_correct": [round(float(y), 4) for y in iso.y_thresholds_],
            "n_matches": len(pairs),
        }
    report_acc, status_acc = _outcomes(rows, threshold)
    return {
        "threshold": threshold,
        "figures": {
            "n_goals": len(rows),
            "n_inferred": sum(r.inferred for r in rows),
            "n_none": sum(not r.inferred for r in rows),
            "report_accuracy": round(report_acc, 4),
            "status_accuracy": round(status_acc, 4),
            "curve": [[float(t), round(a, 4), round(b, 4)]
                      for t, (a, b) in zip(grid, curve) if round(t / step) % 4 == 0],
        },
        "confidence": curves,
    }


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
