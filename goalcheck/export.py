"""Writers of a DocumentReport: flat goal rows, CSV, contract JSON, printable HTML.

``goal_rows`` gives one flat, typed row per goal (the table of ``goalcheck
batch`` and of the app's downloads); ``to_csv`` writes rows, ``to_json`` the
contract JSON of DESIGN.md, and ``to_html`` a self-contained report a teacher
can print. With ``redact_names=True`` the student's name is replaced by
``[Student]`` everywhere it appears in the output.
"""

from __future__ import annotations

import csv
import html
import io
import itertools
import json
import logging
import re
from collections.abc import Iterable, Sequence
from pathlib import PurePath
from typing import Any

from .explain import (
    COMPONENT_NAMES,
    alignment_words,
    label,
    not_analysed_note,
    plan_score_words,
    short_code,
    unchanged_rewrite_note,
)
from .markup import segments
from .schema import COMPONENTS, PLAN_CHECKS, DocumentReport, GoalAnalysis, PlanReview

log = logging.getLogger(__name__)

REDACTED = "[Student]"

#: Columns of a goal row, in order (also the order of CSV and table outputs).
ROW_COLUMNS: tuple[str, ...] = (
    "document_id",
    "file",
    "page",
    "section",
    "kind",
    "goal_id",
    "parent_id",
    "text",
    "status",
    "language",
    *(f"has_{c}" for c in COMPONENTS),
    "n_components",
    "vague_verbs",
    "measurability_score",
    "measurability_class",
    "strength_score",
    "strength_class",
    "deficit_spans",
    "domain",
    "alignment_status",
    "alignment_score",
    "alignment_code",
    "alignment_similarity",
    "overall",
    "rewrite",
    "rewrite_changes",
    "rubric",
    "rubric_version",
)

#: Column types (for tables that need a fixed schema, e.g. Parquet).
ROW_TYPES: dict[str, str] = {
    **{c: "string" for c in ROW_COLUMNS},
    "page": "int",
    **{f"has_{c}": "bool" for c in COMPONENTS},
    "n_components": "int",
    "measurability_score": "int",
    "strength_score": "int",
    "alignment_score": "int",
    "alignment_similarity": "float",
    "overall": "int",
}

#: Plan-review columns of a document row (the files table of ``goalcheck batch``).
PLAN_COLUMNS: tuple[str, ...] = ("plan_score", *(f"plan_{c}" for c in PLAN_CHECKS))
PLAN_TYPES: dict[str, str] = {"plan_score": "int", **{f"plan_{c}": "string" for c in PLAN_CHECKS}}


def plan_row(report: DocumentReport) -> dict[str, Any]:
    """The plan score and each check's status (``pass``/``fail``/``not_applicable``) of a document.

    Example:
        >>> plan_row(DocumentReport(source="x.pdf", pages=1))["plan_score"] is None
        True
    """
    plan = report.plan
    if plan is None:
        return dict.fromkeys(PLAN_COLUMNS)
    status = {c.id: c.status for c in plan.checks}
    return {"plan_score": plan.score, **{f"plan_{c}": status.get(c) for c in PLAN_CHECKS}}


# "Student: Maya Torres", "Student name: ...", "Name of student - ..."
_STUDENT_LINE_RE = re.compile(
    r"^[ \t]*(?:student(?:'s)?(?:[ \t]+name)?|name[ \t]+of[ \t]+student|child(?:'s)?[ \t]+name)"
    r"[ \t]*[:\-][ \t]*(?P<name>[^\W\d_][\w'\-]*(?:[ \t]+[^\W\d_][\w'\-]*){0,3})[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_NOT_NAMES = frozenset(
    {"the", "student", "he", "she", "they", "him", "her", "them", "child", "learner", "i"}
)


# --------------------------------------------------------------------- redaction


def student_names(report: DocumentReport) -> list[str]:
    """The student's name parts found in a report, longest first.

    Sources: the learner spans that are proper names, and a "Student: NAME"
    line in any section's text (full name, and each part of it).
    """
    names: set[str] = set()
    for goal in report.goals:
        for span in goal.components["learner"].spans:
            words = span.text.strip().split()
            if words and all(w[:1].isupper() for w in words) and words[0].lower() not in _NOT_NAMES:
                names.add(span.text.strip())
    for section in report.sections:
        for m in _STUDENT_LINE_RE.finditer(section.text or ""):
            parts = [p for p in m.group("name").split() if p[:1].isupper()]
            if parts:
                names.add(" ".join(parts))
                names.update(p for p in parts if len(p) > 1)
    names = {n for n in names if n.lower() not in _NOT_NAMES}
    return sorted(names, key=lambda n: (-len(n), n))


