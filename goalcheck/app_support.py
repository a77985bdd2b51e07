"""Pure helpers behind the Streamlit app: highlighting, word diff, summaries, exports.

Nothing here imports Streamlit, so every function can be tested alone and
``app.py`` stays layout only. HTML produced here escapes all goal text.
"""

from __future__ import annotations

import difflib
import html
import io
import json
import logging
import math
import os
import re
import threading
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from . import export
from .api import Progress, analyze_document
from .errors import GoalcheckError, UnreadableDocument
from .explain import CLASS_LABELS, alignment_words, label
from .extract import split_goals
from .ingest.limits import TimeLimitExceeded
from .language import detect_language
from .markup import segments
from .options import APP_TIMEOUT, APP_TIMEOUT_VARIABLE
from .profiles import (
    DEFAULT_PROFILE,
    ProfileError,
    RubricProfile,
    load_profile,
    parse_profile,
    shipped_profiles,
)
from .rewrite import placeholders
from .schema import COMPONENTS, DocumentReport, GoalAnalysis

log = logging.getLogger(__name__)

#: Local files the app shows (favicon): nothing is fetched from outside hosts.
ASSETS = Path(__file__).resolve().parent / "data" / "assets"
FAVICON = ASSETS / "favicon.png"

#: Display facts of each component: label, background colour, the question it answers.
COMPONENT_STYLE: dict[str, tuple[str, str, str]] = {
    "timeframe": ("Timeframe", "#cfe3ff", "By when?"),
    "condition": ("Condition", "#e4d7ff", "Under what circumstances or with what materials?"),
    "learner": ("Learner", "#d7f2e3", "Who?"),
    "behavior": ("Behavior", "#ffe2a8", "What observable action?"),
    "criterion": ("Criterion", "#ffd1dc", "How well, how much or how often?"),
    "measurement": ("Measurement", "#c9f0f0", "How will progress be measured?"),
}
#: A short tag printed before each component span, so components are told apart
#: without colour (WCAG 1.4.1); the legend spells each one out.
COMPONENT_TAGS: dict[str, str] = {
    "timeframe": "T", "condition": "C", "learner": "L", "behavior": "B",
    "criterion": "Cr", "measurement": "M",
}
TAG_STYLE = ("font-size:0.7em; font-weight:700; color:#1f2328; vertical-align:super; "
             "margin:0 1px 0 3px; letter-spacing:0.02em")
VAGUE_STYLE = "text-decoration: underline wavy #b3261e; text-underline-offset: 3px"
DEFICIT_STYLE = "outline: 2px dashed #b3261e; outline-offset: 1px; border-radius: 3px"

# ---------------------------------------------------------------- highlighting


def highlight_html(a: GoalAnalysis) -> str:
    """The goal's text as HTML, each component span coloured, vague verbs and deficits marked.

    A span belonging to two components gets the first one's background (rubric
    order) and a coloured underline bar for the second. Every mark carries a
    ``data-component`` attribute and a tooltip naming what it is.

    Example:
        >>> from goalcheck import analyze_goal
        >>> "data-component=\\"behavior\\"" in highlight_html(analyze_goal("Jo will read 20 words."))
        True
    """
    starts: dict[int, set[str]] = {}
    for name in COMPONENTS:
        for s in a.components[name].spans:
            if s.field is None and 0 <= s.start < len(a.text) and s.end > s.start:
                starts.setdefault(s.start, set()).add(name)
    parts: list[str] = []
    for seg in segments(a):
        chunk = html.escape(seg.text)
        begun = [c for c in COMPONENTS if c in starts.get(seg.start, ())]
        if begun:
            parts.append(
                f'<sup class="gc-tag" title="{", ".join(COMPONENT_STYLE[c][0] for c in begun)}" '
                f'style="{TAG_STYLE}">{"+".join(COMPONENT_TAGS[c] for c in begun)}</sup>')
        ordered = list(seg.components)
        vague, deficit = seg.vague, seg.deficit
        styles: list[str] = []
        tips: list[str] = []
        attrs = ""
        if ordered:
            styles.append(f"background:{COMPONENT_STYLE[ordered[0]][1]}")
            styles.append("border-radius:3px; padding:1px 2px")
            if len(ordered) > 1:
                styles.append(f"box-shadow: inset 0 -4px 0 {_darker(COMPONENT_STYLE[ordered[1]][1])}")
            tips.extend(COMPONENT_STYLE[c][0] for c in ordered)
            attrs += f' data-component="{" ".join(ordered)}"'
        if vague:
            styles.append(VAGUE_STYLE)
            tips.append("vague verb: not observable")
            attrs += ' data-vague="1"'
        if deficit:
            styles.append(DEFICIT_STYLE)
            tips.append(f"deficit framing. {deficit}")
            attrs += ' data-deficit="1"'
        if styles:
            if not ordered:
                styles.insert(0, "background:transparent")
            title = html.escape(" | ".join(tips), quote=True)
            parts.append(f'<mark class="gc-mark"{attrs} title="{title}" '
                         f'style="color:inherit; {"; ".join(styles)}">{chunk}</mark>')
        else:
            parts.append(chunk)
    return f'<div class="gc-goal" style="line-height:2; font-size:1.05rem">{"".join(parts)}</div>'


