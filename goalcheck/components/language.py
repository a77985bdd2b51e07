"""Component "goalcheck/language": is the goal in English? (RUBRIC 7.25)

It runs first; when the goal is in another language the other goalcheck
components add nothing, and the goal is reported as not analysed.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..language import detect_language
from ..schema import Evidence
from .base import add, doc_text, register_extensions


class LanguageComponent:
    """Adds the detected language to ``doc._.evidence``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        lang = detect_language(doc_text(doc))
        add(doc, Evidence("language", "language", "function_words", "lexicon",
                          confidence=0.9 if lang else 0.5, data={"value": lang}))
        return doc


@Language.factory("goalcheck/language", assigns=["doc._.evidence"])
def make_language(nlp: Language, name: str) -> LanguageComponent:
    """spaCy factory: ``nlp.add_pipe("goalcheck/language", first=True)``."""
    return LanguageComponent(nlp, name)
