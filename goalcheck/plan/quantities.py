"""Values with units in goals and present levels, timeframes in weeks, and dates.

Pure functions over text, used by the baselines and ambition checks.

Example:
    >>> [(q.value, q.unit) for q in quantities("reads 62 wcpm with 90% accuracy")]
    [(62.0, 'wcpm'), (90.0, 'percent')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

__all__ = [
    "INSTRUCTIONAL_WEEKS",
    "Quantity",
    "asks_less",
    "decreasing",
    "first_date",
    "main_quantity",
    "parse_dates",
    "quantities",
    "weeks_in",
]

INSTRUCTIONAL_WEEKS = 36  # also in data/plan/growth_norms.json, with its source
_R = re.IGNORECASE
_NUM = r"(\d+(?:\.\d+)?)"
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10}

# Unit families, most specific first; a value found by an earlier pattern is not read again.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("wcpm", re.compile(_NUM + r"\s*(?:wcpm|cwpm|wpm|c?wpm|(?:correct\s+)?words\s+(?:read\s+)?(?:correct(?:ly)?\s+)?per\s+minute|words\s+correct\b(?:\s+per\s+min(?:ute)?)?)", _R)),
    ("digits correct", re.compile(_NUM + r"\s*(?:dcpm|(?:correct\s+digits|digits\s+correct)(?:\s+per\s+(?:\d+\s+)?minutes?)?)", _R)),
    ("grade level", re.compile(r"(?:(\d{1,2})(?:st|nd|rd|th)?[\s-]+grade(?:[\s-]+(?:reading|math|instructional|independent))?[\s-]+level"
                               r"|grade[\s-]+(\d{1,2})[\s-]+(?:reading\s+)?level|grade\s+level\s+(\d{1,2}))", _R)),
    ("rubric score", re.compile(r"(?:score|scoring|rating|level)\s+of\s+(?:at\s+least\s+)?" + _NUM + r"(?:\s+(?:out\s+)?of\s+\d+)?(?=[^.;]{0,40}\b(?:rubric|scale)\b)"
                                r"|" + _NUM + r"\s+(?:out\s+)?of\s+\d+\s+on\s+(?:a|the|an)\s+[\w\s-]{0,40}?\b(?:rubric|scale)\b", _R)),
    ("scored", re.compile(r"\bscor(?:es|ed|e|ing)\s+(?:an?\s+)?" + _NUM + r"(?:\s+(?:out\s+)?of\s+\d+)?", _R)),
    ("percent", re.compile(_NUM + r"\s*(?:%|percent\b)", _R)),
    ("ratio", re.compile(r"(\d+)\s+(?:out\s+)?of\s+(?:the\s+)?(\d+)\b((?:\s+[\w-]+){0,4})", _R)),
    ("per", re.compile(r"(?<![\d./-])(\d+)\s+(?:or\s+(?:fewer|less|more)\s+)?(?:(?:[a-z]+-)?[a-z]+\s+){0,2}?(?:per|a|each|every)\s+"
                       r"(lesson|day|class|period|session|week|month|hour|activity|school\s+day|class\s+period)\b", _R)),
    ("minutes", re.compile(_NUM + r"\s*(?:consecutive\s+)?(?:minutes?|mins?)\b", _R)),
    ("count", re.compile(r"(?<![\d./-])(\d+)(?:\s+or\s+(?:more|fewer|less))?\s+((?:[a-z]+-)*[a-z]+(?:\s+[a-z]+(?:-[a-z]+)*)?)", _R)),
]
_TRIAL_NOUNS = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:trials?|opportunit(?:y|ies)|sessions?|days?|probes?|attempts?|"
                          r"observations?|occasions?|data\s+(?:points|days)|weeks?|periods?|lessons?|times?)\b", _R)
_COUNT_SKIP = re.compile(r"^(?:x|times?|weeks?|days?|months?|years?|hours?|minutes?|mins?|seconds?|grade|st|nd|rd|th|"
                         r"am|pm|of|or|and|to|consecutive|percent|trials?|out|step|digit|point|inch|sessions?|"
                         r"instructional|school|quarters?|opportunities|probes?|attempts?|periods?|wcpm|cwpm|wpm|"
                         r"correct|correctly|accurately|more|fewer|less|per|a|an|the|in|on|at)$", _R)
_NOUN_STOP = frozenset(["in", "on", "at", "of", "with", "per", "to", "and", "or", "for", "the", "a", "an", "by", "when", "during", "each", "from", "as", "that", "which", "who", "within", "after", "before", "over", "under", "across", "independently", "correctly", "accurately"])
_MATERIAL = re.compile(r"\b(?:given|presented\s+with|from|with|of)\s+(?:a\s+(?:set|list)\s+of\s+)?(\d+)\s+(?:[\w-]+\s+){0,3}?"
                       r"(problems|words|questions|items|sentences|letters|sounds|facts|equations|tasks|steps|directions)\b", _R)
_BARE_CORRECT = re.compile(r"\b(?:at\s+least\s+)?(\d+)\s+(?:of\s+them\b|(?:of\s+them\s+)?(?:correct(?:ly)?|accurately)\b)", _R)
_DECREASE = re.compile(r"\b(?:reduce[sd]?|decrease[sd]?|no\s+more\s+than|fewer\s+than|or\s+fewer|or\s+less|at\s+most|"
                       r"less\s+than|down\s+to|lower|limit\s+to|maximum\s+of)\b", _R)
_PRIORITY = ("wcpm", "digits correct", "grade level", "rubric score", "percent", "per", "count", "minutes", "trials")


@dataclass(frozen=True)
class Quantity:
    """A value with its unit family as written: ``value`` in ``unit`` (``percent`` for ratios)."""

    value: float
    unit: str
    text: str
    start: int
    end: int
    noun: str = ""  # for ``count``: the thing counted ("sight words"); "" otherwise

    @property
    def label(self) -> str:
        """The value and unit as a reader says it: '62 wcpm', '40%', 'grade 2 level'."""
        v = f"{self.value:g}"
        return {"percent": f"{v}%", "grade level": f"grade {v} level", "rubric score": f"rubric score {v}",
                "trials": f"{v}% of trials", "count": f"{v} {self.noun}".strip()}.get(self.unit, f"{v} {self.unit}")

    @property
    def kind(self) -> tuple[str, str]:
        """What is compared: the unit family, and for a count the thing counted (stemmed)."""
        return self.unit, _stem(self.noun) if self.unit == "count" else ""

    def same_unit(self, other: Quantity) -> bool:
        """Whether two quantities can be compared (same family; counts of the same thing)."""
        return self.kind == other.kind


def _stem(noun: str) -> str:
    word = noun.split()[-1].lower() if noun.split() else ""
    return re.sub(r"(?:es|s)$", "", word)


def quantities(text: str) -> list[Quantity]:
    """Every value with a unit in ``text``, in reading order (a span is read once)."""
    return list(_quantities(text))


@lru_cache(maxsize=4096)
def _quantities(text: str) -> tuple[Quantity, ...]:
    # Cached: several checks read the same goal and baseline texts.
    taken: list[tuple[int, int]] = []
    out: list[Quantity] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for unit, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            q = _read(unit, m, text)
            if q is not None:
                taken.append((m.start(), m.end()))
                out.append(q)
    material = _MATERIAL.search(text)
    if material and int(material.group(1)) > 0:
        total, stem = int(material.group(1)), _stem(material.group(2))
        for k, q in enumerate(out):
            if q.unit == "count" and _stem(q.noun) == stem and q.value <= total and q.start > material.end():
                out[k] = Quantity(round(100.0 * q.value / total, 1), "percent", q.text, q.start, q.end)
    if material:
        for m in _BARE_CORRECT.finditer(text):
            if free(m.start(), m.end()) and int(material.group(1)) > 0:
                pct = 100.0 * int(m.group(1)) / int(material.group(1))
                if pct <= 100:
                    taken.append((m.start(), m.end()))
                    out.append(Quantity(round(pct, 1), "percent", m.group(0), m.start(), m.end()))
    return tuple(sorted(out, key=lambda q: q.start))


_RUBRIC = re.compile(r"\b(?:rubric|scale)\b", _R)


def _read(unit: str, m: re.Match[str], whole: str) -> Quantity | None:
    text = m.group(0)
    if unit == "scored":  # "scores 2 of 4" is a rubric score when its sentence names a rubric or scale
        a = max(whole.rfind(".", 0, m.start()), whole.rfind(";", 0, m.start())) + 1
        b = min([i for i in (whole.find(".", m.end()), whole.find(";", m.end())) if i >= 0] or [len(whole)])
        if not _RUBRIC.search(whole[a:b]):
            return None
        return Quantity(float(m.group(1)), "rubric score", text, m.start(), m.end())
    if unit == "grade level":
        value = next(g for g in m.groups() if g)
        return Quantity(float(value), unit, text, m.start(), m.end())
    if unit == "rubric score":
        value = next(g for g in m.groups() if g)
        return Quantity(float(value), unit, text, m.start(), m.end())
    if unit == "ratio":
        n, d, after = int(m.group(1)), int(m.group(2)), m.group(3) or ""
        if d == 0 or n > d:
            return None
        family = "trials" if _TRIAL_NOUNS.match(after) else "percent"
        return Quantity(round(100.0 * n / d, 1), family, text.strip(), m.start(), m.end())
    if unit == "per":
        return Quantity(float(m.group(1)), f"per {m.group(2).lower()}", text, m.start(), m.end())
    if unit == "count":
        words = m.group(2).lower().split()
        first = words[0].split("-")[-1] if words[0].count("-") == 1 else words[0]
        if _COUNT_SKIP.match(first) or len(first) < 3:
            return None
        if len(words) > 1 and words[1] in _NOUN_STOP:
            words = words[:1]
        noun = " ".join(words)
        return Quantity(float(m.group(1)), unit, text, m.start(), m.end(), noun=noun)
    if unit == "minutes" and re.search(r"\b(?:within|in|under)\s+$", whole[max(0, m.start() - 8): m.start()], _R):
        return None  # a time limit ("within 2 minutes") is part of the measure, not the level
    return Quantity(float(m.group(1)), unit, text, m.start(), m.end())


def main_quantity(qs: list[Quantity], prefer: str | None = None) -> Quantity | None:
    """The quantity that best states the level: a rate before accuracy, accuracy before trials.

    With ``prefer`` (a unit family), a quantity of that family wins if there is one.
    """
    if prefer:
        same = [q for q in qs if q.unit == prefer and q.unit != "count"]
        if same:
            return same[-1]
    for unit in _PRIORITY:
        found = [q for q in qs if q.unit == unit or (unit == "per" and q.unit.startswith("per "))]
        if found:
            return found[-1] if unit != "count" else found[0]
    return None


def decreasing(text: str) -> bool:
    """Whether a goal asks for less of something ("reduce call-outs to 2", "no more than 3")."""
    return bool(_DECREASE.search(text))


_LESS_BEFORE = re.compile(r"(?:no\s+more\s+than|fewer\s+than|at\s+most|less\s+than|maximum\s+of|down\s+to|under)\s*$", _R)
_LESS_AFTER = re.compile(r"^\s*(?:[a-z-]+\s+){0,2}?or\s+(?:fewer|less)\b", _R)
_OR_LESS = re.compile(r"\bor\s+(?:fewer|less)\b", _R)
_REDUCE = re.compile(r"\b(?:reduce[sd]?|decrease[sd]?|lower|limit)\b", _R)


def asks_less(text: str, q: Quantity) -> bool:
    """Whether the value ``q`` of a goal is a ceiling: "no more than 2", "2 or fewer", "reduce ... to 2"."""
    before = text[max(0, q.start - 25): q.start]
    if _LESS_BEFORE.search(before) or _LESS_AFTER.match(text[q.end: q.end + 30]) or _OR_LESS.search(q.text):
        return True
    return bool(re.search(r"\bto\s*$", before) and _REDUCE.search(text[: q.start]))


_WEEKS = re.compile(r"\b(?:within|in|over|after|for|during)\s+(?:the\s+next\s+)?(\d+|" + "|".join(_WORD_NUMBERS)
                    + r")\s+(?:instructional\s+|school\s+|academic\s+|calendar\s+)?(weeks?|months?)\b", _R)


def weeks_in(text: str) -> tuple[float, str] | None:
    """Instructional weeks a timeframe states ("within 18 instructional weeks"), with how it was read.

    Months count as 3 instructional weeks (36 instructional weeks in a 12-month IEP year).
    """
    m = _WEEKS.search(text)
    if not m:
        return None
    raw = m.group(1).lower()
    n = float(_WORD_NUMBERS.get(raw, 0) or raw)
    if m.group(2).lower().startswith("week"):
        return n, f"{n:g} weeks (the goal's timeframe)"
    w = n * INSTRUCTIONAL_WEEKS / 12
    return w, f"{w:g} instructional weeks ({n:g} months in the goal's timeframe, {INSTRUCTIONAL_WEEKS} a year)"


_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
_MONTH_RE = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATE_RES = [
    ("mdy", re.compile(r"\b(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})\b")),
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("month_day_year", re.compile(r"\b" + _MONTH_RE + r"\s+(\d{1,2}),?\s+(\d{4})\b", _R)),
    ("month_year", re.compile(r"\b" + _MONTH_RE + r",?\s+(\d{4})\b", _R)),
]


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(i for m, i in _MONTHS.items() if m.startswith(name[:3]))


def parse_dates(text: str) -> list[tuple[int, date]]:
    """Dates in ``text`` with their positions: 06/15/2027, 2027-06-15, June 15, 2027, June 2027 (the 15th)."""
    out: list[tuple[int, date]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _DATE_RES:
        for m in pattern.finditer(text):
            if any(not (m.end() <= s or m.start() >= e) for s, e in taken):
                continue
            try:
                if kind == "mdy":
                    y = int(m.group(3))
                    y = y + 2000 if y < 100 else y
                    d = date(y, int(m.group(1)), int(m.group(2)))
                elif kind == "iso":
                    d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                elif kind == "month_day_year":
                    d = date(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
                else:
                    d = date(int(m.group(2)), _month(m.group(1)), 15)
            except (ValueError, StopIteration):
                continue
            taken.append((m.start(), m.end()))
            out.append((m.start(), d))
    return sorted(out)


def first_date(text: str) -> date | None:
    """The first date written in ``text``, or None."""
    found = parse_dates(text)
    return found[0][1] if found else None