def _darker(hex_colour: str, factor: float = 0.65) -> str:
    r, g, b = (int(hex_colour[k : k + 2], 16) for k in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (r, g, b)))


def legend_html() -> str:
    """A one-line legend of the component colours and the vague/deficit marks."""
    chips = [
        f'<span title="{html.escape(q)}" style="background:{colour}; border-radius:3px; '
        f'padding:1px 6px; margin-right:6px; white-space:nowrap">'
        f'<sup style="{TAG_STYLE}">{COMPONENT_TAGS[name]}</sup> {label}</span>'
        for name, (label, colour, q) in COMPONENT_STYLE.items()
    ]
    chips.append(f'<span style="{VAGUE_STYLE}; margin-right:6px; white-space:nowrap">vague verb</span>')
    chips.append(f'<span style="{DEFICIT_STYLE}; padding:0 4px; white-space:nowrap">deficit wording</span>')
    return f'<div class="gc-legend" style="font-size:0.85rem; line-height:2">{"".join(chips)}</div>'


# ---------------------------------------------------------------- word diff

_TOKEN = re.compile(r"\s+|[\w'/-]+|[^\w\s]")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level diff as ``(op, text)`` pieces; op is ``equal``, ``delete`` or ``insert``.

    Example:
        >>> word_diff("Jo will read.", "Jo will read aloud.")
        [('equal', 'Jo will read'), ('insert', ' aloud'), ('equal', '.')]
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ops = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    # Pieces of (changed?, old text, new text); a short run of spaces or punctuation
    # between two changes joins them, so "improve reading" -> "read aloud" reads as
    # one change.
    pieces: list[tuple[bool, str, str]] = [
        (op != "equal", "".join(a[i1:i2]), "".join(b[j1:j2])) for op, i1, i2, j1, j2 in ops
    ]
    for k in range(1, len(pieces) - 1):
        changed, old_text, _ = pieces[k]
        if (not changed and not re.search(r"\w", old_text) and len(old_text) <= 2
                and pieces[k - 1][0] and pieces[k + 1][0]):
            pieces[k] = (True, old_text, old_text)
    out: list[tuple[str, str]] = []
    k = 0
    while k < len(pieces):
        if not pieces[k][0]:
            _append(out, "equal", pieces[k][1])
            k += 1
            continue
        gone, added = "", ""
        while k < len(pieces) and pieces[k][0]:
            gone, added = gone + pieces[k][1], added + pieces[k][2]
            k += 1
        if gone:
            _append(out, "delete", gone)
        if added:
            _append(out, "insert", added)
    return out


def _append(out: list[tuple[str, str]], op: str, text: str) -> None:
    if out and out[-1][0] == op:
        out[-1] = (op, out[-1][1] + text)
    else:
        out.append((op, text))


def diff_html(old: str, new: str) -> str:
    """The word diff as HTML: deletions struck through in red, insertions in green."""
    pieces = []
    for op, text in word_diff(old, new):
        t = html.escape(text)
        if op == "delete":
            pieces.append(f'<del style="background:#fde0dc; color:#8c1d18; margin-right:3px">'
                          f'{t}</del>')
        elif op == "insert":
            pieces.append(f'<ins style="background:#d9f2d9; color:#1b5e20; '
                          f'text-decoration:none; font-weight:600">{t}</ins>')
        else:
            pieces.append(t)
    return f'<div class="gc-diff" style="line-height:1.9">{"".join(pieces)}</div>'


# ---------------------------------------------------------------- explanations


def explanations_by_dimension(a: GoalAnalysis) -> dict[str, list[str]]:
    """The explanation sentences grouped by dimension, in the order found."""
    out: dict[str, list[str]] = {}
    for e in a.explanations:
        out.setdefault(e.dimension, []).append(e.detail)
    return out


FILL_IN = "fill in before use: "


