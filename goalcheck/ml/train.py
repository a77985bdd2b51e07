"""``goalcheck train``: rebuild every artifact of ``models/`` from ``training_data/``.

Reproducible: fixed seeds, deterministic solvers, no clock in any output, so
the same data gives byte-identical artifacts metadata and ``metrics.json``.

Example:
    $ goalcheck train --data training_data/ --out models/
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer

from ..components.ngrams import estimators_in
from ..schema import COMPONENTS
from . import evaluate
from .combine import RuleModelCombiner
from .corpus import GOAL_HEADS, LINE_LABELS, SEED, THRESHOLDS, Corpus, head_classes, load_corpus
from .evaluate import summary_lines
from .fit import fit_goal_pipelines, fit_line_model, oof_goal_probas, oof_line_labels
from .io import save_artifact

log = logging.getLogger(__name__)

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


def choose_policies(corpus: Corpus, idx: list[int], oof: dict[str, np.ndarray]) -> dict[str, dict[str, Any]]:
    """For each head, the policy a :class:`RuleModelCombiner` learns on the out-of-fold probabilities.

    Composed and handwritten goals weigh half each: the handwritten ones are
    closer to real IEP text, and far fewer.
    """
    groups = [corpus.goals[i].get("source", "composed") for i in idx]
    chosen: dict[str, dict[str, Any]] = {}
    for head in GOAL_HEADS:
        X = evaluate.combiner_inputs(corpus, idx, head, oof[head])
        y = evaluate.gold(corpus, idx, head)
        combiner = RuleModelCombiner(head, candidate_policies(head),
                                     [str(c) for c in head_classes(head)]).fit(X, y, groups)
        chosen[head] = {**combiner.policy_, "cv_score": round(combiner.score_, 4)}
        log.info("policy for %s: %s (cv %.4f)", head, combiner.policy_, combiner.score_)
    return chosen


def _drop_stop_words(obj: Any) -> None:
    """Delete the vectorizers' ``stop_words_`` (terms cut by max_features) before pickling.

    scikit-learn keeps them only for inspection; they are a set, whose pickled
    order changes from run to run, so the artifacts would not be byte-identical.
    """
    for estimator in estimators_in(obj):
        if isinstance(estimator, CountVectorizer) and hasattr(estimator, "stop_words_"):
            estimator.stop_words_ = None


def build(data_dir: Path, out_dir: Path, seed: int = SEED) -> dict[str, Any]:
    """Train every artifact, write them with their meta and ``metrics.json``; return the metrics."""

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

    for line in summary_lines(metrics):
        print(line)
    print(f"artifacts written to {args.out}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
