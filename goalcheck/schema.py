"""Typed records of the goalcheck contract (see DESIGN.md) and their JSON form.

Every record is a plain dataclass; ``to_dict()`` gives exactly the JSON of the
contract, so the CLI, the app and exports all read the same shape.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = 1

COMPONENTS: tuple[str, ...] = (
    "timeframe",
    "condition",
    "learner",
    "behavior",
    "criterion",
    "measurement",
)
GoalKind = Literal["annual_goal", "objective", "postsecondary_goal"]
GOAL_KINDS: tuple[str, ...] = ("annual_goal", "objective", "postsecondary_goal")
MEASURABILITY_CLASSES: tuple[str, ...] = ("measurable", "partially_measurable", "not_measurable")
STRENGTH_CLASSES: tuple[str, ...] = ("strength_based", "neutral", "deficit_based")
DOMAINS: tuple[str, ...] = (
    "reading",
    "writing",
    "math",
    "communication",
    "social_emotional",
    "motor",
    "adaptive",
    "transition",
)
ALIGNMENT_STATUSES: tuple[str, ...] = ("explicit", "inferred", "none", "not_applicable")
SECTION_KINDS: tuple[str, ...] = (
    "present_levels",
    "annual_goals",
    "objectives",
    "services",
    "accommodations",
    "transition",
    "other",
)


@dataclass(frozen=True)
class Span:
    """A character span of a goal's text: ``text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class DeficitSpan(Span):
    """A deficit-framed span with a strength-based suggestion."""

    suggestion: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "suggestion": self.suggestion}


@dataclass
class Component:
    """One measurability component: present or not, and where."""

    present: bool = False
    spans: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"present": self.present, "spans": [s.to_dict() for s in self.spans]}


@dataclass(frozen=True)
class Explanation:
    """Why a score or label came out as it did (which rule/model, how sure)."""

    dimension: str
    source: Literal["pattern", "model", "lexicon", "rule"]
    detail: str
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "dimension": self.dimension,
            "source": self.source,
            "detail": self.detail,
            "confidence": round(float(self.confidence), 3),
        }


@dataclass(frozen=True)
class StandardMatch:
    """A Common Core standard a goal cites or resembles."""

    code: str
    grade: str
    statement: str
    similarity: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "grade": self.grade,
            "statement": self.statement,
            "similarity": round(float(self.similarity), 3),
        }


@dataclass
class Alignment:
    """Standards alignment of a goal (RUBRIC.md section 4)."""

    status: Literal["explicit", "inferred", "none", "not_applicable"] = "none"
    score: int | None = 0
    standards: list[StandardMatch] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "score": self.score,
            "standards": [s.to_dict() for s in self.standards],
        }


@dataclass
class Rewrite:
    """A suggested rewrite and the list of changes made."""

    text: str
    changes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "changes": list(self.changes)}


@dataclass
class GoalAnalysis:
    """The full analysis of one goal; ``to_dict()`` is the contract's goal JSON."""

    text: str
    kind: str = "annual_goal"
    page: int | None = None
    section: str | None = None
    components: dict[str, Component] = field(
        default_factory=lambda: {c: Component() for c in COMPONENTS}
    )
    vague_verbs: list[Span] = field(default_factory=list)
    measurability_score: int = 0
    measurability_class: str = "not_measurable"
    strength_score: int = 100
    strength_class: str = "strength_based"
    deficit_spans: list[DeficitSpan] = field(default_factory=list)
    domain: str | None = None
    alignment: Alignment | None = None
    overall: int = 0
    rewrite: Rewrite | None = None
    explanations: list[Explanation] = field(default_factory=list)
    # Document context (filled by extraction; absent for a typed goal).
    baseline: str | None = None
    id: str | None = None
    parent: str | None = None

    def present(self, component: str) -> bool:
        """True when ``component`` (one of COMPONENTS) was found."""
        return self.components[component].present

    @property
    def missing(self) -> list[str]:
        """The components not found, in rubric order."""
        return [c for c in COMPONENTS if not self.components[c].present]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "kind": self.kind,
            "page": self.page,
            "section": self.section,
            "components": {c: self.components[c].to_dict() for c in COMPONENTS},
            "vague_verbs": [s.to_dict() for s in self.vague_verbs],
            "measurability": {
                "score": self.measurability_score,
                "class": self.measurability_class,
            },
            "strength": {
                "score": self.strength_score,
                "class": self.strength_class,
                "deficit_spans": [s.to_dict() for s in self.deficit_spans],
            },
            "domain": self.domain,
            "alignment": self.alignment.to_dict() if self.alignment else None,
            "overall": self.overall,
            "rewrite": self.rewrite.to_dict() if self.rewrite else None,
            "explanations": [e.to_dict() for e in self.explanations],
        }
        if self.id is not None:
            out["id"] = self.id
            out["parent"] = self.parent
            out["baseline"] = self.baseline
        return out


@dataclass
class Line:
    """One line of a document as ingested, with layout facts."""

    text: str
    page: int
    x0: float = 0.0
    top: float = 0.0
    size: float = 0.0
    bold: bool = False
    in_table: bool = False
    field: str | None = None  # table column header the cell sits under, if any


@dataclass
class Document:
    """An ingested document: its lines in reading order, page count, warnings."""

    source: str
    pages: int
    lines: list[Line] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Section:
    """A section of an IEP (present levels, annual goals, ...)."""

    kind: str
    title: str
    page_start: int
    page_end: int
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "title": self.title,
            "page_start": self.page_start,
            "page_end": self.page_end,
        }


@dataclass
class Goal:
    """A goal as extracted from a document, before analysis."""

    text: str
    kind: str
    section: str | None
    page: int | None
    baseline: str | None = None
    objectives: list[Goal] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DocumentReport:
    """The analysis of a whole document; ``to_dict()`` is the contract's JSON."""

    source: str
    pages: int
    sections: list[Section] = field(default_factory=list)
    goals: list[GoalAnalysis] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION

    @property
    def summary(self) -> dict[str, Any]:
        n = len(self.goals)
        measurable = sum(g.measurability_class == "measurable" for g in self.goals)
        mean = round(sum(g.overall for g in self.goals) / n) if n else 0
        return {"goals": n, "measurable": measurable, "mean_overall": mean}

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "source": self.source,
            "pages": self.pages,
            "sections": [s.to_dict() for s in self.sections],
            "goals": [g.to_dict() for g in self.goals],
            "warnings": list(self.warnings),
            "summary": self.summary,
        }
