"""The closed vocabularies of goalcheck as ``Literal`` types, and one validator.

Every option a user can pass (OCR mode, PDF reader, rubric profile name, goal
kind...) is checked here once, with an error that names the valid values, so a
bare string never travels far into the code unchecked.
"""

from __future__ import annotations

from typing import Literal, TypeVar, cast, get_args

GoalKind = Literal["annual_goal", "objective", "postsecondary_goal"]
Domain = Literal[
    "reading", "writing", "math", "communication",
    "social_emotional", "motor", "adaptive", "transition",
]
ComponentName = Literal["timeframe", "condition", "learner", "behavior", "criterion", "measurement"]
MeasurabilityClass = Literal["measurable", "partially_measurable", "not_measurable"]
StrengthClass = Literal["strength_based", "neutral", "deficit_based"]
AlignmentStatus = Literal["explicit", "inferred", "none", "not_applicable"]
SectionKind = Literal[
    "present_levels", "annual_goals", "objectives", "services",
    "accommodations", "transition", "other",
]
Dimension = Literal["measurability", "strength", "domain", "alignment", "language", "kind"]
EvidenceSource = Literal["pattern", "lexicon", "model", "rule", "field"]
AnalysisStatus = Literal["analysed", "not_analysed"]
#: How scanned pages (images without a text layer) are handled:
#: "auto" OCRs them when tesseract is installed, "always" tries OCR and warns
#: when it cannot, "never" skips them (with a warning naming the pages).
OcrMode = Literal["auto", "always", "never"]
PdfReader = Literal["auto", "pdfplumber", "pdfium"]

GOAL_KINDS: tuple[str, ...] = get_args(GoalKind)
DOMAINS: tuple[str, ...] = get_args(Domain)
COMPONENTS: tuple[str, ...] = get_args(ComponentName)
MEASURABILITY_CLASSES: tuple[str, ...] = get_args(MeasurabilityClass)
STRENGTH_CLASSES: tuple[str, ...] = get_args(StrengthClass)
ALIGNMENT_STATUSES: tuple[str, ...] = get_args(AlignmentStatus)
SECTION_KINDS: tuple[str, ...] = get_args(SectionKind)
OCR_MODES: tuple[OcrMode, ...] = get_args(OcrMode)
_OCR_ALIASES: dict[str, OcrMode] = {"off": "never", "force": "always"}
PDF_READERS: tuple[str, ...] = get_args(PdfReader)

T = TypeVar("T", bound=str)


def choice(value: str, valid: tuple[str, ...], what: str) -> str:
    """``value`` if it is one of ``valid``; else a ValueError naming the valid values.

    Example:
        >>> choice("never", OCR_MODES, "OCR mode")
        'never'
        >>> choice("no", OCR_MODES, "OCR mode")
        Traceback (most recent call last):
        ...
        ValueError: 'no' is not a valid OCR mode: use one of auto, always, never
    """
    if value not in valid:
        raise ValueError(f"{value!r} is not a valid {what}: use one of {', '.join(valid)}")
    return value


def ocr_mode(value: str) -> OcrMode:
    """The OCR mode named by ``value`` (the old names "off"/"force" are accepted).

    Raises:
        ValueError: ``value`` is not an OCR mode; the message lists the valid ones.
    """
    name = str(value).strip().lower()
    name = _OCR_ALIASES.get(name, name)
    if name not in OCR_MODES:
        raise ValueError(f"ocr must be one of {', '.join(OCR_MODES)}, not {value!r}")
    return cast(OcrMode, name)


#: Seconds the app may spend on one uploaded file before it stops with a message
#: (``goalcheck app --timeout``, which hands it to the server in this environment variable).
APP_TIMEOUT = 120.0
APP_TIMEOUT_VARIABLE = "GOALCHECK_APP_TIMEOUT"
