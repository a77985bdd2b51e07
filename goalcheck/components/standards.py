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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from goalcheck.schema import Alignment, Explanation, StandardMatch

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
    # CCSS.Math.Content.3.OA.C.7, 3.OA.7, K.CC.A.1, 4.NBT.5, Math 3.OA.7
    r"|(?P<math>(?i:(?:CCSS[.\s]?MATH[.\s]?(?:CONTENT[.\s]?)?)|MATH[\s:]\s?)?"
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
