"""Typed records of the goalcheck contract (see DESIGN.md) and their JSON form.

Every record is a plain dataclass; ``to_dict()`` gives exactly the JSON of the
contract, so the CLI, the app and exports all read the same shape.
"""

from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, field
from typing import Any

from .options import (
    ALIGNMENT_STATUSES,
    COMPONENTS,
    DOMAINS,
    GOAL_KINDS,
    MEASURABILITY_CLASSES,
    SECTION_KINDS,
    STRENGTH_CLASSES,
    AlignmentStatus,
    AnalysisStatus,
    Dimension,
    EvidenceSource,
    GoalKind,
)

#: Version 2: rubric profiles (``rubric``), ``status``/``language``, the
#: measurability ``required``/``recommended`` lists, form-field spans.
SCHEMA_VERSION = 2

__all__ = [
    "ALIGNMENT_STATUSES",
    "COMPONENTS",
    "DOMAINS",
    "GOAL_KINDS",
    "MEASURABILITY_CLASSES",
    "SCHEMA_VERSION",
    "SECTION_KINDS",
    "STRENGTH_CLASSES",
    "Alignment",
    "Component",
    "DeficitSpan",
    "Document",
    "DocumentReport",
    "Evidence",
    "Explanation",
    "FormField",
    "Goal",
    "GoalAnalysis",
    "GoalKind",
    "Line",
    "Rewrite",
    "Section",
    "Span",
    "StandardMatch",
    "PLAN_CHECKS",
    "PLAN_STATUSES",
    "PlanCheck",
    "PlanFinding",
    "PlanReview",
]


def _shared(text: str) -> str:
    """One copy of equal strings (``sys.intern``; a ``str`` subclass is kept as it is)."""
    return sys.intern(text) if type(text) is str else text


@dataclass(frozen=True, slots=True)
class Span:
    """A character span of a goal's text: ``text[start:end]``."""

    start: int
    end: int
    text: str
    #: The form field the span comes from ("How progress will be measured"), when not the goal's text.
    field: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", _shared(self.text))  # the same words recur across goals

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.field is not None:
            out["field"] = self.field
        return out


@dataclass(frozen=True, slots=True)
class DeficitSpan(Span):
    """A deficit-framed span with a strength-based suggestion."""

    suggestion: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {**Span.to_dict(self), "suggestion": self.suggestion}


@dataclass(slots=True)
class Component:
    """One measurability component: present or not, and where."""

    present: bool = False
    spans: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"present": self.present, "spans": [s.to_dict() for s in self.spans]}


