"""``goalcheck evaluate``: held-out metrics of the shipped models, with an ablation.

For each goal head three systems are scored: the rules alone, the model
alone, and the combination ``apply_models`` uses (the head's policy). Figures
are given on the fixed test split (never used for training), on its
handwritten and composed parts separately, by domain and grade band, and as
5-fold cross-validation on the training split. ``models/metrics.json`` holds
them all; its content depends only on the data and the seed.

Example:
    $ goalcheck evaluate --data training_data/
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.metrics import accuracy_score, cohen_kappa_score, f1_score

from .. import scoring
from ..components.domain import classify_domain
from ..components.standards import evaluate_alignment
from ..convert import outcome
from ..extract import THRESHOLD, rule_is_goal_line
from ..schema import COMPONENTS
from ..version import __version__
from .corpus import OUTSIDE, SEED, Corpus, goal_target, head_classes, load_corpus
from .fit import oof_goal_probas, oof_line_labels
from .io import ARTIFACTS, models_dir
from .combine import RuleModelCombiner, Row
from .predict import clear_cache, goal_probas, load_models, rule_domain


log = logging.getLogger(__name__)

SYSTEMS = ("rules", "model", "combined")
_R = 4  # decimals kept in metrics.json


def _round(x: Any) -> float | None:
    """Rounded to ``_R`` decimals; None for an undefined figure (JSON has no NaN)."""
    x = float(x)
    return None if np.isnan(x) else round(x, _R)


# --- decisions of the three systems -----------------------------------------------------


def _rule_answer(corpus: Corpus, i: int, head: str) -> Any:
    a = corpus.analyses[i]
    if head in COMPONENTS:
        return a.components[head].present
    if head == "strength":
        return a.strength_class
    rule = rule_domain(corpus.goal_inputs[i])
    if rule is None:
        rule = classify_domain(a.text)[0]
    return rule


def combiner_inputs(corpus: Corpus, idx: Sequence[int], head: str, proba: np.ndarray) -> list[Row]:
    """Rows of (rules' verdict, model probabilities) of ``head`` over goals ``idx``.

    For the domain, the verdict is the cue words' (None when there is none: the model decides).
    """
    rows: list[Row] = []
    for k, i in enumerate(idx):
        rule = rule_domain(corpus.goal_inputs[i]) if head == "domain" else _rule_answer(corpus, i, head)
        rows.append((rule, proba[k]))
    return rows


def decisions(corpus: Corpus, idx: Sequence[int], head: str, proba: np.ndarray,
              policy: dict[str, Any]) -> list[Any]:
    """The decisions of ``head`` over goals ``idx`` under ``policy`` (probabilities row-aligned)."""
    rows = combiner_inputs(corpus, idx, head, proba)
    if head == "domain" and policy["mode"] == "rules":
        rows = [(_rule_answer(corpus, i, head), p) for i, (_, p) in zip(idx, rows, strict=True)]
    combiner = RuleModelCombiner(head, [policy], [str(c) for c in head_classes(head)])
    combiner.policy_ = dict(policy)
    return combiner.predict(rows)


def gold(corpus: Corpus, idx: Sequence[int], head: str) -> list[Any]:
    """The gold labels of ``head`` (component presence as bools)."""
    return [bool(goal_target(corpus.goals[i], head)) if head in COMPONENTS
            else goal_target(corpus.goals[i], head) for i in idx]


def score_head(corpus: Corpus, idx: Sequence[int], head: str, proba: np.ndarray,
               policy: dict[str, Any]) -> float:
    """Component F1 (present class), strength macro F1, or domain accuracy of one head."""
    pred, want = decisions(corpus, idx, head, proba, policy), gold(corpus, idx, head)
    if head in COMPONENTS:
        return float(f1_score(want, pred, zero_division=0))
    if head == "strength":
        return float(f1_score(want, pred, average="macro", zero_division=0))
    return float(accuracy_score(want, pred))


def _system_policy(system: str, policy: dict[str, Any]) -> dict[str, Any]:
    return {"rules": {"mode": "rules"}, "model": {"mode": "model"}, "combined": policy}[system]


def goal_metrics(corpus: Corpus, idx: Sequence[int], probas: dict[str, np.ndarray],
                 policies: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Every goal figure for the three systems over goals ``idx``."""
    out: dict[str, Any] = {"n": len(idx)}
    if not idx:
        return out
    gold_class = [corpus.goals[i]["measurability_class"] for i in idx]
    for system in SYSTEMS:
        res: dict[str, Any] = {}
        present: dict[str, list[bool]] = {}
        f1s = {}
        for c in COMPONENTS:
            present[c] = decisions(corpus, idx, c, probas[c], _system_policy(system, policies[c]))
            f1s[c] = _round(f1_score(gold(corpus, idx, c), present[c], zero_division=0))
        res["component_f1"] = f1s
        res["component_macro_f1"] = _round(np.mean([v for v in f1s.values() if v is not None]))
        pred_class = [
            scoring.measurability_class(
                [c for c in COMPONENTS if present[c][k]],
                corpus.goals[i].get("kind") or "annual_goal",
                outcome=outcome(corpus.analyses[i].evidence) or "partially_measurable",
            )
            for k, i in enumerate(idx)
        ]
        res["measurability_kappa"] = _round(cohen_kappa_score(gold_class, pred_class))
        res["measurability_accuracy"] = _round(accuracy_score(gold_class, pred_class))
        for head, name in (("strength", "strength"), ("domain", "domain")):
            pred = decisions(corpus, idx, head, probas[head], _system_policy(system, policies[head]))
            want = gold(corpus, idx, head)
            res[f"{name}_macro_f1"] = _round(f1_score(want, pred, average="macro", zero_division=0))
            res[f"{name}_accuracy"] = _round(accuracy_score(want, pred))
        out[system] = res
    return out


def grade_band(grade: str | None) -> str:
    """PK-2, 3-5, 6-8, 9-12 or 18-21 (the datasheet's bands)."""
    if grade in (None, ""):
        return "unknown"
    if grade in ("PK", "K"):
        return "PK-2"
    if grade == "18-21":
        return "18-21"
    g = int(str(grade))
    return "PK-2" if g <= 2 else "3-5" if g <= 5 else "6-8" if g <= 8 else "9-12"


def _breakdown(corpus: Corpus, idx: list[int], probas: dict[str, np.ndarray],
               policies: dict[str, dict[str, Any]], key: str) -> dict[str, Any]:
    groups: dict[str, list[int]] = {}
    for k, i in enumerate(idx):
        g = corpus.goals[i]
        name = g["domain"] if key == "domain" else grade_band(g.get("grade"))
        groups.setdefault(name, []).append(k)
    out = {}
    for name in sorted(groups):
        ks = groups[name]
        sub = goal_metrics(corpus, [idx[k] for k in ks], {h: p[ks] for h, p in probas.items()}, policies)
        comb = sub["combined"]
        out[name] = {"n": sub["n"], "component_macro_f1": comb["component_macro_f1"],
                     "measurability_accuracy": comb["measurability_accuracy"],
                     "strength_accuracy": comb["strength_accuracy"],
                     "domain_accuracy": comb["domain_accuracy"]}
    return out


# --- lines ----------------------------------------------------------------------------------


def _rule_line_label(text: str, context: str) -> str:

    label, p = rule_is_goal_line(text, context)
    if label == "not_goal" or p < THRESHOLD:
        return "not_goal"
    return "objective" if label == "objective" else "annual_goal"


def line_metrics(gold: list[str], pred: list[str]) -> dict[str, Any]:
    """Macro F1 over the three labels and F1 of goal (either kind) vs not-goal."""
    return {
        "n": len(gold),
        "macro_f1": _round(f1_score(gold, pred, average="macro", zero_division=0)),
        "goal_f1": _round(f1_score([g != "not_goal" for g in gold], [p != "not_goal" for p in pred],
                                   zero_division=0)),
        "accuracy": _round(accuracy_score(gold, pred)),
    }


# --- the whole report --------------------------------------------------------------------


def full_report(corpus: Corpus, bundle: dict[str, Any], line_model: Any,
                oof: dict[str, np.ndarray], oof_lines: list[str]) -> dict[str, Any]:
    """All metrics: held-out test (all, handwritten, composed, by domain and grade band), CV, lines."""
    policies = bundle["policy"]
    test = corpus.goal_idx("test")
    raw = goal_probas(bundle, [corpus.goal_inputs[i] for i in test])
    probas = {}
    for h, p in raw.items():
        have = list(bundle["pipelines"][h].named_steps["clf"].classes_)
        want = head_classes(h)
        probas[h] = p if have == want else np.column_stack(
            [p[:, have.index(c)] if c in have else np.zeros(len(test)) for c in want])
    by_source: dict[str, Any] = {"all": goal_metrics(corpus, test, probas, policies)}
    for source in ("handwritten", "composed"):
        ks = [k for k, i in enumerate(test) if corpus.goals[i].get("source") == source]
        by_source[source] = goal_metrics(corpus, [test[k] for k in ks],
                                         {h: p[ks] for h, p in probas.items()}, policies)
    by_source["by_domain"] = _breakdown(corpus, test, probas, policies, "domain")
    by_source["by_grade_band"] = _breakdown(corpus, test, probas, policies, "grade_band")
    train = corpus.goal_idx("train")
    cv_hand = [k for k, i in enumerate(train) if corpus.goals[i].get("source") == "handwritten"]
    goals = {
        "test": by_source,
        "cv_train": {"folds": 5, "all": goal_metrics(corpus, train, oof, policies),
                     "handwritten": goal_metrics(corpus, [train[k] for k in cv_hand],
                                                 {h: p[cv_hand] for h, p in oof.items()}, policies)},
        "policy": policies,
    }
    lt, ltr = corpus.line_idx("test"), corpus.line_idx("train")
    gold_t = [corpus.lines[i]["label"] for i in lt]
    model_t = [str(x) for x in line_model.predict([corpus.line_inputs[i] for i in lt])]
    rules_t = [_rule_line_label(corpus.lines[i]["text"], corpus.lines[i].get("context", "")) for i in lt]
    lines = {
        "test": {"model": line_metrics(gold_t, model_t), "rules": line_metrics(gold_t, rules_t)},
        "cv_train": {"model": line_metrics([corpus.lines[i]["label"] for i in ltr], oof_lines)},
    }
    return {"goals": goals, "lines": lines, "alignment": alignment_metrics(corpus, test)}


def alignment_metrics(corpus: Corpus, idx: list[int]) -> dict[str, Any] | None:
    """The standards ``evaluate_alignment`` figures on the test goals."""
    try:
        figures = evaluate_alignment([corpus.goals[i] for i in idx])
    except Exception as exc:  # noqa: BLE001  report, do not hide the other metrics
        log.warning("evaluate_alignment failed: %s", exc)
        return {"error": type(exc).__name__}
    return {k: _round(v) for k, v in sorted(figures.items())}  # type: ignore[misc]


def provenance(corpus: Corpus, seed: int) -> dict[str, Any]:
    """Data hashes and library versions recorded in every artifact's meta (no clock)."""

    def sha(p: Path) -> str:
        return hashlib.sha256(p.read_bytes()).hexdigest()

    return {
        "training_data_sha256": {
            "goals.jsonl": sha(corpus.data_dir / "goals.jsonl"),
            "lines.jsonl": sha(corpus.data_dir / "lines.jsonl"),
            **({OUTSIDE: sha(corpus.data_dir / OUTSIDE)} if (corpus.data_dir / OUTSIDE).exists()
               else {}),
        },
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__,
                     "goalcheck": __version__},
        "seed": seed,
        "n_train_goals": len(corpus.goal_idx("train")),
        "n_train_lines": len(corpus.line_idx("train")),
    }


