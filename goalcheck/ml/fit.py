"""Fitting the models: one featurizer and a logistic regression per goal head; the line model.

Out-of-fold probabilities (k-fold cross-validation over the training split)
are what the rule/model policies are chosen on, so a policy never sees the
goals its model was fitted on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from sklearn.pipeline import Pipeline

from .corpus import C_GOALS, C_LINES, FOLDS, GOAL_HEADS, SEED, Corpus, goal_target, head_classes
from .features import Record, make_featurizer, slim
from .predict import goal_probas


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


def oof_goal_probas(corpus: Corpus, idx: list[int], seed: int = SEED,
                    folds: int = FOLDS) -> dict[str, np.ndarray]:
    """Out-of-fold probabilities of every goal head over the goals ``idx`` (k-fold CV)."""
    out = {h: np.zeros((len(idx), len(head_classes(h)))) for h in GOAL_HEADS}
    kf = KFold(n_splits=folds, shuffle=True, random_state=seed)
    for tr, te in kf.split(idx):
        tr_i, te_i = [idx[k] for k in tr], [idx[k] for k in te]
        pipes = fit_goal_pipelines([corpus.goal_inputs[i] for i in tr_i],
                                   [corpus.goals[i] for i in tr_i], seed)
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