def rewrite_notes(rewrite: Any) -> tuple[list[str], list[str]]:
    """A rewrite's changes, split into what was changed and the blanks left to fill in."""
    notes = [c for c in rewrite.changes if not c.startswith(FILL_IN)]
    return notes, placeholders(rewrite.text)


def score_cards(a: GoalAnalysis) -> list[tuple[str, str, str]]:
    """The four scores as ``(title, value, caption)`` for display."""
    al = a.alignment
    al_value = "n/a" if al is None or al.score is None else f"{al.score}"
    words = alignment_words(a)
    al_caption = words[:1].upper() + words[1:]
    if al and al.standards and al.status in ("explicit", "inferred"):
        al_caption += f": {short_code(al.standards[0].code)}"
    weights = "60/20/20" if al and al.score is not None else "75/25, no alignment"
    return [
        ("Overall", f"{a.overall}", f"of 100 (weights {weights})"),
        ("Measurability", f"{a.measurability_score}",
         CLASS_LABELS.get(a.measurability_class, a.measurability_class)),
        ("Strength", f"{a.strength_score}", CLASS_LABELS.get(a.strength_class, a.strength_class)),
        ("Alignment", al_value, al_caption),
    ]


def scores_html(a: GoalAnalysis) -> str:
    """The four scores as a compact grid (two columns on a phone), each with its badge.

    Each value carries ``data-score`` (``overall``, ``measurability``, ...) for tests
    and scripts.
    """
    classes = (None, a.measurability_class, a.strength_class, alignment_tone(a))
    cells = []
    for (title, value, caption), cls in zip(score_cards(a), classes, strict=True):
        note = class_badge(cls, caption) if cls else (
            f'<span style="color:#4b5563; font-size:0.85rem">{html.escape(caption)}</span>')
        cells.append(
            f'<div class="gc-score"><div style="color:#4b5563; font-size:0.85rem">'
            f'{html.escape(title)}</div><div data-score="{title.lower()}" '
            f'style="font-size:1.5rem; font-weight:600; line-height:1.3">{html.escape(value)}'
            f'</div><div>{note}</div></div>')
    return ('<div class="gc-scores" style="display:grid; gap:0.6rem 1rem; margin:0.4rem 0 0.8rem; '
            'grid-template-columns:repeat(auto-fill, minmax(9.5rem, 1fr))">'
            + "".join(cells) + "</div>")


def short_code(code: str) -> str:
    """A standard code without its CCSS prefix: ``CCSS.MATH.CONTENT.3.OA.C.7`` -> ``3.OA.C.7``."""
    return re.sub(r"^CCSS\.(?:ELA-LITERACY|MATH\.CONTENT|MATH\.PRACTICE)\.", "", code)


#: Badge of each class: (symbol, text colour, background). Every text colour has
#: a contrast of at least 7:1 on its background (WCAG AA asks 4.5:1), and the
#: symbol and the words carry the meaning without the colour.
_BADGES: dict[str, tuple[str, str, str]] = {
    "good": ("\u2713", "#14532d", "#dcfce7"),
    "middling": ("\u25d0", "#713f12", "#fef3c7"),
    "poor": ("\u2717", "#7f1d1d", "#fee2e2"),
    "info": ("\u2248", "#1e3a8a", "#dbeafe"),
    "neutral": ("\u2013", "#374151", "#f3f4f6"),
}
CLASS_TONE: dict[str, str] = {
    "measurable": "good", "partially_measurable": "middling", "not_measurable": "poor",
    "strength_based": "good", "neutral": "middling", "deficit_based": "poor",
    "explicit": "good", "inferred": "info", "none": "poor", "not_applicable": "neutral",
}


#: Badge tone of each alignment phrase (:func:`goalcheck.explain.alignment_words`).
ALIGNMENT_TONE: dict[str, str] = {
    "cites a standard": "explicit", "close match": "explicit", "possible match": "inferred",
    "weak match": "partially_measurable", "no close match": "none", "names no skill": "none",
}


def alignment_tone(a: GoalAnalysis) -> str:
    """The class whose badge colours a goal's alignment: good for a cited standard or a
    close match, middling for a weak one, poor for no close match."""
    return ALIGNMENT_TONE.get(alignment_words(a), "not_applicable")


def class_badge(cls: str | None, text: str | None = None) -> str:
    """An HTML badge for a class: a symbol and words, in AA-contrast colours."""
    symbol, fg, bg = _BADGES[CLASS_TONE.get(cls or "", "neutral")]
    words = html.escape(text if text is not None else CLASS_LABELS.get(cls or "", cls or ""))
    return (f'<span class="gc-badge" data-class="{html.escape(cls or "")}" style="color:{fg}; '
            f'background:{bg}; border-radius:4px; padding:1px 6px; font-size:0.9rem; '
            f'white-space:normal">{symbol} {words}</span>')


