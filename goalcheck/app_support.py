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
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import pandas as pd

from . import export
from .markup import char_marks
from .schema import COMPONENTS, DocumentReport, GoalAnalysis

log = logging.getLogger(__name__)

#: Display facts of each component: label, background colour, the question it answers.
COMPONENT_STYLE: dict[str, tuple[str, str, str]] = {
    "timeframe": ("Timeframe", "#cfe3ff", "By when?"),
    "condition": ("Condition", "#e4d7ff", "Under what circumstances or with what materials?"),
    "learner": ("Learner", "#d7f2e3", "Who?"),
    "behavior": ("Behavior", "#ffe2a8", "What observable action?"),
    "criterion": ("Criterion", "#ffd1dc", "How well, how much or how often?"),
    "measurement": ("Measurement", "#c9f0f0", "How will progress be measured?"),
}
VAGUE_STYLE = "text-decoration: underline wavy #b3261e; text-underline-offset: 3px"
DEFICIT_STYLE = "outline: 2px dashed #b3261e; outline-offset: 1px; border-radius: 3px"
CLASS_LABELS: dict[str, str] = {
    "measurable": "Measurable",
    "partially_measurable": "Partly measurable",
    "not_measurable": "Not measurable",
    "strength_based": "Strength-based",
    "neutral": "Neutral",
    "deficit_based": "Deficit-based",
    "explicit": "Cites a standard",
    "inferred": "Matches a standard",
    "none": "No matching standard",
    "not_applicable": "Not applicable (functional goal)",
}


# ---------------------------------------------------------------- highlighting


def _char_labels(a: GoalAnalysis) -> list[tuple[frozenset[str], bool, str | None]]:
    """For each character: its components, whether in a vague verb, its deficit suggestion."""
    return char_marks(a)


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
    labels = _char_labels(a)
    parts: list[str] = []
    i = 0
    while i < len(labels):
        j = i
        while j < len(labels) and labels[j] == labels[i]:
            j += 1
        comps, vague, deficit = labels[i]
        chunk = html.escape(a.text[i:j])
        ordered = [c for c in COMPONENTS if c in comps]
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
        i = j
    return f'<div class="gc-goal" style="line-height:2; font-size:1.05rem">{"".join(parts)}</div>'


def _darker(hex_colour: str, factor: float = 0.65) -> str:
    r, g, b = (int(hex_colour[k : k + 2], 16) for k in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (r, g, b)))


def legend_html() -> str:
    """A one-line legend of the component colours and the vague/deficit marks."""
    chips = [
        f'<span title="{html.escape(q)}" style="background:{colour}; border-radius:3px; '
        f'padding:1px 6px; margin-right:6px; white-space:nowrap">{label}</span>'
        for label, colour, q in COMPONENT_STYLE.values()
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


def score_cards(a: GoalAnalysis) -> list[tuple[str, str, str]]:
    """The four scores as ``(title, value, caption)`` for display."""
    al = a.alignment
    al_value = "n/a" if al is None or al.score is None else f"{al.score}"
    al_caption = CLASS_LABELS.get(al.status, al.status) if al else CLASS_LABELS["not_applicable"]
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


def short_code(code: str) -> str:
    """A standard code without its CCSS prefix: ``CCSS.MATH.CONTENT.3.OA.C.7`` -> ``3.OA.C.7``."""
    return re.sub(r"^CCSS\.(?:ELA-LITERACY|MATH\.CONTENT|MATH\.PRACTICE)\.", "", code)


#: Streamlit markdown colour of each class (good, middling, poor).
CLASS_COLOURS: dict[str, str] = {
    "measurable": "green", "partially_measurable": "orange", "not_measurable": "red",
    "strength_based": "green", "neutral": "orange", "deficit_based": "red",
    "explicit": "green", "inferred": "blue", "none": "red", "not_applicable": "gray",
}


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
        redact_names: replace the student's name with "[Student]" in every text column.
        document_ids: one identifier per file (e.g. a content hash), or None.
    """
    rows: list[dict[str, Any]] = []
    for i, (name, result) in enumerate(results):
        doc_id = document_ids[i] if document_ids and i < len(document_ids) else None
        if isinstance(result, DocumentReport):
            rows.extend({**r, "error": None} for r in export.goal_rows(
                result, redact_names=redact_names, document_id=doc_id))
        else:
            rows.append({**{c: None for c in export.ROW_COLUMNS}, "document_id": doc_id,
                         "file": name, "error": result})
    return rows


def filter_table(frame: pd.DataFrame, *, classes: Sequence[str] = (),
                 domains: Sequence[str] = (), kinds: Sequence[str] = (),
                 overall: tuple[int, int] = (0, 100), contains: str = "") -> pd.DataFrame:
    """The goal rows that pass every filter given (an empty filter passes all)."""
    keep = frame["overall"].between(*overall)
    for column, wanted in (("measurability_class", classes), ("domain", domains),
                           ("kind", kinds)):
        if wanted:
            keep &= frame[column].isin(list(wanted))
    if contains:
        keep &= frame["text"].str.contains(contains, case=False, regex=False, na=False)
    return frame[keep]


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A table's rows as dicts, missing values as None and an ``error`` key on every row."""
    clean = frame.astype(object).where(frame.notna(), None)
    return [{"error": None, **r} for r in clean.to_dict("records")]


def rows_to_csv(rows: Sequence[dict[str, Any]]) -> str:
    """CSV of goal rows (with the ``error`` column when any row has one)."""
    has_error = any(r.get("error") for r in rows)
    columns = [*export.ROW_COLUMNS, "error"] if has_error else list(export.ROW_COLUMNS)
    return str(export.to_csv(rows, columns=columns))


def rows_to_parquet(rows: Sequence[dict[str, Any]]) -> bytes:
    """Parquet bytes of the per-goal rows (needs pandas and pyarrow)."""
    frame = pd.DataFrame(list(rows))
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False)
    return buf.getvalue()


# ---------------------------------------------------------------- shipped texts


def load_gallery() -> list[dict[str, str]]:
    """Example goals from weak to strong, each with a title and what it teaches."""
    path = resources.files("goalcheck").joinpath("data/gallery.json")
    items: list[dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
    return items


def rubric_text() -> str:
    """The rubric guide shown in the app (markdown)."""
    return resources.files("goalcheck").joinpath("data/rubric.md").read_text(encoding="utf-8")
