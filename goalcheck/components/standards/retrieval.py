"""Inferred standards: the standards a goal's wording is closest to.

A goal is rewritten into the wording of the standards (IEP jargon such as
"wcpm" or "CVC" expanded from ``data/lexicons/iep_vocabulary.json``, criterion
and date boilerplate removed), then ranked against every standard of its
domain's pool by TF-IDF cosine similarity over word and character n-grams.
When the student's grade is known, standards of other grades are
down-weighted (:func:`grade_factor`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from ...grade import grade_rank, parse_grade
from ...schema import StandardMatch
from ..domain import compile_cue, cue_key
from ..ngrams import faster_counts
from .catalogue import Record, grade_span, load_standards, load_vocabulary

log = logging.getLogger(__name__)

_CHAR_WEIGHT = 0.6  # weight of character n-grams against word n-grams
#: domain -> CCSS domains it is matched against; "L:4-6" = Language standards 4-6 only.
POOLS: dict[str, tuple[str, ...]] = {
    "reading": ("RF", "RL", "RI", "L:4-6"),
    "writing": ("W", "L:1-3"),
    "math": ("math",),
    "communication": ("SL",),
}
_STOP = frozenset([
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it",
    "its", "of", "on", "or", "that", "the", "their", "them", "they", "this", "to", "with",
    "will", "e.g.", "i.e.", "etc", "student", "students",
])
_NOISE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\bas\s+(?:measured|evidenced|documented|assessed|monitored)\s+by\b[^.;]*",
        r"\b(?:with|at|to)\s+(?:at\s+least\s+)?\d+\s*%(?:\s+accuracy)?",
        (r"\b\d+\s*(?:out\s+)?(?:of|/)\s*\d+\s+(?:trials|opportunities|probes|sessions|attempts|"
         r"days|times|data\s+points|consecutive\s+\w+)"),
        (r"\b(?:by|before|within)\s+(?:the\s+end\s+of\s+)?(?:january|february|march|april|may|june|"
         r"july|august|september|october|november|december)\b[\s\d,]*"),
        r"\b\d{1,2}/\d{1,2}/\d{2,4}\b",
        r"\baccuracy\b|\bconsecutive\b|\btrials?\b|\bprobes?\b|\bdata\b",
    )
]


@dataclass
class _Index:
    """Fitted TF-IDF index over the standards (built once per process)."""

    codes: list[str]
    records: list[Record]
    word_m: Any  # word part of the L2-normalised standards matrix (CSR, a row per standard)
    char_m: Any  # character part
    word: TfidfVectorizer
    char: TfidfVectorizer
    pools: dict[str, np.ndarray]
    lo: np.ndarray  # lowest grade rank of each standard
    hi: np.ndarray
    parent: list[str | None]
    pool_rows: dict[str, np.ndarray]  # the standards (row numbers) of each pool
    #: Per pool, its standards' word and character parts transposed (CSR, a row per feature).
    pool_t: dict[str, tuple[Any, Any]]


def _in_pool(rec: Record, pool: str) -> bool:
    """True when a standard belongs to one entry of :data:`POOLS`."""
    if pool == "math":
        return bool(rec["subject"] == "math" and rec["domain"] != "MP")
    dom, _, numbers = pool.partition(":")
    if rec["domain"] != dom:
        return False
    if not numbers:
        return True
    lo, hi = (int(x) for x in numbers.split("-"))
    number = int(re.match(r"\d+", rec["code"].split(".")[4]).group(0))  # type: ignore[union-attr]
    return lo <= number <= hi


def _doc_text(rec: Record, standards: dict[str, Record]) -> str:
    """What a standard is matched on: its statement (twice), cluster, domain, parent."""
    parent = standards.get(rec["parent"] or "")
    parts = [rec["statement"], rec["statement"], rec["cluster"], rec.get("domain_name", "")]
    if parent is not None:
        parts.append(parent["statement"])
    return " ".join(p for p in parts if p)


@lru_cache(maxsize=1)
def _expansions() -> list[tuple[str, re.Pattern[str], str]]:
    """(literal key, cue pattern, standards wording) of every IEP-term expansion."""
    return [
        (cue_key(cue), compile_cue(cue), text)
        for group in load_vocabulary()["expansions"].values()
        for cue, text in group.items()
    ]


def expand_query(text: str) -> str:
    """Goal text without criterion boilerplate, plus standards wording for IEP terms.

    Example:
        >>> "fluency" in expand_query("read at 90 wcpm")
        True
    """
    low = (text or "").lower()
    extra = [exp for key, pat, exp in _expansions() if (not key or key in low) and pat.search(text)]
    for pat in _NOISE:
        text = pat.sub(" ", text)
    return " ".join([text, *extra])


@lru_cache(maxsize=1)
def _index() -> _Index:
    """Fit the TF-IDF vectorizers on the standards (lazily, once per process)."""
    standards = load_standards()
    records = [r for r in standards.values() if not r["domain"].startswith("CCRA")]
    docs = [_doc_text(r, standards) for r in records]
    word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words=sorted(_STOP),
                           token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z-]+\b")
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2)
    w = word.fit_transform(docs)
    matrix = normalize(hstack([w, _CHAR_WEIGHT * char.fit_transform(docs)]).tocsr())
    faster_counts(word)  # the same matrices, counted faster
    faster_counts(char)
    n_word = w.shape[1]
    pools = {
        name: np.array([any(_in_pool(r, p) for p in parts) for r in records])
        for name, parts in POOLS.items()
    }
    pools["all"] = np.array([r["domain"] not in {"MP", "RH", "RST", "WHST"} for r in records])
    spans = [grade_span(r) or (0, 12) for r in records]
    log.debug("standards index: %d standards, %d features", *matrix.shape)
    word_m, char_m = matrix[:, :n_word].tocsr(), matrix[:, n_word:].tocsr()
    word_m.sort_indices()
    char_m.sort_indices()
    pool_rows = {name: np.flatnonzero(mask) for name, mask in pools.items()}
    pool_t = {name: (word_m[rows].T.tocsr(), char_m[rows].T.tocsr()) for name, rows in pool_rows.items()}
    return _Index([r["code"] for r in records], records, word_m, char_m, word, char, pools,
                  np.array([s[0] for s in spans]), np.array([s[1] for s in spans]),
                  [r["parent"] for r in records], pool_rows, pool_t)


def grade_factor(lo: np.ndarray, hi: np.ndarray, grade: int | None) -> np.ndarray:
    """Weight of standards written for grades ``lo..hi`` for a student in ``grade``.

    1 within the grade (or its band), 0.5 one grade away, 0.4 two, 0.3 further,
    less 1% a grade so that of equal wordings the nearest grade wins. Standards
    of neighbouring grades are worded almost alike, so the student's grade
    decides between them (top-1 on the train split: 0.655 with 0.8/0.5/0.3,
    0.756 with these); a much closer wording from a distant grade still wins,
    and :func:`.alignment.align` then says that the grades differ.

    Example:
        >>> grade_factor(np.array([3, 9, 9]), np.array([3, 10, 9]), 10).round(3).tolist()
        [0.279, 1.0, 0.495]
    """
    if grade is None:
        return np.ones(len(lo))
    dist = np.maximum(lo - grade, 0) + np.maximum(grade - hi, 0)
    return np.select([dist == 0, dist == 1, dist == 2], [1.0, 0.5, 0.4], 0.3) * (1 - 0.01 * dist)


def _top(idx: _Index, sims: np.ndarray, k: int) -> list[StandardMatch]:
    """Best ``k`` standards, a sub-standard and its parent never both listed."""
    out: list[StandardMatch] = []
    chosen: set[str] = set()
    standards = load_standards()
    for i in np.argsort(-sims, kind="stable"):
        if sims[i] <= 0 or len(out) >= k:
            break
        code, parent = idx.codes[i], idx.parent[i]
        if (parent in chosen) or any(standards[c]["parent"] == code for c in chosen):
            continue
        chosen.add(code)
        rec = idx.records[i]
        out.append(StandardMatch(code, rec["grade"], rec["statement"], float(min(sims[i], 1.0))))
    return out


def infer_many(
    texts: Iterable[str],
    domains: Iterable[str | None],
    grades: Iterable[str | None] | None = None,
    k: int = 3,
) -> list[list[StandardMatch]]:
    """Batched :func:`infer_standards`: one sparse product per domain pool for all goals.

    ``grades``: the students' grades. A goal naming the grade of its material
    ("given a 3rd grade passage") is matched at that grade.
    """
    idx = _index()
    texts = list(texts)
    domains = list(domains)
    grade_list = list(grades) if grades is not None else [None] * len(texts)
    grade_list = [parse_grade(t) or g for g, t in zip(grade_list, texts)]
    queries = [expand_query(t) for t in texts]
    qw = idx.word.transform(queries)
    qc = idx.char.transform(queries)
    sims_all = similarities(idx, qw, qc, [domain if domain in idx.pools else "all" for domain in domains])
    factors: dict[int | None, np.ndarray] = {}
    out: list[list[StandardMatch]] = []
    for row, grade in zip(sims_all, grade_list):
        rank = grade_rank(grade)
        if rank not in factors:
            factors[rank] = grade_factor(idx.lo, idx.hi, rank)
        out.append(_top(idx, row * factors[rank], k))
    return out


def similarities(idx: _Index, qw: Any, qc: Any, pools: list[str]) -> np.ndarray:
    """Cosine similarity of each query (word and character TF-IDF rows) to every standard of
    its pool; 0 for the standards outside it.

    Only a pool's standards are multiplied (a goal is matched within its domain's
    pool), the queries on the left: the work follows the queries' features, not
    every standard's. Each similarity is summed over the shared features in the
    order of the query's (ascending), as a product with the whole index sums it,
    so the values are the same.
    """
    qw.sort_indices()  # (already so, as the vectorizers give them)
    qc.sort_indices()
    norms = np.sqrt(np.asarray(qw.multiply(qw).sum(axis=1)).ravel()
                    + _CHAR_WEIGHT**2 * np.asarray(qc.multiply(qc).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    sims = np.zeros((len(pools), len(idx.codes)))
    for pool in dict.fromkeys(pools):
        queries = np.array([i for i, p in enumerate(pools) if p == pool])
        word_t, char_t = idx.pool_t[pool]
        word = (qw[queries] @ word_t).toarray()
        char = (qc[queries] @ char_t).toarray()
        sims[np.ix_(queries, idx.pool_rows[pool])] = (word + _CHAR_WEIGHT * char) / norms[queries, None]
    return sims


def infer_standards(
    text: str, domain: str | None, grade: str | None = None, k: int = 3
) -> list[StandardMatch]:
    """The ``k`` standards most similar to a goal, within its domain's pool.

    Pools: reading -> RF, RL, RI and Language 4-6 (vocabulary); writing -> W and
    Language 1-3 (conventions); math -> all math content; communication -> SL.

    Example:
        >>> infer_standards("read a 3rd grade passage at 90 wcpm", "reading", "3")[0].code
        'CCSS.ELA-LITERACY.RF.3.4'
    """
    return infer_many([text], [domain], [grade], k)[0]
