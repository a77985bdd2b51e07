"""What the plan checks read: the document's items (paragraphs, table rows), its goals, the student.

An *item* is a unit of the document as :func:`goalcheck.extract.build_units`
joins it (a paragraph, a labelled line, a table cell), with the cells of one
table row joined into one item. Each goal is located at its item, and its
*block* runs to the next annual goal (its baseline, measurement and
reporting fields sit there).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from goalcheck.extract import build_units
from goalcheck.schema import Document, DocumentReport, GoalAnalysis, PlanFinding, Section
from goalcheck.sections import assign_lines, heading_lines

from .quantities import parse_dates

DATA = Path(__file__).resolve().parent.parent / "data" / "plan"
EVIDENCE_CHARS = 200
_R = re.IGNORECASE


@cache
def load(name: str) -> dict[str, Any]:
    """A data file of ``goalcheck/data/plan/``."""
    data: dict[str, Any] = json.loads((DATA / f"{name}.json").read_text("utf-8"))
    return data


def any_of(patterns: list[str], flags: int = _R) -> re.Pattern[str]:
    """One expression matching any of ``patterns`` as whole words."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{p})" for p in patterns) + r")(?![\w-])", flags)


def quote(text: str, limit: int = EVIDENCE_CHARS) -> str:
    """``text`` as evidence: whitespace collapsed, cut at a word boundary with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " …"


def norm(text: str) -> str:
    """Lower case letters and digits only, single-spaced (for locating and comparing text)."""
    return " ".join(re.sub(r"[^a-z0-9%]+", " ", text.lower()).split())


@dataclass
class Item:
    """A paragraph, labelled line or table row of the document."""

    text: str
    page: int
    section: str  # the section kind, "" before the first section
    title: str  # the section's title as written
    label: str = "none"  # from extract.parse_label: baseline, goal, objective, other, ...
    cells: dict[str, str] = field(default_factory=dict)  # table column -> cell text, for a table row

    def finding(self, message: str, *, goal: str | None = None, area: str | None = None,
                evidence: str | None = None) -> PlanFinding:
        """A finding quoting this item."""
        return PlanFinding(message, self.page, quote(evidence or self.text), goal, area)


@dataclass
class Student:
    """What the document says about the student and the IEP's dates."""

    grade: int | None = None  # 0 for kindergarten
    age: int | None = None
    age_evidence: Item | None = None
    start: date | None = None
    end: date | None = None


@dataclass
class PlanContext:
    """Everything the checks read, built once per document."""

    items: list[Item]
    goals: list[GoalAnalysis]
    student: Student
    previous: DocumentReport | None = None
    goal_at: dict[str, int] = field(default_factory=dict)  # goal id -> index of its item
    #: Results several checks share (present-level sentences, each goal's levels), computed once.
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def annual(self) -> list[GoalAnalysis]:
        """The annual goals in English; in a document with an annual-goals section, "goals" found in
        its transition section are transition activities (see :attr:`activities`), not annual goals."""
        return [g for g in self.goals if g.kind == "annual_goal" and g not in self.activities
                and g.status != "not_analysed"]

    @property
    def not_analysed(self) -> list[GoalAnalysis]:
        """Goals not in English (RUBRIC 7.25): no plan check reads them."""
        return [g for g in self.goals if g.status == "not_analysed"]

    @property
    def activities(self) -> list[GoalAnalysis]:
        """Transition activities read as goals ("Jordan will job shadow ..." in a transition section)."""
        if not any(it.section in {"annual_goals", "objectives"} for it in self.items):
            return []
        return [g for g in self.goals if g.kind == "annual_goal" and g.section == "transition"]

    @property
    def postsecondary(self) -> list[GoalAnalysis]:
        return [g for g in self.goals if g.kind == "postsecondary_goal"]

    def in_section(self, *kinds: str) -> list[Item]:
        return [it for it in self.items if it.section in kinds]

    def goal_item(self, goal: GoalAnalysis) -> Item | None:
        k = self.goal_at.get(goal.id or "")
        return self.items[k] if k is not None else None

    def block(self, goal: GoalAnalysis) -> list[Item]:
        """The goal's item and those after it, up to the next annual or postsecondary goal or section."""
        k = self.goal_at.get(goal.id or "")
        if k is None:
            return []
        starts = sorted(i for gid, i in self.goal_at.items()
                        if i > k and "." not in gid and gid != goal.id)
        stop = starts[0] if starts else len(self.items)
        section = self.items[k].title
        return [it for it in self.items[k:stop] if it.title == section]

    def goal_finding(self, goal: GoalAnalysis, message: str, *, area: str | None = None,
                     evidence: str | None = None) -> PlanFinding:
        """A finding about ``goal``, quoting it (or ``evidence``) on its page."""
        return PlanFinding(message, goal.page, quote(evidence or goal.text), goal.id, area)


