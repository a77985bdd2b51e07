"""goalcheck: reads IEPs and tells how measurable, strength-based and aligned their goals are."""

from .api import analyze_document, analyze_goal, analyze_many
from .schema import DocumentReport, GoalAnalysis
from .version import __version__
__all__ = [
    "DocumentReport",
    "GoalAnalysis",
    "__version__",
    "analyze_document",
    "analyze_goal",
    "analyze_many",
]
