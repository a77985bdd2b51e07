"""``goalcheck agree``: how well goalcheck agrees with human raters.

For researchers validating goalcheck on their own ratings: Cohen's kappa,
observed agreement and a confusion matrix per dimension (each component's
presence, the measurability class, the strength class, the domain), between a
CSV of human ratings and goalcheck's rows (a ``goalcheck batch`` output, or,
when none is given, goalcheck's scoring of the CSV's ``text`` column).

Matching rules (also in docs/batch_schema.md): a human row with ``goal_id``
and a document column (``document_id``, ``document`` or ``file``) is matched
to the machine row with the same goal id in the same document (by content
hash, path, or file name); otherwise, or when that finds nothing, by goal
text, compared after Unicode NFKC normalisation, case folding and collapsing
whitespace.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sklearn.metrics import cohen_kappa_score, confusion_matrix

from .api import analyze_many
from .errors import MissingDependency, require
from .export import goal_rows
from .schema import COMPONENTS, DOMAINS, GOAL_KINDS, MEASURABILITY_CLASSES, STRENGTH_CLASSES, DocumentReport

log = logging.getLogger(__name__)

_TRUE = frozenset({"true", "1", "yes", "y", "present", "x", "t"})
_FALSE = frozenset({"false", "0", "no", "n", "absent", "f"})
_DOC_COLUMNS: tuple[str, ...] = ("document_id", "document", "file")


@dataclass(frozen=True)
class Dimension:
    """One rated dimension: its machine column, accepted human columns and labels."""

    name: str
    machine: str
    human: tuple[str, ...]
    labels: tuple[str, ...]


DIMENSIONS: tuple[Dimension, ...] = (
    *(
        Dimension(c, f"has_{c}", (f"has_{c}", c), ("true", "false"))
        for c in COMPONENTS
    ),
    Dimension("measurability_class", "measurability_class",
              ("measurability_class", "measurability"), MEASURABILITY_CLASSES),
    Dimension("strength_class", "strength_class", ("strength_class", "strength"),
              STRENGTH_CLASSES),
    Dimension("domain", "domain", ("domain",), DOMAINS),
)


class AgreeError(Exception):
    """Bad input to ``goalcheck agree`` (exit code 2)."""


# --------------------------------------------------------------------- normalisation


def normalise_text(text: str) -> str:
    """The key goal texts are matched on: NFKC, case-folded, whitespace collapsed.

    Example:
        >>> normalise_text("  Maya  will\\nREAD. ")
        'maya will read.'
    """
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()


def normalise_label(value: Any, dim: Dimension) -> str | None:
    """A rating as one of the dimension's labels; None when blank.

    Raises:
        AgreeError: the value is not a label of the dimension.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = str(value).strip().lower()
    if not text:
        return None
    if dim.labels == ("true", "false"):
        if text in _TRUE:
            return "true"
        if text in _FALSE:
            return "false"
    else:
        text = re.sub(r"[\s\-]+", "_", text)
        if text in dim.labels:
            return text
    raise AgreeError(
        f"{dim.name}: {value!r} is not a valid rating; use one of: "
        + ", ".join(dim.labels if dim.labels != ("true", "false") else ("true", "false", "1", "0",
                                                                         "yes", "no"))
    )


# --------------------------------------------------------------------- matching


@dataclass
class Matched:
    """Human rows paired with machine rows, and what could not be paired."""

    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    by_id: int = 0
    by_text: int = 0
    unmatched: int = 0
    ambiguous: int = 0


def _doc_keys(row: dict[str, Any]) -> list[str]:
    keys: list[str] = []
    for col in _DOC_COLUMNS:
        v = str(row.get(col) or "").strip()
        if v:
            keys.extend({v, Path(v).name})
    return keys


