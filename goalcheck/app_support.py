"""Pure helpers behind the Streamlit app: highlighting, word diff, summaries, exports.

Nothing here imports Streamlit, so every function can be tested alone and
``app.py`` stays layout only. HTML produced here escapes all goal text.
"""

from __future__ import annotations

import csv
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
REDACTED = "[Student]"
_PRONOUNS = {"he", "she", "they", "the student", "student", "the learner", "i", "you"}


# ---------------------------------------------------------------- highlighting


def _char_labels(a: GoalAnalysis) -> list[tuple[frozenset[str], bool, str | None]]:
    """For each character: its components, whether in a vague verb, its deficit suggestion."""
    n = len(a.text)
    comps: list[set[str]] = [set() for _ in range(n)]
    vague = [False] * n
    deficit: list[str | None] = [None] * n
    for name in COMPONENTS:
        for s in a.components[name].spans:
            for i in range(max(0, s.start), min(n, s.end)):
                comps[i].add(name)
    for v in a.vague_verbs:
        for i in range(max(0, v.start), min(n, v.end)):
            vague[i] = True
    for d in a.deficit_spans:
        for i in range(max(0, d.start), min(n, d.end)):
            deficit[i] = d.suggestion or "deficit framing"
    return [(frozenset(comps[i]), vague[i], deficit[i]) for i in range(n)]


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
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _append(out, "equal", "".join(a[i1:i2]))
        else:
            if i2 > i1:
                _append(out, "delete", "".join(a[i1:i2]))
            if j2 > j1:
                _append(out, "insert", "".join(b[j1:j2]))
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
            pieces.append(f'<del style="background:#fde0dc; color:#8c1d18">{t}</del>')
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
    return [
        ("Overall", f"{a.overall}", "weighted: 60/20/20 (75/25 without alignment)"),
        ("Measurability", f"{a.measurability_score}",
         CLASS_LABELS.get(a.measurability_class, a.measurability_class)),
        ("Strength", f"{a.strength_score}", CLASS_LABELS.get(a.strength_class, a.strength_class)),
        ("Alignment", al_value, al_caption),
    ]


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


# ---------------------------------------------------------------- privacy


def student_names(goals: Iterable[GoalAnalysis]) -> list[str]:
    """Names used as the learner in the goals (pronouns and "the student" left out).

    Example:
        >>> from goalcheck import analyze_goal
        >>> student_names([analyze_goal("By May 2027, Maya will read 20 words.")])
        ['Maya']
    """
    names: Counter[str] = Counter()
    for g in goals:
        for s in g.components["learner"].spans:
            t = s.text.strip()
            if t and t.lower() not in _PRONOUNS and t[0].isupper():
                names[t] += 1
    return [n for n, _ in names.most_common()]


def redact(text: str, names: Sequence[str]) -> str:
    """Replace every name (and its possessive) with ``[Student]``, whole words only."""
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name)}\b", REDACTED, text)
    return text


# ---------------------------------------------------------------- exports

ROW_FIELDS: tuple[str, ...] = (
    "source", "id", "parent", "kind", "page", "section", "text", "domain",
    "measurability_score", "measurability_class", "strength_score", "strength_class",
    "alignment_status", "alignment_score", "standards", "overall", "missing",
    "vague_verbs", "deficit_spans", "rewrite",
)


def goal_rows(report: DocumentReport, redact_names: bool = False) -> list[dict[str, Any]]:
    """One flat row per goal of a report (the per-goal table the app shows and exports).

    Uses ``goalcheck.export.goal_rows`` when that module is installed; this
    fallback has the same columns as the app's table.
    """
    try:
        from . import export  # type: ignore[attr-defined]

        return list(export.goal_rows(report, redact_names=redact_names))
    except (ImportError, AttributeError):
        pass
    names = student_names(report.goals) if redact_names else []
    rows = []
    for g in report.goals:
        al = g.alignment
        row: dict[str, Any] = {
            "source": report.source,
            "id": g.id,
            "parent": g.parent,
            "kind": g.kind,
            "page": g.page,
            "section": g.section,
            "text": g.text,
            "domain": g.domain,
            "measurability_score": g.measurability_score,
            "measurability_class": g.measurability_class,
            "strength_score": g.strength_score,
            "strength_class": g.strength_class,
            "alignment_status": al.status if al else "not_applicable",
            "alignment_score": al.score if al else None,
            "standards": "; ".join(s.code for s in al.standards) if al else "",
            "overall": g.overall,
            "missing": ", ".join(g.missing),
            "vague_verbs": ", ".join(v.text for v in g.vague_verbs),
            "deficit_spans": ", ".join(d.text for d in g.deficit_spans),
            "rewrite": g.rewrite.text if g.rewrite else "",
        }
        if names:
            for k in ("text", "rewrite", "deficit_spans"):
                row[k] = redact(str(row[k]), names)
        rows.append(row)
    return rows


