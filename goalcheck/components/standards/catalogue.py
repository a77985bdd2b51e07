"""The Common Core catalogue: ``data/ccss.jsonl`` loaded once, looked up, indexed.

Codes are keyed in the normalised upper-case dotted form of RUBRIC 7.13
(``CCSS.ELA-LITERACY.RF.1.3.B``). Source of the data: corestandards.org,
converted by ``scripts/convert_ccss.py``.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from ...grade import grade_rank

Record = dict[str, Any]

_DIGITS_SUB = re.compile(r"^(.*\.)(\d+)([A-Za-z])$")


@lru_cache(maxsize=1)
def load_standards() -> dict[str, Record]:
    """All standards of ``ccss.jsonl`` keyed by normalised code (loaded once).

    Example:
        >>> load_standards()["CCSS.ELA-LITERACY.RF.3.4"]["grade"]
        '3'
    """
    path = resources.files("goalcheck") / "data" / "ccss.jsonl"
    out: dict[str, Record] = {}
    with path.open("r", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out[rec["code"]] = rec
    return out


@lru_cache(maxsize=1)
def load_vocabulary() -> dict[str, Any]:
    """``data/lexicons/iep_vocabulary.json``: IEP-term expansions, SL and clinical cues,
    generic words (loaded once)."""
    path = resources.files("goalcheck") / "data" / "lexicons" / "iep_vocabulary.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def normalise_code(code: str) -> str:
    """Upper-case dotted form of a full code; a trailing letter gets its own dot.

    Example:
        >>> normalise_code("CCSS.ELA-Literacy.RF.1.3b")
        'CCSS.ELA-LITERACY.RF.1.3.B'
    """
    code = code.strip().upper()
    m = _DIGITS_SUB.match(code)
    return f"{m.group(1)}{m.group(2)}.{m.group(3)}" if m else code


def lookup(code: str) -> Record | None:
    """The standard record of a code in any case/sub-standard spelling, or None.

    Example:
        >>> lookup("ccss.math.content.3.oa.c.7")["grade"]
        '3'
    """
    return load_standards().get(normalise_code(code))


def short_code(code: str) -> str:
    """A code as teachers write it: ``CCSS.ELA-LITERACY.RF.3.4`` -> ``RF.3.4``.

    Example:
        >>> short_code("CCSS.MATH.CONTENT.3.OA.C.7")
        '3.OA.C.7'
    """
    return re.sub(r"^CCSS\.(?:ELA-LITERACY|MATH\.CONTENT|MATH\.PRACTICE)\.", "", code)


def grade_span(rec: Record) -> tuple[int, int] | None:
    """Lowest and highest grade rank a standard is written for (K = 0), or None.

    Example:
        >>> grade_span(load_standards()["CCSS.ELA-LITERACY.RL.9-10.2"])
        (9, 10)
    """
    ranks = [r for g in rec["grades"]
             if (r := grade_rank("K" if g == "K" else str(int(g)))) is not None]
    return (min(ranks), max(ranks)) if ranks else None


@lru_cache(maxsize=1)
def math_code_index() -> dict[str, str]:
    """Math codes keyed without their cluster letter: ``3.OA.7`` -> full code.

    High-school codes are keyed in the three ways IEPs cite them
    (``HSA-CED.1``, ``A-CED.1``, ``A-CED.A.1``).

    Example:
        >>> math_code_index()["3.OA.7"]
        'CCSS.MATH.CONTENT.3.OA.C.7'
    """
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