def _name_pattern(names: Sequence[str]) -> re.Pattern[str] | None:
    if not names:
        return None
    alts = "|".join(re.escape(n) for n in names)
    # Not inside a word; "_" counts as a separator, so "maya_torres_iep.pdf" is redacted too.
    return re.compile(rf"(?<![^\W_])(?:{alts})(?![^\W_])", re.IGNORECASE)


def redacted_source(source: str, document_id: str | None = None) -> str:
    """A file name that says nothing about the student, for redacted outputs.

    A file name often carries the child's name in a form the text never uses
    ("zoe_q_iep.pdf"), so the whole path is replaced; the extension is kept and,
    when known, the start of the document's id tells files apart.

    Example:
        >>> redacted_source("/iep/maya_torres.pdf", "3f9a2c7e1b")
        'document-3f9a2c7e.pdf'
    """
    ext = re.sub(r"[^\w.]", "", PurePath(source).suffix)[:8].lower()
    return f"document-{document_id[:8]}{ext}" if document_id else f"document{ext}"


class _Redactor:
    """Replaces the student's names, and the file's name, in text (identity when off)."""

    def __init__(self, report: DocumentReport, enabled: bool,
                 document_id: str | None = None) -> None:
        self.enabled = enabled
        self.pattern = _name_pattern(student_names(report)) if enabled else None
        self.source = redacted_source(report.source, document_id) if enabled else report.source
        names = {report.source, PurePath(report.source).name} if enabled else set()
        self._files = sorted((n for n in names if n), key=len, reverse=True)

    def __call__(self, text: str | None) -> str | None:
        if text is None or not self.enabled:
            return text
        for name in self._files:
            text = text.replace(name, self.source)
        return self.pattern.sub(REDACTED, text) if self.pattern is not None else text

    def span_text(self, text: str) -> str:
        out = self(text)
        return out if out is not None else ""


# --------------------------------------------------------------------- rows


def goal_rows(
    report: DocumentReport, *, redact_names: bool = False, document_id: str | None = None
) -> list[dict[str, Any]]:
    """One flat row per goal (and objective) of a report, with columns ROW_COLUMNS.

    Args:
        report: the analysed document.
        redact_names: replace the student's name with "[Student]" in every text column.
        document_id: an identifier of the document (``goalcheck batch`` uses the
            sha256 of the file's bytes); None leaves the column empty.

    Example:
        >>> from goalcheck import analyze_document
        >>> from goalcheck.data import SAMPLE_IEP
        >>> rows = goal_rows(analyze_document(SAMPLE_IEP), redact_names=True)
        >>> rows[0]["goal_id"], "Maya" in rows[0]["text"]
        ('g1', False)
    """
    red = _Redactor(report, redact_names, document_id)
    return [_row(report, goal, red, document_id) for goal in report.goals]


def _row(
    report: DocumentReport, g: GoalAnalysis, red: _Redactor, document_id: str | None
) -> dict[str, Any]:
    alignment = g.alignment
    top = alignment.standards[0] if alignment and alignment.standards else None
    row: dict[str, Any] = {
        "document_id": document_id,
        "file": red.source,
        "page": g.page,
        "section": g.section,
        "kind": g.kind,
        "goal_id": g.id,
        "parent_id": g.parent,
        "text": red(g.text),
        "status": g.status,
        "language": g.language,
    }
    for c in COMPONENTS:
        row[f"has_{c}"] = bool(g.components[c].present)
    row.update({
        "n_components": sum(g.components[c].present for c in COMPONENTS),
        "vague_verbs": "; ".join(red.span_text(v.text) for v in g.vague_verbs),
        "measurability_score": g.measurability_score,
        "measurability_class": g.measurability_class,
        "strength_score": g.strength_score,
        "strength_class": g.strength_class,
        "deficit_spans": "; ".join(red.span_text(d.text) for d in g.deficit_spans),
        "domain": g.domain,
        "alignment_status": alignment.status if alignment else None,
        "alignment_score": alignment.score if alignment else None,
        "alignment_code": top.code if top else None,
        "alignment_similarity": round(float(top.similarity), 3) if top else None,
        "overall": g.overall,
        "rewrite": red(g.rewrite.text) if g.rewrite else None,
        "rewrite_changes": "; ".join(g.rewrite.changes) if g.rewrite else "",
        "rubric": g.rubric.get("name"),
        "rubric_version": g.rubric.get("version"),
    })
    return row


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def to_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    """Rows as CSV text with a header (columns default to ROW_COLUMNS).

    Booleans are written ``true``/``false`` and missing values as empty cells.
    """
    cols = list(columns or ROW_COLUMNS)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: _csv_cell(row.get(c)) for c in cols})
    return buf.getvalue()


