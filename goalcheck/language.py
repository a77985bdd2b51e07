"""Is this text English? A small function-word detector (RUBRIC 7.25).

goalcheck's rules and models read English only; a goal in another language is
reported as not analysed, never scored as if it were English. Function words
(articles, prepositions, pronouns, auxiliaries) tell languages apart well even
in short goals, and names or borrowed words ("José", "fútbol") do not move them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

#: Frequent function words of each language (our own short lists).
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the a an and or of to in on at by with for from will be is are was his her "
                    "their they he she it this that when given as than per after before within "
                    "during each out into".split()),
    "es": frozenset("el la los las un una unos unas y o de del al en con por para que se su sus "
                    "es son será está lo le les cuando dado durante cada como según antes después "
                    "mediante hasta".split()),
    "pt": frozenset("o a os as um uma uns umas e ou de do da dos das no na nos nas em com por "
                    "para que se seu sua seus suas é são será está quando durante cada como até "
                    "ao aos pelo pela".split()),
    "fr": frozenset("le la les un une des et ou de du au aux en dans avec par pour que qui se "
                    "son sa ses est sont sera il elle ils elles lorsque pendant chaque comme".split()),
    "de": frozenset("der die das den dem des ein eine einen und oder von zu im in mit für auf "
                    "ist sind wird werden er sie es wenn bei nach vor".split()),
    "it": frozenset("il lo la i gli le un una e o di del della in con per che si suo sua è sono "
                    "sarà quando durante ogni come".split()),
    "vi": frozenset("và của các những một là sẽ có trong với cho khi được không người em học "
                    "sinh đọc viết".split()),
}
_SCRIPTS = {"CJK": "zh", "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "CYRILLIC": "ru",
            "ARABIC": "ar", "HEBREW": "he", "DEVANAGARI": "hi", "THAI": "th", "GREEK": "el"}
MIN_WORDS = 4
#: word -> the languages whose function words it is (one dictionary look-up per word).
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {
    w: tuple(lang for lang, fw in FUNCTION_WORDS.items() if w in fw)
    for w in set().union(*FUNCTION_WORDS.values())
}


@lru_cache(maxsize=8192)
def _letter_script(ch: str) -> str | None:
    """The language whose script the (non-ASCII) letter ``ch`` is written in, if one of :data:`_SCRIPTS`."""
    name = unicodedata.name(ch, "")
    for script, lang in _SCRIPTS.items():
        if name.startswith(script) or f" {script} " in f" {name} ":
            return lang
    return None

#: The English name of each language :func:`detect_language` can report (the one
#: table; explanations, warnings, the CLI and the app all say the name, not the code).
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English", "es": "Spanish", "pt": "Portuguese", "fr": "French", "de": "German",
    "it": "Italian", "vi": "Vietnamese", "zh": "Chinese", "ja": "Japanese", "ko": "Korean",
    "ru": "Russian", "ar": "Arabic", "he": "Hebrew", "hi": "Hindi", "th": "Thai", "el": "Greek",
}


def language_name(code: str | None) -> str:
    """The English name of a language code, or "another language" when it is not known.

    Example:
        >>> language_name("es"), language_name(None)
        ('Spanish', 'another language')
    """
    return LANGUAGE_NAMES.get(code or "", "another language")


def _script_language(text: str) -> str | None:
    if text.isascii():
        return None  # Latin letters only: no other script to count
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return None
    counts: dict[str, int] = {}
    for ch in letters:
        lang = None if ch.isascii() else _letter_script(ch)
        if lang is not None:
            counts[lang] = counts.get(lang, 0) + 1
    if not counts:
        return None
    lang, n = max(counts.items(), key=lambda kv: kv[1])
    return lang if n >= 0.3 * len(letters) else None


def detect_language(text: str) -> str | None:
    """The language of ``text`` as an ISO 639-1 code, or None when it cannot tell (too short).

    Example:
        >>> detect_language("By June 2027, Maya will read 20 sight words with 90% accuracy.")
        'en'
        >>> detect_language("Para junio de 2027, José leerá 20 palabras con el 90% de precisión.")
        'es'
        >>> detect_language("Reads CVC words")
    """
    script = _script_language(text)
    if script:
        return script
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return None
    scores = dict.fromkeys(FUNCTION_WORDS, 0)
    for w in words:
        for lang in _LANGUAGES_OF.get(w, ()):
            scores[lang] += 1
    best = max(scores, key=lambda lang: (scores[lang], lang == "en"))
    if scores[best] == 0:
        return None
    # English wins ties: goals mix English with names and borrowed words.
    if best != "en" and scores[best] <= scores["en"]:
        return "en"
    if best != "en" and scores[best] < 2:
        return None
    return best


def is_english(text: str) -> bool:
    """True unless the text is clearly in another language (short or unclear texts count as English).

    Example:
        >>> is_english("Student will develop social skills.")
        True
        >>> is_english("El estudiante mejorará sus habilidades de lectura durante el año escolar.")
        False
    """
    lang = detect_language(text)
    return lang in (None, "en")
