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

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline

from ..components import build_rules_nlp
from ..components.base import evidence, register_extensions
from ..components.domain import domain_scores
from ..components.text import MAX_GOAL_CHARS, fold_case
from ..convert import rules_analysis
from ..components.measurability import find_regex_components
from ..extract import rule_is_goal_line
from ..schema import COMPONENTS, DOMAINS, Evidence, GoalAnalysis

Record = dict[str, Any]


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


def transform_records(featurizer: FeatureUnion, records: Sequence[Record]) -> Any:
    """``featurizer.transform(records)`` for a fitted :func:`make_featurizer` union: the
    same matrix, without scikit-learn's per-call metadata routing and job dispatch."""
    weights = featurizer.transformer_weights or {}
    parts = []
    for name, pipe in featurizer.transformer_list:
        X: Any = records
        for _, step in pipe.steps:
            X = step.transform(X)
        parts.append(X * weights[name] if name in weights else X)
    return sparse.hstack(parts).tocsr()


def _float32() -> Any:
    return np.float32


def slim(featurizer: FeatureUnion) -> FeatureUnion:
    """Drop the fitted vectorizers' ``stop_words_`` (pruned terms, not needed to predict)."""
    for _, step in featurizer.transformer_list:
        for _, inner in step.steps:
            if hasattr(inner, "stop_words_"):
                inner.stop_words_ = set()
    return featurizer


# --- goals --------------------------------------------------------------------------


def domain_rule_features(text: str) -> dict[str, float]:
    """The domain lexicon's cue scores and verdict (as ``classify_domain`` decides it) as features."""
    scores, _ = domain_scores(text)
    feats = {f"dom_score={d}": math.log1p(scores[d]) for d in DOMAINS if scores[d] > 0}
    if feats:  # classify_domain's choice: highest score, ties in DOMAINS order
        top = max(DOMAINS, key=lambda d: (scores[d], -DOMAINS.index(d)))
        feats[f"dom_rule={top}"] = 1.0
    return feats


def goal_rule_features(text: str, found: Sequence[Evidence]) -> dict[str, float]:
    """Pattern features of the rules' evidence on one goal (see module docstring).

    Only rule evidence is read (never a model's), so training and prediction see the same thing.
    """
    feats: dict[str, float] = {}
    spans: dict[str, int] = dict.fromkeys(COMPONENTS, 0)
    vague: list[str] = []
    deficits = 0
    strength = "strength_based"
    kind = "annual_goal"
    for e in found:
        if e.source == "model":
            continue
        if e.dimension == "measurability":
            if e.label in spans:
                spans[e.label] += 1
                feats[f"{e.label}:rule={e.rule}"] = 1.0
            elif e.label == "vague_verb" and e.start is not None:
                vague.append(" ".join(text[e.start:e.end].lower().split()[:2]))
            elif e.label == "note":
                feats["note=" + e.rule] = 1.0
            elif e.label == "after_school_time":
                feats["postsecondary_timeframe"] = 1.0
            elif e.label == "outcome":
                feats["outcome=" + str(e.data.get("status"))] = 1.0
        elif e.dimension == "strength":
            if e.label == "deficit":
                deficits += 1
                feats["deficit_cat=" + e.rule] = 1.0
            elif e.label == "strength_class":
                strength = str(e.data.get("value"))
        elif e.dimension == "kind":
            kind = str(e.data.get("value"))
    for name, n in spans.items():
        if n:
            feats[f"{name}:present"] = 1.0
            feats[f"{name}:n"] = float(min(n, 3))
        else:
            feats[f"{name}:absent"] = 1.0
    if vague:
        feats["vague:n"] = float(min(len(vague), 3))
        for v in vague:
            feats["vague=" + v] = 1.0
    feats["strength=" + strength] = 1.0
    feats["deficit:n"] = float(min(deficits, 3))
    feats["kind=" + kind] = 1.0
    feats.update(domain_rule_features(text))
    return feats


def rule_analyses(texts: Sequence[str], kinds: Sequence[str | None] | None = None) -> list[GoalAnalysis]:
    """The rules' analyses of ``texts`` (components, vague verbs, deficits, domain), no model, no scores.

    Training runs the rule components alone, so it never depends on existing artifacts.
    """
    nlp = build_rules_nlp()
    register_extensions()
    docs = []
    for i, text in enumerate(texts):
        doc = nlp.make_doc(fold_case(text[:MAX_GOAL_CHARS]))
        doc._.goal_context = {"kind": kinds[i] if kinds else None}
        docs.append(doc)
    return [rules_analysis(t, evidence(d)) for t, d in zip(texts, nlp.pipe(docs), strict=True)]


def goal_record(text: str, found: Sequence[Evidence]) -> Record:
    """The model input of one goal: its text and the features of the rules' evidence."""
    return {"text": text, "rules": goal_rule_features(text, found)}


def goal_records(analyses: Iterable[GoalAnalysis]) -> list[Record]:
    """Model inputs of rules-only analyses."""
    return [goal_record(a.text, a.evidence) for a in analyses]


# --- lines --------------------------------------------------------------------------


def line_records(texts: Sequence[str], contexts: Sequence[str]) -> list[Record]:
    """Model inputs of document lines: text, section context and the extractor's rule verdict."""
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