def match_rows(human: list[dict[str, Any]], machine: list[dict[str, Any]]) -> Matched:
    """Pair each human row with a machine row (see the module docstring for the rules)."""
    by_doc_id: dict[tuple[str, str], dict[str, Any]] = {}
    by_text: dict[str, list[dict[str, Any]]] = {}
    for row in machine:
        gid = str(row.get("goal_id") or "").strip()
        if gid:
            for key in _doc_keys(row):
                by_doc_id.setdefault((key, gid), row)
        by_text.setdefault(normalise_text(str(row.get("text") or "")), []).append(row)
    out = Matched()
    for h in human:
        gid = str(h.get("goal_id") or "").strip()
        found = None
        if gid:
            found = next((by_doc_id[(k, gid)] for k in _doc_keys(h) if (k, gid) in by_doc_id),
                         None)
        if found is not None:
            out.by_id += 1
        else:
            candidates = by_text.get(normalise_text(str(h.get("text") or "")), [])
            if candidates:
                found = candidates[0]
                out.by_text += 1
                out.ambiguous += len(candidates) > 1
        if found is None:
            out.unmatched += 1
        else:
            out.pairs.append((h, found))
    return out


# --------------------------------------------------------------------- statistics


def agreement(pairs: list[tuple[dict[str, Any], dict[str, Any]]], dim: Dimension,
              human_column: str) -> dict[str, Any]:
    """Kappa, observed agreement and the confusion matrix of one dimension.

    Rows where the human left the rating blank are left out. The matrix has
    human labels as rows and goalcheck's as columns, in the dimension's order.
    """

    y_h: list[str] = []
    y_m: list[str] = []
    for h, m in pairs:
        hv = normalise_label(h.get(human_column), dim)
        if hv is None:
            continue
        mv = normalise_label(m.get(dim.machine), dim) or "none"
        y_h.append(hv)
        y_m.append(mv)
    labels = list(dim.labels) + (["none"] if "none" in y_m else [])
    n = len(y_h)
    result: dict[str, Any] = {"dimension": dim.name, "n": n, "labels": labels}
    if n == 0:
        return {**result, "agreement": None, "kappa": None, "matrix": []}
    observed = sum(a == b for a, b in zip(y_h, y_m, strict=True)) / n
    if len(set(y_h) | set(y_m)) < 2:
        kappa = None  # undefined: one label only on both sides
    else:
        k = float(cohen_kappa_score(y_h, y_m, labels=labels))
        kappa = None if math.isnan(k) else round(k, 3)
    matrix = confusion_matrix(y_h, y_m, labels=labels).tolist()
    return {**result, "agreement": round(observed, 3), "kappa": kappa, "matrix": matrix}


def compare(human: list[dict[str, Any]], machine: list[dict[str, Any]]) -> dict[str, Any]:
    """Match rows and compute agreement on every dimension the human file rates."""
    columns = set().union(*(h.keys() for h in human)) if human else set()
    rated = [(d, next(c for c in d.human if c in columns)) for d in DIMENSIONS
             if any(c in columns for c in d.human)]
    if not rated:
        names = ", ".join(d.human[0] for d in DIMENSIONS)
        raise AgreeError(f"the human file rates no dimension: give one or more columns of {names}")
    matched = match_rows(human, machine)
    if not matched.pairs:
        raise AgreeError(
            "no human row matched a goalcheck row: give a 'text' column with the goal text, "
            "or 'goal_id' with 'document_id', 'document' or 'file'"
        )
    return {
        "rows": {"human": len(human), "matched_by_id": matched.by_id,
                 "matched_by_text": matched.by_text, "unmatched": matched.unmatched,
                 "ambiguous_text": matched.ambiguous},
        "dimensions": [agreement(matched.pairs, d, col) for d, col in rated],
    }


# --------------------------------------------------------------------- input / output


def check_dependencies(paths: list[Path]) -> None:
    """Refuse before any work when pandas (or pyarrow, for .parquet inputs) is missing."""

    try:
        require("pandas", purpose="goalcheck agree",
                install='pip install "goalcheck[dist]" (or pip install pandas)')
        if any(p.suffix.lower() == ".parquet" for p in paths):
            require("pyarrow.parquet", purpose="reading .parquet",
                    install='pip install "goalcheck[dist]" (or pip install pyarrow)')
    except MissingDependency as exc:
        raise AgreeError(str(exc)) from None


