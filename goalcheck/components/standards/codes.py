"""Codes cited in a goal's text: found in every spelling IEPs use, made full, checked.

"CCSS.ELA-LITERACY.RF.3.4", "RL.4.2", "ELA RF 3.4", "3.OA.7" (the cluster letter
restored), "HSA-CED.A.1", "A-CED.1", "MP.1", "RL.9.2" (onto its grade band)...
become the normalised code of :mod:`.catalogue` (RUBRIC 4 and 7.13).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .catalogue import load_standards, math_code_index, normalise_code


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


def _full_math_code(head: str, index_head: str, cluster: str | None, num: str, sub: str | None) -> str:
    """``CCSS.MATH.CONTENT.<head>.<cluster>.<num>[.<sub>]``; a missing cluster letter is looked
    up in the data by ``<index_head>.<num>``."""
    tail = f".{sub.upper()}" if sub else ""
    if cluster:
        return f"CCSS.MATH.CONTENT.{head}.{cluster}.{int(num)}{tail}"
    full = math_code_index().get(f"{index_head}.{int(num)}")
    return (full + tail) if full else f"CCSS.MATH.CONTENT.{head}.{int(num)}{tail}"


def _math_code(grade: str, domain: str, cluster: str | None, num: str, sub: str | None) -> str:
    """Full math code of a grade-level citation ("3.OA.8")."""
    head = f"{grade.upper()}.{domain.upper()}"
    return _full_math_code(head, head, cluster.upper() if cluster else None, num, sub)


def _hs_code(cat: str, dom: str, cluster: str | None, num: str, sub: str | None) -> str:
    """Full math code of a high-school citation ("HSA-REI.B.3")."""
    return _full_math_code(f"HS{cat}-{dom}", f"{cat}-{dom}", cluster, num, sub)


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
