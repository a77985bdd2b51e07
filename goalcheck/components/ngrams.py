"""Faster counting for fitted TF-IDF vectorizers: the same count matrices as scikit-learn's.

A ``char_wb`` vectorizer's n-grams of a text are those of its words, one word
after another (each padded with a space on either side). Goals share most of
their words, so :func:`cache_char_ngrams` gives a fitted vectorizer an analyzer
that keeps, for each word, its n-grams that are in the vocabulary (``transform``
drops the others anyway) and joins them for a text. Its counting step keeps,
for each word, the columns of those n-grams in one flat table,
and builds a batch's count matrix from them with a few array operations instead
of one n-gram at a time.

A ``word`` vectorizer's counting step (:func:`count_word_ngrams`) looks each
document's n-grams up in the vocabulary in one tight loop, without
scikit-learn's per-n-gram bookkeeping.

Both give the count matrix in scikit-learn's canonical CSR form (sorted columns,
duplicates summed); scikit-learn's ``transform`` still weighs and normalises it:
the matrices are the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy as np
import scipy.sparse as sp

try:
    from sklearn.feature_extraction.text import _align_api_if_sparse
except ImportError:  # scikit-learn before 1.8 returns csr_matrix itself
    def _align_api_if_sparse(X: Any) -> Any:
        return sp.csr_matrix(X)

#: Words kept before the cache starts again (bounds memory on very large runs).
MAX_WORDS = 100_000


def _counts(cols: np.ndarray, counts: np.ndarray, indptr: np.ndarray, n_features: int,
            dtype: Any) -> Any:
    """A count matrix in canonical form from each row's columns (repeats allowed) and counts."""
    X = sp.csr_array((counts, cols, indptr), shape=(len(indptr) - 1, n_features), dtype=dtype)
    X.sum_duplicates()
    return _align_api_if_sparse(X)


class WordNgrams:
    """The vectorizer's analyzer, applied to each word of a text once and remembered."""

    def __init__(self, vectorizer: Any) -> None:
        self.analyze: Callable[[str], list[str]] = vectorizer.build_analyzer()
        self.vocabulary: dict[str, int] = vectorizer.vocabulary_
        self.dtype = vectorizer.dtype
        self.words: dict[str, list[str]] = {}
        self._clear_table()

    def _clear_table(self) -> None:
        #: word -> its number; the word's columns are ``cols[start[i]:start[i] + size[i]]``,
        #: one per occurrence of an n-gram in the vocabulary.
        self.ids: dict[str, int] = {}
        self.start = np.zeros(1024, np.intp)
        self.size = np.zeros(1024, np.intp)
        self.cols = np.zeros(16384, np.int32)
        self.used = 0  # entries of cols in use

    def __call__(self, text: str) -> list[str]:
        out: list[str] = []
        for word in text.split():
            grams = self.words.get(word)
            if grams is None:
                if len(self.words) >= MAX_WORDS:
                    self.words.clear()
                grams = [g for g in self.analyze(word) if g in self.vocabulary]
                self.words[word] = grams
            out.extend(grams)
        return out

    def analyzer(self) -> WordNgrams:
        """What the vectorizer's ``build_analyzer`` returns from now on."""
        return self

    def _add(self, words: list[str]) -> None:
        """Number new words, and put their n-grams' columns in the table."""
        get = self.vocabulary.get
        cols: list[int] = []
        sizes: list[int] = []
        for word in words:
            found = [j for j in map(get, self.analyze(word)) if j is not None]
            cols.extend(found)
            sizes.append(len(found))
        i, at = len(self.ids), self.used
        if i + len(words) > len(self.start):
            grown = max(2 * len(self.start), i + len(words))
            self.start, self.size = np.resize(self.start, grown), np.resize(self.size, grown)
        if at + len(cols) > len(self.cols):
            self.cols = np.resize(self.cols, max(2 * len(self.cols), at + len(cols)))
        self.cols[at : at + len(cols)] = cols
        size = np.asarray(sizes, np.intp)
        self.size[i : i + len(words)] = size
        self.start[i : i + len(words)] = at + np.cumsum(size) - size
        self.used = at + len(cols)
        self.ids.update(zip(words, range(i, i + len(words))))

    def count_vocab(self, raw_documents: Iterable[str], fixed_vocab: bool) -> tuple[dict[str, int], Any]:
        """The vectorizer's count matrix, gathered from the table of each word's columns.

        Stands in for the fitted vectorizer's ``_count_vocab`` (``fixed_vocab`` is
        true once fitted, and required): the same counts, in the same canonical CSR form
        (sorted columns, duplicates summed), as scikit-learn's loop over n-grams.
        """
        if not fixed_vocab:
            raise ValueError("this vectorizer's n-grams are cached for transform; fit a fresh one")
        docs = [doc.split() for doc in raw_documents]
        words = [w for doc in docs for w in doc]
        distinct = dict.fromkeys(words)
        if len(self.ids) + len(distinct) > MAX_WORDS:
            self._clear_table()
        new = [w for w in distinct if w not in self.ids]
        if new:
            self._add(new)
        ids = np.fromiter(map(self.ids.__getitem__, words), np.intp, len(words))
        sizes = self.size[ids]
        ends = np.cumsum(sizes)
        # Each word's run of the table, one after another: the rows' columns.
        at = np.arange(int(ends[-1]) if len(ends) else 0) - np.repeat(ends - sizes - self.start[ids], sizes)
        indptr = np.concatenate([[0], ends])[np.cumsum([0, *map(len, docs)])].astype(np.int32)
        return self.vocabulary, _counts(self.cols[at], np.ones(len(at), np.intc), indptr,
                                        len(self.vocabulary), self.dtype)


