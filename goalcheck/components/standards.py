"""Standards alignment (RUBRIC.md section 4): cited CCSS codes, inferred matches.

Pure functions first:

- :func:`find_cited_codes` finds every way an IEP cites a Common Core code
  ("CCSS.ELA-LITERACY.RF.3.4", "RL.4.2", "ELA RF 3.4", "3.OA.7", "HSA-CED.A.1",
  "MP.1", ...), normalises it to the upper-case dotted form and checks that it
  exists in ``goalcheck/data/ccss.jsonl``.
- :func:`grade_from_text` reads a grade level out of a goal ("a 3rd-grade passage").
- :func:`infer_standards` ranks standards by TF-IDF similarity to a goal, after
  rewriting IEP jargon into standards wording (``data/lexicons/iep_vocabulary.json``).
- :func:`align` turns these into the goal's :class:`~goalcheck.schema.Alignment`.

Then the ``goalcheck/standards`` spaCy component.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.preprocessing import normalize
from spacy.language import Language
from spacy.tokens import Doc

from ..schema import Alignment, Evidence, Explanation, StandardMatch
from .base import add, context, evidence, is_english, latest, register_extensions
from .domain import compile_cue, cue_key

log = logging.getLogger(__name__)

#: Minimum cosine similarity for an ``inferred`` alignment (chosen on the train
#: split of training_data/goals.jsonl, see :func:`evaluate_alignment`).
THRESHOLD = 0.12

ACADEMIC_DOMAINS = ("reading", "writing", "math")
FUNCTIONAL_DOMAINS = ("social_emotional", "motor", "adaptive", "transition")


# --------------------------------------------------------------------------- data


@lru_cache(maxsize=1)
def load_standards() -> dict[str, dict[str, Any]]:
    """All standards of ``ccss.jsonl`` keyed by normalised code (loaded once).

    Example:
        >>> load_standards()["CCSS.ELA-LITERACY.RF.3.4"]["grade"]
        '3'
    """
    path = resources.files("goalcheck") / "data" / "ccss.jsonl"
    out: dict[str, dict[str, Any]] = {}
    with path.open("r", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out[rec["code"]] = rec
    return out


@lru_cache(maxsize=1)
def _math_index() -> dict[str, str]:
    """Math codes keyed without their cluster letter: ``3.OA.7`` -> full code."""
    index: dict[str, str] = {}
    for code, rec in load_standards().items():
        if rec["subject"] != "math" or rec["domain"] == "MP":
            continue
        rest = code.removeprefix("CCSS.MATH.CONTENT.").split(".")
        if rest[0].startswith("HS"):  # HSA-CED.A.1 -> A-CED.1 and HSA-CED.1
            short = [rest[0]] + rest[2:]
            index[".".join(short)] = code
            index[".".join([rest[0][2:]] + rest[2:])] = code
            index[".".join([rest[0][2:]] + rest[1:])] = code
        else:
            index[".".join(rest[:2] + rest[3:])] = code
    return index


def lookup(code: str) -> dict[str, Any] | None:
    """The standard record of a code in any case/sub-standard spelling, or None."""
    return load_standards().get(normalise_code(code))


# ----------------------------------------------------------------- cited codes


@dataclass(frozen=True)
class CitedCode:
    """A standard code cited in a goal's text: ``text[start:end] == raw``."""

    start: int
    end: int
    raw: str
    code: str | None
    exists: bool


