"""The faster counting steps give exactly the matrices scikit-learn gives (speed only)."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matrices import assert_same_csr
from sklearn.feature_extraction.text import TfidfVectorizer

from goalcheck.components import ngrams
from goalcheck.components.ngrams import (
    MAX_WORDS,
    TokenNgrams,
    WordNgrams,
    cache_char_ngrams,
    count_word_ngrams,
    faster_counts_in,
)
from goalcheck.ml.predict import load_models

TRAIN = [
    "By June 2027, Maya will read 20 sight words with 90% accuracy.",
    "Given a visual schedule, the student will transition between activities.",
    "Sam will improve his math skills.",
    "After graduation, Noor will enroll in a culinary program at a community college.",
    "Jo will decode CVC words in 4 of 5 trials, as measured by teacher-charted data.",
    "Lucía escribirá tres oraciones completas.",
]


def _pair(**params):
    plain = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, **params).fit(TRAIN)
    return plain, cache_char_ngrams(copy.deepcopy(plain))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=80), min_size=1, max_size=4))
def test_cached_char_ngrams_give_the_same_matrix(texts: list[str]) -> None:
    plain, cached = _pair()
    assert_same_csr(plain.transform(texts), cached.transform(texts))
    assert_same_csr(plain.transform(texts), cached.transform(texts))  # from the cache this time


def test_cached_char_ngrams_on_goals_and_odd_spacing() -> None:
    plain, cached = _pair()
    texts = TRAIN + ["  MAYA  will\tread\n20 WORDS.", "", "İstanbul ß ǅ", "a", "Maya Maya Maya"]
    assert isinstance(cached.build_analyzer(), WordNgrams)
    assert_same_csr(plain.transform(texts), cached.transform(texts))


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
    faster_counts_in(models)  # again: nothing wrapped twice
    assert all(type(v.build_analyzer().analyze) is not WordNgrams for v in found)


def test_the_loaded_models_word_vectorizers_count_directly() -> None:
    models = load_models()
    found = [e for e in ngrams.estimators_in(models) if getattr(e, "analyzer", None) == "word"]
    assert found and all(isinstance(v._count_vocab.__self__, TokenNgrams) for v in found)


def test_many_documents_at_once_and_a_cached_vectorizer_refuses_refitting() -> None:
    plain, cached = _pair()
    texts = (TRAIN + ["", "   ", "read read read words"]) * 30
    assert_same_csr(plain.transform(texts), cached.transform(texts))
    with pytest.raises(ValueError, match="fit a fresh one"):
        cached.fit(TRAIN)


def _word_pair(**params):
    plain = TfidfVectorizer(sublinear_tf=True, **params).fit(TRAIN * 2)
    return plain, count_word_ngrams(copy.deepcopy(plain))


WORD_PARAMS = [
    {"ngram_range": (1, 2)},
    {"ngram_range": (1, 2), "stop_words": ["the", "will", "a"], "token_pattern": r"(?u)\b[a-zA-Z][a-zA-Z-]+\b"},
    {"ngram_range": (2, 3), "lowercase": False},
    {"ngram_range": (1, 1), "min_df": 2},
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=80), min_size=1, max_size=4),
       st.sampled_from(WORD_PARAMS))
def test_direct_word_counts_give_the_same_matrix(texts: list[str], params: dict) -> None:
    plain, direct = _word_pair(**params)
    assert_same_csr(plain.transform(texts), direct.transform(texts))


def test_direct_word_counts_on_goals_and_refitting() -> None:
    for params in WORD_PARAMS:
        plain, direct = _word_pair(**params)
        assert isinstance(direct._count_vocab.__self__, TokenNgrams)
        texts = (TRAIN + ["  MAYA  will\tread\n20 WORDS.", "", "İstanbul ß ǅ", "a", "will will the will"]) * 3
        assert_same_csr(plain.transform(texts), direct.transform(texts))
    with pytest.raises(ValueError, match="fit a fresh one"):
        direct.fit(TRAIN)


def test_the_word_table_starts_again_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ngrams, "MAX_WORDS", 30)
    plain, cached = _pair()
    sizes = []
    for i in range(6):
        texts = [TRAIN[i], f"word{i} word{i + 1}"]
        assert_same_csr(plain.transform(texts), cached.transform(texts))
        sizes.append(len(cached.build_analyzer().ids))
    assert max(sizes) <= 30 and any(b < a for a, b in zip(sizes, sizes[1:]))
    assert MAX_WORDS > 30
