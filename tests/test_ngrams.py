"""The word-by-word character n-grams give exactly the matrices scikit-learn gives (speed only)."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from goalcheck.components.ngrams import WordNgrams, cache_char_ngrams, cache_char_ngrams_in
from goalcheck.ml.predict import load_models

TRAIN = [
    "By June 2027, Maya will read 20 sight words with 90% accuracy.",
    "Given a visual schedule, the student will transition between activities.",
    "Sam will improve his math skills.",
    "After graduation, Noor will enroll in a culinary program at a community college.",
    "Jo will decode CVC words in 4 of 5 trials, as measured by teacher-charted data.",
    "Lucía escribirá tres oraciones completas.",
]


def _same(a, b) -> None:
    assert a.shape == b.shape and a.dtype == b.dtype
    assert np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
    assert np.array_equal(a.data, b.data)


def _pair(**params):
    plain = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, **params).fit(TRAIN)
    return plain, cache_char_ngrams(copy.deepcopy(plain))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=80), min_size=1, max_size=4))
def test_cached_char_ngrams_give_the_same_matrix(texts: list[str]) -> None:
    plain, cached = _pair()
    _same(plain.transform(texts), cached.transform(texts))
    _same(plain.transform(texts), cached.transform(texts))  # from the cache this time


def test_cached_char_ngrams_on_goals_and_odd_spacing() -> None:
    plain, cached = _pair()
    texts = TRAIN + ["  MAYA  will\tread\n20 WORDS.", "", "İstanbul ß ǅ", "a", "Maya Maya Maya"]
    assert isinstance(cached.build_analyzer(), WordNgrams)
    _same(plain.transform(texts), cached.transform(texts))


def test_only_plain_char_wb_vectorizers_are_changed() -> None:
    for vec in (TfidfVectorizer().fit(TRAIN), TfidfVectorizer(analyzer="char").fit(TRAIN),
                TfidfVectorizer(analyzer="char_wb", strip_accents="unicode").fit(TRAIN),
                TfidfVectorizer(analyzer="char_wb")):  # not fitted
        assert not isinstance(cache_char_ngrams(vec).build_analyzer(), WordNgrams)


def test_the_loaded_models_char_vectorizers_use_the_word_cache() -> None:
    models = load_models()
    found = []

    def walk(obj) -> None:
        if isinstance(obj, dict):
            for v in obj.values():
                walk(v)
        elif hasattr(obj, "get_params"):
            found.extend(v for v in [obj, *obj.get_params(deep=True).values()]
                         if getattr(v, "analyzer", None) == "char_wb")

    walk(models)
    assert found and all(isinstance(v.build_analyzer(), WordNgrams) for v in found)
    cache_char_ngrams_in(models)  # again: nothing wrapped twice
    assert all(type(v.build_analyzer().analyze) is not WordNgrams for v in found)


def test_many_documents_at_once_and_a_cached_vectorizer_refuses_refitting() -> None:
    plain, cached = _pair()
    texts = (TRAIN + ["", "   ", "read read read words"]) * 30
    _same(plain.transform(texts), cached.transform(texts))
    with pytest.raises(ValueError, match="fit a fresh one"):
        cached.fit(TRAIN)
