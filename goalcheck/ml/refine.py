"""Component "goalcheck/refine": the trained models' word on the rules' evidence.

For each head a *policy*, chosen at training time (see ``models/MODEL_CARD.md``
and :class:`goalcheck.ml.combine.RuleModelCombiner`), says how the model and
the rules combine. Each decision is added as evidence with ``source="model"``:
a component the model strikes out, a strength class it changes (only where the
deficit spans allow it) or doubts, and the domain. The models are loaded on
first use, from the bundled, checked artifacts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from ..components.base import add, doc_text, evidence, in_batches, is_english, latest, register_extensions
from ..schema import COMPONENTS, Evidence
from .features import goal_record
from .predict import Policy, combine_binary, combine_label, goal_probas, load_models, rule_domain


def component_decisions(found: list[Evidence], p: dict[str, float],
                        policy: dict[str, Policy]) -> list[Evidence]:
    """Evidence for each component whose presence the model changes."""
    out = []
    for c in COMPONENTS:
        if policy[c]["mode"] == "rules":
            continue
        rule = any(e.dimension == "measurability" and e.label == c and e.source != "model"
                   for e in found)
        decided = combine_binary(rule, p[c], policy[c])
        if decided != rule:
            conf = p[c] if decided else 1.0 - p[c]
            out.append(Evidence("measurability", c, f"model_{policy[c]['mode']}", "model",
                                confidence=conf, data={"present": decided}))
    return out


def strength_decision(found: list[Evidence], proba: np.ndarray, classes: list[str],
                      policy: Policy) -> Evidence | None:
    """The model's strength class, when it differs from the lexicon's and the spans allow it."""
    if policy["mode"] == "rules":
        return None
    rule = latest(found, "strength", "strength_class")
    before = str(rule.data["value"]) if rule else "strength_based"
    decided = combine_label(before, proba, classes, policy)
    conf = float(proba[classes.index(decided)])
    if decided == before:
        return None
    has_spans = any(e.dimension == "strength" and e.label == "deficit" for e in found)
    if (decided == "deficit_based") != has_spans:
        # RUBRIC 3: deficit_based means one or more deficit spans; the model cannot add or
        # remove spans, so it only records its doubt.
        return Evidence("strength", "doubt", "model", "model", confidence=conf,
                        data={"value": decided})
    return Evidence("strength", "strength_class", "model", "model", confidence=conf,
                    data={"value": decided, "was": before})


def domain_decision(record: dict[str, Any], proba: np.ndarray, classes: list[str],
                    policy: Policy) -> Evidence:
    """The domain decided from the cue words' verdict and the model's probabilities."""
    rule = rule_domain(record)
    decided = combine_label(rule, proba, classes, policy)
    return Evidence("domain", "domain", "model", "model",
                    confidence=float(proba[classes.index(decided)]),
                    data={"value": decided, "rule_value": rule})


class RefineComponent:
    """Adds the models' decisions to ``doc._.evidence``, a batch at a time."""

    def __init__(self, nlp: Language, name: str, models_dir: str | None = None) -> None:
        self.name = name
        self.models_dir = Path(models_dir) if models_dir else None
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        return in_batches(docs, batch_size, self._refine)

    def _refine(self, docs: list[Doc]) -> list[Doc]:
        todo = [d for d in docs if is_english(d)]
        if not todo:
            return docs
        bundle = load_models(self.models_dir)["goal_models"]
        found = [evidence(d) for d in todo]
        records = [goal_record(doc_text(d), f) for d, f in zip(todo, found, strict=True)]
        policy: dict[str, Policy] = bundle["policy"]
        classes: dict[str, list[str]] = bundle["classes"]
        # Only the heads consulted are computed: not those the rules decide, but always the
        # domain (a goal without cue words takes the model's).
        heads = [h for h in (*COMPONENTS, "strength") if policy[h]["mode"] != "rules"]
        probas = goal_probas(bundle, records, [*heads, "domain"])
        consulted = [c for c in COMPONENTS if c in probas]
        for i, (doc, f, rec) in enumerate(zip(todo, found, records, strict=True)):
            new = component_decisions(f, {c: float(probas[c][i, 1]) for c in consulted}, policy)
            if "strength" in probas:
                s = strength_decision(f, probas["strength"][i], classes["strength"], policy["strength"])
                new += [s] if s else []
            new.append(domain_decision(rec, probas["domain"][i], classes["domain"], policy["domain"]))
            add(doc, new)
        return docs


@Language.factory("goalcheck/refine", assigns=["doc._.evidence"], default_config={"models_dir": None})
def make_refine(nlp: Language, name: str, models_dir: str | None) -> RefineComponent:
    """spaCy factory: ``nlp.add_pipe("goalcheck/refine")`` (after the rule components)."""
    return RefineComponent(nlp, name, models_dir)