_ELA_DOMAINS = r"WHST|RST|RH|RL|RI|RF|SL|W|L"
_MATH_DOMAINS = r"CC|OA|NBT|NF|MD|G|RP|NS|EE|F|SP"
_HS_DOMAINS = {
    "N": {"RN", "Q", "CN", "VM"},
    "A": {"SSE", "APR", "CED", "REI"},
    "F": {"IF", "BF", "LE", "TF"},
    "G": {"CO", "SRT", "C", "GPE", "GMD", "MG"},
    "S": {"ID", "IC", "CP", "MD"},
}
_SUB = r"(?:\.?(?P<{0}>[a-jA-J])(?![A-Za-z]))?"
_CITATION = re.compile(
    r"(?<![\w.\-/])(?:"
    # CCSS.ELA-Literacy.CCRA.R.1 / CCRA.R.1
    r"(?P<ccra>(?:(?i:CCSS)[.\s]?(?i:ELA(?:-LITERACY)?)[.\s]?)?CCRA\.(?P<cstrand>R|W|SL|L)\.(?P<cnum>\d{1,2})(?!\d))"
    # CCSS.ELA-Literacy.RF.3.4, ELA RF 3.4, RL.4.2, RF.1.3b, RL.9-10.2
    r"|(?P<ela>(?P<epre>(?i:CCSS[.\s]?)?(?i:ELA(?:[-\s]LITERACY)?)[.\s:-]?\s?|(?i:CCSS)[.\s])?"
    r"(?P<edom>" + _ELA_DOMAINS + r")(?P<esep>[.\s]?)"
    r"(?P<egr>K|\d{1,2}(?:-\d{1,2})?)\.(?P<enum>\d{1,2})(?![\d])" + _SUB.format("esub") + r")"
    # CCSS.Math.Content.3.OA.C.7, 3.OA.7, K.CC.A.1, 4.NBT.5
    r"|(?P<math>(?i:CCSS[.\s]?MATH[.\s]?(?:CONTENT[.\s]?)?)?"
    r"(?P<mgr>[Kk]|[1-8])\.(?P<mdom>(?i:" + _MATH_DOMAINS + r"))\."
    r"(?:(?P<mcl>[A-Da-d])\.)?(?P<mnum>\d{1,2})(?![\d])" + _SUB.format("msub") + r")"
    # CCSS.Math.Content.HSA-CED.A.1, HSA-CED.A.1, A-CED.1
    r"|(?P<hs>(?i:CCSS[.\s]?MATH[.\s]?(?:CONTENT[.\s]?)?)?(?:HS)?(?P<hcat>[NAFGS])-(?P<hdom>[A-Z]{1,3})\."
    r"(?:(?P<hcl>[A-D])\.)?(?P<hnum>\d{1,2})(?![\d])" + _SUB.format("hsub") + r")"
    # CCSS.Math.Practice.MP1, MP.1, MP1
    r"|(?P<mp>(?i:CCSS[.\s]?MATH[.\s]?PRACTICE[.\s]?)?MP\.?(?P<mpnum>\d)(?![\d]))"
    r")(?![\w])"
)
_DIGITS_SUB = re.compile(r"^(.*\.)(\d+)([A-Za-z])$")


def normalise_code(code: str) -> str:
    """Upper-case dotted form of a full code; a trailing letter gets its own dot.

    Example:
        >>> normalise_code("CCSS.ELA-Literacy.RF.1.3b")
        'CCSS.ELA-LITERACY.RF.1.3.B'
    """
    code = code.strip().upper()
    m = _DIGITS_SUB.match(code)
    return f"{m.group(1)}{m.group(2)}.{m.group(3)}" if m else code


def _ela_code(domain: str, grade: str, num: str, sub: str | None) -> str:
    """Full ELA code; a single high-school grade maps onto its grade band."""
    tail = f".{int(num)}" + (f".{sub.upper()}" if sub else "")
    grade = grade.upper() if grade.upper() == "K" else grade
    code = f"CCSS.ELA-LITERACY.{domain}.{grade}{tail}"
    if code in load_standards() or "-" in grade or grade == "K":
        return code
    g = int(grade)
    for band in ("6-8", "9-10", "11-12"):
        lo, hi = (int(x) for x in band.split("-"))
        alt = f"CCSS.ELA-LITERACY.{domain}.{band}{tail}"
        if lo <= g <= hi and alt in load_standards():
            return alt
    return code


def _math_code(grade: str, domain: str, cluster: str | None, num: str, sub: str | None) -> str:
    """Full math code; a missing cluster letter is looked up in the data."""
    tail = f".{sub.upper()}" if sub else ""
    if cluster:
        return f"CCSS.MATH.CONTENT.{grade.upper()}.{domain.upper()}.{cluster.upper()}.{int(num)}{tail}"
    key = f"{grade.upper()}.{domain.upper()}.{int(num)}"
    full = _math_index().get(key)
    return (full + tail) if full else f"CCSS.MATH.CONTENT.{key}{tail}"


def _hs_code(cat: str, dom: str, cluster: str | None, num: str, sub: str | None) -> str:
    tail = f".{sub.upper()}" if sub else ""
    if cluster:
        return f"CCSS.MATH.CONTENT.HS{cat}-{dom}.{cluster}.{int(num)}{tail}"
    key = f"{cat}-{dom}.{int(num)}"
    full = _math_index().get(key)
    return (full + tail) if full else f"CCSS.MATH.CONTENT.HS{key}{tail}"


