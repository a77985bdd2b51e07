"""The rule/model combination of one head as a scikit-learn estimator.

Parameters live in ``__init__`` (the head and the candidate policies); what is
learned lives in ``fit``: ``policy_``, the candidate with the best score on
out-of-fold model probabilities, each group of goals (composed, handwritten)
weighing the same, and ``score_``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.metrics import accuracy_score, f1_score

from ..schema import COMPONENTS
from .predict import Policy, combine_binary, combine_label

#: One input row: the rules' verdict (bool, a label, or None) and the model's probability row.
Row = tuple[Any, np.ndarray]


class RuleModelCombiner(BaseEstimator):  # type: ignore[misc]
    """Chooses how the rules and a model decide one head, and applies that choice.

    Example:
        >>> X = [(True, np.array([0.02, 0.98])), (True, np.array([0.99, 0.01]))]
        >>> c = RuleModelCombiner("behavior", [{"mode": "rules"}, {"mode": "veto", "threshold": 0.95}])
        >>> c.fit(X, [True, False]).policy_["mode"], c.predict(X)
        ('veto', [True, False])
    """

    def __init__(self, head: str = "behavior", candidates: Sequence[Policy] = ({"mode": "rules"},),
                 classes: Sequence[str] = ()) -> None:
        self.head = head
        self.candidates = candidates
        self.classes = classes

    def _decide(self, X: Sequence[Row], policy: Policy) -> list[Any]:
        if self.head in COMPONENTS:
            return [combine_binary(bool(rule), float(p[1]), policy) for rule, p in X]
        return [combine_label(rule, p, list(self.classes), policy) for rule, p in X]

    def _score(self, y: Sequence[Any], pred: Sequence[Any]) -> float:
        if self.head in COMPONENTS:
            return float(f1_score(list(y), list(pred), zero_division=0))
        if self.head == "strength":
            return float(f1_score(list(y), list(pred), average="macro", zero_division=0))
        return float(accuracy_score(list(y), list(pred)))

    def score_policy(self, X: Sequence[Row], y: Sequence[Any], policy: Policy,
                     groups: Sequence[str] | None = None) -> float:
        """The mean over groups of the head's score under ``policy``."""
        keys = sorted(set(groups)) if groups is not None else [""]
        parts = [[k for k in range(len(X)) if groups is None or groups[k] == g] for g in keys]
        return float(np.mean([self._score([y[k] for k in p], self._decide([X[k] for k in p], policy))
                              for p in parts if p]))

    def fit(self, X: Sequence[Row], y: Sequence[Any], groups: Sequence[str] | None = None
            ) -> RuleModelCombiner:
        """Learn ``policy_``: the first candidate with the best score (ties keep the earlier)."""
        best, best_score = None, -1.0
        for policy in self.candidates:
            s = self.score_policy(X, y, policy, groups)
            if s > best_score + 1e-9:
                best, best_score = policy, s
        assert best is not None, "no candidate policy"
        self.policy_ = dict(best)
        self.score_ = best_score
        return self

    def predict(self, X: Sequence[Row]) -> list[Any]:
        """The combined decisions under the learned policy."""
        return self._decide(X, self.policy_)