class TokenNgrams:
    """A fitted ``word`` vectorizer's counting step: each document's n-grams looked up directly."""

    def __init__(self, vectorizer: Any) -> None:
        self.decode = vectorizer.decode
        self.preprocess = vectorizer.build_preprocessor()
        self.tokenize = vectorizer.build_tokenizer()
        self.stop_words = vectorizer.get_stop_words()
        self.min_n, self.max_n = vectorizer.ngram_range
        self.vocabulary: dict[str, int] = vectorizer.vocabulary_
        self.dtype = vectorizer.dtype

    def count_vocab(self, raw_documents: Iterable[str], fixed_vocab: bool) -> tuple[dict[str, int], Any]:
        """Stands in for the fitted vectorizer's ``_count_vocab`` (as :meth:`WordNgrams.count_vocab`).

        The n-grams are scikit-learn's: the tokens less the stop words, then each run
        of ``n`` of them joined by a space, for every ``n`` of the range.
        """
        if not fixed_vocab:
            raise ValueError("this vectorizer's counts are for transform; fit a fresh one")
        get, stop = self.vocabulary.get, self.stop_words
        cols: list[int] = []
        indptr = [0]
        for doc in raw_documents:
            tokens = self.tokenize(self.preprocess(self.decode(doc)))
            if stop is not None:
                tokens = [t for t in tokens if t not in stop]
            for n in range(self.min_n, min(self.max_n, len(tokens)) + 1):
                grams = tokens if n == 1 else [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
                cols.extend([j for j in map(get, grams) if j is not None])
            indptr.append(len(cols))
        return self.vocabulary, _counts(np.asarray(cols, np.int32), np.ones(len(cols), np.intc),
                                        np.asarray(indptr, np.int32), len(self.vocabulary), self.dtype)


def _plain(vectorizer: Any, analyzer: str) -> bool:
    """A fitted vectorizer of this analyzer reading plain strings, not yet changed here."""
    return bool(
        getattr(vectorizer, "analyzer", None) == analyzer
        and getattr(vectorizer, "input", None) == "content"
        and hasattr(vectorizer, "vocabulary_")
        and not isinstance(getattr(vectorizer._count_vocab, "__self__", None), (WordNgrams, TokenNgrams))
    )


def cache_char_ngrams(vectorizer: Any) -> Any:
    """Give a fitted ``char_wb`` vectorizer the word-by-word analyzer (other vectorizers unchanged).

    Only a vectorizer that reads plain strings, lower-cases or not, and strips no
    accents is changed: then each word's n-grams do not depend on the words around it.
    """
    if _plain(vectorizer, "char_wb") and vectorizer.preprocessor is None and vectorizer.strip_accents is None:
        cached = WordNgrams(vectorizer)
        vectorizer.build_analyzer = cached.analyzer
        vectorizer._count_vocab = cached.count_vocab
    return vectorizer


def count_word_ngrams(vectorizer: Any) -> Any:
    """Give a fitted ``word`` vectorizer the direct counting step (other vectorizers unchanged)."""
    if _plain(vectorizer, "word"):
        vectorizer._count_vocab = TokenNgrams(vectorizer).count_vocab
    return vectorizer


def faster_counts(vectorizer: Any) -> Any:
    """:func:`cache_char_ngrams` or :func:`count_word_ngrams`, whichever applies."""
    return count_word_ngrams(cache_char_ngrams(vectorizer))


def estimators_in(obj: Any) -> Iterator[Any]:
    """Every scikit-learn estimator in ``obj`` (itself, its deep parameters, pipelines and
    feature unions included), or in dicts, lists and tuples of them; each once."""
    seen: set[int] = set()
    todo = [obj]
    while todo:
        x = todo.pop()
        if id(x) in seen:
            continue
        seen.add(id(x))
        if isinstance(x, dict):
            todo.extend(x.values())
        elif isinstance(x, (list, tuple)):
            todo.extend(x)
        elif hasattr(x, "get_params"):
            yield x
            todo.extend(x.get_params(deep=True).values())


def faster_counts_in(obj: Any) -> None:
    """:func:`faster_counts` on every vectorizer in ``obj`` (see :func:`estimators_in`)."""
    for estimator in estimators_in(obj):
        faster_counts(estimator)
