"""Rule-based domain classifier (RUBRIC.md section 4): weighted cue words.

The lexicon ``goalcheck/data/lexicons/domain.json`` lists, per domain, cue words
and phrases with a weight. A goal's score for a domain is the sum of the weights
of the distinct cues found in it; the highest score wins. Where cues overlap
("running records" vs "run"), the longest match takes the span.

Decisions recorded in the lexicon's ``decisions`` block: handwriting legibility,
letter formation and pencil grip are ``motor`` (an occupational-therapy skill),
while composing sentences, paragraphs and essays is ``writing``; setting phrases
("during math class") are ignored; postsecondary wording wins for ``transition``.

The function is pure and fast (about a tenth of a millisecond per goal), so a
learned classifier can be combined with it.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..schema import DOMAINS, Evidence
from .base import add, doc_text, is_english, register_extensions


@dataclass(frozen=True)
class _Cue:
    domain: str
    cue: str
    weight: float
    pattern: re.Pattern[str]
    key: str  # a literal the text must contain for the cue to match ("" = always try)


def cue_key(cue: str) -> str:
    """Literal lower-case prefix of a cue, used to skip hopeless regex searches."""
    if cue.startswith("re:"):
        return ""
    first = re.split(r"[\s*'-]", cue.lower(), maxsplit=1)[0]
    return first


def compile_cue(cue: str) -> re.Pattern[str]:
    """Regex of one lexicon cue (syntax in the lexicon's ``description``).

    Example:
        >>> bool(compile_cue("decod*").search("Decoding CVC words"))
        True
    """
    if cue.startswith("re:"):
        return re.compile(cue[3:], re.IGNORECASE)
    parts: list[str] = []
    for word in cue.split():
        if word == "*":
            parts.append(r"\w+")
        elif word.endswith("*"):
            parts.append(re.escape(word[:-1]) + r"[\w'-]*")
        else:
            parts.append(re.escape(word))
    body = r"[\s-]+".join(parts).replace(r"\-", r"[\s-]?")
    return re.compile(r"(?<![\w/])" + body + r"(?![\w])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _cue_index() -> tuple[dict[str, list[int]], list[int]]:
    """Cues (by position in the lexicon) under the first three letters of their key, and
    those with a shorter key, which every text is tried for."""
    by_start: dict[str, list[int]] = {}
    always: list[int] = []
    for i, cue in enumerate(_lexicon()[0]):
        if len(cue.key) >= 3:
            by_start.setdefault(cue.key[:3], []).append(i)
        else:
            always.append(i)
    return by_start, always


def _candidate_cues(low: str) -> list[_Cue]:
    """The cues whose key the lower-cased text ``low`` contains, in lexicon order (the
    text's three-letter pieces pick them out of the index; the key test does the rest)."""
    cues = _lexicon()[0]
    by_start, always = _cue_index()
    found = set(always)
    for piece in {low[i:i + 3] for i in range(len(low) - 2)}:
        group = by_start.get(piece)
        if group:
            found.update(group)
    return [cues[i] for i in sorted(found) if cues[i].key in low]


@lru_cache(maxsize=1)
def _lexicon() -> tuple[list[_Cue], list[re.Pattern[str]], str]:
    """Compiled cues, setting patterns and default domain (loaded once)."""
    path = resources.files("goalcheck") / "data" / "lexicons" / "domain.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    unknown = set(data["domains"]) - set(DOMAINS)
    if unknown:
        raise ValueError(f"domain.json names unknown domains {sorted(unknown)}; valid: {DOMAINS}")
    cues = [
        _Cue(domain, cue, float(weight), compile_cue(cue), cue_key(cue))
        for domain, table in data["domains"].items()
        for cue, weight in table.items()
        if weight > 0
    ]
    settings = [re.compile(p, re.IGNORECASE) for p in data.get("setting_patterns", [])]
    return cues, settings, data.get("default", "reading")


def _blank(text: str, patterns: list[re.Pattern[str]]) -> str:
    """``text`` with setting phrases replaced by spaces (offsets kept)."""
    for pat in patterns:
        text = pat.sub(lambda m: " " * len(m.group(0)), text)
    return text


def domain_scores(text: str) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Cached :func:`_domain_scores` (the analysis and the models both ask for it); copies."""
    scores, words = _domain_scores(text)
    return dict(scores), {d: list(w) for d, w in words.items()}


@lru_cache(maxsize=4096)
def _domain_scores(text: str) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Score of every domain for ``text`` and the cue words that produced it.

    Example:
        >>> domain_scores("read a passage at 90 wcpm")[0]["reading"] > 0
        True
    """
    text = _blank(text or "", _lexicon()[1])
    low = text.lower()
    hits: list[tuple[int, int, _Cue]] = []
    for cue in _candidate_cues(low):
        for m in _cue_matches(cue, text, low):
            if m.end() > m.start():
                hits.append((m.start(), m.end(), cue))
    # Longest match first; a span already taken by a longer cue of any domain is
    # skipped, but cues of several domains on the very same span all count.
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    taken: list[tuple[int, int]] = []
    scores = {d: 0.0 for d in DOMAINS}
    words: dict[str, list[tuple[int, str]]] = {d: [] for d in DOMAINS}
    seen: set[tuple[str, str]] = set()
    for start, end, cue in hits:
        if any(s < end and start < e and (s, e) != (start, end) for s, e in taken):
            continue
        taken.append((start, end))
        key = (cue.domain, cue.cue)
        if key in seen:
            continue
        seen.add(key)
        scores[cue.domain] += cue.weight
        words[cue.domain].append((start, text[start:end].lower()))
    return scores, {d: [w for _, w in sorted(ws)] for d, ws in words.items()}


def _cue_matches(cue: _Cue, text: str, low: str) -> Iterator[re.Match[str]]:
    """``cue.pattern.finditer(text)``, tried only where the cue's key starts in an ASCII text.

    Every match of a cue begins with its key, so in ASCII text (where ignoring case is
    lower-casing) the leftmost match from any point starts at the key's next occurrence:
    matching there finds the same matches as scanning every position, several times faster.
    """
    if not cue.key or not text.isascii():
        yield from cue.pattern.finditer(text)
        return
    at = low.find(cue.key)
    while at != -1:
        m = cue.pattern.match(text, at)
        if m is None or m.end() == m.start():
            at = low.find(cue.key, at + 1)
        else:
            yield m
            at = low.find(cue.key, m.end())


def domain_decision(text: str) -> tuple[str, float, list[str], str | None]:
    """The goal's domain, a confidence in [0, 1], the cue words that decided it and the runner-up.

    Confidence grows with the winning score and with its share of all the
    cue weight found; with no cue at all the lexicon's default domain is
    returned with confidence 0 and no cue words.

    Example:
        >>> domain_decision("Maya will read a 3rd-grade passage at 90 wcpm.")[:1]
        ('reading',)
    """
    scores, words = domain_scores(text)
    ranked = sorted(DOMAINS, key=lambda d: (-scores[d], DOMAINS.index(d)))
    top, second = ranked[0], ranked[1]
    if scores[top] <= 0:
        return _lexicon()[2], 0.0, [], None
    share = scores[top] / (scores[top] + scores[second])
    confidence = share * (1.0 - math.exp(-scores[top] / 3.0))
    return top, round(confidence, 3), list(dict.fromkeys(words[top])), (
        second if scores[second] > 0 else None)


def classify_domain(text: str) -> tuple[str, float, str]:
    """The goal's domain, a confidence and a short reason (see :func:`domain_decision`).

    Example:
        >>> classify_domain("Maya will read a 3rd-grade passage at 90 wcpm.")[0]
        'reading'
    """
    domain, confidence, cues, runner_up = domain_decision(text)
    if not cues:
        return domain, confidence, "no cue words found"
    detail = "cue words: " + ", ".join(cues) + (f" (next: {runner_up})" if runner_up else "")
    return domain, confidence, detail


class DomainComponent:
    """Adds the cue-word domain decision to ``doc._.evidence`` (the model may revise it later)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        register_extensions()
        _lexicon()

    def __call__(self, doc: Doc) -> Doc:
        if is_english(doc):
            domain, confidence, cues, runner_up = domain_decision(doc_text(doc))
            add(doc, Evidence("domain", "domain", "cue_words", "lexicon", confidence=confidence,
                              data={"value": domain, "cues": cues, "runner_up": runner_up}))
        return doc


@Language.factory("goalcheck/domain", assigns=["doc._.evidence"])
def make_domain(nlp: Language, name: str) -> DomainComponent:
    """spaCy factory: ``nlp.add_pipe("goalcheck/domain")``."""
    return DomainComponent(nlp, name)
