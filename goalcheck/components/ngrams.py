"""Character n-grams of a fitted TF-IDF vectorizer, cut word by word once per process.

A ``char_wb`` vectorizer's n-grams of a text are those of its words, one word
after another (each padded with a space on either side). Goals share most of
their words, so :func:`cache_char_ngrams` gives a fitted vectorizer an analyzer
that keeps, for each word, its n-grams that are in the vocabulary (``transform``
drops the others anyway) and joins them for a text. Its counting step keeps,
for each word, the columns of those n-grams and their counts, and builds a
batch's count matrix from them in one go instead of one n-gram at a time;
scikit-learn's ``transform`` still weighs and normalises it: the matrices are
the same.
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


class WordNgrams:
    """The vectorizer's analyzer, applied to each word of a text once and remembered."""

    def __init__(self, vectorizer: Any) -> None:
        self.analyze: Callable[[str], list[str]] = vectorizer.build_analyzer()
        self.vocabulary: dict[str, int] = vectorizer.vocabulary_
        self.dtype = vectorizer.dtype
        self.words: dict[str, list[str]] = {}
        self.columns: dict[str, tuple[np.ndarray, np.ndarray]] = {}

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

    def _columns(self, word: str) -> tuple[np.ndarray, np.ndarray]:
        """The vocabulary columns of ``word``'s n-grams and how often each occurs, cached."""
        entry = self.columns.get(word)
        if entry is None:
            if len(self.columns) >= MAX_WORDS:
                self.columns.clear()
            counts: dict[int, int] = {}
            for gram in self(word):
                j = self.vocabulary[gram]
                counts[j] = counts.get(j, 0) + 1
            entry = (np.fromiter(counts, np.int32, len(counts)),
                     np.fromiter(counts.values(), np.intc, len(counts)))
            self.columns[word] = entry
        return entry

    def count_vocab(self, raw_documents: Iterable[str], fixed_vocab: bool) -> tuple[dict[str, int], Any]:
        """The vectorizer's count matrix, built from each word's cached columns.

        Stands in for the fitted vectorizer's ``_count_vocab`` (``fixed_vocab`` is
        true once fitted, and required): the same counts, in the same canonical CSR form
        (sorted columns, duplicates summed), as scikit-learn's loop over n-grams.
        """
        if not fixed_vocab:
            raise ValueError("this vectorizer's n-grams are cached for transform; fit a fresh one")
        cols: list[np.ndarray] = []
        counts: list[np.ndarray] = []
        indptr = [0]
        for doc in raw_documents:
            end = indptr[-1]
            for word in doc.split():
                c, n = self._columns(word)
                if c.size:
                    cols.append(c)
                    counts.append(n)
                    end += c.size
            indptr.append(end)
        X = sp.csr_array(
            (np.concatenate(counts) if counts else np.zeros(0, np.intc),
             np.concatenate(cols) if cols else np.zeros(0, np.int32),
             np.asarray(indptr, dtype=np.int32)),
            shape=(len(indptr) - 1, len(self.vocabulary)), dtype=self.dtype,
        )
        X.sum_duplicates()
        return self.vocabulary, _align_api_if_sparse(X)


def cache_char_ngrams(vectorizer: Any) -> Any:
    """Give a fitted ``char_wb`` vectorizer the word-by-word analyzer (other vectorizers unchanged).

    Only a vectorizer that reads plain strings, lower-cases or not, and strips no
    accents is changed: then each word's n-grams do not depend on the words around it.
    """
    if (
        getattr(vectorizer, "analyzer", None) == "char_wb"
        and getattr(vectorizer, "input", None) == "content"
        and vectorizer.preprocessor is None
        and vectorizer.strip_accents is None
        and hasattr(vectorizer, "vocabulary_")
        and not isinstance(getattr(vectorizer.build_analyzer, "__self__", None), WordNgrams)
    ):
        cached = WordNgrams(vectorizer)
        vectorizer.build_analyzer = cached.analyzer
        vectorizer._count_vocab = cached.count_vocab
    return vectorizer


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


def cache_char_ngrams_in(obj: Any) -> None:
    """:func:`cache_char_ngrams` on every vectorizer in ``obj`` (see :func:`estimators_in`)."""
    for estimator in estimators_in(obj):
        cache_char_ngrams(estimator)
