"""Component "goalcheck/measurability": the six components of RUBRIC.md section 2.

Timeframe, criterion, measurement and condition come from the regular
expressions of ``data/patterns/measurability.json``; learner and behavior come
from the tagged tokens around "will" (or an objective's opening verb) and the
verb lexicons of ``data/lexicons/verbs.json``. Overlaps are resolved in that
order: a number inside a timeframe is not a criterion, a number describing the
material of a condition is not a criterion, and so on.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.attrs import IDX, LOWER
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from ..data import REGEX_COMPONENTS, component_patterns
from ..literals import (
    Needs,
    ascii_lower,
    literals_of,
    may_match,
    may_match_present,
    needs_of,
    present_literals,
)
from ..schema import Evidence
from .base import add, doc_text, is_english, register_extensions
from .text import prefix_length

_BOUNDARY = re.compile(r"[,;:!?()\u2591]|\.(?!\d)|\s(?:will|shall)\s|\s(?:and|or|but)\s+(?=(?:he|she|they|then)\b)")
_MAX_EXTEND = 90  # characters a condition or measurement clause may run on


@dataclass(frozen=True)
class Found:
    """A span found by a rule: label, character offsets, the rule's id and confidence."""

    label: str
    start: int
    end: int
    rule: str
    confidence: float = 0.9


@dataclass
class MeasurabilityResult:
    """Everything the component found in one goal."""

    components: dict[str, list[Found]] = field(default_factory=dict)
    vague_verbs: list[Found] = field(default_factory=list)
    postsecondary: bool = False
    notes: list[str] = field(default_factory=list)


def _data(path: str) -> Any:
    return json.loads(resources.files("goalcheck").joinpath(path).read_text(encoding="utf-8"))


def patterns() -> dict[str, list[tuple[str, re.Pattern[str], dict[str, Any]]]]:
    """The compiled component patterns, macros expanded (see :func:`goalcheck.data.component_patterns`)."""
    return component_patterns()


@lru_cache(maxsize=1)
def _screened() -> tuple[dict[str, list[tuple[str, re.Pattern[str], dict[str, Any], Needs | None]]],
                        tuple[str, ...]]:
    """:func:`patterns` each with its pre-test literals, and all those literals."""
    pats = patterns()
    with_needs = {label: [(rule, rx, spec, needs_of(rx)) for rule, rx, spec in rules]
                  for label, rules in pats.items()}
    return with_needs, literals_of([rx for rules in pats.values() for _, rx, _ in rules])


@dataclass(frozen=True)
class VerbLexicon:
    """Observable verbs (lemma -> domains), vague verbs and phrases, and the rules of
    counted actions (RUBRIC 7.19) and of misspelt verbs."""

    observable: dict[str, list[str]]
    vague: frozenset[str]
    vague_phrases: re.Pattern[str]
    observable_patterns: re.Pattern[str]
    vague_patterns: re.Pattern[str]
    counted_verbs: frozenset[str]
    measure_of: re.Pattern[str]
    actions: frozenset[str]
    not_actions: frozenset[str]
    near_words: frozenset[str]  # real words one slip from a listed verb: not typos


@lru_cache(maxsize=1)
def verbs() -> VerbLexicon:
    """The verb lexicons of RUBRIC.md section 2 (observable) and 7.3/7.12/7.15 (vague)."""
    raw = _data("data/lexicons/verbs.json")
    vague_all = list(raw["vague"]) + list(raw["postsecondary_vague"])
    phrases = sorted((v for v in vague_all if " " in v), key=len, reverse=True)
    phrase_rx = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    counted = raw["counted"]

    def anchored(rxs: list[str]) -> re.Pattern[str]:
        return re.compile("^(?:" + "|".join(f"(?:{r})" for r in rxs) + ")", re.IGNORECASE)

    return VerbLexicon(
        observable=raw["observable"],
        vague=frozenset(v for v in vague_all if " " not in v),
        vague_phrases=re.compile(rf"^(?:{phrase_rx})\b", re.IGNORECASE),
        observable_patterns=anchored(raw["observable_patterns"]),
        vague_patterns=anchored(raw["vague_patterns"]),
        counted_verbs=frozenset(counted["verbs"]),
        measure_of=re.compile(counted["measure_of"], re.IGNORECASE),
        actions=frozenset(counted["actions"]),
        not_actions=frozenset(counted["not_actions"]),
        near_words=frozenset(raw["near_lexicon_words"]),
    )


# --- placeholders (RUBRIC 7.21) ----------------------------------------------------

#: What a placeholder's characters become before the component patterns run: not
#: a word character nor a space, so no pattern matches through or across it.
MASK = "\u2591"


@dataclass(frozen=True)
class PlaceholderRules:
    marks: list[tuple[str, re.Pattern[str]]]
    slots: list[tuple[str, str, re.Pattern[str]]]  # (component, where, pattern)


@lru_cache(maxsize=1)
def placeholder_rules() -> PlaceholderRules:
    raw = _data("data/patterns/measurability.json")["placeholders"]
    marks = [(m["id"], re.compile(m["regex"], re.IGNORECASE)) for m in raw["marks"]]
    slots = [
        (slot["component"], where, re.compile(slot[where], re.IGNORECASE))
        for slot in raw["slots"] for where in ("inside", "before", "after") if where in slot
    ]
    return PlaceholderRules(marks, slots)


