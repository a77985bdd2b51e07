"""Character n-grams of a fitted TF-IDF vectorizer, cut word by word once per process.

A ``char_wb`` vectorizer's n-grams of a text are those of its words, one word
after another (each padded with a space on either side). Goals share most of
their words, so :func:`cache_char_ngrams` gives a fitted vectorizer an analyzer
that keeps, for each word, its n-grams that are in the vocabulary (``transform``
drops the others anyway) and joins them for a text. scikit-learn's own
``transform`` still counts them and weighs them: the matrices are the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

#: Words kept before the cache starts again (bounds memory on very large runs).
MAX_WORDS = 100_000


class WordNgrams:
    """The vectorizer's analyzer, applied to each word of a text once and remembered."""

    def __init__(self, vectorizer: Any) -> None:
        self.analyze: Callable[[str], list[str]] = vectorizer.build_analyzer()
        self.vocabulary: dict[str, int] = vectorizer.vocabulary_
        self.words: dict[str, list[str]] = {}

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
        vectorizer.build_analyzer = WordNgrams(vectorizer).analyzer
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