def read_table(path: Path) -> list[dict[str, Any]]:
    """Rows of a .csv, .parquet or .jsonl file as dicts (CSV cells as strings)."""
    import pandas as pd

    if not path.is_file():
        raise AgreeError(f"{path}: no such file")
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            frame = pd.read_parquet(path)
        elif suffix == ".jsonl":
            frame = pd.read_json(path, lines=True, dtype=False)
        elif suffix in (".csv", ".txt"):
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        else:
            raise AgreeError(f"{path}: give a .csv, .parquet or .jsonl file")
    except (ValueError, OSError) as exc:
        raise AgreeError(f"{path}: cannot read it as {suffix[1:]}: {exc}") from exc
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    return [{k: (None if _is_nan(v) else v) for k, v in r.items()}
            for r in frame.to_dict(orient="records")]


def _is_nan(v: Any) -> bool:
    return isinstance(v, float) and math.isnan(v)


def score_texts(human: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """goalcheck's rows for the human file's ``text`` column (kind from ``kind`` if given)."""

    texts = [str(h.get("text") or "").strip() for h in human]
    if not any(texts):
        raise AgreeError("no MACHINE file given and the human file has no 'text' column to score")
    keep = [t for t in texts if t]
    kinds = [
        (str(h.get("kind")).strip() if str(h.get("kind") or "").strip() in GOAL_KINDS else None)
        for h, t in zip(human, texts, strict=True) if t
    ]
    analyses = analyze_many(keep, kinds=kinds)
    return goal_rows(DocumentReport(source="", pages=0, goals=analyses))


def format_text(result: dict[str, Any]) -> str:
    """A plain-text report: counts, then kappa and a confusion matrix per dimension."""
    r = result["rows"]
    lines = [
        f"human rows: {r['human']}; matched by document and goal id: {r['matched_by_id']}, "
        f"by text: {r['matched_by_text']}; unmatched: {r['unmatched']}"
        + (f"; texts found more than once: {r['ambiguous_text']}" if r["ambiguous_text"] else ""),
        "",
        f"{'dimension':<22}{'n':>6}{'agreement':>11}{'kappa':>8}",
    ]
    for d in result["dimensions"]:
        agree = "-" if d["agreement"] is None else f"{d['agreement']:.3f}"
        kappa = "-" if d["kappa"] is None else f"{d['kappa']:.3f}"
        lines.append(f"{d['dimension']:<22}{d['n']:>6}{agree:>11}{kappa:>8}")
    for d in result["dimensions"]:
        if not d["n"]:
            continue
        lines += ["", f"{d['dimension']}: rows = human, columns = goalcheck"]
        width = max(len(x) for x in d["labels"]) + 2
        lines.append(" " * width + "".join(f"{x:>{width}}" for x in d["labels"]))
        for label, counts in zip(d["labels"], d["matrix"], strict=True):
            lines.append(f"{label:<{width}}" + "".join(f"{c:>{width}}" for c in counts))
    return "\n".join(lines) + "\n"


def build_parser() -> argparse.ArgumentParser:
    """The ``goalcheck agree`` argument parser."""
    p = argparse.ArgumentParser(
        prog="goalcheck agree",
        description="Agreement (Cohen's kappa, confusion matrices) between human ratings and "
        "goalcheck. Columns and matching rules: docs/batch_schema.md.",
    )
    p.add_argument("human", type=Path, metavar="HUMAN.csv",
                   help="human ratings: text and/or goal_id + document_id|document|file, and "
                   "any of has_<component>, measurability_class, strength_class, domain")
    p.add_argument("machine", type=Path, nargs="?", metavar="MACHINE",
                   help="goalcheck rows (.parquet, .csv or .jsonl from goalcheck batch); "
                   "omitted: goalcheck scores the human file's text column")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("-o", "--output", type=Path, help="write the report here instead of stdout")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run ``goalcheck agree``; returns 0 on success, 2 on bad usage or input."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    try:
        check_dependencies([args.human, *([args.machine] if args.machine else [])])
        human = read_table(args.human)
        machine = read_table(args.machine) if args.machine else score_texts(human)
        result = compare(human, machine)
    except AgreeError as exc:
        sys.stderr.write(f"goalcheck agree: error: {exc}\n")
        return 2
    text = json.dumps(result, indent=2) + "\n" if args.format == "json" else format_text(result)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