@lru_cache(maxsize=4096)
def find_placeholders(text: str) -> tuple[Found, ...]:
    """Placeholders of ``text`` ("[date]", "___", "XX%", "(Child's name)"), each labelled
    with the component whose place it holds ("placeholder" when it cannot be told).

    Example:
        >>> [(f.label, f.rule) for f in find_placeholders("By [date], Jo will read ___ words.")]
        [('timeframe', 'bracket'), ('criterion', 'blank')]
    """
    rules = placeholder_rules()
    spans: list[tuple[int, int, str]] = []
    low = ascii_lower(text)
    for rule, rx in rules.marks:
        if not may_match(needs_of(rx), low):
            continue
        for m in rx.finditer(text):
            if not any(m.start() < e and s < m.end() for s, e, _ in spans):
                spans.append((m.start(), m.end(), rule))
    out = []
    for start, end, rule in sorted(spans):
        label = "placeholder"
        inside, before, after = text[start:end], text[max(0, start - 40) : start], text[end : end + 30]
        for component, where, rx in rules.slots:
            if rx.search({"inside": inside, "before": before, "after": after}[where]):
                label = component
                break
        out.append(Found(label, start, end, rule, 0.9))
    return tuple(out)


def mask_placeholders(text: str, placeholders: tuple[Found, ...] | list[Found] | None = None) -> str:
    """``text`` with every placeholder's characters replaced by :data:`MASK` (offsets kept)."""
    found = find_placeholders(text) if placeholders is None else placeholders
    if not found:
        return text
    chars = list(text)
    for f in found:
        chars[f.start : f.end] = MASK * (f.end - f.start)
    return "".join(chars)


# --- regex components ------------------------------------------------------------


def _overlaps(start: int, end: int, spans: list[Found]) -> bool:
    return any(start < f.end and f.start < end for f in spans)


def _extend(text: str, start: int, end: int, stops: list[Found]) -> int:
    """Extend a clause from ``end`` to the next boundary or the next found span."""
    limit = min(len(text), end + _MAX_EXTEND)
    m = _BOUNDARY.search(text, end, limit)
    stop = m.start() if m else limit
    for f in stops:
        if end <= f.start < stop:
            stop = f.start
    while stop > end and text[stop - 1] in " \t\n":
        stop -= 1
    return max(stop, end)


def _merge(found: list[Found]) -> list[Found]:
    out: list[Found] = []
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        if out and f.start <= out[-1].end:
            last = out[-1]
            if f.end > last.end:
                out[-1] = Found(last.label, last.start, f.end, last.rule, last.confidence)
        else:
            out.append(f)
    return out


def find_regex_components(text: str, start: int = 0) -> tuple[dict[str, list[Found]], bool]:
    """Timeframe, criterion, measurement and condition spans of ``text`` from ``start``.

    Returns the spans by component and whether a post-school timeframe was found.
    A placeholder is not a component (RUBRIC 7.21): patterns never match through
    one, and a clause whose content is only a placeholder ("as measured by ___",
    "given [condition]") is not found.
    """
    text = mask_placeholders(text)
    pats, literals = _screened()
    present = present_literals(literals, ascii_lower(text))
    taken: list[Found] = []
    result: dict[str, list[Found]] = {}
    postsecondary = False
    material: list[Found] = []
    for label in REGEX_COMPONENTS:
        if label == "criterion":
            material = _material_clauses(text, start, taken)
        found: list[Found] = []
        for rule, rx, spec, needs in pats[label]:
            if not may_match_present(needs, present):
                continue
            for m in rx.finditer(text, start):
                s, e = m.start(), m.end()
                while e > s and text[e - 1] in " \t\n":
                    e -= 1
                if e <= s or _overlaps(s, e, taken):
                    continue
                if rule in _MATERIAL_SENSITIVE and _overlaps(s, e, material):
                    continue  # RUBRIC 7.4: numbers describing the material are a condition
                extend = (label == "measurement" and spec.get("extend")) or (
                    label == "condition" and not spec.get("fixed"))
                if extend:
                    cue_end = e
                    e = _extend(text, s, e, taken)
                    if e == cue_end and text[e:].lstrip(" ").startswith(MASK):
                        continue  # "as measured by ___": the content is a placeholder
                found.append(Found(label, s, e, rule))
                if spec.get("postsecondary"):
                    postsecondary = True
        merged = _merge(found)
        if label == "condition":
            merged = [f for f in merged if _is_real_condition(text, f)]
        result[label] = merged
        taken.extend(merged)
    return result, postsecondary


_MATERIAL_SENSITIVE = {"count", "amount"}


def _material_clauses(text: str, start: int, taken: list[Found]) -> list[Found]:
    """Clauses opened by 'given'/'presented with': the material a task is done on."""
    out = []
    for rule, rx, _ in patterns()["condition"]:
        if rule in ("given", "material"):
            for m in rx.finditer(text, start):
                out.append(Found("condition", m.start(), _extend(text, m.start(), m.end(), taken), rule))
    return out


_NOT_CONDITION = re.compile(
    r"^(?:with|in|on|at)\s+(?:accuracy|improvement|fluency|expression|ease|confidence|success|"
    r"mastery|independence|correct|appropriate)\b",
    re.IGNORECASE,
)


def _is_real_condition(text: str, f: Found) -> bool:
    return not _NOT_CONDITION.match(text[f.start : f.end])


# --- learner and behavior from tokens ---------------------------------------------