def error_row(source: str, message: str) -> dict[str, Any]:
    """A table row recording a file that could not be read."""
    row: dict[str, Any] = {k: None for k in ROW_FIELDS}
    row.update(source=source, error=message)
    return row


def rows_to_csv(rows: Sequence[dict[str, Any]]) -> str:
    """CSV text of rows (the union of their keys, in first-seen order)."""
    fields: list[str] = []
    for r in rows:
        fields.extend(k for k in r if k not in fields)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fields or list(ROW_FIELDS))
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def report_json(report: DocumentReport, redact_names: bool = False) -> str:
    """The contract JSON of a report, names replaced by ``[Student]`` when asked."""
    try:
        from . import export  # type: ignore[attr-defined]

        return str(export.to_json(report, redact_names=redact_names))
    except (ImportError, AttributeError, TypeError):
        pass
    text = json.dumps(report.to_dict(), indent=2, ensure_ascii=False)
    if redact_names:
        for name in sorted(student_names(report.goals), key=len, reverse=True):
            text = re.sub(rf"\b{re.escape(json.dumps(name)[1:-1])}\b", REDACTED, text)
    return text


def report_html(report: DocumentReport, redact_names: bool = False) -> str:
    """A printable HTML report of one plan: summary, then each goal with scores and rewrite."""
    try:
        from . import export  # type: ignore[attr-defined]

        return str(export.to_html(report, redact_names=redact_names))
    except (ImportError, AttributeError, TypeError):
        pass
    names = student_names(report.goals) if redact_names else []
    s = summarize(report.goals)
    esc = lambda t: html.escape(redact(t, names) if names else t)  # noqa: E731
    out = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>goalcheck report: {esc(report.source)}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;"
        "color:#1f2328}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
        "padding:4px 8px;text-align:left}.goal{break-inside:avoid;border-top:1px solid #ccc;"
        "padding:.5rem 0}.muted{color:#555}</style></head><body>",
        f"<h1>Goal review: {esc(report.source)}</h1>",
        f"<p>{s.goals} goals; {s.measurable} measurable ({s.share_measurable:.0%}); "
        f"mean overall score {s.mean_overall:.0f}/100.</p>",
    ]
    for w in report.warnings:
        out.append(f"<p class='muted'>Warning: {html.escape(w)}</p>")
    for g in report.goals:
        out.append("<div class='goal'>")
        out.append(f"<h3>{esc(g.id or '')} {esc(g.kind.replace('_', ' '))}"
                   f"{f' (page {g.page})' if g.page else ''}</h3>")
        out.append(f"<p>{esc(g.text)}</p><table><tr>")
        out.extend(f"<th>{t}</th>" for t, _, _ in score_cards(g))
        out.append("</tr><tr>")
        out.extend(f"<td>{v} <span class='muted'>{html.escape(c)}</span></td>"
                   for _, v, c in score_cards(g))
        out.append("</tr></table>")
        if g.missing:
            out.append(f"<p>Missing: {', '.join(g.missing)}</p>")
        if g.rewrite and g.rewrite.text != g.text:
            out.append(f"<p><b>Suggested rewrite:</b> {esc(g.rewrite.text)}</p>")
        out.append("</div>")
    out.append("<p class='muted'>Made by goalcheck. Scores follow the goalcheck rubric.</p>")
    out.append("</body></html>")
    return "".join(out)


def rows_to_parquet(rows: Sequence[dict[str, Any]]) -> bytes:
    """Parquet bytes of the per-goal rows (needs pandas and pyarrow)."""
    import pandas as pd

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