@dataclass(frozen=True, slots=True)
class Evidence:
    """One decision of a rule or a model: the typed record everything else is built from.

    ``label`` is what was decided: a component name, ``vague_verb``,
    ``deficit``, ``strength_class``, ``domain``, ``alignment``,
    ``after_school_time``, ``outcome``, ``note``, ``language``...; ``rule`` the id
    of the pattern, lexicon entry or model head that decided it; ``start``/``end``
    the span in the goal's text (None when the decision has no span); ``data``
    plain extras (a suggestion, a class, a similarity, a form field).
    It is plain data, so a spaCy ``Doc`` carrying it serialises (``Doc.to_bytes``).
    """

    dimension: Dimension
    label: str
    rule: str
    source: EvidenceSource
    start: int | None = None
    end: int | None = None
    confidence: float = 1.0
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "dimension": self.dimension, "label": self.label, "rule": self.rule,
            "source": self.source, "start": self.start, "end": self.end,
            "confidence": round(float(self.confidence), 3), "data": dict(self.data),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        return cls(d["dimension"], d["label"], d["rule"], d["source"], d.get("start"),
                   d.get("end"), float(d.get("confidence", 1.0)), dict(d.get("data") or {}))


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a score or label came out as it did (which rule/model, how sure)."""

    dimension: str
    source: EvidenceSource
    detail: str
    confidence: float = 1.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "detail", _shared(self.detail))  # templates recur across goals

    def to_dict(self) -> dict[str, Any]:
        return {
            "dimension": self.dimension,
            "source": self.source,
            "detail": self.detail,
            "confidence": round(float(self.confidence), 3),
        }


@dataclass(frozen=True, slots=True)
class StandardMatch:
    """A Common Core standard a goal cites or resembles."""

    code: str
    grade: str
    statement: str
    similarity: float = 1.0
    #: How likely the standard is the right one (0-1): 1 for a cited code; for an
    #: inferred one, the share of right matches at this similarity on the train split.
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "grade": self.grade,
            "statement": self.statement,
            "similarity": round(float(self.similarity), 3),
            "confidence": round(float(self.confidence), 3),
        }


@dataclass(slots=True)
class Alignment:
    """Standards alignment of a goal (RUBRIC.md section 4)."""

    status: AlignmentStatus = "none"
    score: int | None = 0
    standards: list[StandardMatch] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "score": self.score,
            "standards": [s.to_dict() for s in self.standards],
        }


@dataclass(slots=True)
class Rewrite:
    """A suggested rewrite and the list of changes made."""

    text: str
    changes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "changes": list(self.changes)}


@dataclass(slots=True)
class GoalAnalysis:
    """The full analysis of one goal; ``to_dict()`` is the contract's goal JSON."""

    text: str
    kind: str = "annual_goal"
    page: int | None = None
    section: str | None = None
    #: ``not_analysed`` when the goal is not in English (RUBRIC 7.25): no components, no scores.
    status: AnalysisStatus = "analysed"
    language: str | None = "en"
    grade: str | None = None
    #: The rubric profile the class and score follow: ``{"name": "idea", "version": "2"}``.
    rubric: dict[str, str] = field(default_factory=lambda: {"name": "idea", "version": "2"})
    #: Components the profile requires for ``measurable`` for this kind of goal.
    required: list[str] = field(default_factory=list)
    components: dict[str, Component] = field(
        default_factory=lambda: {c: Component() for c in COMPONENTS}
    )
    vague_verbs: list[Span] = field(default_factory=list)
    # None only when the goal is not analysed (status "not_analysed").
    measurability_score: int | None = 0
    measurability_class: str | None = "not_measurable"
    strength_score: int | None = 100
    strength_class: str | None = "strength_based"
    deficit_spans: list[DeficitSpan] = field(default_factory=list)
    domain: str | None = None
    alignment: Alignment | None = None
    overall: int | None = 0
    rewrite: Rewrite | None = None
    explanations: list[Explanation] = field(default_factory=list)
    #: Every rule and model decision behind the fields above, in the order made.
    evidence: list[Evidence] = field(default_factory=list)
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

    @property
    def missing_required(self) -> list[str]:
        """The missing components the profile requires for ``measurable``."""
        return [c for c in self.missing if c in self.required]

    @property
    def missing_recommended(self) -> list[str]:
        """The missing components that are only recommended (they cost points, not the class)."""
        return [c for c in self.missing if c not in self.required]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "kind": self.kind,
            "page": self.page,
            "section": self.section,
            "status": self.status,
            "language": self.language,
            "rubric": dict(self.rubric),
            "components": {c: self.components[c].to_dict() for c in COMPONENTS},
            "vague_verbs": [s.to_dict() for s in self.vague_verbs],
            "measurability": {
                "score": self.measurability_score,
                "class": self.measurability_class,
                "required": list(self.required),
                "missing_required": self.missing_required,
                "missing_recommended": self.missing_recommended,
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


@dataclass(slots=True)
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


@dataclass(slots=True)
class Document:
    """An ingested document: its lines in reading order, page count, warnings."""

    source: str
    pages: int
    lines: list[Line] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
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


FIELD_ROLES: tuple[str, ...] = (
    "measurement", "criterion", "timeframe", "baseline", "condition", "progress_reporting")


@dataclass(frozen=True, slots=True)
class FormField:
    """A field of a goal's form or table row ("Criteria: 80% in 4 of 5 trials"): RUBRIC.md 2.

    ``role`` is what the field gives (one of :data:`FIELD_ROLES`), ``label`` the
    field's printed name, ``text`` its content without the label.
    """

    role: str
    label: str
    text: str
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "label": self.label, "text": self.text, "page": self.page}