# ---------------------------------------------------------------- plan summaries


@dataclass(frozen=True)
class PlanSummary:
    """Figures of one or more plans for the summary band."""

    goals: int
    measurable: int
    mean_overall: float
    mean_measurability: float
    mean_strength: float
    mean_alignment: float | None
    missing: dict[str, int]

    @property
    def share_measurable(self) -> float:
        return self.measurable / self.goals if self.goals else 0.0


def summarize(goals: Sequence[GoalAnalysis]) -> PlanSummary:
    """Count goals, measurable share, mean scores and how often each component is missing."""
    goals = [g for g in goals if g.status == "analysed"]
    n = len(goals)

    def mean(xs: list[float]) -> float:
        return round(sum(xs) / len(xs), 1) if xs else 0.0

    aligned = [float(g.alignment.score) for g in goals
               if g.alignment is not None and g.alignment.score is not None]
    missing = Counter(c for g in goals for c in g.missing)
    return PlanSummary(
        goals=n,
        measurable=sum(g.measurability_class == "measurable" for g in goals),
        mean_overall=mean([g.overall for g in goals]),
        mean_measurability=mean([g.measurability_score for g in goals]),
        mean_strength=mean([g.strength_score for g in goals]),
        mean_alignment=mean(aligned) if aligned else None,
        missing={c: missing.get(c, 0) for c in COMPONENTS},
    )


# ---------------------------------------------------------------- tables and exports
# Row building, CSV, JSON and the printable report come from goalcheck.export;
# these helpers only combine several files and filter the table for the app.


#: The columns the app's table shows first (the rest stay in downloads).
TABLE_COLUMNS: tuple[str, ...] = (
    "file", "goal_id", "kind", "page", "text", "domain", "measurability_class",
    "measurability_score", "strength_class", "strength_score", "alignment_status",
    "alignment_code", "overall", "vague_verbs", "deficit_spans", "rewrite",
)


def table_rows(results: Iterable[tuple[str, DocumentReport | str]],
               redact_names: bool = False,
               document_ids: Sequence[str | None] | None = None) -> list[dict[str, Any]]:
    """Goal rows of many files; a file that could not be read gives one row with ``error``.

    Args:
        results: ``(file name, report or the reason it could not be read)`` pairs.
        redact_names: replace the student's name with "[Student]" in every text column,
            and each file name with a neutral one (``document-<id>.pdf``).
        document_ids: one identifier per file (e.g. a content hash), or None.
    """
    rows: list[dict[str, Any]] = []
    for i, (name, result) in enumerate(results):
        doc_id = document_ids[i] if document_ids and i < len(document_ids) else None
        if isinstance(result, DocumentReport):
            rows.extend({**r, "error": None} for r in export.goal_rows(
                result, redact_names=redact_names, document_id=doc_id))
        else:
            shown, error = name, result
            if redact_names:
                shown = export.redacted_source(name, doc_id)
                error = result.replace(name, shown)
            rows.append({**{c: None for c in export.ROW_COLUMNS}, "document_id": doc_id,
                         "file": shown, "error": error})
    return rows


def columns_of(rows: Sequence[dict[str, Any]]) -> list[str]:
    """The one column order of every table and download: ROW_COLUMNS, then ``error`` if any."""
    has_error = any(r.get("error") for r in rows)
    return [*export.ROW_COLUMNS, "error"] if has_error else list(export.ROW_COLUMNS)


#: Headers of the on-screen table in words; downloads keep the column ids.
COLUMN_LABELS: dict[str, str] = {
    "document_id": "Document id (sha256)", "file": "File", "page": "Page", "section": "Section",
    "kind": "Kind", "goal_id": "Goal", "parent_id": "Goal it belongs to", "text": "Goal text",
    "status": "Analysed?", "language": "Language",
    **{f"has_{c}": f"Has {c}" for c in COMPONENTS},
    "n_components": "Components found", "vague_verbs": "Vague verbs",
    "measurability_score": "Measurability score", "measurability_class": "Measurability",
    "strength_score": "Strength score", "strength_class": "Strength-based language",
    "deficit_spans": "Deficit wording", "domain": "Domain", "alignment_status": "Alignment",
    "alignment_score": "Alignment score", "alignment_code": "Standard",
    "alignment_similarity": "Standard similarity", "overall": "Overall",
    "rewrite": "Suggested rewrite", "rewrite_changes": "Rewrite changes", "rubric": "Rubric",
    "rubric_version": "Rubric version", "error": "Error",
}
#: Columns whose values are ids with a human label (:func:`goalcheck.explain.label`).
LABELLED_COLUMNS: tuple[str, ...] = ("section", "kind", "status", "domain", "measurability_class",
                                     "strength_class", "alignment_status")