_WILL = {"will", "shall", "wil", "willl", "wll", "'ll"}
_SKIP_AFTER_WILL = re.compile(
    r"^(?:\(?[a-z1-9]\)\s+|[:\-\u2013]\s*|no\s+longer\s+|"
    r"(?:be\s+able|continue|learn\s+how|be\s+expected|be\s+required|need)\s+to\s+|"
    r"(?:independently|accurately|correctly|consistently|also|then|now|appropriately|"
    r"successfully|fluently|orally|verbally|quickly|safely|legibly|spontaneously|"
    r"regularly|routinely|reliably|effectively|actively|calmly|voluntarily|"
    r"functionally|physically|neatly|daily|first|each|every|both|either|not|never|now|then)\s+)+",
    re.IGNORECASE,
)
_LEARNER_NOUNS = {
    "student", "child", "learner", "pupil", "individual", "youth", "man", "woman", "boy",
    "girl", "kindergartner", "kindergartener", "teen", "adolescent", "senior", "adult",
    "students", "preschooler", "toddler", "son", "daughter",
}
_NON_LEARNER = {"skills", "skill", "fluency", "behavior", "behaviors", "performance", "goal",
                "progress", "data", "team", "teacher", "parent", "parents", "staff", "services",
                "he/she", "it", "this", "that", "which", "who", "there"}
_LEARNER_PRONOUNS = {"he", "she", "they", "i", "he/she", "she/he", "s/he", "they/them"}
_RESCUE = {"by", "through", "while", "when"}


#: "hopes to", "plans to": a wish or a plan, not a goal (RUBRIC 2 Indicator 13, 7.12, 7.23).
_WISH_VERBS = {"hope", "hopes", "want", "wants", "wish", "wishes", "dreams", "like", "likes",
               "plan", "plans", "intend", "intends", "aim", "aims"}
#: "SWBAT" = "(the) student will be able to": the learner and "will" in one word (RUBRIC 7.18).
_SWBAT = {"swbat", "tswbat", "swbat:", "s.w.b.a.t."}
_BE_FORMS = {"is", "are", "am", "was", "were", "'s", "be"}


#: The words an anchor of the action starts with (as spaCy string ids, compared with token.lower).
_ANCHOR_IDS = frozenset(get_string_id(w) for w in _WILL | _SWBAT | _WISH_VERBS | {"going", "able"})


def _find_will(doc: Doc, start_char: int) -> list[tuple[Token, Token | None]]:
    """Anchors of the action: "will"/"shall", "is going to", "is able to", "SWBAT",
    or "hopes to"/"plans to" (anchor, wish verb)."""
    out: list[tuple[Token, Token | None]] = []
    for i, (lower, idx) in enumerate(doc.to_array([LOWER, IDX]).tolist()):
        if lower not in _ANCHOR_IDS or idx < start_char:
            continue  # only these words can open any of the cases below
        t = doc[i]
        if t.lower_ in _WILL or t.lower_ in _SWBAT:
            out.append((t, None))
        elif (
            t.lower_ in {"going", "able"} and 0 < t.i < len(doc) - 1 and doc[t.i + 1].lower_ == "to"
            and doc[t.i - 1].lower_ in _BE_FORMS - {"be"}
        ):
            out.append((doc[t.i + 1], None))  # "Javier is going to write", "Jo is able to name"
        elif (
            t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to"
            and t.lower_ in _WISH_VERBS
        ):
            out.append((doc[t.i + 1], t))
    return out


def _sentence_subject(doc: Doc, before: int, blocked: list[Found], folded: bool) -> Found | None:
    """The learner opening the clause that ``before`` (a conjunction) continues."""
    start = before
    while start > 0 and doc[start - 1].text not in {".", ";", ":"}:
        start -= 1
    for k in range(start, before):
        nxt = doc[k + 1]
        if nxt.pos_ in {"AUX", "VERB"} or nxt.tag_ == "MD":
            return _learner_before(doc, nxt, blocked, folded)
    return None