def _code_of(m: re.Match[str]) -> str | None:
    """Normalised code of one citation match, or None when it is not a code."""
    g = m.groupdict()
    if g["ccra"]:
        return f"CCSS.ELA-LITERACY.CCRA.{g['cstrand']}.{int(g['cnum'])}"
    if g["ela"]:
        # "W 5.1" / "L3.2" need a prefix ("ELA", "CCSS") to count as a code.
        if len(g["edom"]) == 1 and g["esep"] != "." and not g["epre"]:
            return None
        return _ela_code(g["edom"], g["egr"], g["enum"], g["esub"])
    if g["math"]:
        return _math_code(g["mgr"], g["mdom"], g["mcl"], g["mnum"], g["msub"])
    if g["hs"]:
        if g["hdom"] not in _HS_DOMAINS[g["hcat"]]:
            return None
        return _hs_code(g["hcat"], g["hdom"], g["hcl"], g["hnum"], g["hsub"])
    if g["mp"]:
        return f"CCSS.MATH.PRACTICE.MP{int(g['mpnum'])}"
    return None  # pragma: no cover - the pattern has no other branch


def find_cited_codes(text: str) -> list[CitedCode]:
    """Every Common Core code cited in ``text``, normalised and checked.

    Dates ("5.15.27"), times, decimals ("3.5 hours") and numbering ("Goal 1.2",
    "Objective 2.1") are not codes: every code form has a domain in letters.

    Example:
        >>> [c.code for c in find_cited_codes("Aligned to 3.OA.7 and RL.4.2.")]
        ['CCSS.MATH.CONTENT.3.OA.C.7', 'CCSS.ELA-LITERACY.RL.4.2']
    """
    found: list[CitedCode] = []
    standards = load_standards()
    for m in _CITATION.finditer(text or ""):
        code = _code_of(m)
        if code is None:
            continue
        code = normalise_code(code)
        found.append(CitedCode(m.start(), m.end(), m.group(0), code, code in standards))
    return found


# ----------------------------------------------------------------------- grade

_ORDINALS = {
    "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6",
    "seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10", "eleventh": "11",
    "twelfth": "12",
}
_GRADE = re.compile(
    r"\b(?:"
    r"(?P<num>1[0-2]|[1-9])(?:st|nd|rd|th)[\s-]*grade"
    r"|(?P<word>" + "|".join(_ORDINALS) + r")[\s-]*grade"
    r"|(?:grade|gr\.)[\s-]*(?:level\s+)?(?P<after>1[0-2]|[1-9]|K)\b(?![.:]\d)"
    r"|(?P<pk>pre-?k(?:indergarten)?|preschool)"
    r"|(?P<k>kindergarten|kinder)"
    r")",
    re.IGNORECASE,
)


def grade_from_text(text: str) -> str | None:
    """The grade level a goal mentions ("K", "PK", "1".."12"), or None.

    Example:
        >>> grade_from_text("given a 3rd-grade passage")
        '3'
    """
    for m in _GRADE.finditer(text or ""):
        if m.group("num"):
            return m.group("num")
        if m.group("word"):
            return _ORDINALS[m.group("word").lower()]
        if m.group("after"):
            return m.group("after").upper()
        if m.group("pk"):
            return "PK"
        if m.group("k"):
            return "K"
    return None


# ------------------------------------------------------------------- inference

_GRADE_RANK = {"PK": 0, "K": 0, "18-21": 12}
_CHAR_WEIGHT = 0.6  # weight of character n-grams against word n-grams
_POOLS: dict[str, tuple[str, ...]] = {
    # domain -> (CCSS domain prefixes, ...); "L:4-6" = Language standards 4-6 only.
    "reading": ("RF", "RL", "RI", "L:4-6"),
    "writing": ("W", "L:1-3"),
    "math": ("math",),
    "communication": ("SL",),
}
_STOP = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "its", "of", "on", "or", "that", "the", "their", "them", "they", "this", "to", "with", "will", "e.g.", "i.e.", "etc", "student", "students"]
)
_NOISE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\bas\s+(?:measured|evidenced|documented|assessed|monitored)\s+by\b[^.;]*",
        r"\b(?:with|at|to)\s+(?:at\s+least\s+)?\d+\s*%(?:\s+accuracy)?",
        (r"\b\d+\s*(?:out\s+)?(?:of|/)\s*\d+\s+(?:trials|opportunities|probes|sessions|attempts|"
         r"days|times|data\s+points|consecutive\s+\w+)"),
        (r"\b(?:by|before|within)\s+(?:the\s+end\s+of\s+)?(?:january|february|march|april|may|june|"
         r"july|august|september|october|november|december)\b[\s\d,]*"),
        r"\b\d{1,2}/\d{1,2}/\d{2,4}\b",
        r"\baccuracy\b|\bconsecutive\b|\btrials?\b|\bprobes?\b|\bdata\b",
    )
]