@dataclass(slots=True)
class Goal:
    """A goal as extracted from a document, before analysis."""

    text: str
    kind: str
    section: str | None
    page: int | None
    baseline: str | None = None
    objectives: list[Goal] = field(default_factory=list)
    fields: list[FormField] = field(default_factory=list)  # the goal's own form fields, in order

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


PLAN_CHECKS: tuple[str, ...] = (
    "needs_have_goals",
    "baselines",
    "ambition",
    "progress_monitoring",
    "services",
    "accommodations",
    "transition",
    "recycled_goals",
)
PLAN_STATUSES: tuple[str, ...] = ("pass", "fail", "not_applicable")


@dataclass(frozen=True, slots=True)
class PlanFinding:
    """One finding of a plan check: what, where (page, quoted evidence), which goal or area."""

    message: str
    page: int | None = None
    evidence: str | None = None
    goal: str | None = None  # the ``id`` of one of the document's goals
    area: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"message": self.message, "page": self.page, "evidence": self.evidence,
                "goal": self.goal, "area": self.area}


@dataclass(slots=True)
class PlanCheck:
    """One check of the plan review (RUBRIC.md section 8): pass, fail or not_applicable."""

    id: str
    status: str
    findings: list[PlanFinding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "status": self.status, "findings": [f.to_dict() for f in self.findings]}


@dataclass(slots=True)
class PlanReview:
    """The plan-level review of a whole IEP; ``score`` is the share of applicable checks passed."""

    checks: list[PlanCheck] = field(default_factory=list)

    @property
    def score(self) -> int:
        applicable = [c for c in self.checks if c.status != "not_applicable"]
        passed = sum(c.status == "pass" for c in applicable)
        return round(100 * passed / len(applicable)) if applicable else 0

    def check(self, check_id: str) -> PlanCheck | None:
        """The check with this id, if reviewed."""
        return next((c for c in self.checks if c.id == check_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "checks": [c.to_dict() for c in self.checks]}


@dataclass(slots=True)
class DocumentReport:
    """The analysis of a whole document; ``to_dict()`` is the contract's JSON."""

    source: str
    pages: int
    sections: list[Section] = field(default_factory=list)
    goals: list[GoalAnalysis] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rubric: dict[str, str] = field(default_factory=lambda: {"name": "idea", "version": "2"})
    schema_version: int = SCHEMA_VERSION
    plan: PlanReview | None = None

    @property
    def summary(self) -> dict[str, Any]:
        """Counts and the mean overall score of the analysed goals (None when there are none)."""
        analysed = [g for g in self.goals if g.status == "analysed"]
        n = len(analysed)
        measurable = sum(g.measurability_class == "measurable" for g in analysed)
        mean = round(sum(g.overall or 0 for g in analysed) / n) if n else None
        return {"goals": len(self.goals), "measurable": measurable, "mean_overall": mean,
                "not_analysed": len(self.goals) - n}

    def to_dict(self) -> dict[str, Any]:
        out = {
            "schema_version": self.schema_version,
            "source": self.source,
            "rubric": dict(self.rubric),
            "pages": self.pages,
            "sections": [s.to_dict() for s in self.sections],
            "goals": [g.to_dict() for g in self.goals],
            "warnings": list(self.warnings),
            "summary": self.summary,
        }
        if self.plan is not None:
            out["plan"] = self.plan.to_dict()
        return out