def screen_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The goal table as shown on screen: ids in words ("partially_measurable" ->
    "Partly measurable"); the column names stay ids, the headers come from COLUMN_LABELS."""
    out = frame.copy()
    for c in LABELLED_COLUMNS:
        if c in out:
            out[c] = [None if pd.isna(v) else label(v) for v in out[c]]
    return out


def shown_columns(every: bool) -> list[str]:
    """Columns of the on-screen table: the reading set, or every column with the long
    document id last (it identifies files for scripts, not for people)."""
    if not every:
        return list(TABLE_COLUMNS)
    return [c for c in export.ROW_COLUMNS if c != "document_id"] + ["document_id"]


def filter_table(frame: pd.DataFrame, *, classes: Sequence[str] = (),
                 domains: Sequence[str] = (), kinds: Sequence[str] = (),
                 files: Sequence[str] = (),
                 overall: tuple[int, int] = (0, 100), contains: str = "") -> pd.DataFrame:
    """The goal rows that pass every filter given (an empty filter passes all)."""
    keep = frame["overall"].between(*overall)
    if tuple(overall) == (0, 100):  # goals not analysed (not in English) have no score
        keep |= frame["overall"].isna()
    for column, wanted in (("measurability_class", classes), ("domain", domains),
                           ("kind", kinds), ("file", files)):
        if wanted:
            keep &= frame[column].isin(list(wanted))
    if contains:
        keep &= frame["text"].str.contains(contains, case=False, regex=False, na=False)
    return frame[keep]


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A table's rows as dicts, missing values as None and an ``error`` key on every row."""
    clean = frame.astype(object).where(frame.notna(), None)
    return [{**r, "error": r.get("error")} for r in clean.to_dict("records")]


def rows_to_csv(rows: Sequence[dict[str, Any]]) -> str:
    """CSV of goal rows, columns in :func:`columns_of` order."""
    return str(export.to_csv(rows, columns=columns_of(rows)))


def rows_to_parquet(rows: Sequence[dict[str, Any]]) -> bytes:
    """Parquet bytes of the per-goal rows, columns in the same order as the CSV."""
    cols = columns_of(rows)
    frame = pd.DataFrame([{c: r.get(c) for c in cols} for r in rows], columns=cols)
    for c in cols:
        kind = export.ROW_TYPES.get(c, "string")
        if kind == "int":
            frame[c] = frame[c].astype("Int64")
        elif kind == "float":
            frame[c] = frame[c].astype("Float64")
        elif kind == "bool":
            frame[c] = frame[c].astype("boolean")
        else:
            frame[c] = frame[c].astype("string")
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False)
    return buf.getvalue()


# ---------------------------------------------------------------- research summaries


def file_summary(goals: pd.DataFrame, errors: pd.DataFrame | None = None,
                 no_goals: Sequence[str] = ()) -> pd.DataFrame:
    """One row per file: goals, measurable share, mean scores, most missed component; then
    the files read in which no goal was found (``no_goals``), then those not read."""
    out: list[dict[str, Any]] = []
    for name, every in goals.groupby("file", sort=False, dropna=False):
        g = analysed(every)
        missing = {c: int((~g[f"has_{c}"].astype(bool)).sum()) for c in COMPONENTS}
        worst = max(missing, key=lambda c: missing[c])
        out.append({
            "file": name, "goals": len(every),
            "measurable (%)": (round(100 * float((g["measurability_class"] == "measurable").mean()))
                               if len(g) else None),
            "mean overall": round(float(g["overall"].mean()), 1),
            "mean measurability": round(float(g["measurability_score"].mean()), 1),
            "most often missing": (f"{COMPONENT_STYLE[worst][0]} ({missing[worst]})"
                                   if missing[worst] else "nothing"),
            "status": "read" if len(g) == len(every) else
                      f"read, {len(every) - len(g)} not analysed (not in English)",
        })
    for name in no_goals:
        out.append({"file": name, "goals": 0, "measurable (%)": None, "mean overall": None,
                    "mean measurability": None, "most often missing": None,
                    "status": "read, no goals found"})
    for _, e in (errors if errors is not None else pd.DataFrame()).iterrows():
        out.append({"file": e["file"], "goals": 0, "measurable (%)": None, "mean overall": None,
                    "mean measurability": None, "most often missing": None,
                    "status": f"not read: {e['error']}"})
    return pd.DataFrame(out, columns=["file", "goals", "measurable (%)", "mean overall",
                                      "mean measurability", "most often missing", "status"])