@dataclass
class _Index:
    """Fitted TF-IDF index over the standards (built once per process)."""

    codes: list[str]
    records: list[dict[str, Any]]
    word_t: Any  # transposed word part of the L2-normalised standards matrix (CSR)
    char_t: Any  # transposed character part
    word: Any
    char: Any
    pools: dict[str, np.ndarray]
    lo: np.ndarray  # lowest grade rank of each standard
    hi: np.ndarray
    parent: list[str | None]


def _rank(grade: str | None) -> int | None:
    """Grade as a number (K and PK = 0, 18-21 = 12), or None."""
    if grade is None:
        return None
    g = str(grade).strip().upper()
    if g in _GRADE_RANK:
        return _GRADE_RANK[g]
    return int(g) if g.isdigit() else None


def _in_pool(rec: dict[str, Any], pool: str) -> bool:
    if pool == "math":
        return rec["subject"] == "math" and rec["domain"] != "MP"
    dom, _, numbers = pool.partition(":")
    if rec["domain"] != dom:
        return False
    if not numbers:
        return True
    lo, hi = (int(x) for x in numbers.split("-"))
    number = int(re.match(r"\d+", rec["code"].split(".")[4]).group(0))  # type: ignore[union-attr]
    return lo <= number <= hi


def _doc_text(rec: dict[str, Any], standards: dict[str, dict[str, Any]]) -> str:
    parent = standards.get(rec["parent"] or "")
    parts = [rec["statement"], rec["statement"], rec["cluster"], rec.get("domain_name", "")]
    if parent is not None:
        parts.append(parent["statement"])
    return " ".join(p for p in parts if p)


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[list[tuple[str, re.Pattern[str], str]], list[Any], list[Any]]:
    """IEP-term expansions, SL cue patterns and clinical cue patterns (loaded once)."""

    path = resources.files("goalcheck") / "data" / "lexicons" / "iep_vocabulary.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    expansions = [
        (cue_key(cue), compile_cue(cue), text)
        for group in data["expansions"].values()
        for cue, text in group.items()
    ]
    sl = [(cue_key(c), compile_cue(c)) for c in data.get("sl_cues", [])]
    clinical = [(cue_key(c), compile_cue(c)) for c in data.get("clinical_cues", [])]
    return expansions, sl, clinical


def _has_cue(text: str, cues: list[Any]) -> bool:
    low = text.lower()
    return any((not key or key in low) and pat.search(text) for key, pat in cues)


def expand_query(text: str) -> str:
    """Goal text without criterion boilerplate, plus standards wording for IEP terms.

    Example:
        >>> "fluency" in expand_query("read at 90 wcpm")
        True
    """
    expansions, _, _ = _vocabulary()
    low = (text or "").lower()
    extra = [exp for key, pat, exp in expansions if (not key or key in low) and pat.search(text)]
    for pat in _NOISE:
        text = pat.sub(" ", text)
    return " ".join([text, *extra])


@lru_cache(maxsize=1)
def _index() -> _Index:
    """Fit the TF-IDF vectorizers on the standards (lazily, once per process)."""

    standards = load_standards()
    records = [r for r in standards.values() if not r["domain"].startswith("CCRA")]
    docs = [_doc_text(r, standards) for r in records]
    word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words=sorted(_STOP),
                           token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z-]+\b")
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2)
    w = word.fit_transform(docs)
    matrix = normalize(hstack([w, _CHAR_WEIGHT * char.fit_transform(docs)]).tocsr())
    n_word = w.shape[1]
    word_t = matrix[:, :n_word].T.tocsr()
    char_t = matrix[:, n_word:].T.tocsr()
    pools = {
        name: np.array([any(_in_pool(r, p) for p in parts) for r in records])
        for name, parts in _POOLS.items()
    }
    pools["all"] = np.array([r["domain"] not in {"MP", "RH", "RST", "WHST"} for r in records])
    ranks = [[x for g in r["grades"] if (x := _rank("K" if g == "K" else str(int(g)))) is not None]
             for r in records]
    lo = np.array([min(r) if r else 0 for r in ranks])
    hi = np.array([max(r) if r else 12 for r in ranks])
    log.debug("standards index: %d standards, %d features", *matrix.shape)
    return _Index([r["code"] for r in records], records, word_t, char_t, word, char, pools, lo,
                  hi, [r["parent"] for r in records])


