"""Loading the learned models, the pure rule/model combination rules, and the goal-line scorer.

The goal heads are applied by the ``goalcheck/refine`` component
(:mod:`goalcheck.ml.refine`). For each head a *policy*, chosen at training time
by cross-validation on the training split (see ``models/MODEL_CARD.md``),
says how the model and the rules combine:

- ``rules``: the rules decide; the model is not consulted;
- ``model``: the model decides;
- ``override``: the rules decide unless the model is confident
  (``p >= threshold``) of the other answer.

Every decision the model changes is recorded as evidence with ``source="model"``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy.special import expit
from sklearn.linear_model import LogisticRegression
from sklearn.utils.extmath import softmax

from ..components.ngrams import faster_counts_in
from ..extract import rule_is_goal_line
from .features import Record, line_records, transform_records
from .io import load_artifact

log = logging.getLogger(__name__)

_lock = threading.Lock()
_cache: dict[str, Any] = {}

Policy = dict[str, Any]


def load_models(directory: Path | None = None) -> dict[str, Any]:
    """The loaded artifacts ``{"goal_models": ..., "line_model": ...}``, once per process.

    Raises:
        ModelArtifactError: an artifact is missing, altered or from another scikit-learn.
    """
    key = str(directory) if directory else ""
    with _lock:
        if key not in _cache:
            _cache[key] = {
                "goal_models": load_artifact("goal_models", directory),
                "line_model": load_artifact("line_model", directory),
            }
            faster_counts_in(_cache[key])  # the same features, counted faster
        return _cache[key]  # type: ignore[no-any-return]


def clear_cache() -> None:
    """Forget loaded models (after retraining, or in tests)."""
    with _lock:
        _cache.clear()


# --- pure combination rules ------------------------------------------------------------


def combine_binary(rule: bool, p: float, policy: Policy) -> bool:
    """Presence decided by ``policy`` from the rule's verdict and the model's P(present).

    Example:
        >>> combine_binary(False, 0.95, {"mode": "override", "threshold": 0.9})
        True
    """
    mode = policy["mode"]
    if mode == "rules":
        return rule
    if mode == "model":
        return p >= 0.5
    t = float(policy["threshold"])
    if mode == "veto":  # the model may only strike out what the rules found
        return rule and p > 1.0 - t
    if p >= t:
        return True
    if p <= 1.0 - t:
        return False
    return rule


def combine_label(rule: str | None, proba: np.ndarray, classes: Sequence[str], policy: Policy) -> str:
    """A class decided by ``policy``; a missing rule verdict (``None``) defers to the model.

    Example:
        >>> combine_label("math", np.array([0.05, 0.95]), ["math", "reading"], {"mode": "override", "threshold": 0.9})
        'reading'
    """
    best = int(np.argmax(proba))
    mode = policy["mode"]
    if mode == "model" or rule is None:
        return str(classes[best])
    if mode == "rules":
        return rule
    return str(classes[best]) if proba[best] >= float(policy["threshold"]) else rule


def goal_probas(bundle: dict[str, Any], records: list[Record],
                heads: Collection[str] | None = None) -> dict[str, np.ndarray]:
    """Class probabilities of the goal heads (all, or those in ``heads``), the features
    computed once for the batch."""
    pipes = bundle["pipelines"]
    names = [h for h in pipes if heads is None or h in heads]
    if not names:
        return {}
    X = transform_records(pipes[names[0]].named_steps["features"], records)
    return dict(zip(names, predict_probas([pipes[h].named_steps["clf"] for h in names], X),
                    strict=True))


def predict_probas(classifiers: Sequence[Any], X: Any) -> list[np.ndarray]:
    """``c.predict_proba(X)`` of each fitted classifier, the same numbers.

    Logistic regressions share one product of ``X`` with all their coefficients (each
    score is summed over ``X``'s features in the same order as their own product) and
    skip scikit-learn's checks of ``X``, once per head.
    """
    if not all(type(c) is LogisticRegression for c in classifiers):
        return [c.predict_proba(X) for c in classifiers]
    scores = X @ np.concatenate([c.coef_ for c in classifiers]).T
    out, j = [], 0
    for c in classifiers:
        k = c.coef_.shape[0]
        s = scores[:, j : j + k] + c.intercept_  # a new C-ordered array, as in decision_function
        j += k
        if k == 1:  # binary: P(classes_[1]) is the logistic of the score
            p = expit(s.reshape(-1))
            out.append(np.stack([1 - p, p], axis=1))
        else:
            out.append(softmax(s, copy=False))
    return out


def rule_domain(record: Record) -> str | None:
    """The domain lexicon's verdict kept in a goal record (None when no cue word)."""
    for k in record["rules"]:
        if k.startswith("dom_rule="):
            return str(k.split("=", 1)[1])
    return None


# --- goal lines ---------------------------------------------------------------------------

_GOAL_LABELS = ("annual_goal", "objective")


def is_goal_line(texts: list[str], contexts: list[str],
                 directory: Path | None = None) -> list[tuple[str, float]]:
    """For each line (with its section kind), its label and the probability that it is a goal.

    Labels are ``annual_goal``, ``objective``, ``postsecondary_goal`` (a goal
    with an after-school timeframe) or ``not_goal``; the probability is
    P(any goal), as :data:`goalcheck.extract.GoalScorer` expects.

    Example:
        >>> is_goal_line(["By June 2027, Maya will read 90 wcpm."], ["annual_goals"])[0][0]
        'annual_goal'
    """
    if len(texts) != len(contexts):
        raise ValueError(f"{len(texts)} texts but {len(contexts)} contexts: give one context per line")
    model = load_models(directory)["line_model"]
    if not texts:
        return []
    records = line_records(texts, contexts)
    X = transform_records(model.named_steps["features"], records)
    (proba,) = predict_probas([model.named_steps["clf"]], X)
    classes = list(model.classes_)
    out: list[tuple[str, float]] = []
    for rec, row in zip(records, proba, strict=True):
        p_goal = 1.0 - float(row[classes.index("not_goal")])
        if p_goal < 0.5:
            out.append(("not_goal", p_goal))
            continue
        label = max(_GOAL_LABELS, key=lambda c: float(row[classes.index(c)]))
        if label == "annual_goal" and "postsecondary_timeframe" in rec["rules"]:
            label = "postsecondary_goal"
        out.append((label, p_goal))
    return out


def goal_line_scorer(text: str, section_kind: str = "") -> tuple[str, float]:
    """One-line adapter of :func:`is_goal_line` for ``goalcheck.extract.is_goal_line``."""
    return is_goal_line([text], [section_kind])[0]



def combined_line_scorer(text: str, section_kind: str = "") -> tuple[str, float]:
    """The extractor's rules and the line model together: the mean of their goal probabilities.

    On the corpus of test IEPs the rules alone make no error but miss unusual
    goal wording (goal F1 0.76 on the held-out lines), while the model alone
    (F1 0.998) accepts placement statements such as "will spend 82% of her
    day in general education"; together they keep the strengths of both.
    """
    return _combined_many([text], [section_kind])[0]


def _combined_many(texts: list[str], kinds: list[str]) -> list[tuple[str, float]]:
    out = []
    for text, kind, (model_label, model_p) in zip(texts, kinds, is_goal_line(texts, kinds), strict=True):
        rule_label, rule_p = rule_is_goal_line(text, kind)
        p = (rule_p + model_p) / 2
        if p < 0.5:
            out.append(("not_goal", p))
        else:
            out.append(((rule_label if rule_label != "not_goal" else model_label), p))
    return out


combined_line_scorer.many = _combined_many  # type: ignore[attr-defined]  # batch form, see extract._batched