def score_bins(values: Iterable[float], width: int = 10) -> pd.DataFrame:
    """Counts of scores in bins ``0-9, 10-19, ... 90-100`` (100 joins the last bin)."""
    edges = list(range(0, 100, width))
    counts = dict.fromkeys(edges, 0)
    for v in _scores(values):
        counts[min(int(v) // width * width, edges[-1])] += 1
    return pd.DataFrame({"scores": [f"{e}-{e + width - 1 if e != edges[-1] else 100}"
                                    for e in edges], "goals": list(counts.values())})


def describe_scores(values: Sequence[float], what: str) -> str:
    """A sentence that stands in for a score histogram (its text alternative)."""
    xs = sorted(_scores(values))
    if not xs:
        return f"No {what} scores."
    n = len(xs)
    median = xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2
    high = sum(x >= 80 for x in xs)
    low = sum(x < 50 for x in xs)
    return (f"{what.capitalize()} scores of {n} goal{'s' if n != 1 else ''}: median {median:.0f}, lowest {xs[0]:.0f}, "
            f"highest {xs[-1]:.0f}; {high} at 80 or above, {low} below 50.")


def _scores(values: Iterable[Any]) -> list[float]:
    """The scores among ``values``: a goal not analysed has none (None or NaN)."""
    return [float(v) for v in values if v is not None and not pd.isna(v)]


def analysed(goals: pd.DataFrame) -> pd.DataFrame:
    """The goal rows goalcheck analysed (not those it left alone: not in English)."""
    return goals[goals["status"] != "not_analysed"] if "status" in goals else goals


def missing_counts(goals: pd.DataFrame) -> pd.DataFrame:
    """How many analysed goals lack each component, in rubric order, with human labels."""
    goals = analysed(goals)
    return pd.DataFrame({
        "component": [COMPONENT_STYLE[c][0] for c in COMPONENTS],
        "goals missing it": [int((~goals[f"has_{c}"].astype(bool)).sum()) for c in COMPONENTS],
    })


def domain_counts(goals: pd.DataFrame) -> pd.DataFrame:
    """How many goals fall in each domain (human labels), most frequent first."""
    counts = Counter(label(d) for d in goals["domain"])
    return pd.DataFrame(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])),
                        columns=["domain", "goals"])


def describe_counts(frame: pd.DataFrame, what: str, largest_first: bool = True) -> str:
    """A sentence listing a count table (a chart's text alternative), in the order the bar
    chart draws it: the largest count first (ties in the table's order).

    Example:
        >>> describe_counts(pd.DataFrame({"domain": ["Math", "Reading"], "goals": [1, 3]}), "Domain mix")
        'Domain mix (goals): Reading 3, Math 1.'
    """
    name, count = frame.columns[0], frame.columns[1]
    if largest_first:
        frame = frame.sort_values(count, ascending=False, kind="stable")
    parts = [f"{r[name]} {r[count]:g}" for _, r in frame.iterrows()]
    return f"{what} ({count}): " + ", ".join(parts) + "." if parts else f"{what}: none."


# ---------------------------------------------------------------- uploads and progress

#: Streamlit's own upload limit when nothing else is set (``server.maxUploadSize``, MB).
UPLOAD_LIMIT_MB = 200


class Stopped(TimeLimitExceeded):
    """An analysis stopped by the app: over its time limit, or abandoned by the page."""


def app_timeout(environ: dict[str, str] | None = None) -> float:
    """The app's time limit per file: ``GOALCHECK_APP_TIMEOUT`` if set and valid, else APP_TIMEOUT.

    Example:
        >>> app_timeout({"GOALCHECK_APP_TIMEOUT": "30"}), app_timeout({"GOALCHECK_APP_TIMEOUT": "soon"})
        (30.0, 120.0)
    """
    raw = (environ if environ is not None else os.environ).get(APP_TIMEOUT_VARIABLE, "")
    try:
        value = float(raw)
    except ValueError:
        return APP_TIMEOUT
    return value if value >= 0 and math.isfinite(value) else APP_TIMEOUT