def _learner_before(doc: Doc, will: Token, blocked: list[Found], folded: bool) -> Found | None:
    """The subject right before "will": a name, a pronoun, "the student", "[Student]"."""
    i = will.i - 1
    while i >= 0 and doc[i].pos_ == "ADV" and doc[i].lower_.endswith("ly"):
        i -= 1  # "Maya independently will"
    if i >= 0 and doc[i].text == ")":
        # "Amara (age 3) will": skip the parenthesis after the name.
        j = i
        while j > 0 and doc[j].text != "(" and i - j < 8:
            j -= 1
        if doc[j].text == "(":
            i = j - 1
    elif i >= 2 and doc[i].text == "," and any(t.like_num for t in doc[max(i - 4, 0) : i]):
        # "DeShawn, age 19, will": skip a short appositive with the age or grade.
        for j in range(i - 1, max(i - 5, 0), -1):
            if doc[j].text == ",":
                i = j - 1
                break
    if i >= 0 and doc[i].text == ",":
        # "Aliyah, who uses a wheelchair, will ...": the subject is before the clause.
        for j in range(i - 1, max(i - 16, 0), -1):
            if doc[j].lower_ in {"who", "whose"} and j >= 1 and doc[j - 1].text == ",":
                i = j - 2
                break
    if i >= 0 and doc[i].lower_ in {"and", "but", "so"}:
        # "Jo cannot stay seated and will ...": the subject of the sentence's first clause.
        return _sentence_subject(doc, i, blocked, folded)
    if i < 0:
        return None
    last = doc[i]
    first = last
    if last.text in {"]", ")", ">", "}"} or last.text.startswith("__"):
        return None  # "[Student] will", "(Child's name) will": a placeholder (RUBRIC 7.21)
    elif last.lower_ in _LEARNER_PRONOUNS:
        pass
    elif last.lower_ in _LEARNER_NOUNS:
        j = i
        while j - 1 >= 0 and doc[j - 1].pos_ in {"DET", "ADJ"} and i - j < 3:
            j -= 1
        first = doc[j]
    elif last.pos_ == "PROPN" or (last.is_title and last.is_alpha) or (
        folded and last.pos_ in {"NOUN", "PROPN"} and last.is_alpha
    ):
        lex = verbs()
        if last.lower_ in _NON_LEARNER or last.lower_ in lex.actions or last.lower_ in lex.not_actions:
            return None  # "Compliance will occur", "Reading will improve": not a learner
        j = i
        while j - 1 >= 0 and i - j < 2 and (doc[j - 1].pos_ == "PROPN" or doc[j - 1].is_title) and doc[j - 1].is_alpha:
            j -= 1
        first = doc[j]
    else:
        return None
    start, end = first.idx, last.idx + len(last.text)
    if _overlaps(start, end, blocked):
        return None
    return Found("learner", start, end, "subject_of_will", 0.9)


_TAKES_TO = {"point", "respond", "listen", "attend", "transition", "return", "adhere", "refer", "reply"}


def _verb_span(doc: Doc, tok: Token) -> tuple[int, int]:
    end_tok = tok
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and (
        nxt.tag_ == "RP"
        or nxt.lower_ == "aloud"
        or (nxt.lower_ == "to" and _lemma(tok) in _TAKES_TO)
    ):
        end_tok = nxt
    return tok.idx, end_tok.idx + len(end_tok.text)


def _lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    if lemma == "-pron-" or not lemma:
        lemma = tok.lower_
    if tok.lower_ in _BE_FORMS:
        return "be"
    return lemma


