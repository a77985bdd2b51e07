"""``goalcheck train``: rebuild every artifact of ``models/`` from ``training_data/``.

Reproducible: fixed seeds, deterministic solvers, no clock in any output, so
the same data gives byte-identical artifacts metadata and ``metrics.json``.

Example:
    $ goalcheck train --data training_data/ --out models/
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from sklearn.pipeline import Pipeline

from ..schema import COMPONENTS, DOMAINS, STRENGTH_CLASSES, GoalAnalysis
from .features import (
    Record,
    goal_records,
    line_records,
    make_featurizer,
    read_jsonl,
    rule_analyses,
    slim,
)

log = logging.getLogger(__name__)

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


def load_corpus(data_dir: Path) -> Corpus:
    """Read ``goals.jsonl`` and ``lines.jsonl`` and run the rules over every goal."""
    goals_path, lines_path = data_dir / "goals.jsonl", data_dir / "lines.jsonl"
    for p in (goals_path, lines_path):
        if not p.exists():
            raise FileNotFoundError(f"{p} not found: --data must name a directory with "
                                    "goals.jsonl and lines.jsonl")
    goals, lines = read_jsonl(goals_path), read_jsonl(lines_path)
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


def _classifier(seed: int, c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=5000, random_state=seed)


def fit_goal_pipelines(inputs: list[Record], goals: list[dict[str, Any]],
                       seed: int = SEED) -> dict[str, Pipeline]:
    """One shared featurizer and one logistic regression per head, as Pipelines."""
    featurizer = slim(make_featurizer().fit(inputs))
    X = featurizer.transform(inputs)
    pipes: dict[str, Pipeline] = {}
    for head in GOAL_HEADS:
        y = [goal_target(g, head) for g in goals]
        if len(set(y)) < 2:
            raise ValueError(f"the training goals have a single class for '{head}' ({y[0]!r}); "
                             "the corpus needs examples of every class")
        pipes[head] = Pipeline([("features", featurizer), ("clf", _classifier(seed, C_GOALS).fit(X, y))])
    return pipes


def fit_line_model(inputs: list[Record], labels: list[str], seed: int = SEED) -> Pipeline:
    """The goal-line detector: its own featurizer and a multinomial logistic regression."""
    pipe = Pipeline([("features", make_featurizer(max_word=5000, max_char=8000)),
                     ("clf", _classifier(seed, C_LINES))])
    pipe.fit(inputs, labels)
    slim(pipe.named_steps["features"])
    return pipe


def _aligned(proba: np.ndarray, have: Sequence[Any], want: Sequence[Any]) -> np.ndarray:
    out = np.zeros((proba.shape[0], len(want)))
    for j, c in enumerate(have):
        out[:, list(want).index(c)] = proba[:, j]
    return out


def head_classes(head: str) -> list[Any]:
    """The class order of a head's probability columns."""
    if head in COMPONENTS:
        return [0, 1]
    return sorted(STRENGTH_CLASSES) if head == "strength" else sorted(DOMAINS)


def oof_goal_probas(corpus: Corpus, idx: list[int], seed: int = SEED,
                    folds: int = FOLDS) -> dict[str, np.ndarray]:
    """Out-of-fold probabilities of every goal head over the goals ``idx`` (k-fold CV)."""
    out = {h: np.zeros((len(idx), len(head_classes(h)))) for h in GOAL_HEADS}
    kf = KFold(n_splits=folds, shuffle=True, random_state=seed)
    for tr, te in kf.split(idx):
        tr_i, te_i = [idx[k] for k in tr], [idx[k] for k in te]
        pipes = fit_goal_pipelines([corpus.goal_inputs[i] for i in tr_i],
                                   [corpus.goals[i] for i in tr_i], seed)
        from .predict import goal_probas

        probas = goal_probas({"pipelines": pipes}, [corpus.goal_inputs[i] for i in te_i])
        for h in GOAL_HEADS:
            clf = pipes[h].named_steps["clf"]
            out[h][te] = _aligned(probas[h], list(clf.classes_), head_classes(h))
    return out


def oof_line_labels(corpus: Corpus, idx: list[int], seed: int = SEED,
                    folds: int = FOLDS) -> list[str]:
    """Out-of-fold predicted labels of the lines ``idx``."""
    pred = [""] * len(idx)
    kf = KFold(n_splits=folds, shuffle=True, random_state=seed)
    for tr, te in kf.split(idx):
        model = fit_line_model([corpus.line_inputs[idx[k]] for k in tr],
                               [corpus.lines[idx[k]]["label"] for k in tr], seed)
        for k, label in zip(te, model.predict([corpus.line_inputs[idx[k]] for k in te]), strict=True):
            pred[k] = str(label)
    return pred


#: For components the model may only veto, and only when very sure: a component
#: it turned on would have no span to show a teacher.
COMPONENT_THRESHOLDS = (0.95, 0.9)