# --------------------------------------------------------------------- JSON


def to_json(report: DocumentReport, *, redact_names: bool = False, indent: int | None = 2,
            document_id: str | None = None) -> str:
    """The contract JSON of a document (DESIGN.md), optionally with names redacted.

    Redacted, ``source`` is a neutral file name (see :func:`redacted_source`).
    """
    data = report.to_dict()
    if redact_names:
        red = _Redactor(report, True, document_id)
        data = _redact_obj(data, red)
        data["source"] = red.source
    return json.dumps(data, indent=indent, ensure_ascii=False)


def _redact_obj(obj: Any, red: _Redactor) -> Any:
    if isinstance(obj, str):
        return red(obj)
    if isinstance(obj, list):
        return [_redact_obj(x, red) for x in obj]
    if isinstance(obj, dict):
        out = {k: _redact_obj(v, red) for k, v in obj.items()}
        # Offsets no longer match redacted text: keep spans' text, drop positions.
        if {"start", "end", "text"} <= out.keys() and red.pattern is not None:
            out["start"] = out["end"] = None
        return out
    return obj


# --------------------------------------------------------------------- HTML

_COMPONENT_COLOURS = {
    "timeframe": "#dbeafe",
    "condition": "#fef3c7",
    "learner": "#ede9fe",
    "behavior": "#dcfce7",
    "criterion": "#fce7f3",
    "measurement": "#e0f2fe",
}

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;
 max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem}