def timeout_message(seconds: float) -> str:
    """What the app says about a file stopped by its time limit."""
    return (f"analysing it took longer than {seconds:g} seconds, the app's limit for one file, so it "
            "was stopped; the rest of the session is not affected. Split the plan into smaller files, "
            f"or start the app with a longer limit: goalcheck app --timeout {seconds * 4:g}")


def analyse_upload(name: str, data: bytes, *, max_upload_mb: int = UPLOAD_LIMIT_MB,
                   timeout: float = APP_TIMEOUT, rubric: str | RubricProfile | None = None,
                   progress: Progress | None = None,
                   cancel: threading.Event | None = None) -> DocumentReport | str:
    """Analyse one uploaded file: its report, or the reason, in words for the user, why not.

    Nothing is written to disk. The time limit is checked at every progress step of
    the analysis (each PDF page, each batch of lines or goals), so it works in any
    thread; ``cancel`` set from another thread stops the analysis the same way.

    Example:
        >>> analyse_upload("notes.pdf", b"")
        'the file is empty (0 bytes); check that it was saved or copied completely.'
    """
    deadline = time.monotonic() + timeout if timeout and timeout > 0 else None

    def report(stage: str, done: int, total: int) -> None:
        if (cancel is not None and cancel.is_set()) or (
                deadline is not None and time.monotonic() > deadline):
            raise Stopped(timeout)
        if progress is not None:
            progress(stage, done, total)

    try:
        return analyze_document(data, name=name, max_bytes=max_upload_mb * 1024 * 1024,
                                rubric=rubric, progress=report)
    except UnreadableDocument as e:
        return e.reason
    except TimeLimitExceeded:
        return timeout_message(timeout)
    except GoalcheckError as e:
        return str(e)
    except Exception as e:
        log.exception("analysing an upload failed")
        return (f"goalcheck could not read this file ({type(e).__name__}); it may be damaged. "
                "Save or export it again as PDF or .docx and try again.")


#: The share of a file's progress bar each stage fills, by kind of file: reading a PDF
#: is much of its work; a text file is read at once and its lines take the time (a 3 MB
#: text: ~70% finding goals, ~10% analysing them, ~15% reviewing the plan).
STAGE_SHARES: dict[str, dict[str, float]] = {
    ".pdf": {"reading": 0.45, "finding goals": 0.25, "analysing goals": 0.2, "reviewing the plan": 0.1},
    "other": {"reading": 0.05, "finding goals": 0.6, "analysing goals": 0.2, "reviewing the plan": 0.15},
}
#: What each stage counts, for the bar's text (the plan review counts mixed steps:
#: sentences, goals and checks, so its text gives a percentage).
STAGE_UNITS = {"reading": "pages", "finding goals": "lines", "analysing goals": "goals"}


def stage_fraction(name: str, stage: str, done: int, total: int) -> float:
    """How much of a file's bar is filled at ``(stage, done, total)`` (0 to 1, never 1 before the end).

    Example:
        >>> stage_fraction("a.txt", "reading", 0, 0), stage_fraction("a.txt", "finding goals", 300, 600)
        (0.0, 0.35)
    """
    shares = STAGE_SHARES.get(Path(name).suffix.lower(), STAGE_SHARES["other"])
    order = list(shares)
    before = sum(shares[s] for s in order[: order.index(stage)]) if stage in shares else 0.0
    inside = done / total if total > 0 else 0.0
    return round(min(0.99, before + shares.get(stage, 0.0) * min(1.0, inside)), 4)


def stage_text(stage: str, done: int, total: int) -> str:
    """The bar's words for a stage: ``finding goals: 12,000 of 37,664 lines``.

    Example:
        >>> stage_text("reading", 2, 0), stage_text("analysing goals", 64, 800)
        ('reading: 2 pages', 'analysing goals: 64 of 800 goals')
        >>> stage_text("reviewing the plan", 0, 0), stage_text("reviewing the plan", 1200, 3000)
        ('reviewing the plan', 'reviewing the plan: 40%')
    """
    if stage not in STAGE_UNITS:
        return f"{stage}: {min(100, 100 * done // total)}%" if total else stage
    unit = STAGE_UNITS[stage]
    return f"{stage}: {done:,} of {total:,} {unit}" if total else f"{stage}: {done:,} {unit}"


# ---------------------------------------------------------------- rubric profiles

#: The selector's own-file choice (after the shipped profiles).
OWN_PROFILE = "own file"


def profile_label(name: str) -> str:
    """The selector's words for a shipped profile: its name and what ``measurable`` requires.

    Example:
        >>> profile_label("smart")
        'smart: behavior, criterion, timeframe'
    """
    if name == OWN_PROFILE:
        return "Your own profile file..."
    return f"{name}: " + ", ".join(load_profile(name).requires("annual_goal"))


