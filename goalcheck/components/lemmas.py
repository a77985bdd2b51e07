"""Component "goalcheck/lemma_cache": the English rule lemmatizer, each word form lemmatised once.

spaCy's rule lemmatizer caches some of its answers but not those of its
base-form shortcut, which covers most tokens, so the same word with the same
part of speech and morphology is lemmatised again in every goal. The lemma is
a function of exactly that triple (the word, its POS, its morphology), so this
component keeps one answer per triple, across Docs, and asks the pipeline's
own lemmatizer only for a triple it has not seen: the lemmas are the same.

For those new triples, the lemmatizer's word index (lists, searched word by
word) is turned into sets once: it is only ever asked whether a form is in it.
"""

from __future__ import annotations

from typing import Any

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc

#: Triples kept before the cache starts again (a vocabulary's worth; bounds memory).
MAX_ENTRIES = 200_000


class LemmaCache:
    """Sets each token's lemma from the cache, or from ``lemmatizer`` for a new (word, POS, morph)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.lemmatizer: Any = None
        self.cache: dict[tuple[int, int, int], int] = {}

    def use(self, lemmatizer: Any) -> None:
        """Ask ``lemmatizer`` (spaCy's, taken out of the pipeline) for the lemmas of new triples."""
        if "lemma_index" in lemmatizer.lookups:
            index = lemmatizer.lookups.get_table("lemma_index")
            for pos in list(index.keys()):
                index[pos] = frozenset(index[pos])
        self.lemmatizer = lemmatizer
        self.cache.clear()

    def __call__(self, doc: Doc) -> Doc:
        if len(self.cache) > MAX_ENTRIES:
            self.cache.clear()
        strings = doc.vocab.strings
        keys = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        for i, (orth, pos, morph, lemma) in enumerate(keys):
            if lemma:  # already set (as spaCy's lemmatizer, never overwrite)
                continue
            key = (orth, pos, morph)
            lemma = self.cache.get(key)
            if lemma is None:
                lemma = self.cache[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            doc[i].lemma = lemma
        return doc


@Language.factory("goalcheck/lemma_cache", assigns=["token.lemma"])
def make_lemma_cache(nlp: Language, name: str) -> LemmaCache:
    """spaCy factory; ``components.load_english`` hands it the pipeline's lemmatizer."""
    return LemmaCache(nlp, name)
