"""Features of the learned models: text n-grams plus what the rules found.

A model input is a small record ``{"text": str, "rules": dict[str, float]}``.
The text gives word and character TF-IDF n-grams; ``rules`` gives the
pattern features (for each component whether the rules found it and with
which rule id, vague verbs, the deficit lexicon, the domain cue scores, and
for lines the section context and the extractor's rule verdict).

Goal features are read from a :class:`~goalcheck.schema.GoalAnalysis` as the
rules left it, so training and prediction see exactly the same thing.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline

from ..schema import COMPONENTS, DOMAINS, GoalAnalysis

Record = dict[str, Any]

_RULE_ID = re.compile(r"^(\w+) found \(.*\(rule: ([\w\- ]+)\)$", re.DOTALL)
_DEFICIT_CAT = re.compile(r"^deficit framing \(([^)]*)\)")


class Field(BaseEstimator, TransformerMixin):  # type: ignore[misc]
    """Selects one key of each input record (stateless)."""

    def __init__(self, key: str = "text") -> None:
        self.key = key

    def fit(self, X: Sequence[Record], y: object = None) -> Field:
        return self

    def transform(self, X: Sequence[Record]) -> list[Any]:
        return [x[self.key] for x in X]


def make_featurizer(max_word: int = 8000, max_char: int = 12000) -> FeatureUnion:
    """Word 1-2-grams, character 2-5-grams (both TF-IDF, limited vocabulary) and rule features."""
    return FeatureUnion([
        ("word", Pipeline([
            ("text", Field("text")),
            ("tfidf", TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=max_word,
                                      sublinear_tf=True, dtype=_float32())),
        ])),
        ("char", Pipeline([
            ("text", Field("text")),
            ("tfidf", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2,
                                      max_features=max_char, sublinear_tf=True,
                                      dtype=_float32())),
        ])),
        ("rules", Pipeline([("rules", Field("rules")), ("dict", DictVectorizer())])),
    ])


def _float32() -> Any:
    import numpy as np

    return np.float32


def slim(featurizer: FeatureUnion) -> FeatureUnion:
    """Drop the fitted vectorizers' ``stop_words_`` (pruned terms, not needed to predict)."""
    for _, step in featurizer.transformer_list:
        for _, inner in step.steps:
            if hasattr(inner, "stop_words_"):
                inner.stop_words_ = set()
    return featurizer


# --- goals --------------------------------------------------------------------------


def rule_analyses(texts: Sequence[str], kinds: Sequence[str | None] | None = None) -> list[GoalAnalysis]:
    """The rules' analyses of ``texts`` (components, vague verbs, deficits), no model, no scores.

    This is the first stage of :func:`goalcheck.api.analyze_many`, run without
    the models so that training never depends on existing artifacts.
    """
    from ..api import analyze_rules

    return analyze_rules(texts, kinds=kinds)


def domain_rule_features(text: str) -> dict[str, float]:
    """The domain lexicon's cue scores and verdict (as ``classify_domain`` decides it) as features."""
    from ..components.domain import domain_scores

    scores, _ = domain_scores(text)
    feats = {f"dom_score={d}": math.log1p(scores[d]) for d in DOMAINS if scores[d] > 0}
    if feats:  # classify_domain's choice: highest score, ties in DOMAINS order
        top = max(DOMAINS, key=lambda d: (scores[d], -DOMAINS.index(d)))
        feats[f"dom_rule={top}"] = 1.0
    return feats


def goal_rule_features(a: GoalAnalysis) -> dict[str, float]:
    """Pattern features of one rules-only analysis (see module docstring)."""
    feats: dict[str, float] = {}
    for name in COMPONENTS:
        comp = a.components[name]
        if comp.present:
            feats[f"{name}:present"] = 1.0
            feats[f"{name}:n"] = float(min(len(comp.spans), 3))
        else:
            feats[f"{name}:absent"] = 1.0
    for e in a.explanations:
        if e.dimension == "measurability":
            m = _RULE_ID.match(e.detail)
            if m:
                feats[f"{m.group(1)}:rule={m.group(2).replace(' ', '_')}"] = 1.0
            elif e.source == "rule":
                feats["note=" + e.detail.split(":")[0][:40]] = 1.0
        elif e.dimension == "strength":
            m = _DEFICIT_CAT.match(e.detail)
            if m:
                feats["deficit_cat=" + m.group(1).replace(" ", "_")] = 1.0
    if a.vague_verbs:
        feats["vague:n"] = float(min(len(a.vague_verbs), 3))
        for v in a.vague_verbs:
            feats["vague=" + " ".join(v.text.lower().split()[:2])] = 1.0
    feats["strength=" + a.strength_class] = 1.0
    feats["deficit:n"] = float(min(len(a.deficit_spans), 3))
    if getattr(a, "_postsecondary_timeframe", False):
        feats["postsecondary_timeframe"] = 1.0
    feats["kind=" + a.kind] = 1.0
    feats.update(domain_rule_features(a.text))
    return feats


def goal_records(analyses: Iterable[GoalAnalysis]) -> list[Record]:
    """Model inputs of rules-only analyses."""
    return [{"text": a.text, "rules": goal_rule_features(a)} for a in analyses]


# --- lines --------------------------------------------------------------------------


def line_records(texts: Sequence[str], contexts: Sequence[str]) -> list[Record]:
    """Model inputs of document lines: text, section context and the extractor's rule verdict."""
    from ..components.measurability import find_regex_components
    from ..extract import rule_is_goal_line

    out = []
    for text, ctx in zip(texts, contexts, strict=True):
        ctx = ctx or "other"
        label, p = rule_is_goal_line(text, ctx)
        comps, post = find_regex_components(text)
        feats = {
            "ctx=" + ctx: 1.0,
            "rule=" + label: 1.0,
            "rule_p": p,
            f"ctx={ctx}&rule={label}": 1.0,
            "will": 1.0 if re.search(r"\bwill\b", text, re.IGNORECASE) else 0.0,
            "len": min(len(text.split()), 60) / 60.0,
        }
        for name, spans in comps.items():
            if spans:
                feats[name + ":present"] = 1.0
                feats[f"ctx={ctx}&{name}"] = 1.0
        if post:
            feats["postsecondary_timeframe"] = 1.0
        out.append({"text": text, "rules": feats})
    return out


# --- data ---------------------------------------------------------------------------


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The records of a JSON-lines file."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