def typing_slips(word: str) -> set[str]:
    """Strings one typing slip from ``word``: a letter dropped, added, changed, or two swapped."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in letters}
    out |= {a + c + b for a, b in splits for c in letters}
    return out


@lru_cache(maxsize=2048)
def misspelt_verb(word: str) -> str | None:
    """The listed verb that ``word`` misspells by one slip ("dmeonstrate" -> "demonstrate"),
    or None: listed words, real English words near a listed verb, and words under five
    letters are never read as misspellings.

    Example:
        >>> misspelt_verb("dmeonstrate"), misspelt_verb("lean"), misspelt_verb("demonstrate")
        ('demonstrate', None, None)
    """
    lex = verbs()
    word = word.lower()
    if len(word) < 5 or not word.isalpha() or word in lex.near_words:
        return None
    if word in lex.observable or word in lex.vague:
        return None
    forms = {word}
    for suffix in ("s", "es", "ed", "ing"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            stem = word[: -len(suffix)]
            if stem in lex.near_words:
                return None  # "leaning": a real word's inflection
            forms.add(stem)
    listed = [v for v in sorted(lex.observable) + sorted(lex.vague) if len(v) >= 4]
    for form in forms:
        near = typing_slips(form)
        for verb in listed:
            if verb in near:
                return verb
    return None


def _counted_object(doc: Doc, tok: Token, lex: VerbLexicon) -> str | None:
    """RUBRIC 7.19: 'observable' when "increase/decrease" counts a named action ("her
    use of hand raising", "call-outs", "the number of requests"), 'vague' when it
    names a skill or quality ("his reading skills", "independence"), None otherwise."""
    rest = doc_text(doc)[tok.idx + len(tok.text) :].lstrip()
    if lex.measure_of.match(rest):
        return "observable"
    bare = re.sub(r"^(?:(?:his|her|their|the|its|an?|more|fewer|less)\s+)+", "", rest.lower())
    if any(bare.startswith(a) and not bare[len(a) : len(a) + 1].isalpha() for a in lex.actions):
        return "observable"  # "on-task behavior", "eye contact"
    chunk: list[Token] = []
    for t in doc[tok.i + 1 : tok.i + 8]:
        if t.tag_ in {"DT", "PRP$", "JJ", "JJR", "NN", "NNS", "NNP", "NNPS", "VBG", "HYPH"} or (
            t.text == "-" or (chunk and chunk[-1].text == "-")
        ):
            chunk.append(t)
            continue
        break
    nouns = [t for t in chunk if t.text != "-"]
    if not nouns:
        return None
    phrase = doc_text(doc)[chunk[0].idx : chunk[-1].idx + len(chunk[-1].text)].lower()
    head = nouns[-1].lower_
    if head in lex.not_actions or nouns[-1].lemma_.lower() in lex.not_actions:
        return "vague"
    if any(phrase.endswith(a) for a in lex.actions) or head in lex.actions:
        return "observable"
    if nouns[-1].tag_ == "VBG" or nouns[-1].lemma_.lower() in lex.observable:
        return "observable"  # "hand raising", "requests"
    return None


def _classify_verb(
    doc: Doc, tok: Token, lex: VerbLexicon, after: str
) -> tuple[str, int, str]:
    """('observable'|'vague'|'none', phrase end char, rule) for a candidate verb at ``tok``."""
    m = lex.observable_patterns.match(after)
    if m:
        return "observable", tok.idx + m.end(), "observable_phrase"
    m = lex.vague_phrases.match(after) or lex.vague_patterns.match(after)
    if m:
        return "vague", tok.idx + m.end(), "vague_phrase"
    lemma = _lemma(tok)
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and not doc[tok.i + 1].whitespace_:
        last = doc[tok.i + 2]
        if _lemma(last) in lex.observable and not tok.whitespace_:
            return "observable", _verb_span(doc, last)[1], "hyphenated_verb"  # "W-sit", "re-read"
    if lemma in lex.counted_verbs or tok.lower_.rstrip(".") in lex.counted_verbs:
        counted = _counted_object(doc, tok, lex)
        if counted is not None:
            end = tok.idx + len(tok.text)
            return counted, end, "counted_action" if counted == "observable" else "counted_skill"
    if lemma in lex.vague or tok.lower_ in lex.vague:
        return "vague", tok.idx + len(tok.text), "vague_lexicon"
    if lemma in lex.observable or tok.lower_ in lex.observable:
        return "observable", _verb_span(doc, tok)[1], "observable_lexicon"
    meant = misspelt_verb(tok.text)
    if meant is not None:
        # A typo is read as the verb it misspells, phrases included ("dmeonstrate knowledge of").
        fixed = meant + after[len(tok.text) :]
        m = lex.vague_phrases.match(fixed) or lex.vague_patterns.match(fixed)
        if m:
            return "vague", tok.idx + m.end() - len(meant) + len(tok.text), "misspelt_vague_phrase"
        if meant in lex.vague:
            return "vague", tok.idx + len(tok.text), "misspelt_vague_verb"
        return "observable", _verb_span(doc, tok)[1], "misspelt_observable_verb"
    after_will = tok.i > 0 and (doc[tok.i - 1].lower_ in _WILL or (
        doc[tok.i - 1].text == ")" and any(t.lower_ in _WILL for t in doc[max(0, tok.i - 5) : tok.i])))
    if tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB") or (
        after_will and tok.tag_ in {"NN", "NNS", "JJ"} and tok.is_alpha and tok.is_lower
    ):
        if not re.search(r"[aeiouy]", tok.lower_) or not re.fullmatch(r"[a-z][a-z'-]*", tok.lower_):
            return "none", tok.idx, "not_a_word"  # clearly not a word: "f/u", "xqz"
        return "observable", _verb_span(doc, tok)[1], "unlisted_verb"
    return "none", tok.idx, "none"


def _token_at(doc: Doc, char: int) -> Token | None:
    """The first non-space token starting at or after ``char`` (binary search on offsets)."""
    lo, hi = 0, len(doc)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc[mid].idx < char:
            lo = mid + 1
        else:
            hi = mid
    for t in doc[lo:]:
        if not t.is_space:
            return t
    return None


def _rescue(doc: Doc, after_char: int, lex: VerbLexicon, stop: int,
            blocked: list[Found]) -> Token | None:
    """Observable action named after a vague verb (RUBRIC 7.3): "improve fluency by
    reading aloud", "demonstrate knowledge of X by verbally describing", "show
    understanding of place value by building and writing numbers".

    Not inside another component: "as measured by running records" names no action.
    """
    first = _token_at(doc, after_char)
    for t in doc[first.i if first is not None else len(doc) :]:
        if t.idx >= stop:
            break
        if t.lower_ not in _RESCUE or _overlaps(t.idx, t.idx + len(t.text), blocked):
            continue
        j = t.i + 1
        while j < len(doc) and doc[j].tag_ == "RB" and doc[j].lower_.endswith("ly"):
            j += 1
        for k in range(j, len(doc)):
            cand = doc[k]
            if cand.idx >= stop:
                break
            joined = k == j or doc[k - 1].lower_ in {"and", "or", ",", "then"}
            if joined and (cand.tag_ == "VBG" or cand.lower_.endswith("ing")):
                lemma = _lemma(cand)
                if lemma in lex.observable and lemma not in lex.vague:
                    return cand
            elif k == j:
                break
    return None


def _compound_verbs(
    doc: Doc, first: Token, lex: VerbLexicon, stop: int, blocked: list[Found]
) -> list[tuple[Token, str]]:
    """Further verbs of a compound behavior: 'read a passage and answer questions'."""
    out: list[tuple[Token, str]] = []
    for t in doc[first.i + 1 :]:
        if t.idx >= stop:
            break
        if t.lower_ not in {"and", "or", ",", "then"}:
            continue
        j = t.i + 1
        while j < len(doc) and (doc[j].tag_ == "RB" or doc[j].lower_ in {"then", "and"} | _WILL):
            j += 1
        if j >= len(doc):
            break
        cand = doc[j]
        if _overlaps(cand.idx, cand.idx + len(cand.text), blocked):
            continue
        lemma = _lemma(cand)
        if cand.tag_ in {"VB", "VBP", "VBZ"} and (lemma in lex.observable or lemma in lex.vague):
            kind = "vague" if lemma in lex.vague else "observable"
            out.append((cand, kind))
    return out


def find_learner_and_behavior(
    doc: Doc, text: str, start_char: int, blocked: list[Found],
    conditions: list[Found] = (),  # type: ignore[assignment]
    placeholders: tuple[Found, ...] = (),
) -> tuple[list[Found], list[Found], list[Found], list[str]]:
    """Learner spans, behavior spans, vague-verb spans and notes for ``doc`` (whose text is ``text``).

    The action is the verb after "will" (or "is going to", "is able to", "SWBAT"),
    else a present-tense verb after its subject ("Sam kicks a ball"), else an
    objective's opening verb or infinitive ("Decode ...", "Reading: to decode ...").
    A placeholder is neither the learner nor the action (RUBRIC 7.21).
    """
    lex = verbs()
    learners: list[Found] = []
    behaviors: list[Found] = []
    vague: list[Found] = []
    notes: list[str] = []
    heads: list[Token] = []
    folded = not any(c.isupper() for c in text)  # ALL CAPS input is folded before tagging
    wish: Token | None = None
    for will, wish_verb in _find_will(doc, start_char):
        if _overlaps(will.idx, will.idx + len(will.text), blocked):
            continue
        if will.lower_ in _SWBAT:
            learner: Found | None = Found("learner", will.idx, will.idx + len(will.text), "swbat", 0.9)
        else:
            subject_end = wish_verb if wish_verb is not None else will
            if wish_verb is None and will.lower_ == "to":
                subject_end = doc[will.i - 1]
                if subject_end.lower_ in {"going", "able"}:
                    subject_end = doc[will.i - 2]  # the "is" of "is going to", "is able to"
            learner = _learner_before(doc, subject_end, blocked, folded)
            if learner is None and _placeholder_before(doc, subject_end, placeholders):
                notes.append("placeholder_learner")
        if learner and not learners:
            learners.append(learner)
        rest = text[will.idx + len(will.text) :].lstrip()
        offset = len(text) - len(rest)
        skip = _SKIP_AFTER_WILL.match(rest)
        head = _token_at(doc, offset + (skip.end() if skip else 0))
        head = _past_placeholders(doc, head, placeholders, notes)
        passive = _passive(doc, head, blocked) if head is not None else None
        if passive is not None:
            # "Writing skills will be improved by Carlos": the agent is the learner.
            head, agent = passive
            if not learners:
                learners.append(agent)
        if head is not None:
            heads.append(head)
            wish = wish_verb
        if learners:
            break
    if wish is not None:
        # "Lucia hopes to work with animals": a wish names no goal (RUBRIC 7.12).
        vague.append(Found("vague_verb", wish.idx, doc[wish.i + 1].idx + 2, "wish", 0.9))
        return learners, behaviors, vague, notes
    if heads and not learners:
        named = _learner_in_definition(doc, start_char, blocked)
        if named is not None:
            learners.append(named)
    if not heads and "placeholder_behavior" not in notes:
        present = _present_tense(doc, start_char, blocked + list(conditions), folded)
        if present is not None:
            learner, head = present
            learners[:] = [learner]
            heads.append(head)
            notes.append("present_tense")
    if not heads and "placeholder_behavior" not in notes:
        head = _first_free_token(doc, start_char, blocked + list(conditions) + list(placeholders))
        if head is None:
            head = _verb_inside_condition(doc, conditions)
        if head is not None:
            heads.append(head)
            notes.append("objective_opening_verb")
    sentence_end = _sentence_end(text, heads[0].idx if heads else 0)
    for head in heads[:1]:
        after = text[head.idx :]
        kind, end, rule = _classify_verb(doc, head, lex, after)
        if kind == "vague":
            vague.append(Found("vague_verb", head.idx, end, rule, 0.9))
            rescue = _rescue(doc, end, lex, sentence_end, blocked)
            if rescue is not None:
                s, e = _verb_span(doc, rescue)
                behaviors.append(Found("behavior", s, e, "action_after_vague_verb", 0.8))
                notes.append("action_after_vague_verb")
        elif kind == "observable":
            behaviors.append(Found("behavior", head.idx, end, rule, 0.9 if rule != "unlisted_verb" else 0.6))
            if rule in ("unlisted_verb", "misspelt_observable_verb"):
                notes.append(rule)
        elif rule == "not_a_word":
            notes.append(rule)
        if rule.startswith("misspelt_vague"):
            notes.append("misspelt_vague_verb")
        if kind != "observable":
            continue  # "try to isolate and pronounce": the whole action is hedged
        for cand, ckind in _compound_verbs(doc, head, lex, sentence_end, blocked):
            s, e = _verb_span(doc, cand)
            if ckind == "vague":
                vague.append(Found("vague_verb", s, e, "vague_lexicon", 0.8))
            else:
                behaviors.append(Found("behavior", s, e, "compound_behavior", 0.8))
    return learners, behaviors, vague, notes


_NOT_NAMES = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*$",
    re.IGNORECASE,
)


def _learner_in_definition(doc: Doc, start_char: int, blocked: list[Found]) -> Found | None:
    """The learner named inside a behavior's definition: "SIB, defined as Milo striking
    his head, will decrease ...", "Compliance ... will occur for Rosalie ..."."""
    for t in doc[:-1]:
        if t.idx < start_char:
            continue
        nxt = doc[t.i + 1]
        cue = (t.lower_ == "as" and t.i > 0 and doc[t.i - 1].lower_ == "defined") or (
            t.lower_ == "for" and t.i > 0 and doc[t.i - 1].tag_.startswith("VB"))
        if not cue or not (nxt.is_title and nxt.is_alpha and nxt.pos_ == "PROPN"):
            continue
        if nxt.lower_ in _NON_LEARNER or _NOT_NAMES.match(nxt.text):
            continue
        if not _overlaps(nxt.idx, nxt.idx + len(nxt.text), blocked):
            return Found("learner", nxt.idx, nxt.idx + len(nxt.text), "named_in_definition", 0.7)
    return None


def _placeholder_before(doc: Doc, tok: Token, placeholders: tuple[Found, ...]) -> bool:
    """Whether the words right before ``tok`` are a placeholder ("[Student] will")."""
    before = tok.idx
    while before > 0 and doc_text(doc)[before - 1] in " \t":
        before -= 1
    return any(p.end == before for p in placeholders)


def _past_placeholders(
    doc: Doc, head: Token | None, placeholders: tuple[Found, ...], notes: list[str]
) -> Token | None:
    """The action after "will" when placeholders stand there: "will [independently]
    complete" -> "complete"; "will [behavior]" -> None (the action is a placeholder)."""
    lex = verbs()
    while head is not None:
        inside = next((p for p in placeholders if p.start <= head.idx < p.end), None)
        if inside is None:
            return head
        nxt = _token_at(doc, inside.end)
        if nxt is None or inside.label == "behavior" or not (
            _lemma(nxt) in lex.observable or _lemma(nxt) in lex.vague or nxt.tag_ in {"VB", "VBP"}
            or any(p.start <= nxt.idx < p.end for p in placeholders)
        ):
            notes.append("placeholder_behavior")
            return None
        head = nxt
    return None


_PRESENT_TAGS = {"VBZ", "VBP"}


def _present_tense(
    doc: Doc, start_char: int, blocked: list[Found], folded: bool
) -> tuple[Found, Token] | None:
    """(learner, action) of a goal written in the present tense: "Sam kicks a ball
    4 of 5 times", "Given coins, Mikael counts the total" (RUBRIC 7.20)."""
    lex = verbs()
    for t in doc:
        if t.idx < start_char or _overlaps(t.idx, t.idx + len(t.text), blocked):
            continue
        verb_like = t.tag_ in _PRESENT_TAGS or (
            t.tag_ == "NNS" and t.lower_.endswith("s") and _lemma(t) in lex.observable
        )
        if not verb_like or t.i == 0:
            continue
        learner = _learner_before(doc, t, blocked, folded)
        if learner is None:
            continue
        first = _token_at(doc, learner.start)
        if first is not None and first.lower_ not in _LEARNER_PRONOUNS | _LEARNER_NOUNS and (
            _lemma(first) in lex.observable or _lemma(first) in lex.vague
        ):
            continue  # "Count objects to 10": an imperative, not "Count" doing "objects"
        head = t
        if t.lower_ in _BE_FORMS and t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "able" and doc[t.i + 2].lower_ == "to":
            nxt = _token_at(doc, doc[t.i + 2].idx + 2)
            head = nxt if nxt is not None else t
        return learner, head
    return None


def _first_free_token(doc: Doc, start_char: int, blocked: list[Found]) -> Token | None:
    """An objective's opening verb: first word of a sentence, or first word after a
    timeframe, condition or comma ("By Jan 2027 decode ...", "Given ..., read ..."),
    an infinitive's "to" skipped ("Reading: to decode ...")."""
    lex = verbs()
    opening = True
    for t in doc:
        if t.idx < start_char or t.is_space:
            continue
        if t.is_punct:
            opening = opening or t.text in {",", ".", ";", ":", "-", "\u2013", "\u2014"}
            continue
        if _overlaps(t.idx, t.idx + len(t.text), blocked):
            opening = True
            continue
        if t.tag_ == "RB" and t.lower_.endswith("ly"):
            continue
        if opening and t.lower_ == "to" and t.tag_ in {"TO", "IN"}:
            continue  # the infinitive of "to decode CVC words"
        lemma = _lemma(t)
        if opening and (lemma in lex.observable or lemma in lex.vague or t.tag_ == "VB"
                        or misspelt_verb(t.text) is not None):
            return t
        opening = False
    return None


def _passive(doc: Doc, head: Token, blocked: list[Found]) -> tuple[Token, Found] | None:
    """(participle, agent) of "will be solved by Hannah", else None."""
    if head.lower_ != "be" or head.i + 1 >= len(doc) or doc[head.i + 1].tag_ != "VBN":
        return None
    verb = doc[head.i + 1]
    for t in doc[verb.i + 1 : verb.i + 8]:
        if t.lower_ == "by" and t.i + 1 < len(doc):
            agent = _learner_before(doc, _after_name(doc, t.i + 1), blocked, False)
            if agent is not None:
                return verb, agent
        if t.text in {".", ";"}:
            break
    return None


def _after_name(doc: Doc, i: int) -> Token:
    """The token after the name (or "the student") that starts at ``i``, for _learner_before."""
    j = i
    while j < len(doc) - 1 and j - i < 3 and (
        doc[j].pos_ in {"PROPN", "DET", "ADJ"} or doc[j].is_title or doc[j].lower_ in _LEARNER_NOUNS
    ):
        j += 1
        if doc[j - 1].lower_ in _LEARNER_NOUNS or (doc[j - 1].pos_ == "PROPN" and doc[j].pos_ != "PROPN"):
            break
    return doc[j]


def _verb_inside_condition(doc: Doc, conditions: list[Found]) -> Token | None:
    """An action swallowed by a condition written without a comma:
    "Given a list of 10 CVC words read them aloud" -> "read"."""
    lex = verbs()
    for c in conditions:
        for t in doc:
            if c.start < t.idx < c.end and t.i > 0 and doc[t.i - 1].tag_ in {"NNS", "NN", "NNP"}:
                if _lemma(t) in lex.observable and t.tag_ in {"VB", "VBP", "VBD"}:
                    return t
    return None


def _sentence_end(text: str, start: int) -> int:
    m = re.compile(r"\.(?!\d)(?:\s|$)|;").search(text, start)
    return m.start() if m else len(text)


# --- the component -------------------------------------------------------------------


_BASELINE_TAIL = re.compile(r"\b(?:baseline|present\s+level|current\s+level)\s*:", re.IGNORECASE)


@lru_cache(maxsize=1)
def _area_label() -> re.Pattern[str]:
    return re.compile(_data("data/patterns/measurability.json")["area_label"]["regex"], re.IGNORECASE)


def area_label(text: str, start: int = 0) -> Found | None:
    """The area label opening ``text`` at ``start`` ("Reading: ", "Math Calculation - "), if any.

    Example:
        >>> f = area_label("Reading: to decode CVC words")
        >>> "Reading: to decode CVC words"[f.start:f.end]
        'Reading: '
    """
    m = _area_label().match(text, start)
    return Found("area_label", m.start(), m.end(), "area_label") if m and m.end() > m.start() else None


def analyze_measurability(doc: Doc) -> MeasurabilityResult:
    """All six components, vague verbs and the post-school flag of one tagged goal."""
    text = doc_text(doc)
    start = prefix_length(text)
    tail = _BASELINE_TAIL.search(text, start)
    comps, postsecondary = find_regex_components(text[: tail.start()] if tail else text, start)
    blocked = [f for label, spans in comps.items() if label != "condition" for f in spans]
    label = area_label(text, start)
    if label is not None:
        blocked.append(label)
    placeholders = find_placeholders(text)
    learners, behaviors, vague, notes = find_learner_and_behavior(
        doc, text, start, blocked, comps["condition"], placeholders
    )
    for p in placeholders:  # RUBRIC 7.21: say which placeholders are to be filled in
        note = f"placeholder_{p.label}" if p.label != "placeholder" else "placeholder"
        if note not in notes:
            notes.append(note)
    comps["condition"] = _trim_conditions(text, comps["condition"], learners + behaviors + vague)
    comps["learner"] = learners
    comps["behavior"] = behaviors
    _also_measurement_from_criterion(text, comps)
    return MeasurabilityResult(
        components=comps, vague_verbs=vague, postsecondary=postsecondary, notes=notes
    )


def _trim_conditions(text: str, conditions: list[Found], words: list[Found]) -> list[Found]:
    """Cut a condition clause where the learner or the action begins (no comma case)."""
    out = []
    for c in conditions:
        end = c.end
        for w in words:
            if c.start < w.start < end:
                end = w.start
        while end > c.start and text[end - 1] in " ,\t\n":
            end -= 1
        if end - c.start > 3 and not any(w.start <= c.start < w.end for w in words):
            out.append(Found(c.label, c.start, end, c.rule, c.confidence))
    return out


def _also_measurement_from_criterion(text: str, comps: dict[str, list[Found]]) -> None:
    """RUBRIC 7.7: an instrument named in a criterion also counts as measurement."""
    if comps["measurement"]:
        return
    instrument = next(rx for rid, rx, _ in patterns()["measurement"] if rid == "instrument")
    for c in comps["criterion"]:
        m = instrument.search(text, c.start, c.end)
        if m:
            comps["measurement"].append(Found("measurement", m.start(), m.end(), "instrument_in_criterion", 0.8))


def measurability_evidence(result: MeasurabilityResult) -> list[Evidence]:
    """The component's findings as evidence records (spans, rule ids, confidences)."""
    out = [
        Evidence("measurability", name, f.rule,
                 "lexicon" if f.rule in ("observable_lexicon", "vague_lexicon") else "pattern",
                 f.start, f.end, f.confidence)
        for name, found in result.components.items() for f in found
    ]
    out += [Evidence("measurability", "vague_verb", f.rule, "lexicon", f.start, f.end, f.confidence)
            for f in result.vague_verbs]
    out += [Evidence("measurability", "note", rule, "rule", confidence=0.6) for rule in result.notes]
    if result.postsecondary:
        out.append(Evidence("measurability", "after_school_time", "postsecondary_timeframe", "pattern",
                            confidence=0.9))
    return out


class MeasurabilityComponent:
    """Adds the six components, vague verbs and the after-school flag to ``doc._.evidence``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        register_extensions()
        patterns()
        verbs()

    def __call__(self, doc: Doc) -> Doc:
        if is_english(doc):
            add(doc, measurability_evidence(analyze_measurability(doc)))
            add(doc, [Evidence("measurability", "placeholder", f.rule, "pattern", f.start, f.end,
                               0.9, {"component": f.label}) for f in find_placeholders(doc_text(doc))])
        return doc


@Language.factory("goalcheck/measurability", assigns=["doc._.evidence"])
def make_measurability(nlp: Language, name: str) -> MeasurabilityComponent:
    """spaCy factory: ``nlp.add_pipe("goalcheck/measurability")``."""
    return MeasurabilityComponent(nlp, name)