def _grade_factor(idx: _Index, grade: int | None) -> np.ndarray:
    """Down-weighting of standards far from the goal's grade (never to zero)."""
    if grade is None:
        return np.ones(len(idx.codes))
    dist = np.maximum(idx.lo - grade, 0) + np.maximum(grade - idx.hi, 0)
    return np.select([dist == 0, dist == 1, dist == 2], [1.0, 0.8, 0.5], 0.3)


def _top(idx: _Index, sims: np.ndarray, k: int) -> list[StandardMatch]:
    """Best ``k`` standards, a sub-standard and its parent never both listed."""
    out: list[StandardMatch] = []
    chosen: set[str] = set()
    for i in np.argsort(-sims, kind="stable"):
        if sims[i] <= 0 or len(out) >= k:
            break
        code, parent = idx.codes[i], idx.parent[i]
        if (parent in chosen) or any(load_standards()[c]["parent"] == code for c in chosen):
            continue
        chosen.add(code)
        rec = idx.records[i]
        out.append(StandardMatch(code, rec["grade"], rec["statement"], float(min(sims[i], 1.0))))
    return out


def infer_many(
    texts: Iterable[str],
    domains: Iterable[str | None],
    grades: Iterable[str | None] | None = None,
    k: int = 3,
) -> list[list[StandardMatch]]:
    """Batched :func:`infer_standards`: one sparse product for all goals."""
    idx = _index()
    texts = list(texts)
    domains = list(domains)
    grade_list = list(grades) if grades is not None else [None] * len(texts)
    grade_list = [g or grade_from_text(t) for g, t in zip(grade_list, texts)]
    queries = [expand_query(t) for t in texts]
    qw = idx.word.transform(queries)
    qc = idx.char.transform(queries)
    norms = np.sqrt(np.asarray(qw.multiply(qw).sum(axis=1)).ravel()
                    + _CHAR_WEIGHT**2 * np.asarray(qc.multiply(qc).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    sims_all = (np.asarray((qw @ idx.word_t).todense())
                + _CHAR_WEIGHT * np.asarray((qc @ idx.char_t).todense())) / norms[:, None]
    out: list[list[StandardMatch]] = []
    for row, domain, grade in zip(sims_all, domains, grade_list):
        mask = idx.pools.get(domain or "all", idx.pools["all"])
        sims = np.where(mask, row, 0.0) * _grade_factor(idx, _rank(grade))
        out.append(_top(idx, sims, k))
    return out


def infer_standards(
    text: str, domain: str | None, grade: str | None = None, k: int = 3
) -> list[StandardMatch]:
    """The ``k`` standards most similar to a goal, within its domain's pool.

    Pools: reading -> RF, RL, RI and Language 4-6 (vocabulary); writing -> W and
    Language 1-3 (conventions); math -> all math content; communication -> SL.
    When ``grade`` is known, standards more than one grade away are down-weighted.

    Example:
        >>> infer_standards("read a 3rd grade passage at 90 wcpm", "reading", "3")[0].code
        'CCSS.ELA-LITERACY.RF.3.4'
    """
    return infer_many([text], [domain], [grade], k)[0]


# ------------------------------------------------------------------- alignment


def is_sl_goal(text: str) -> bool:
    """True when a communication goal is about Speaking and Listening (RUBRIC 7.10)."""
    _, sl, clinical = _vocabulary()
    return _has_cue(text, sl) and not _has_cue(text, clinical)


def _short(code: str) -> str:
    """``CCSS.ELA-LITERACY.RF.3.4`` -> ``RF.3.4`` for teacher-facing text."""
    return re.sub(r"^CCSS\.(?:ELA-LITERACY|MATH\.CONTENT|MATH\.PRACTICE)\.", "", code)


def _grade_note(best: StandardMatch, grade: str | None) -> Explanation | None:
    g = _rank(grade)
    rec = load_standards().get(best.code)
    if g is None or rec is None or not rec["grades"]:
        return None
    top = max(_rank("K" if x == "K" else str(int(x))) or 0 for x in rec["grades"])
    if g - top <= 1:
        return None
    return Explanation(
        "alignment", "rule",
        f"the closest standard {_short(best.code)} is a grade {best.grade} standard, more than "
        f"one grade below the goal's grade {grade}; check that the goal is ambitious enough",
        1.0,
    )


from .measurability import verbs

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:

    raw = json.loads(
        resources.files("goalcheck").joinpath("data/lexicons/iep_vocabulary.json").read_text("utf-8")
    )
    vague = {w for phrase in verbs().vague for w in phrase.split()}
    return frozenset(raw["generic_words"]["words"]) | ENGLISH_STOP_WORDS | vague | {"will", "shall"}


def names_no_skill(text: str) -> bool:
    """True when every word of ``text`` but names is generic ("Jo will improve math skills").

    Example:
        >>> names_no_skill("Sam will solve problems."), names_no_skill("Sam will solve two-step word problems.")
        (True, False)
    """
    if find_cited_codes(text):
        return False
    generic = _generic_words()
    for m in _WORD.finditer(text):
        word = m.group(0)
        if word[0].isupper() and word[1:].islower() and word.lower() not in generic and (
            word.lower() not in verbs().observable
        ):
            continue  # a name ("Maya"); a capitalised verb or common word is still judged
        if word.lower() not in generic:
            return False
    return True


def align(
    text: str, domain: str | None, grade: str | None = None,
    matches: list[StandardMatch] | None = None, skill_text: str | None = None,
) -> tuple[Alignment, list[Explanation]]:
    """Standards alignment of one goal (RUBRIC.md section 4) and why.

    A cited code that exists makes the goal ``explicit`` whatever its domain; a
    cited code that does not exist is reported and ignored. Otherwise functional
    domains, and communication goals not about speaking and listening, are
    ``not_applicable``; academic goals are ``inferred`` when the best TF-IDF
    similarity reaches :data:`THRESHOLD`, else ``none``.

    Example:
        >>> align("Sam will solve 3.OA.7 facts", "math")[0].status
        'explicit'
    """
    grade = grade or grade_from_text(text)
    notes: list[Explanation] = []
    cited: list[StandardMatch] = []
    standards = load_standards()
    for c in find_cited_codes(text):
        if c.exists and c.code is not None:
            if all(s.code != c.code for s in cited):
                rec = standards[c.code]
                cited.append(StandardMatch(c.code, rec["grade"], rec["statement"], 1.0))
        else:
            notes.append(Explanation(
                "alignment", "pattern",
                f"cited standard '{c.raw}' ({c.code}) was not found in the Common Core "
                "standards; check the code", 1.0))
    if cited:
        notes.append(Explanation(
            "alignment", "pattern",
            "cites " + ", ".join(_short(s.code) for s in cited), 1.0))
        note = _grade_note(cited[0], grade)
        return Alignment("explicit", 100, cited), notes + ([note] if note else [])
    if domain in FUNCTIONAL_DOMAINS or (domain == "communication" and not is_sl_goal(text)):
        notes.append(Explanation(
            "alignment", "rule",
            f"{(domain or '').replace('_', ' ')} goal: academic standards do not apply", 1.0))
        return Alignment("not_applicable", None, []), notes
    if names_no_skill(skill_text if skill_text is not None else text):
        notes.append(Explanation(
            "alignment", "lexicon",
            "names no particular reading, writing or math skill (RUBRIC 7.11): "
            "say which skill, e.g. 'decode CVC words' or 'add fractions'", 0.8))
        return Alignment("none", 0, []), notes
    if matches is None:
        matches = infer_standards(text, domain, grade, k=3)
    best = matches[0].similarity if matches else 0.0
    if best >= THRESHOLD:
        top = matches[0]
        notes.append(Explanation(
            "alignment", "model",
            f"closest standard {_short(top.code)} (similarity {best:.2f}): {top.statement}",
            round(min(1.0, 0.5 + (best - THRESHOLD)), 3)))
        note = _grade_note(top, grade)
        kept = [m for m in matches if m.similarity >= THRESHOLD]
        return Alignment("inferred", min(100, round(100 * best)), kept), notes + (
            [note] if note else [])
    notes.append(Explanation(
        "alignment", "model",
        "names no skill that matches a Common Core standard closely enough "
        f"(best similarity {best:.2f} < {THRESHOLD:.2f})",
        round(min(1.0, 0.5 + (THRESHOLD - best)), 3)))
    return Alignment("none", 0, []), notes


def align_many(
    texts: list[str], domains: list[str | None], grades: list[str | None],
    skill_texts: list[str | None] | None = None,
) -> list[tuple[Alignment, list[Explanation]]]:
    """Batched :func:`align`: one similarity product for all goals.

    ``skill_texts``: each goal's text with its timeframe, condition, criterion,
    measurement and learner blanked out, so that RUBRIC 7.11's "names no
    skill" test reads only the skill.
    """
    grades = [g or grade_from_text(t) for g, t in zip(grades, texts)]
    # Functional goals never use the inferred matches: infer only for the others.
    wanted = [i for i, d in enumerate(domains) if d not in FUNCTIONAL_DOMAINS]
    found = infer_many([texts[i] for i in wanted], [domains[i] for i in wanted],
                       [grades[i] for i in wanted], k=3) if wanted else []
    inferred: list[list[StandardMatch] | None] = [None] * len(texts)
    for i, matches in zip(wanted, found, strict=True):
        inferred[i] = matches
    skills = skill_texts or [None] * len(texts)
    return [align(t, d, g, m, k) for t, d, g, m, k in zip(texts, domains, grades, inferred, skills)]


# ------------------------------------------------------------------ evaluation


def _same_standard(predicted: str, gold: str) -> bool:
    """Equal codes, or one is the sub-standard of the other (RF.3.4 ~ RF.3.4.B)."""
    p, g = normalise_code(predicted), normalise_code(gold)
    return p == g or p.startswith(g + ".") or g.startswith(p + ".")


def choose_threshold(records: Iterable[dict[str, Any]]) -> float:
    """Similarity cut that best separates ``inferred`` from ``none`` goals.

    Uses the records' gold domain and grade; returns the midpoint of the best
    cut found on a 0.005 grid.
    """
    rows = [r for r in records if r.get("alignment_status") in ("inferred", "none")
            and not find_cited_codes(r["text"])]
    matches = infer_many([r["text"] for r in rows], [r["domain"] for r in rows],
                         [r.get("grade") for r in rows], k=1)
    sims = np.array([m[0].similarity if m else 0.0 for m in matches])
    gold = np.array([r["alignment_status"] == "inferred" for r in rows])
    grid = np.arange(0.0, 1.0, 0.005)
    acc = np.array([np.mean((sims >= t) == gold) for t in grid])
    best = np.flatnonzero(acc == acc.max())
    return float(round((grid[best[0]] + grid[best[-1]]) / 2, 3))


def evaluate_alignment(records: Iterable[dict[str, Any]]) -> dict[str, float]:
    """Alignment figures on records shaped like ``training_data/goals.jsonl``.

    Returns ``explicit_code_accuracy`` (cited codes found and normalised exactly
    as labelled, on explicit goals), ``inferred_top1``/``inferred_top3`` (a gold
    code among the best 1/3 inferred standards, a sub-standard counting for its
    standard and the reverse), the same ``*_strict`` without that allowance,
    ``status_accuracy`` (over all goals, with the gold domain) and the counts.
    """
    records = list(records)
    explicit = [r for r in records if r.get("alignment_status") == "explicit"]
    code_ok = sum(
        {c.code for c in find_cited_codes(r["text"]) if c.exists}
        == {normalise_code(c) for c in r.get("ccss", [])}
        for r in explicit
    )
    inferred = [r for r in records if r.get("alignment_status") == "inferred" and r.get("ccss")]
    top = infer_many([r["text"] for r in inferred], [r["domain"] for r in inferred],
                     [r.get("grade") for r in inferred], k=3)
    hit = {"top1": 0, "top3": 0, "top1_strict": 0, "top3_strict": 0}
    for r, matches in zip(inferred, top):
        codes = [m.code for m in matches]
        for n in (1, 3):
            hit[f"top{n}"] += any(_same_standard(c, g) for c in codes[:n] for g in r["ccss"])
            hit[f"top{n}_strict"] += any(normalise_code(g) in codes[:n] for g in r["ccss"])
    status_ok = sum(
        align(r["text"], r.get("domain"), r.get("grade"))[0].status == r.get("alignment_status")
        for r in records
    )
    n_inf = max(len(inferred), 1)
    return {
        "explicit_code_accuracy": code_ok / max(len(explicit), 1),
        "inferred_top1": hit["top1"] / n_inf,
        "inferred_top3": hit["top3"] / n_inf,
        "inferred_top1_strict": hit["top1_strict"] / n_inf,
        "inferred_top3_strict": hit["top3_strict"] / n_inf,
        "status_accuracy": status_ok / max(len(records), 1),
        "n_records": float(len(records)),
        "n_explicit": float(len(explicit)),
        "n_inferred": float(len(inferred)),
    }


# -------------------------------------------------------------- spaCy component

#: Components that say nothing about the skill a goal names (RUBRIC 7.11 reads the rest).
_NOT_SKILL = ("timeframe", "condition", "measurement", "learner")


def skill_text(text: str, found: list[Evidence]) -> str:
    """The goal's text with everything but the action and its object blanked out.

    The skill starts at the action: sentences before it describe the present level.
    """
    chars = list(text)
    for e in found:
        blank = (e.dimension == "measurability" and e.label in _NOT_SKILL) or (
            e.dimension == "strength" and e.label == "deficit")  # "cannot read" describes
        if blank and e.start is not None and e.end is not None:
            chars[e.start : e.end] = " " * (e.end - e.start)
    actions = [e.start for e in found if e.dimension == "measurability"
               and e.label in ("behavior", "vague_verb") and e.start is not None]
    return "".join(chars[min(actions) if actions else 0 :])


def domain_of_code(code: str) -> str | None:
    """The domain a cited CCSS code belongs to (math, writing, communication, reading).

    Example:
        >>> domain_of_code("CCSS.MATH.CONTENT.3.OA.C.7"), domain_of_code("CCSS.ELA-LITERACY.W.4.2")
        ('math', 'writing')
    """
    parts = code.upper().split(".")
    if "MATH" in parts[:2]:
        return "math"
    strand = next((p for p in parts[2:] if p.isalpha()), "")
    return {"W": "writing", "SL": "communication", "L": None}.get(strand, "reading")


def _note_rule(note: Explanation) -> str | None:
    """The rule id of an ``align`` note a teacher needs beyond the decision itself."""
    if "not found in the Common Core" in note.detail:
        return "cited_code_unknown"
    if "grade" in note.detail and "below" in note.detail:
        return "grade_mismatch"
    return None


def alignment_evidence(alignment: Alignment, notes: list[Explanation], domain: str | None) -> list[Evidence]:
    """The alignment decision (status, score, standards, reason) and its notes as evidence."""
    out: list[Evidence] = []
    if alignment.status == "explicit" and alignment.standards:
        cited = domain_of_code(alignment.standards[0].code)
        if cited and cited != domain and not (cited == "reading" and domain == "writing"):
            out.append(Evidence("domain", "domain", "cited_standard", "pattern", confidence=1.0,
                                data={"value": cited}))
    for n in notes:
        rule = _note_rule(n)
        if rule:
            out.append(Evidence("alignment", "note", rule, n.source, confidence=n.confidence,
                                data={"text": n.detail}))
    reason = None
    if alignment.status == "none":
        reason = "names_no_skill" if any(n.source == "lexicon" for n in notes) else "no_close_match"
    out.append(Evidence("alignment", "alignment", f"alignment_{alignment.status}",
                        "pattern" if alignment.status == "explicit" else "model",
                        confidence=max([n.confidence for n in notes], default=1.0),
                        data={"status": alignment.status, "score": alignment.score, "reason": reason,
                              "domain": domain,
                              "standards": [m.to_dict() for m in alignment.standards]}))
    return out


class StandardsComponent:
    """Adds the standards alignment (and a domain from a cited code) to ``doc._.evidence``.

    Reads the latest domain decision and the goal's grade (``doc._.goal_context``).
    """

    def __init__(self, nlp: Language, name: str = "goalcheck/standards") -> None:
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._align(batch)
                batch = []
        if batch:
            yield from self._align(batch)

    def _align(self, docs: list[Doc]) -> list[Doc]:
        todo = [d for d in docs if is_english(d)]
        found = [evidence(d) for d in todo]
        domains = []
        for f in found:
            dom = latest(f, "domain", "domain")
            domains.append(dom.data.get("value") if dom else None)
        aligned = align_many([d.text for d in todo], domains,
                             [context(d).get("grade") for d in todo],
                             [skill_text(d.text, f) for d, f in zip(todo, found, strict=True)])
        for doc, domain, (alignment, notes) in zip(todo, domains, aligned, strict=True):
            add(doc, alignment_evidence(alignment, notes, domain))
        return docs


@Language.factory("goalcheck/standards", assigns=["doc._.evidence"])
def make_standards(nlp: Language, name: str) -> StandardsComponent:
    """spaCy factory: ``nlp.add_pipe("goalcheck/standards")`` (after the domain decision)."""
    return StandardsComponent(nlp, name)