def profile_from_upload(name: str, data: bytes) -> RubricProfile | str:
    """A user's profile file as a profile, or what is wrong with it (naming the valid profiles)."""
    try:
        return parse_profile(data, name)
    except ProfileError as e:
        return (f"{e}. A profile file is JSON like the shipped ones ({', '.join(shipped_profiles())}; "
                "see docs/RUBRIC.md); until it is fixed, goals are scored with the default "
                f"'{DEFAULT_PROFILE}' profile.")


def profile_caption(profile: RubricProfile) -> str:
    """One line saying which profile scores the goals and what it requires.

    Example:
        >>> profile_caption(load_profile("idea"))
        'Rubric idea, version 2: measurable needs behavior and criterion.'
    """
    needs = profile.requires("annual_goal")
    return (f"Rubric {profile.name}, version {profile.version}: measurable needs "
            f"{', '.join(needs[:-1])} and {needs[-1]}." if len(needs) > 1 else
            f"Rubric {profile.name}, version {profile.version}: measurable needs {needs[0]}.")


# ---------------------------------------------------------------- shipped texts


def load_gallery() -> list[dict[str, str]]:
    """Example goals from weak to strong, each with a title and what it teaches."""
    path = resources.files("goalcheck").joinpath("data/gallery.json")
    items: list[dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
    return items


def rubric_text() -> str:
    """The rubric guide shown in the app (markdown)."""
    return resources.files("goalcheck").joinpath("data/rubric.md").read_text(encoding="utf-8")


def practice_goals(text: str) -> list[str]:
    """The goals in what a coach typed or pasted: one, or several split apart (RUBRIC 7.24)."""
    text = text.strip()
    if not text:
        return []
    out: list[str] = []
    for goal in [g for g in split_goals(text) if g.strip()] or [text]:
        out.extend(_split_by_language(goal))
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u00bf\u00a1\u00c0-\u00dd])")


def _split_by_language(goal: str) -> list[str]:
    """A goal as written, or its sentences apart when one of them is in another language
    (an English goal and a Spanish one pasted together are two goals, RUBRIC 7.24-7.25)."""
    sentences = _SENTENCE_END.split(goal)
    if len(sentences) < 2:
        return [goal]
    groups: list[tuple[str | None, str]] = []
    for s in sentences:
        lang = detect_language(s)
        if groups and (lang is None or groups[-1][0] in (None, lang)):  # goes on the one before
            groups[-1] = (groups[-1][0] or lang, groups[-1][1] + " " + s)
        else:
            groups.append((lang, s))
    return [goal] if len(groups) == 1 else [g for _, g in groups]


# ---------------------------------------------------------------- plan review card

_PLAN_CARD_CSS = (
    "<style>.plan .badge{display:inline-block;padding:0 .4rem;border-radius:3px;font-size:.85rem;"
    "white-space:nowrap}.plan h2{display:none}"
    ".plan-pass{background:#dcfce7}.plan-fail{background:#fee2e2}.plan-not_applicable{background:#f3f4f6}"
    ".plan-checks{width:100%;table-layout:fixed}"
    ".plan-checks td:first-child{width:4.8rem}.plan-checks th{width:28%}"
    ".plan-checks td,.plan-checks th{vertical-align:top;padding:.2rem .4rem;text-align:left;"
    "overflow-wrap:anywhere}"
    ".plan .meta{color:#4b5563}.plan ul{margin:0;padding-left:1.1rem}.plan q{color:#374151}"
    # A phone: each check on its own rows (status and name, then its findings full width).
    "@media (max-width:640px){.plan-checks,.plan-checks tbody{display:block}"
    ".plan-checks tr{display:grid;grid-template-columns:auto 1fr;border-bottom:1px solid #e5e7eb}"
    ".plan-checks td:first-child,.plan-checks th{width:auto}"
    ".plan-checks td:last-child{grid-column:1/-1}}</style>"
)


def plan_card_html(report: DocumentReport) -> str:
    """The plan review card of the Review page (RUBRIC.md section 8): score, checks, findings;
    a finding about a goal links to that goal's card (see :func:`goal_anchor`). Empty without a review."""
    if report.plan is None:
        return ""
    return _PLAN_CARD_CSS + export.plan_html(report.plan)


def goal_anchor(a: GoalAnalysis) -> str:
    """The anchor a goal card carries, the target of the plan card's links."""
    return f'<span id="goal-{html.escape(a.id)}"></span>' if a.id else ""
