"""Common Core codes: load the official set and normalise cited forms."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CCSS_JSONL = ROOT / "goalcheck" / "data" / "ccss.jsonl"
CCSS_XML_DIR = Path("/work/shared/ccss")


def normalise(code: str) -> str:
    """Upper-case dotted form: ``CCSS.ELA-Literacy.RF.1.3b`` -> ``CCSS.ELA-LITERACY.RF.1.3.B``."""
    code = code.strip().upper()
    m = re.match(r"^(.*\.\d+)([A-Z])$", code)
    if m:
        code = f"{m.group(1)}.{m.group(2)}"
    return code


@lru_cache(maxsize=1)
def official_codes() -> dict[str, str]:
    """Map normalised code -> statement, from ccss.jsonl if present, else the XML."""
    codes: dict[str, str] = {}
    if CCSS_JSONL.exists():
        for line in CCSS_JSONL.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                code = rec.get("code") or rec.get("id") or ""
                if code:
                    codes[normalise(code)] = rec.get("statement", "")
    if codes:
        return codes
    for name in ("ela.xml", "math.xml"):
        tree = ET.parse(CCSS_XML_DIR / name)
        for item in tree.getroot().iter("LearningStandardItem"):
            stmt = item.findtext("Statements/Statement") or ""
            for sc in item.iter("StatementCode"):
                if sc.text:
                    codes[normalise(sc.text)] = stmt
    return codes


@lru_cache(maxsize=1)
def _math_short() -> dict[str, str]:
    """Map e.g. ``3.OA.7`` -> ``CCSS.MATH.CONTENT.3.OA.C.7`` (cluster letter restored)."""
    out: dict[str, str] = {}
    for code in official_codes():
        if code.startswith("CCSS.MATH.CONTENT."):
            rest = code[len("CCSS.MATH.CONTENT."):]
            parts = rest.split(".")
            out[rest] = code
            if len(parts) >= 4 and len(parts[2]) == 1 and parts[2].isalpha():
                short = ".".join(parts[:2] + parts[3:])
                out.setdefault(short, code)
    return out


def expand(short: str) -> str:
    """Expand a short code written in a data file (``RF.3.4``, ``3.OA.7``) to the full form.

    Raises:
        KeyError: the code does not exist in the official standards.
    """
    s = normalise(short)
    codes = official_codes()
    if s in codes:
        return s
    for prefix in ("CCSS.ELA-LITERACY.",):
        if prefix + s in codes:
            return prefix + s
    if s in _math_short():
        return _math_short()[s]
    if s.startswith("CCSS.MATH.CONTENT.") and s[len("CCSS.MATH.CONTENT."):] in _math_short():
        return _math_short()[s[len("CCSS.MATH.CONTENT."):]]
    raise KeyError(f"unknown CCSS code: {short}")