def artifact_sizes(directory: Path) -> dict[str, int]:
    """Size of each artifact file in kB (rounded: pickles of equal models can differ by a
    few bytes, and metrics.json must be byte-identical for the same data)."""
    return {f"{n}.joblib": round((directory / f"{n}.joblib").stat().st_size / 1000)
            for n in ARTIFACTS if (directory / f"{n}.joblib").exists()}


def write_metrics(metrics: dict[str, Any], directory: Path) -> Path:
    """Write ``metrics.json`` (sorted keys, fixed rounding: byte-identical for the same data)."""
    path = directory / "metrics.json"
    path.write_text(json.dumps(metrics, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def _f(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def summary_lines(metrics: dict[str, Any]) -> list[str]:
    """A readable table of the main figures."""
    out = ["goal heads, held-out test split (rules / model / combined):"]
    t = metrics["goals"]["test"]
    for part in ("all", "handwritten", "composed"):
        m = t[part]
        if m["n"] == 0:
            continue
        out.append(f"  [{part}, n={m['n']}]")
        for key in ("component_macro_f1", "measurability_kappa", "strength_macro_f1", "domain_accuracy"):
            out.append(f"    {key:<22} " + " / ".join(f"{_f(m[s][key])}" for s in SYSTEMS))
        comb = m["combined"]["component_f1"]
        out.append("    component F1 (combined): " + ", ".join(f"{c} {_f(v)}" for c, v in comb.items()))
    cv = metrics["goals"]["cv_train"]["all"]
    out.append(f"  [5-fold CV on train, n={cv['n']}] combined: component macro F1 "
               f"{_f(cv['combined']['component_macro_f1'])}, kappa {_f(cv['combined']['measurability_kappa'])}, "
               f"strength F1 {_f(cv['combined']['strength_macro_f1'])}, domain acc {_f(cv['combined']['domain_accuracy'])}")
    out.append("  policies: " + ", ".join(
        f"{h}={p['mode']}" + (f"@{p['threshold']}" if "threshold" in p else "")
        for h, p in metrics["goals"]["policy"].items()))
    lt = metrics["lines"]["test"]
    out.append(f"goal lines, test n={lt['model']['n']}: model macro F1 {_f(lt['model']['macro_f1'])}, "
               f"goal F1 {_f(lt['model']['goal_f1'])}; rules macro F1 {_f(lt['rules']['macro_f1'])}, "
               f"goal F1 {_f(lt['rules']['goal_f1'])}; CV model macro F1 "
               f"{_f(metrics['lines']['cv_train']['model']['macro_f1'])}")
    if metrics.get("alignment"):
        out.append("standards alignment (test): " + ", ".join(
            f"{k} {v}" for k, v in metrics["alignment"].items()))
    if metrics.get("artifacts"):
        out.append("artifacts: " + ", ".join(f"{k} {v / 1e3:.2f} MB" for k, v in metrics["artifacts"].items()))
    return out


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``goalcheck evaluate``; returns the exit code."""
    parser = argparse.ArgumentParser(prog="goalcheck evaluate",
                                     description="Held-out metrics and ablation of the models.")
    parser.add_argument("--data", type=Path, default=Path("training_data"),
                        help="directory with goals.jsonl and lines.jsonl (default: training_data/)")
    parser.add_argument("--models", type=Path, default=None,
                        help="artifact directory (default: models/ or $GOALCHECK_MODELS)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"CV seed (default {SEED})")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        parser.error(f"--data {args.data}: not a directory")
    directory = args.models or models_dir()
    clear_cache()
    t0 = time.perf_counter()
    models = load_models(directory)
    load_s = time.perf_counter() - t0
    corpus = load_corpus(args.data)
    train = corpus.goal_idx("train")
    oof = oof_goal_probas(corpus, train, args.seed)
    oof_lines = oof_line_labels(corpus, corpus.line_idx("train"), args.seed)
    metrics = full_report(corpus, models["goal_models"], models["line_model"], oof, oof_lines)
    metrics["artifacts"] = artifact_sizes(directory)
    path = write_metrics(metrics, directory)
    for line in summary_lines(metrics):
        print(line)
    print(f"models loaded in {load_s:.2f} s; metrics written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