def _items(document: Document, sections: list[Section]) -> list[Item]:
    owners = assign_lines(document, sections)
    units = build_units(document, owners, heading_lines(document))
    items: list[Item] = []
    row_key: tuple[int, float] | None = None
    for unit in units:
        sec = unit.section
        kind, title = (sec.kind, sec.title) if sec else ("", "")
        first = unit.first
        if first.in_table:
            key = (first.page, first.top)
            if key == row_key and items and items[-1].section == kind:
                row = items[-1]
                row.text = f"{row.text}; {unit.text}"
                row.cells[first.field or str(len(row.cells))] = unit.text
                if row.label == "none":
                    row.label = unit.label
                continue
            row_key = key
            items.append(Item(unit.text, first.page, kind, title, unit.label,
                              {first.field or "0": unit.text}))
            continue
        row_key = None
        items.append(Item(unit.text, first.page, kind, title, unit.label))
    # A table's header row (every cell without a column name, all short) is not content.
    return [it for it in items if not (it.cells and all(not _is_field(k) for k in it.cells)
                                       and all(len(v.split()) <= 4 and ":" not in v for v in it.cells.values())
                                       and len(it.cells) > 1)]


def _is_field(key: str) -> bool:
    return not key.isdigit()


def _locate(items: list[Item], goals: list[GoalAnalysis]) -> dict[str, int]:
    """Goal id -> the index of the item that holds the goal's text (searching in document order)."""
    out: dict[str, int] = {}
    normed = [norm(it.text) for it in items]
    pos = 0
    for g in goals:
        key = norm(g.text)[:60]
        if not key or g.id is None:
            continue
        found = next((k for k in range(pos, len(items)) if key in normed[k]), None)
        if found is None:
            found = next((k for k in range(len(items)) if key in normed[k]), None)
        if found is None:
            short = key[:25]
            found = next((k for k in range(len(items)) if items[k].page == g.page and short in normed[k]), None)
        if found is not None:
            out[g.id] = found
            pos = found
    return out


_DOB = re.compile(r"\b(?:date\s+of\s+birth|d\.?o\.?b\.?|birth\s*date|born)\s*[:\-]?\s*", _R)
_AGE = re.compile(r"\bage\s*[:\-]?\s*(\d{1,2})\b|\b(\d{1,2})[\s-]*years?[\s-]*old\b|\b(\d{1,2})-year-old\b", _R)
_GRADE = re.compile(r"\bgrade(?:\s+level)?\s*[:\-]?\s*(K|kindergarten|\d{1,2})(?:st|nd|rd|th)?\b"
                    r"|\b(\d{1,2})(?:st|nd|rd|th)\s+grade(?:r)?\b"
                    r"|\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)[\s-]+grader?\b", _R)
_ORDINALS = {w: i for i, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"], 1)}
_START = re.compile(r"\b(?:iep\s+)?(?:start(?:ing)?|begin(?:ning|s)?|effective|initiation|implementation)\s*(?:date)?\s*[:\-]?\s*"
                    r"|\b(?:meeting|iep|conference)\s+date\s*[:\-]?\s*|\bmeeting\s*[:\-]\s*|\bdate\s+of\s+(?:the\s+)?(?:iep|meeting)\s*[:\-]?\s*", _R)
_END = re.compile(r"\b(?:iep\s+)?(?:end(?:ing)?|expir(?:es|ation)|through|annual\s+review)\s*(?:date)?\s*[:\-]?\s*", _R)
_PERIOD = re.compile(r"\b(?:iep\s+)?(?:dates?|period|duration)\s*[:\-]?\s*(\S+)\s*(?:to|through|-|–)\s*(\S+)", _R)


def _date_after(pattern: re.Pattern[str], text: str) -> date | None:
    for m in pattern.finditer(text):
        dates = parse_dates(text[m.end(): m.end() + 30])
        if dates and dates[0][0] <= 2:
            return dates[0][1]
    return None


def student_facts(items: list[Item]) -> Student:
    """Grade, age, IEP start and end from the document's header lines (the first 40 items)."""
    s = Student()
    dob: date | None = None
    for it in items[:40]:
        text = it.text
        if s.grade is None:
            m = _GRADE.search(text)
            if m:
                g = (m.group(1) or m.group(2) or m.group(3)).lower()
                s.grade = 0 if g in {"k", "kindergarten"} else _ORDINALS.get(g) or int(g)
        if s.age is None:
            m = _AGE.search(text)
            if m:
                s.age, s.age_evidence = int(next(g for g in m.groups() if g)), it
        if dob is None and _DOB.search(text):
            dob = _date_after(_DOB, text)
            dob_item = it
        s.start = s.start or _date_after(_START, text)
        s.end = s.end or _date_after(_END, text)
        if s.start is None:
            m = _PERIOD.search(text)
            if m:
                a, b = parse_dates(m.group(1)), parse_dates(m.group(2))
                if a and b:
                    s.start, s.end = a[0][1], b[0][1]
    if s.age is None and dob is not None:
        on = s.start or s.end
        if on is not None:
            s.age = on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))
            s.age_evidence = dob_item
    return s


def build_context(document: Document, sections: list[Section], goals: list[GoalAnalysis],
                  previous: DocumentReport | None = None) -> PlanContext:
    """The items, goals and student facts of one document, for the checks."""
    items = _items(document, sections)
    ctx = PlanContext(items=items, goals=list(goals), student=student_facts(items), previous=previous)
    ctx.goal_at = _locate(items, ctx.goals)
    return ctx