.meta{color:#4b5563}.summary td,.summary th,.scores td,.scores th{padding:.2rem .6rem;
 text-align:left;border-bottom:1px solid #e5e7eb}
table{border-collapse:collapse}
.goal{border:1px solid #d1d5db;border-radius:6px;padding:.8rem 1rem;margin:1rem 0;
 page-break-inside:avoid;break-inside:avoid}
.goal.objective{margin-left:2rem}
.gtext{font-size:1.05rem;margin:.4rem 0 .6rem}
.vague{text-decoration:underline wavy #b45309}
.deficit{text-decoration:underline double #b91c1c}
.legend span{display:inline-block;padding:0 .35rem;margin:.1rem;border-radius:3px}
.badge{display:inline-block;padding:0 .4rem;border-radius:3px;background:#f3f4f6;
 font-size:.85rem;white-space:nowrap}
.measurable{background:#dcfce7}.partially_measurable{background:#fef3c7}
.not_measurable{background:#fee2e2}
.rewrite{background:#f9fafb;border-left:3px solid #6b7280;padding:.4rem .7rem}
ul.why{font-size:.9rem;color:#374151}
.plan-pass{background:#dcfce7}.plan-fail{background:#fee2e2}.plan-not_applicable{background:#f3f4f6}
.plan-checks{width:100%}.plan-checks td,.plan-checks th{vertical-align:top;overflow-wrap:anywhere}
@media (max-width:640px){.plan-checks,.plan-checks tbody{display:block}
 .plan-checks tr{display:grid;grid-template-columns:auto 1fr;border-bottom:1px solid #e5e7eb}
 .plan-checks td:last-child{grid-column:1/-1}.goal.objective{margin-left:.8rem}}
@media print{body{margin:0;max-width:none}.goal{border-color:#9ca3af}}
""" + "".join(f".c-{c}{{background:{col}}}" for c, col in _COMPONENT_COLOURS.items())


def _highlight(g: GoalAnalysis, red: _Redactor) -> str:
    """The goal's text, escaped, with each run of :func:`goalcheck.markup.segments` wrapped in a
    span whose classes name its marks (``c-behavior``, ``vague``, ``deficit``).

    Names to redact are cut out of the original text first, so a name that
    straddles two runs is still replaced once, whole.
    """
    text = g.text
    hidden = [(m.start(), m.end()) for m in red.pattern.finditer(text)] if red.pattern else []
    cuts = sorted({b for span in hidden for b in span})
    out: list[str] = []
    for seg in segments(g):
        classes = sorted([f"c-{c}" for c in seg.components] + (["vague"] if seg.vague else [])
                         + (["deficit"] if seg.deficit is not None else []))
        inner = [seg.start, *(c for c in cuts if seg.start < c < seg.end), seg.end]
        for a, b in itertools.pairwise(inner):
            inside = next(((s, e) for s, e in hidden if s <= a and b <= e), None)
            if inside is None:
                piece = html.escape(text[a:b])
            else:
                piece = html.escape(REDACTED) if a == inside[0] else ""
            if not piece:
                continue
            if classes:
                label = ", ".join(c[2:] for c in classes if c.startswith("c-"))
                title = f' title="{html.escape(label)}"' if label else ""
                out.append(f'<span class="{" ".join(classes)}"{title}>{piece}</span>')
            else:
                out.append(piece)
    return "".join(out)


def _goal_html(g: GoalAnalysis, red: _Redactor) -> str:
    e = html.escape
    body = _highlight(g, red)
    head = " · ".join(
        e(str(x)) for x in (
            g.id or "", label(g.kind), f"page {g.page}" if g.page else "",
            label(g.section) if g.section else "",
        ) if x
    )
    al = g.alignment
    al_txt = alignment_words(g) + (
        f" ({al.score}): {short_code(al.standards[0].code)}, grade {al.standards[0].grade}"
        if al and al.standards else "")
    present = ", ".join(COMPONENT_NAMES[c] for c in COMPONENTS if g.components[c].present)
    note = not_analysed_note(g)
    scores = f'<p class="meta">{e(note)}</p>' if note else (
        '<table class="scores"><tr><th>Measurability</th>'
        f'<td><span class="badge {e(g.measurability_class or "")}">'
        f"{e(label(g.measurability_class))}</span> {g.measurability_score}</td></tr>"
        f"<tr><th>Components found</th><td>{e(present or 'none')}</td></tr>"
        f"<tr><th>Missing</th><td>{e(', '.join(COMPONENT_NAMES[c] for c in g.missing) or 'none')}"
        "</td></tr>"
        f"<tr><th>Strength</th><td>{e(label(g.strength_class))} "
        f"{g.strength_score}</td></tr>"
        f"<tr><th>Domain</th><td>{e(label(g.domain) if g.domain else 'not known')}</td></tr>"
        f"<tr><th>Standards</th><td>{e(al_txt)}</td></tr>"
        f"<tr><th>Overall</th><td><strong>{g.overall}</strong></td></tr></table>"
    )
    why = "".join(
        f"<li>{e(red.span_text(x.detail))}</li>" for x in g.explanations
    )
    rewrite = ""
    if g.rewrite and g.rewrite.text != g.text:
        changes = "".join(f"<li>{e(red.span_text(c))}</li>" for c in g.rewrite.changes)
        rewrite = (
            f'<p><strong>Suggested rewrite</strong></p><p class="rewrite">'
            f"{e(red.span_text(g.rewrite.text))}</p>"
            + (f'<ul class="why">{changes}</ul>' if changes else "")
        )
    elif g.rewrite:
        rewrite = f"<p><em>{e(red.span_text(str(unchanged_rewrite_note(g))))}</em></p>"
    baseline = (
        f'<p class="meta">Baseline: {e(red.span_text(g.baseline))}</p>' if g.baseline else ""
    )
    kind_cls = "objective" if g.kind == "objective" else ""
    anchor = f' id="goal-{e(g.id)}"' if g.id else ""
    return (
        f'<section class="goal {kind_cls}"{anchor}><div class="meta">{head}</div>'
        f'<p class="gtext">{body}</p>{baseline}{scores}{rewrite}'
        f"<details><summary>Why</summary><ul class=\"why\">{why}</ul></details></section>"
    )


#: Each status in a symbol and a word, so it reads without its colour.
_PLAN_MARK = {"pass": "\u2713\u00a0pass", "fail": "\u2717\u00a0fail", "not_applicable": "\u2013\u00a0n/a"}


def plan_html(plan: PlanReview, red: _Redactor | None = None) -> str:
    """The plan card as HTML: score, each check's status and findings; a finding about a goal
    links to that goal's card (``#goal-g2``), others give their page."""
    e = html.escape
    text = red.span_text if red is not None else (lambda t: t)
    applicable = [c for c in plan.checks if c.status != "not_applicable"]
    passed = sum(c.status == "pass" for c in applicable)
    rows = []
    for c in plan.checks:
        items = []
        for f in c.findings:
            where = []
            if f.goal:
                where.append(f'<a href="#goal-{e(f.goal)}">{e(f.goal)}</a>')
            if f.page:
                where.append(f"p. {f.page}")
            quote = f'<br><q>{e(text(f.evidence))}</q>' if f.evidence else ""
            items.append(f"<li>{e(text(f.message))}"
                         + (f" <span class=\"meta\">({', '.join(where)})</span>" if where else "")
                         + f"{quote}</li>")
        rows.append(f'<tr><td><span class="badge plan-{e(c.status)}">{_PLAN_MARK[c.status]}</span></td>'
                    f"<th>{e(label(c.id))}</th><td><ul class=\"why\">{''.join(items)}</ul></td></tr>")
    return (f'<section class="plan"><h2>Plan review: {e(plan_score_words(plan))}</h2>'
            f'<p class="meta">{passed} of {len(applicable)} applicable checks pass; '
            f"checks that do not apply are left out of the score.</p>"
            f'<table class="summary plan-checks">{"".join(rows)}</table></section>')


def to_html(report: DocumentReport, *, redact_names: bool = False, title: str | None = None,
            document_id: str | None = None) -> str:
    """A printable, self-contained HTML report of one plan (all text escaped).

    The summary comes first, then each goal with its components highlighted,
    scores, explanations and suggested rewrite.

    Example:
        >>> from goalcheck.schema import DocumentReport
        >>> "<html" in to_html(DocumentReport(source="x.pdf", pages=1))
        True
    """
    e = html.escape
    red = _Redactor(report, redact_names, document_id)
    source = red.source
    s = report.summary
    heading = title or f"goalcheck report: {source}"
    legend = "".join(f'<span class="c-{c}">{c}</span>' for c in COMPONENTS)
    legend += '<span class="vague">vague verb</span><span class="deficit">deficit framing</span>'
    sections = "".join(
        f"<tr><td>{e(label(sec.kind))}</td><td>{e(red.span_text(sec.title))}</td>"
        f"<td>{sec.page_start}–{sec.page_end}</td></tr>"
        for sec in report.sections
    )
    warnings = "".join(f"<li>{e(red.span_text(w))}</li>" for w in report.warnings)
    classes = {
        c: sum(g.measurability_class == c for g in report.goals)
        for c in ("measurable", "partially_measurable", "not_measurable")
    }
    goals = "".join(_goal_html(g, red) for g in report.goals) or "<p>No goals were found.</p>"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{e(heading)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{e(heading)}</h1><p class=\"meta\">{report.pages} pages · "
        f"rubric {e(report.rubric.get('name', ''))} (version {e(report.rubric.get('version', ''))}) · "
        f"schema version {report.schema_version}</p>"
        "<h2>Summary</h2><table class=\"summary\">"
        f"<tr><th>Goals and objectives</th><td>{s['goals']}</td></tr>"
        + "".join(f"<tr><th>{e(label(c))}</th><td>{n}</td></tr>" for c, n in classes.items())
        + "<tr><th>Mean overall score</th><td>"
        f"{'n/a (no goals analysed)' if s['mean_overall'] is None else s['mean_overall']}"
        "</td></tr></table>"
        + (f"<h2>Warnings</h2><ul>{warnings}</ul>" if warnings else "")
        + (f"<h2>Sections</h2><table class=\"summary\">{sections}</table>" if sections else "")
        + (plan_html(report.plan, red) if report.plan is not None else "")
        + f"<h2>Goals</h2><p class=\"legend\">{legend}</p>{goals}"
        "<p class=\"meta\">Scores follow the goalcheck rubric; they are a reading aid, "
        "not a judgement of the plan or the team.</p></body></html>\n"
    )