def candidate_policies(head: str = "") -> list[dict[str, Any]]:
    """Policies tried for a head, in order of preference when they tie."""
    if head in COMPONENTS:
        return [{"mode": "rules"}] + [
            {"mode": "veto", "threshold": t} for t in COMPONENT_THRESHOLDS
        ]
    return ([{"mode": "rules"}] + [{"mode": "override", "threshold": t} for t in THRESHOLDS]
            + [{"mode": "model"}])


def _policy_score(corpus: Corpus, idx: list[int], head: str, proba: np.ndarray,
                  policy: dict[str, Any]) -> float:
    """Mean of the head's score on composed and on handwritten goals (each part weighs half).

    The handwritten goals are closer to real IEP text, and far fewer; an
    unweighted score would choose whatever suits the composed templates.
    """
    from .evaluate import score_head

    parts = [[k for k, i in enumerate(idx) if corpus.goals[i].get("source") == s]
             for s in ("composed", "handwritten")]
    parts = [p for p in parts if p] or [list(range(len(idx)))]
    return float(np.mean([score_head(corpus, [idx[k] for k in p], head, proba[p], policy)
                          for p in parts]))


def choose_policies(corpus: Corpus, idx: list[int], oof: dict[str, np.ndarray]) -> dict[str, dict[str, Any]]:
    """For each head, the policy with the best out-of-fold score on the training goals."""
    chosen: dict[str, dict[str, Any]] = {}
    for head in GOAL_HEADS:
        best, best_score = None, -1.0
        for policy in candidate_policies(head):
            s = _policy_score(corpus, idx, head, oof[head], policy)
            if s > best_score + 1e-9:
                best, best_score = policy, s
        assert best is not None
        chosen[head] = {**best, "cv_score": round(best_score, 4)}
        log.info("policy for %s: %s (cv %.4f)", head, best, best_score)
    return chosen


def _drop_stop_words(obj: Any) -> None:
    """Delete the vectorizers' ``stop_words_`` (terms cut by max_features) before pickling.

    scikit-learn keeps them only for inspection; they are a set, whose pickled
    order changes from run to run, so the artifacts would not be byte-identical.
    """
    from sklearn.base import BaseEstimator
    from sklearn.feature_extraction.text import CountVectorizer

    seen: set[int] = set()

    def walk(x: Any) -> None:
        if id(x) in seen:
            return
        seen.add(id(x))
        if isinstance(x, CountVectorizer) and hasattr(x, "stop_words_"):
            x.stop_words_ = None
        if isinstance(x, BaseEstimator):
            for v in x.get_params(deep=True).values():
                walk(v)
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, (list, tuple)):
            for v in x:
                walk(v)

    walk(obj)


def build(data_dir: Path, out_dir: Path, seed: int = SEED) -> dict[str, Any]:
    """Train every artifact, write them with their meta and ``metrics.json``; return the metrics."""
    from . import evaluate
    from .io import save_artifact

    corpus = load_corpus(data_dir)
    train_idx = corpus.goal_idx("train")
    oof = oof_goal_probas(corpus, train_idx, seed)
    policy = choose_policies(corpus, train_idx, oof)
    pipes = fit_goal_pipelines([corpus.goal_inputs[i] for i in train_idx],
                               [corpus.goals[i] for i in train_idx], seed)
    bundle = {
        "pipelines": pipes,
        "policy": policy,
        "classes": {h: [str(c) for c in pipes[h].named_steps["clf"].classes_]
                    for h in ("strength", "domain")},
    }
    line_train = corpus.line_idx("train")
    line_model = fit_line_model([corpus.line_inputs[i] for i in line_train],
                                [corpus.lines[i]["label"] for i in line_train], seed)
    oof_lines = oof_line_labels(corpus, line_train, seed)
    metrics = evaluate.full_report(corpus, bundle, line_model, oof, oof_lines)
    common = evaluate.provenance(corpus, seed)
    _drop_stop_words(bundle)
    _drop_stop_words(line_model)
    save_artifact(bundle, "goal_models", {
        **common, "heads": list(GOAL_HEADS), "policy": policy,
        "metrics": metrics["goals"]["test"]["all"],
    }, out_dir)
    save_artifact(line_model, "line_model", {
        **common, "labels": list(LINE_LABELS), "metrics": metrics["lines"]["test"],
    }, out_dir)
    metrics["artifacts"] = evaluate.artifact_sizes(out_dir)
    evaluate.write_metrics(metrics, out_dir)
    return metrics


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``goalcheck train``; returns the exit code."""
    parser = argparse.ArgumentParser(prog="goalcheck train",
                                     description="Rebuild the learned models from labelled data.")
    parser.add_argument("--data", type=Path, default=Path("training_data"),
                        help="directory with goals.jsonl and lines.jsonl (default: training_data/)")
    parser.add_argument("--out", type=Path, default=Path("models"),
                        help="directory to write the artifacts to (default: models/)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        parser.error(f"--data {args.data}: not a directory")
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    metrics = build(args.data, args.out, args.seed)
    from .evaluate import summary_lines

    for line in summary_lines(metrics):
        print(line)
    print(f"artifacts written to {args.out}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
