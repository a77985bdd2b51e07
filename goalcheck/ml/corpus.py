"""The labelled training data and what every model step shares: heads, classes, seeds.

Both ``goalcheck train`` and ``goalcheck evaluate`` read the corpus through
:func:`load_corpus`, which runs the rule components over every goal once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..schema import COMPONENTS, DOMAINS, STRENGTH_CLASSES, GoalAnalysis
from .features import Record, goal_records, line_records, read_jsonl, rule_analyses

SEED = 20260
FOLDS = 5
C_GOALS = 4.0
C_LINES = 4.0
THRESHOLDS = (0.95, 0.9, 0.8, 0.7)
GOAL_HEADS: tuple[str, ...] = (*COMPONENTS, "strength", "domain")
LINE_LABELS: tuple[str, ...] = ("annual_goal", "objective", "not_goal")


@dataclass
class Corpus:
    """The training data, with the rules' analyses and the model inputs computed once."""

    data_dir: Path
    goals: list[dict[str, Any]]
    lines: list[dict[str, Any]]
    analyses: list[GoalAnalysis]
    goal_inputs: list[Record]
    line_inputs: list[Record]

    def goal_idx(self, split: str, source: str | None = None) -> list[int]:
        return [i for i, g in enumerate(self.goals)
                if g["split"] == split and (source is None or g.get("source") == source)]

    def line_idx(self, split: str) -> list[int]:
        return [i for i, r in enumerate(self.lines) if r["split"] == split]


#: Goals written in other people's styles (training_data/OUTSIDE_STYLES.md): only their
#: ``tune`` half is ever trained on; the ``heldout`` half is for the figures.
OUTSIDE = "outside_goals.jsonl"
_GOAL_KINDS = ("annual_goal", "objective", "postsecondary_goal")


def outside_training_goals(path: Path) -> list[dict[str, Any]]:
    """The tune half of the outside-style goals that are English goals, as training records.

    Their labels are presence booleans, which is what the model heads learn; they
    join the train split with ``source`` ``outside``.
    """
    out = []
    for g in read_jsonl(path):
        if g.get("half") != "tune" or g.get("kind") not in _GOAL_KINDS or g.get("language") != "en":
            continue
        if g.get("domain") is None or g.get("strength_class") is None:
            continue
        out.append({**g, "split": "train", "source": "outside"})
    return out


def load_corpus(data_dir: Path) -> Corpus:
    """Read ``goals.jsonl``, ``lines.jsonl`` (and the outside tune half) and run the rules over every goal."""
    goals_path, lines_path = data_dir / "goals.jsonl", data_dir / "lines.jsonl"
    for p in (goals_path, lines_path):
        if not p.exists():
            raise FileNotFoundError(f"{p} not found: --data must name a directory with "
                                    "goals.jsonl and lines.jsonl")
    goals, lines = read_jsonl(goals_path), read_jsonl(lines_path)
    if (data_dir / OUTSIDE).exists():
        goals += outside_training_goals(data_dir / OUTSIDE)
    analyses = rule_analyses([g["text"] for g in goals], [g.get("kind") for g in goals])
    return Corpus(
        data_dir=data_dir, goals=goals, lines=lines, analyses=analyses,
        goal_inputs=goal_records(analyses),
        line_inputs=line_records([r["text"] for r in lines], [r.get("context", "") for r in lines]),
    )


def goal_target(goal: dict[str, Any], head: str) -> Any:
    """The gold label of ``goal`` for a head (component presence as 0/1)."""
    if head in COMPONENTS:
        return int(bool(goal["components"].get(head)))
    return goal["strength_class"] if head == "strength" else goal["domain"]


def head_classes(head: str) -> list[Any]:
    """The class order of a head's probability columns."""
    if head in COMPONENTS:
        return [0, 1]
    return sorted(STRENGTH_CLASSES) if head == "strength" else sorted(DOMAINS)
