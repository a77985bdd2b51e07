"""Sections -> Goals: annual goals with their objectives, postsecondary goals, baselines.

Lines are first joined into *units* (a paragraph, a table cell, a labelled
item); a unit that wraps over lines, columns or a page break stays one unit.
Each unit's label ("Goal 1:", "Objective 1.2:", "Baseline:", "1a.") is read
and stripped, then the unit is judged by :data:`is_goal_line`, a pluggable
scorer (rules by default; a learned classifier can replace it).

Example:
    >>> from goalcheck.ingest import read_document
    >>> from goalcheck.sections import find_sections
    >>> doc = read_document(b"Annual Goals\\nGoal 1: By May 2027, Ana will read 20 sight words.\\n"
    ...                     b"1a. Read 10 sight words by January 2027.", name="x.txt")
    >>> goals = extract_goals(doc, find_sections(doc))
    >>> goals[0].text, goals[0].objectives[0].text
    ('By May 2027, Ana will read 20 sight words.', 'Read 10 sight words by January 2027.')
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from goalcheck.schema import Document, Goal, Line, Section
from goalcheck.sections import assign_lines, heading_lines

__all__ = ["GoalScorer", "build_units", "extract_goals", "is_goal_line", "rule_is_goal_line", "sentences",
           "split_goals", "strip_label"]

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"

#: A scorer: (unit text as written, labels included; section kind or "") -> (label, probability).
#: Labels: "annual_goal", "objective", "postsecondary_goal", "goal" (any kind) or "not_goal".
GoalScorer = Callable[[str, str], tuple[str, float]]

GOAL_SECTIONS = frozenset({"annual_goals", "objectives", "transition"})
THRESHOLD = 0.5

_R = re.IGNORECASE
_ROMAN_OR_LETTER = r"(?:[A-Za-z]|[0-9]{1,2}(?:\.[0-9]{1,2})?[a-z]?)"
_SEP = r"\s*(?:[:.)\-–—]|\s-\s)\s*"
_GOAL_LABEL = re.compile(
    r"^(?:measurable\s+)?(?:annual\s+|iep\s+)?goal\s*(?:#|no\.?)?\s*(?P<num>\d{1,2}|[A-Z](?![A-Za-z]))?"
    r"(?:\s+of\s+\d{1,2})?(?P<sep>\s*[:.),\-–—]\s*|\s+|$)", _R)
_OBJ_LABEL = re.compile(
    r"^(?:short[-\s]?term\s+)?(?:objective|benchmark|sto)s?\s*(?:#|no\.?)?\s*(?P<num>" + _ROMAN_OR_LETTER + r")?" + _SEP, _R)
_OBJ_NUMBER = re.compile(r"^(?:\(?\d{1,2}\.?[a-z]\)|\d{1,2}\.?[a-z][.)]|\(?[a-z]\)|[a-z][.)])\s+")
_DOTTED_NUMBER = re.compile(r"^\d{1,2}\.\d{1,2}[.):]?\s+")
_NUMBER = re.compile(r"^(?:\(?\d{1,2}[.)]|#\d{1,2}[.:)]?)\s+")
_BULLET = re.compile(r"^[•◦▪▫■□●○‣⁃*–—\-]\s*")
_BASELINE = re.compile(
    r"^(?:baseline(?:\s+data)?|present\s+levels?(?:\s+of\s+performance)?|current\s+(?:level|performance))"
    r"\s*(?:\([^)]*\))?\s*[:\-–—]\s*", _R)
_POST_LABEL = re.compile(
    r"^(?:(?:measurable\s+)?post-?\s?secondary\s+(?:goal|outcome)s?\s*(?:\([^)]*\))?"
    r"(?:\s*[-–—]\s*[A-Za-z /&]+)?|(?:education\s*(?:/|and|&)\s*training|training|education|employment"
    r"|independent\s+living(?:\s+skills)?)(?:\s+goal)?)\s*[:\-–—]\s*", _R)
_OTHER_LABEL = re.compile(r"^(?:measured\s+by|evaluation(?:\s+method)?|progress\s+(?:will\s+be\s+)?(?:measured|monitored|reported)"
                          r"|method\s+of\s+measurement|area|domain|area\s+of\s+need)\s*[:\-–—]\s*", _R)
_TERMINAL = re.compile(r"[.!?][\"')\]]*$")
_WILL = re.compile(r"\bwill\b", _R)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


@dataclass(frozen=True)
class _Lexicon:
    not_after_will: re.Pattern[str]
    not_learners: frozenset[str]
    after_school: re.Pattern[str]
    timeframe: re.Pattern[str]
    criterion: re.Pattern[str]
    verbs: frozenset[str]


_FALLBACK_VERBS = ["read", "write", "solve", "compute", "identify", "name", "point", "request", "initiate", "answer", "label", "sort", "complete", "match", "spell", "state", "count", "add", "subtract", "multiply", "divide", "use", "ask", "tell", "retell", "say", "copy", "trace", "type", "follow", "respond", "produce", "locate", "select", "circle", "underline", "summarize", "describe", "explain", "list", "compare", "measure", "demonstrate", "decode", "recognize", "greet", "take", "raise", "wait", "walk", "transition", "hand", "share"]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = json.loads((DATA_DIR / "patterns" / "goal_lines.json").read_text("utf-8"))

    def any_of(key: str) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in raw[key]), _R)

    verbs = set(_FALLBACK_VERBS)
    try:
        lex = json.loads((DATA_DIR / "lexicons" / "verbs.json").read_text("utf-8"))
        verbs.update(v for v in lex.get("observable", {}) if " " not in v)
    except (OSError, ValueError):
        logger.debug("verbs.json not available; using the built-in verb list")
    return _Lexicon(
        not_after_will=re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in raw["not_goal_after_will"]) + ")", _R),
        not_learners=frozenset(raw["not_learners"]),
        after_school=any_of("after_school"),
        timeframe=any_of("timeframe"),
        criterion=any_of("criterion"),
        verbs=frozenset(verbs),
    )


def _learner_will(text: str) -> tuple[bool, str]:
    """Whether a learner is the subject of some "will"; and the words after that "will"."""
    lex = _lexicon()
    for m in _WILL.finditer(text):
        before = _WORD.findall(text[: m.start()])
        # skip adverbs between subject and "will" ("Maya also will")
        while before and before[-1].lower() in {"also", "then", "independently", "now", "still"}:
            before.pop()
        if not before:
            continue
        subject = before[-1]
        low = subject.lower().strip("'’")
        if low in lex.not_learners or (len(before) >= 2 and before[-2].lower() in {"the", "a", "an", "her", "his",
                                                                                   "their", "our", "my", "your"}
                                       and low not in {"student", "learner", "child", "pupil"}):
            continue
        learner = (subject[0].isupper() and low not in {"by", "when", "given", "after", "during", "with", "in"}) or low in {
            "he", "she", "they", "student", "learner", "child", "pupil", "students"}
        if learner:
            return True, text[m.end():].strip()
    return False, ""


def rule_is_goal_line(text: str, section_kind: str = "") -> tuple[str, float]:
    """The built-in rules: is this unit a goal, and of what kind? (A label such as "Goal 1:" is ignored.)

    A goal has a learner + "will" + an action that is not a service, support,
    placement, test participation or habit (RUBRIC.md 1 and 7.1); in an
    objectives area an imperative ("Read 20 sight words...") also counts.

    Example:
        >>> rule_is_goal_line("Maya will receive speech therapy 2x30 minutes weekly.", "services")
        ('not_goal', 0.05)
        >>> rule_is_goal_line("By June 2027, Maya will read 90 wcpm.", "annual_goals")[0]
        'annual_goal'
    """
    lex = _lexicon()
    clean = parse_label(text)[1]
    if len(clean) < 12:
        return "not_goal", 0.02
    learner, after = _learner_will(clean)
    post = bool(lex.after_school.search(clean))
    in_goals = section_kind in GOAL_SECTIONS
    if learner:
        if lex.not_after_will.match(after) or re.match(r"^(not\s+)?(be\s+)?(able\s+to\s+)?$", after):
            return "not_goal", 0.05
        kind = "postsecondary_goal" if post else ("objective" if section_kind == "objectives" else "annual_goal")
        if in_goals:
            return kind, 0.9
        has_time = bool(lex.timeframe.search(clean)) or post
        has_crit = bool(lex.criterion.search(clean))
        if section_kind in {"services", "accommodations"}:
            return (kind, 0.6) if has_time and has_crit else ("not_goal", 0.2)
        return (kind, 0.7) if (has_time or has_crit) else ("not_goal", 0.3)
    first = _WORD.match(clean)
    if first and section_kind in {"objectives", "annual_goals"} and first.group(0).lower() in lex.verbs:
        # An imperative ("Read 20 sight words ..."): a goal when measured, else
        # plausible enough for a unit labelled as an objective.
        label = "objective" if section_kind == "objectives" else "goal"
        return (label, 0.75) if lex.criterion.search(clean) or lex.timeframe.search(clean) else (label, 0.4)
    return "not_goal", 0.1


_ABBREVIATION = re.compile(
    r"(?:\b(?:mr|mrs|ms|dr|st|vs|etc|no|nos|approx|e\.g|i\.e|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|gr|pp"
    r"|min|hr|hrs|wk|wks|sec|ft|in|oz|lb|lbs|ca|cf|fig|vol)|\b(?-i:[A-Z]))\.$", _R)
_BOUNDARY = re.compile(r"[.!?][\"'’”)\]]*\s+(?=[\"'“(]?[A-Z0-9])")
_CONTINUES = re.compile(
    r"^(?:also\s+)?(?:be\s+(?:measured|assessed|evaluated|monitored|tracked|recorded|documented|charted|checked"
    r"|reviewed|reported|collected|graphed|scored|observed)|do\s+(?:so|this|it|that)\b)", _R)
_RUN_IN_LABELS = frozenset({"goal", "objective", "postsecondary"})


def sentences(text: str) -> list[str]:
    """``text`` cut into sentences (whitespace collapsed); abbreviations ("Dr.", "Jan.") do not end one.

    Example:
        >>> sentences("Ms. Lee charts data. Jo will read 20 words. This will be measured weekly.")
        ['Ms. Lee charts data.', 'Jo will read 20 words.', 'This will be measured weekly.']
    """
    flat = " ".join(text.split())
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(flat):
        head = flat[start:m.start() + 1]
        if _ABBREVIATION.search(head):
            continue
        out.append(flat[start:m.end()].strip())
        start = m.end()
    if flat[start:].strip():
        out.append(flat[start:].strip())
    return out


def _starts_goal(sentence: str) -> bool:
    """Whether a sentence opens a goal: a goal or objective label, or a learner + "will" + an action.

    A sentence that continues the goal before it ("This will be measured by ...",
    "She will do so on 3 consecutive probes") does not.
    """
    label, body, _ = parse_label(sentence)
    if label in _RUN_IN_LABELS and body:
        return True
    learner, after = _learner_will(body)
    return learner and not _CONTINUES.match(after)


def split_goals(text: str) -> list[str]:
    """One text box -> one string per goal it holds (RUBRIC.md 7.24).

    A new piece starts at every sentence that opens a goal (a label such as
    "Annual Goal:" or "Objective 2:", or "<learner> will <do something>");
    a sentence that continues a goal ("as measured by ...", "This will be
    measured ...", a second criterion) stays with it. Text before the first
    goal is a piece of its own. Nothing is lost: joining the pieces with
    spaces gives the text with its whitespace collapsed.

    Example:
        >>> split_goals("By May 2027, Jo will read 40 words. Jo will add 20 facts in 2 minutes. "
        ...             "This will be measured by weekly probes.")
        ['By May 2027, Jo will read 40 words.', 'Jo will add 20 facts in 2 minutes. This will be measured by weekly probes.']
    """
    pieces: list[str] = []
    for sentence in sentences(text):
        if pieces and not _starts_goal(sentence):
            pieces[-1] = f"{pieces[-1]} {sentence}"
        else:
            pieces.append(sentence)
    return pieces


#: The scorer used by :func:`extract_goals`; replace it to plug in a learned
#: classifier (``goalcheck.extract.is_goal_line = my_scorer``) or pass
#: ``scorer=`` to :func:`extract_goals`.
is_goal_line: GoalScorer = rule_is_goal_line


def _number(token: str | None) -> int | None:
    m = re.match(r"\(?(\d{1,2})", token or "")
    return int(m.group(1)) if m else None


def _parent_ref(num: str | None) -> int | None:
    """The parent goal named in an objective's number: "2.1" and "2a" name goal 2."""
    if num and num[:1].isdigit() and ("." in num or num[-1:].isalpha()):
        return _number(num)
    return None


def parse_label(text: str) -> tuple[str, str, int | None]:
    """A unit's label kind, its text without the label, and the goal number named.

    Kinds: goal, goal_header (a label line with no goal text), objective,
    baseline, postsecondary, other (measurement and similar fields), number
    (a bare "1."), none. The number is the goal's own ("Goal 2:") or, for an
    objective, its parent's ("Objective 2.1", "2a.", "Goal 2, Benchmark A").
    """
    text = " ".join(text.split())
    bullet = _BULLET.match(text)
    if bullet and not re.match(r"^-?\d", text):
        text = text[bullet.end():]
    for kind, pattern in (("baseline", _BASELINE), ("postsecondary", _POST_LABEL), ("other", _OTHER_LABEL)):
        m = pattern.match(text)
        if m:
            return kind, text[m.end():].strip(), None
    m = _OBJ_LABEL.match(text)
    if m:
        num = m.group("num")
        return "objective", text[m.end():].strip(), _parent_ref(num)
    m = _GOAL_LABEL.match(text)
    if m and (m.group("num") or m.group("sep").strip() or m.end() == len(text)):
        rest = text[m.end():].strip()
        num = _number(m.group("num"))
        sub = _OBJ_LABEL.match(rest)
        if sub:
            return "objective", rest[sub.end():].strip(), num
        if not rest or (not _WILL.search(rest) and len(rest.split()) <= 8 and not _TERMINAL.search(rest)):
            return "goal_header", rest, num
        return "goal", rest, num
    m = _OBJ_NUMBER.match(text) or _DOTTED_NUMBER.match(text)
    if m:
        return "objective", text[m.end():].strip(), _number(m.group(0).lstrip("("))
    m = _NUMBER.match(text)
    if m:
        return "number", text[m.end():].strip(), _number(m.group(0).lstrip("(#"))
    return "none", text, None


def strip_label(text: str) -> tuple[str, str]:
    """Split a unit's label from its text: (label kind, text without label).

    Example:
        >>> strip_label("Objective 1.2: Read 20 sight words.")
        ('objective', 'Read 20 sight words.')
        >>> strip_label("Goal 3: Maya will add.")
        ('goal', 'Maya will add.')
    """
    kind, body, _ = parse_label(text)
    return kind, body


@dataclass
class Unit:
    """A run of lines read as one item (paragraph, cell, labelled entry)."""

    lines: list[Line]
    section: Section | None
    text: str = ""
    label: str = "none"
    body: str = ""
    number: int | None = None

    @property
    def first(self) -> Line:
        return self.lines[0]


def _starts_unit(line: Line) -> bool:
    return parse_label(line.text)[0] != "none" or bool(_BULLET.match(line.text))


def _same_cell(a: Line, b: Line) -> bool:
    return a.in_table and b.in_table and a.page == b.page and a.top == b.top and a.x0 == b.x0


def _joins(cur: Unit, prev: Line, line: Line, section: Section | None) -> bool:
    """Whether ``line`` continues the unit ``cur`` whose last line is ``prev``."""
    if cur.section is not section or _starts_unit(line):
        return False
    if line.in_table or prev.in_table:
        return _same_cell(prev, line)
    if line.bold != prev.bold:
        return False
    ended = bool(_TERMINAL.search(prev.text))
    if ended and (line.text[:1].isupper() or parse_label(cur.lines[0].text)[0] in {"baseline", "other"}):
        return False  # a finished sentence: a goal is one sentence, so a new unit starts
    if line.page != prev.page or line.top < prev.top or line.x0 > prev.x0 + 150:
        return not ended  # a new page or column continues an unfinished sentence
    pitch = max(line.size, prev.size, 0.0) or 9.0
    return line.top - prev.top <= 1.5 * pitch + 0.5


def build_units(document: Document, owners: list[Section | None], skip: set[int]) -> list[Unit]:
    """Join lines into units (see module docstring); lines in ``skip`` (headings) end units."""
    units: list[Unit] = []
    cur: Unit | None = None
    prev: Line | None = None
    for k, line in enumerate(document.lines):
        if k in skip:
            cur, prev = None, None
            continue
        if cur is not None and prev is not None and _joins(cur, prev, line, owners[k]):
            cur.lines.append(line)
        else:
            cur = Unit(lines=[line], section=owners[k])
            units.append(cur)
        prev = line
    for unit in units:
        unit.text = " ".join(" ".join(ln.text for ln in unit.lines).split())
        unit.label, unit.body, unit.number = parse_label(unit.text)
    return units


def _field_role(fieldname: str | None) -> str | None:
    if not fieldname:
        return None
    f = fieldname.lower().strip()
    if re.fullmatch(r"#|no\.?|num(ber)?|goal\s*#|obj(ective)?\s*#", f):
        return "number"
    if re.search(r"baseline|present\s+level|current\s+(level|performance)", f):
        return "baseline"
    if re.search(r"objective|benchmark|short[-\s]?term", f):
        return "objective"
    if re.search(r"post-?\s?secondary", f):
        return "postsecondary"
    if re.search(r"\bgoals?\b", f):
        return "goal"
    if re.search(r"measur|evaluat|progress|method|criteri|schedule|frequency|service|location|minutes|provider", f):
        return "other"
    return None


def _batched(score: GoalScorer, units: list[Any]) -> GoalScorer:
    """Score every unit in one call when the scorer offers ``score.many(texts, kinds)``."""
    many = getattr(score, "many", None)
    if many is None:
        return score
    keys = [(u.text, u.section.kind if u.section else "") for u in units]
    results = dict(zip(keys, many([k[0] for k in keys], [k[1] for k in keys]), strict=True))
    return lambda text, kind: results.get((text, kind)) or score(text, kind)


def extract_goals(document: Document, sections: list[Section], *,
                  scorer: GoalScorer | None = None, threshold: float = THRESHOLD) -> list[Goal]:
    """The goals of a document: annual goals (objectives attached) and postsecondary goals.

    Args:
        document: an ingested document.
        sections: its sections (from ``find_sections``).
        scorer: overrides :data:`is_goal_line` for this call.
        threshold: the probability from which a unit counts as a goal.

    Returns:
        Goals in document order; objectives sit in their goal's ``objectives``
        (an objective found before any goal is returned on its own).
    """
    score = scorer or is_goal_line
    owners = assign_lines(document, sections)
    units = build_units(document, owners, heading_lines(document))
    score = _batched(score, units)
    goals: list[Goal] = []
    numbered: dict[int, Goal] = {}
    current: Goal | None = None
    current_row: tuple[int, float] | None = None
    baseline: str | None = None
    pending_number: int | None = None
    row_number: tuple[tuple[int, float] | None, str] | None = None
    annual_count = 0
    last_section: Section | None = None
    for unit in units:
        section = unit.section
        kind_name = section.kind if section else ""
        if section is not last_section:
            baseline, pending_number, last_section = None, None, section
            if kind_name != "objectives":
                current = None
        role = _field_role(unit.first.field) if unit.first.in_table else None
        label = unit.label
        row = (unit.first.page, unit.first.top) if unit.first.in_table else None
        if role == "number":
            row_number = (row, unit.text)
            continue
        if role == "baseline" or label == "baseline":
            text = unit.body if label == "baseline" else unit.text
            if current is not None and row is not None and row == current_row and current.baseline is None:
                current.baseline = text
            else:
                baseline = text
            continue
        if label == "goal_header":
            current, baseline, pending_number = None, None, unit.number
            continue
        if role == "other" or label == "other":
            continue
        body = unit.body if label != "none" else unit.text
        guess, prob = score(unit.text, kind_name)
        forced = label in {"goal", "objective", "postsecondary"} or role in {"goal", "objective", "postsecondary"}
        if (guess == "not_goal" or prob < threshold) and not (forced and prob >= 0.25):
            continue  # a label makes a goal of a unit the scorer finds merely plausible
        kind = _kind(guess, label, role, kind_name, body)
        number = unit.number
        if number is None and row_number is not None and row is not None and row_number[0] == row:
            cell = row_number[1].rstrip(".:)")
            if "." in cell or cell[-1:].isalpha():
                kind, number = "objective", _parent_ref(cell)
            else:
                number = _number(cell)
        goal = Goal(text=body, kind=kind, section=kind_name or None, page=unit.first.page)
        if kind == "objective":
            parent = numbered.get(number) if number is not None else None
            parent = parent or (current if current is not None and current.kind == "annual_goal" else None)
            if parent is not None:
                parent.objectives.append(goal)
                continue
        if kind == "annual_goal":
            annual_count += 1
            goal.baseline = baseline
            baseline = None
            own = number if number is not None else pending_number
            numbered.setdefault(own if own is not None else annual_count, goal)
            pending_number = None
            current = goal
            current_row = row
        goals.append(goal)
    return goals


def _kind(guess: str, label: str, role: str | None, section_kind: str, body: str) -> str:
    if label == "postsecondary" or role == "postsecondary" or guess == "postsecondary_goal":
        return "postsecondary_goal"
    if label == "objective" or role == "objective":
        return "objective"
    if label == "goal" or role == "goal":
        return "annual_goal"
    if guess in {"annual_goal", "objective"}:
        return guess
    if section_kind == "transition" and _lexicon().after_school.search(body):
        return "postsecondary_goal"
    return "objective" if section_kind == "objectives" else "annual_goal"
