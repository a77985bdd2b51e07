"""Sections -> Goals: annual goals with their objectives, postsecondary goals, baselines.

Lines are first joined into *units* (a paragraph, a table cell, a labelled
item); a unit that wraps over lines, columns or a page break stays one unit.
Each unit's label ("Goal 1:", "Objective 1.2:", "Baseline:", "1a.") is read
and stripped, then the unit is judged by :data:`is_goal_line`, a pluggable
scorer (rules by default; a learned classifier can replace it).

A unit holding several goals is cut by :func:`split_goals` (one box, one
goal). Lines or table cells that only give a goal's measurement, criterion,
target date, condition, baseline or progress reporting become that goal's
:class:`~goalcheck.schema.FormField` s, never goals (names of the fields:
``data/patterns/form_fields.json``). Team wishes, form prompts and boilerplate
are never goals (``data/patterns/goal_lines.json``).

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

from goalcheck.data import component_look, form_fields
from goalcheck.literals import ascii_lower, search
from goalcheck.schema import Document, FormField, Goal, Line, Section
from goalcheck.sections import assign_lines, heading_lines

__all__ = ["GoalScorer", "build_units", "extract_goals", "field_of", "is_goal_line", "never_goal",
           "rule_is_goal_line", "sentences", "split_goals", "strip_label"]

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
    r"^(?:measurable\s+)?(?:annual\s+|iep\s+)?goal(?:\s*(?:/|or|and|&)\s*(?:short[-\s]?term\s+)?(?:objective|benchmark)s?)?"
    r"\s*(?:#|no\.?)?\s*(?P<num>\d{1,2}|[A-Z](?![A-Za-z]))?"
    r"(?:\s+of\s+\d{1,2})?(?:\s*\([^()]{1,40}\))?(?P<sep>\s*[:.),\-–—]\s*|\s+|$)", _R)
_OBJ_WORD = r"(?:short[-\s]?term\s+)?(?:instructional\s+)?(?:objective|obj\.|benchmark|sto)s?"
_OBJ_LABEL = re.compile(
    r"^" + _OBJ_WORD + r"(?:\s*(?:/|or|and|&)\s*" + _OBJ_WORD + r")?\s*(?:#|no\.?)?\s*(?:(?P<num>"
    + _ROMAN_OR_LETTER + r")(?:\s*\([^()]{1,40}\))?(?:" + _SEP + r"|\s+(?=(?-i:[A-Z])[a-z]))|" + _SEP + r")", _R)
_OBJ_NUMBER = re.compile(r"^(?:\(?\d{1,2}\.?[a-z]\)|\d{1,2}\.?[a-z][.)]|\(?[a-z]\)|[a-z][.)])\s+")
_DOTTED_NUMBER = re.compile(r"^\d{1,2}\.\d{1,2}[.):]?\s+")
_NUMBER = re.compile(r"^(?:\(?\d{1,2}[.)]|#\d{1,2}[.:)]?)\s+")
_BULLET = re.compile(r"^(?:[•◦▪▫■□●○‣⁃*–—\-]|\(cid:\d+\))\s*")
_BASELINE = re.compile(
    r"^(?:baseline(?:\s+data)?|present\s+levels?(?:\s+of\s+performance)?|current\s+(?:level|performance))"
    r"\s*(?:\([^)]*\))?\s*[:\-–—]\s*", _R)
_POST_LABEL = re.compile(
    r"^(?:(?:measurable\s+)?post-?\s?secondary\s+(?:goal|outcome)s?\s*(?:\([^)]*\))?"
    r"(?:\s*[-–—]\s*[A-Za-z /&]+)?|(?:education\s*(?:/|and|&)\s*training|training|education|employment"
    r"|independent\s+living(?:\s+skills)?)(?:\s+goal)?)\s*[:\-–—]\s*", _R)
_ROW_NUMBER = re.compile(r"^(?:(?:#|no\.?|num(?:ber)?)\s*[:.]?|(?:goal|obj(?:ective)?)\s*(?:#|no\.?)\s*:)\s*"
                         r"(?P<ref>\d{1,2}(?:\.\d{1,2}|[a-z])?)\s*$", _R)
_LEAD_IN = re.compile(r"^([^:]{3,90}):\s+(?=\S)")
_AREA_PREFIX = re.compile(r"^(?:[A-Z][A-Za-z/&'’-]*)(?:\s+[A-Za-z/&'’-]+){0,3}\s*:\s+")
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
    wishes: re.Pattern[str]
    reported: re.Pattern[str]
    form_prompts: re.Pattern[str]
    boilerplate: re.Pattern[str]
    points_to_goal: re.Pattern[str]
    #: (role, pattern of the field's name) in the order tried; baseline first
    field_names: tuple[tuple[str, re.Pattern[str]], ...]
    #: "Label:" at the start of a line for any field other than the baseline (and area/domain)
    other_label: re.Pattern[str]


_FALLBACK_VERBS = ["read", "write", "solve", "compute", "identify", "name", "point", "request", "initiate", "answer", "label", "sort", "complete", "match", "spell", "state", "count", "add", "subtract", "multiply", "divide", "use", "ask", "tell", "retell", "say", "copy", "trace", "type", "follow", "respond", "produce", "locate", "select", "circle", "underline", "summarize", "describe", "explain", "list", "compare", "measure", "demonstrate", "decode", "recognize", "greet", "take", "raise", "wait", "walk", "transition", "hand", "share"]


def _any_of(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), _R)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = json.loads((DATA_DIR / "patterns" / "goal_lines.json").read_text("utf-8"))
    fields = form_fields()
    verbs = set(_FALLBACK_VERBS)
    try:
        lex = json.loads((DATA_DIR / "lexicons" / "verbs.json").read_text("utf-8"))
        verbs.update(v for v in lex.get("observable", {}) if " " not in v)
    except (OSError, ValueError):
        logger.debug("verbs.json not available; using the built-in verb list")
    roles = fields["roles"]
    names = tuple((role, re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in spec["labels"]) + r")", _R))
                  for role, spec in roles.items())
    other = [p for role, spec in roles.items() if role != "baseline" for p in spec["labels"]]
    other += [r"area(?:\s+of\s+need)?", r"domain", r"(?:annual\s+)?goal\s+area", r"skill\s+area"]
    return _Lexicon(
        not_after_will=re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in raw["not_goal_after_will"]) + ")", _R),
        not_learners=frozenset(raw["not_learners"]),
        after_school=_any_of(raw["after_school"]),
        timeframe=component_look("timeframe"),
        criterion=component_look("criterion"),
        verbs=frozenset(verbs),
        wishes=_any_of(raw["wishes"]),
        reported=_any_of(raw["reported"]),
        form_prompts=_any_of(raw["form_prompts"]),
        boilerplate=_any_of(raw["boilerplate"]),
        points_to_goal=_any_of(raw["points_to_goal"]),
        field_names=names,
        other_label=re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in other) + r")\s*(?:\([^)]*\)\s*)?[:\-–—]\s*", _R),
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


_WISHED_TO = re.compile(r"\s+(?:for\s+)?(?:(?-i:[A-Z])[\w'’-]+|him|her|them|the\s+student|the\s+child|(?:his|her|their)\s+\w+)\s+to\b", _R)
_WISH_CONDITION = re.compile(r"\b(?:when|whenever|if|what|given|after|before|during|while|until|unless)\b", _R)


def never_goal(text: str) -> str | None:
    """Why a unit can never be a goal, or None: a team, parent or student wish (RUBRIC.md 7.23),
    what someone reports will happen ("Mom says Jo will ..."), a form prompt or template instruction ("Write the SOL number related to this goal:",
    "If goal not met, ..."), or boilerplate ("Progress toward each goal will be measured ...").

    Example:
        >>> never_goal("The family hopes Jordan will learn to drive.")
        'wish'
        >>> never_goal("When he wants a break, Jo will ask for one in 4 of 5 opportunities.") is None
        True
    """
    lex = _lexicon()
    flat = " ".join(text.split())
    low = ascii_lower(flat)
    for reason, pattern in (("wish", lex.wishes), ("reported", lex.reported)):
        m = search(pattern, flat, low)
        if (m and len(_WORD.findall(flat[: m.start()])) <= 5 and not _WISH_CONDITION.search(flat[: m.start()])
                and (reason == "reported" or _WILL.search(flat[m.end():]) or _WISHED_TO.match(flat[m.end():]))):
            return reason  # a wish in "will" form or "wants Maya to ..." (not "Ximena hopes to work ...")
    if search(lex.form_prompts, flat, low):
        return "form_prompt"
    if search(lex.boilerplate, flat, low):
        return "boilerplate"
    return None


def points_to_goal(text: str) -> bool:
    """True for a benchmark that points to its goal ("By 10/04, the above goal will be met"; RUBRIC 7.22).

    Example:
        >>> points_to_goal("By 10/04, the above goal will be met."), points_to_goal("Jo will read 20 words.")
        (True, False)
    """
    return bool(_lexicon().points_to_goal.search(text))


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
    if len(clean) < 12 or never_goal(clean):
        return "not_goal", 0.02
    low = ascii_lower(clean)
    if search(lex.points_to_goal, clean, low):
        return "objective", 0.85  # "By 10/04, the above goal will be met" (RUBRIC.md 7.22)
    learner, after = _learner_will(clean)
    in_goals = section_kind in GOAL_SECTIONS
    if learner:
        if _no_action(after):
            return "not_goal", 0.05
        post = bool(search(lex.after_school, clean, low))
        kind = "postsecondary_goal" if post else ("objective" if section_kind == "objectives" else "annual_goal")
        if in_goals:
            return kind, 0.9
        has_time = bool(search(lex.timeframe, clean, low)) or post
        has_crit = bool(search(lex.criterion, clean, low))
        if section_kind in {"services", "accommodations"}:
            return (kind, 0.6) if has_time and has_crit else ("not_goal", 0.2)
        if has_time or has_crit:
            return kind, 0.7
        # RUBRIC.md 1: "<learner> will <do something>" is a goal wherever it stands, weak ones
        # included; in present levels "will" often tells a habit ("When upset, Jo will hide").
        return ("not_goal", 0.3) if section_kind == "present_levels" else (kind, 0.6)
    first = _WORD.match(clean)
    if first and section_kind in {"objectives", "annual_goals"} and first.group(0).lower() in lex.verbs:
        # An imperative ("Read 20 sight words ..."): a goal when measured, else
        # plausible enough for a unit labelled as an objective.
        label = "objective" if section_kind == "objectives" else "goal"
        has_measure = search(lex.criterion, clean, low) or search(lex.timeframe, clean, low)
        return (label, 0.75) if has_measure else (label, 0.4)
    return "not_goal", 0.1


_NOTHING_AFTER_WILL = re.compile(r"^(not\s+)?(be\s+)?(able\s+to\s+)?$")


def _no_action(after: str) -> bool:
    """True when the words after a learner's "will" name no goal's action: a service, support,
    placement or test ("will receive ...", RUBRIC.md 7.1), or nothing at all."""
    return bool(_lexicon().not_after_will.match(after) or _NOTHING_AFTER_WILL.match(after))


def rules_reject(text: str) -> bool:
    """True when :func:`rule_is_goal_line` finds ``text`` no goal in any section ("not_goal"
    at 0.05 or less): never a goal, or a learner's "will" followed by no action.

    Only the checks that can change that answer are run (not the timeframe, criterion or
    after-school look-ups, which only grade a goal).

    Example:
        >>> rules_reject("Maya will receive speech therapy 2x30 minutes weekly."), rules_reject("Jo will add.")
        (True, False)
    """
    clean = parse_label(text)[1]
    if len(clean) < 12 or never_goal(clean):
        return True
    learner, after = _learner_will(clean)
    return (learner and _no_action(after)
            and not search(_lexicon().points_to_goal, clean, ascii_lower(clean)))


_ABBREVIATION = re.compile(
    r"(?:\b(?:mr|mrs|ms|dr|st|vs|etc|no|nos|approx|e\.g|i\.e|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|gr|pp"
    r"|min|hr|hrs|wk|wks|sec|ft|in|oz|lb|lbs|ca|cf|fig|vol)|\b(?-i:[A-Z])|\b[a-z]\.[a-z])\.$", _R)
_ONLY_LABEL = re.compile(r"^(?:[A-Za-z]+\s+)?\(?(?:[0-9]{1,2}(?:\.[0-9]{1,2})?[a-z]?|[A-Za-z]{1,2}|[IVX]{1,4})[.)]$")
_BOUNDARY = re.compile(r"[.!?][\"'’”)\]]*\s+(?=[\"'“(]?[A-Z0-9])")
_CONTINUES = re.compile(
    r"^(?:also\s+)?(?:be\s+(?:measured|assessed|evaluated|monitored|tracked|recorded|documented|charted|checked"
    r"|reviewed|reported|collected|graphed|scored|observed)|do\s+(?:so|this|it|that)\b)", _R)
_LABEL_START = re.compile(r"^[A-Z][A-Za-z/&'’-]*(?:\s+[A-Za-z/&'’-]+){0,4}\s*:\s")
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
        if _ABBREVIATION.search(head) or _ONLY_LABEL.match(head):
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
    if label == "baseline" or (label == "none" and _LABEL_START.match(sentence)):
        return True  # "Baseline: ...", "Instructional supports: ..." are not part of the goal before
    learner, after = _learner_will(body)
    return learner and not _CONTINUES.match(after)


def split_goals(text: str) -> list[str]:
    """One text box -> one string per goal it holds (RUBRIC.md 7.24).

    A new piece starts at every sentence that opens a goal (a label such as
    "Annual Goal:" or "Objective 2:", or "<learner> will <do something>") or
    a labelled line that is not one of the goal's fields ("Baseline:",
    "Supports:"); a sentence that continues a goal ("as measured by ...",
    "This will be measured ...", "Measured by: ...", a second criterion)
    stays with it. Text before the first
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
    for kind, pattern in (("baseline", _BASELINE), ("postsecondary", _POST_LABEL), ("other", _lexicon().other_label)):
        m = pattern.match(text)
        if m:
            return kind, text[m.end():].strip(), None
    m = _ROW_NUMBER.match(text)
    if m:
        return "row_number", m.group("ref"), None
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
        area = _AREA_PREFIX.match(rest)
        if area and (_WILL.search(rest[area.end():]) or len(rest[area.end():].split()) > 8):
            rest = rest[area.end():]  # "Goal 1 - Organization: By June ..." (the area is not the goal)
        return "goal", rest, num
    m = _OBJ_NUMBER.match(text) or _DOTTED_NUMBER.match(text)
    if m:
        return "objective", text[m.end():].strip(), _number(m.group(0).lstrip("("))
    m = _NUMBER.match(text)
    if m:
        return "number", _without_lead_in(text[m.end():].strip()), _number(m.group(0).lstrip("(#"))
    return "none", _without_lead_in(text), None


def _without_lead_in(text: str) -> str:
    """The goal after a lead-in and a colon: "Here is one I wrote: Kai will ..." -> "Kai will ..."."""
    lead = _LEAD_IN.match(text)
    if lead and not _WILL.search(lead.group(1)) and _learner_will(text[lead.end():])[0]:
        return text[lead.end():]
    return text


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
    gap_before: bool = True  # a blank line, a new page or a new block before it
    box: int = -1  # index of the unit it was cut from by split_goals (one box, several goals)

    @property
    def first(self) -> Line:
        return self.lines[0]


def _starts_unit(line: Line) -> bool:
    return (parse_label(line.text)[0] != "none" or bool(_BULLET.match(line.text) or _LABEL_START.match(line.text))
            or never_goal(line.text) == "form_prompt" or _is_bare_label(line.text))


_UNFINISHED = re.compile(r"(?:[,;:/&-]|\b(?:and|or|of|the|a|an|by|with|to|in|on|for|at|from|per))$", _R)
_BLANK_END = re.compile(r"_{3,}\s*$")


def _same_cell(a: Line, b: Line) -> bool:
    return a.in_table and b.in_table and a.page == b.page and a.top == b.top and a.x0 == b.x0


def _line_pitch(document: Document) -> float:
    """The usual distance between consecutive lines of running text (double spacing doubles it)."""
    gaps = [b.top - a.top for a, b in zip(document.lines, document.lines[1:], strict=False)
            if a.page == b.page and not a.in_table and not b.in_table and 0 < b.top - a.top < 80]
    if len(gaps) < 4:
        return 0.0
    gaps.sort()
    return gaps[len(gaps) // 2]


def _close(prev: Line, line: Line, pitch: float, full: int = 0) -> bool:
    """Whether ``line`` follows ``prev`` at line distance (no blank line between them).

    In a double-spaced text (``pitch`` about two lines) a wider gap still counts
    as line distance when ``prev`` reaches the margin (at least ``full`` characters).
    """
    size = max(line.size, prev.size, 0.0) or 9.0
    gap = line.top - prev.top
    if line.page != prev.page or gap < 0:
        return False
    return gap <= 1.5 * size + 0.5 or (len(prev.text) >= full and gap <= 1.2 * pitch)


def _joins(cur: Unit, prev: Line, line: Line, section: Section | None, pitch: float, full: int) -> bool:
    """Whether ``line`` continues the unit ``cur`` whose last line is ``prev``."""
    if cur.section is not section or _starts_unit(line):
        return False
    if line.in_table or prev.in_table:
        return _same_cell(prev, line)
    if line.bold != prev.bold:
        return False
    ended = bool(_TERMINAL.search(prev.text))
    if _BLANK_END.search(prev.text):
        return False  # a form's blank ("Signature: ______") ends its line
    if parse_label(cur.lines[0].text)[0] in {"baseline", "other"}:
        if not cur.lines[0].text.split(":", 1)[-1].strip() and _starts_goal(line.text):
            return False  # an empty field ("Target date:") before a goal
        if line.text[:1].isupper() and not _UNFINISHED.search(prev.text):
            return False  # a field's value is short; a capital after a finished phrase starts something new
    if ended and (line.text[:1].isupper() or parse_label(cur.lines[0].text)[0] in {"baseline", "other"}):
        return False  # a finished sentence: a goal is one sentence, so a new unit starts
    if line.page != prev.page or line.top < prev.top or line.x0 > prev.x0 + 150:
        return not ended  # a new page or column continues an unfinished sentence
    return _close(prev, line, pitch, full)


def _continues_cell(before: Unit, after: Unit) -> bool:
    """Whether a goal cell at the top of a page continues the cell before the page break."""
    last = before.lines[-1].text
    return not _TERMINAL.search(last) and after.first.text[:1].islower()


def _join_rows_across_pages(units: list[Unit]) -> list[Unit]:
    """A table row broken by a page break: the cells of the first row of a page join the cells of
    the last row of the page before, when that new row has no goal or number cell of its own or
    its goal cell continues an unfinished sentence."""
    out: list[Unit] = []
    last_row: dict[str | None, Unit] = {}
    last_key: tuple[int, float] | None = None
    k = 0
    while k < len(units):
        unit = units[k]
        line = unit.first
        if not line.in_table:
            out.append(unit)
            last_row, last_key = {}, None
            k += 1
            continue
        key = (line.page, line.top)
        row = [unit]
        while k + len(row) < len(units) and units[k + len(row)].first.in_table and (
                units[k + len(row)].first.page, units[k + len(row)].first.top) == key:
            row.append(units[k + len(row)])
        if (last_key is not None and line.page == last_key[0] + 1 and row[0].first.field is not None
                and all(u.first.field in last_row for u in row)
                and all(_continues_cell(last_row[u.first.field], u) for u in row
                        if _field_role(u.first.field) in {"goal", "objective", "number", "postsecondary"})):
            for u in row:
                prev = last_row[u.first.field]
                prev.lines.extend(u.lines)  # the row continues: same cells, next page
        else:
            out.extend(row)
            last_row = {u.first.field: u for u in row}
            last_key = key
        k += len(row)
    return out


def build_units(document: Document, owners: list[Section | None], skip: set[int]) -> list[Unit]:
    """Join lines into units (see module docstring); lines in ``skip`` (headings) end units.

    A unit holding several goals (a paragraph or box) is then cut by :func:`split_goals`.
    """
    units: list[Unit] = []
    cur: Unit | None = None
    prev: Line | None = None
    pitch = _line_pitch(document)
    lengths = sorted(len(ln.text) for ln in document.lines if not ln.in_table)
    full = int(0.75 * lengths[int(0.9 * (len(lengths) - 1))]) if lengths else 0  # a line that reaches the margin
    for k, line in enumerate(document.lines):
        if k in skip:
            cur, prev = None, None
            continue
        if cur is not None and prev is not None and _joins(cur, prev, line, owners[k], pitch, full):
            cur.lines.append(line)
        else:
            gap = prev is None or line.in_table != prev.in_table or (not line.in_table and not _close(prev, line, 0.0))
            cur = Unit(lines=[line], section=owners[k], gap_before=gap)
            units.append(cur)
        prev = line
    units = _join_rows_across_pages(units)
    out: list[Unit] = []
    for n, unit in enumerate(units):
        unit.text = " ".join(" ".join(ln.text for ln in unit.lines).split())
        if len(unit.lines) > 1 and _is_bare_label(unit.lines[0].text):
            head = " ".join(unit.lines[0].text.split())
            unit.text = f"{head}: " + " ".join(" ".join(ln.text for ln in unit.lines[1:]).split())
        pieces = split_goals(unit.text) if len(unit.text) > 40 else [unit.text]
        if len(pieces) <= 1:
            unit.label, unit.body, unit.number = parse_label(unit.text)
            out.append(unit)
            continue
        offset = 0
        starts: list[int] = []
        for ln in unit.lines:  # where each line starts in unit.text
            starts.append(offset)
            offset += len(" ".join(ln.text.split())) + 1
        pos = 0
        for i, piece in enumerate(pieces):
            at = max(j for j, st in enumerate(starts) if st <= pos)
            part = Unit(lines=unit.lines[at:] if i == len(pieces) - 1 else unit.lines[at:at + 1],
                        section=unit.section, text=piece, gap_before=unit.gap_before and i == 0, box=n)
            part.label, part.body, part.number = parse_label(piece)
            out.append(part)
            pos += len(piece) + 1
    return out


def _is_bare_label(text: str) -> bool:
    """A line that is only a field name or a goal/objective label, with no colon ("Evaluation procedure")."""
    flat = " ".join(text.split())
    if ":" in flat or len(flat.split()) > 5:
        return False
    if field_role(flat) is not None:
        return True
    kind, body, _ = parse_label(flat + ":")
    return kind in {"objective", "goal", "goal_header", "postsecondary"} and not body


def _field_role(fieldname: str | None) -> str | None:
    """What a table column holds, from its header: number, goal, objective, postsecondary, baseline,
    a form field ("field") or None."""
    if not fieldname:
        return None
    f = fieldname.lower().strip()
    if re.fullmatch(r"#|no\.?|num(ber)?|goal\s*#|obj(ective)?\s*#", f):
        return "number"
    if re.search(r"baseline|present\s+level|current\s+(level|performance)", f):
        return "baseline"
    if re.search(r"post-?\s?secondary", f):
        return "postsecondary"
    goalish = re.search(r"\bgoals?\b", f)
    if re.search(r"objective|benchmark|short[-\s]?term", f) and not goalish:
        return "objective"
    if goalish and not re.search(r"criteri|measur(ed|ement)|method|date|progress", f):
        return "goal"
    if field_role(fieldname) is not None:
        return "field"
    if re.search(r"measur|evaluat|progress|method|criteri|schedule|frequency|service|location|minutes|provider", f):
        return "other"
    return None


def field_role(name: str) -> str | None:
    """The form-field role a printed field name gives ("Evaluation method" -> measurement), or None.

    Example:
        >>> field_role("How progress will be measured"), field_role("Target date"), field_role("Goal")
        ('measurement', 'timeframe', None)
    """
    clean = " ".join(name.split()).strip().rstrip(":").strip()
    for role, pattern in _lexicon().field_names:
        m = pattern.match(clean)
        if m and (m.end() == len(clean) or re.match(r"\s*(?:\(|/|&|and\b|or\b)", clean[m.end():])):
            return role
    return None


def field_of(text: str, page: int | None = None) -> FormField | None:
    """A labelled line read as a form field ("Criteria: 80% in 4 of 5 trials"), or None.

    Example:
        >>> field_of("How progress will be measured: DIBELS probes every two weeks").role
        'measurement'
    """
    flat = " ".join(text.split())
    m = re.match(r"^(?P<label>[^:]{2,60}?)\s*:\s*(?P<text>.*)$", flat)
    if not m:
        return None
    role = field_role(m.group("label"))
    if role is None:
        return None
    return FormField(role=role, label=m.group("label").strip(), text=m.group("text").strip(), page=page)


#: Lines scored per call of a batch scorer: the model's feature matrices stay small
#: however long the document (memory flat in page count), and calls stay few.
SCORE_BATCH = 512


def _batched(score: GoalScorer, units: list[Any],
             on_lines: Callable[[int, int], None] | None = None) -> GoalScorer:
    """Score the units' distinct lines ``SCORE_BATCH`` at a time when the scorer offers
    ``score.many(texts, kinds)``; ``on_lines(scored, total)`` follows each batch."""
    many = getattr(score, "many", None)
    if many is None:
        return score
    keys = list(dict.fromkeys((u.text, u.section.kind if u.section else "") for u in units))
    results: dict[tuple[str, str], tuple[str, float]] = {}
    if on_lines is not None:
        on_lines(0, len(keys))
    for start in range(0, len(keys), SCORE_BATCH):
        chunk = keys[start:start + SCORE_BATCH]
        results.update(zip(chunk, many([k[0] for k in chunk], [k[1] for k in chunk]), strict=True))
        if on_lines is not None:
            on_lines(start + len(chunk), len(keys))
    return lambda text, kind: results.get((text, kind)) or score(text, kind)


_CONTENT = re.compile(r"[a-z]{4,}")
_STOP = frozenset({"will", "with", "given", "from", "that", "this", "than", "each", "when", "during", "after",
                   "accuracy", "trials", "consecutive", "sessions", "correct", "correctly", "weekly"})


def _overlap(a: str, b: str) -> int:
    words_a = set(_CONTENT.findall(a.lower())) - _STOP
    return len(words_a & (set(_CONTENT.findall(b.lower())) - _STOP))


def _has_field(goal: Goal, role: str) -> bool:
    return any(f.role == role for f in goal.fields)


_BLANK_FIELD = re.compile(r"^(?:\s|_+|\.{3,}|\[[^\]]*\]|\(?(?:X{1,3}|N)%?\)?|n/?a|none|tbd)*$", _R)


def _add_field(goal: Goal, form: FormField) -> None:
    """Add a field to its goal; a blank or placeholder field ("____", "[date]") gives nothing (RUBRIC 7.21)."""
    if _BLANK_FIELD.match(form.text):
        return
    if form.text and not any((f.role, f.label, f.text) == (form.role, form.label, form.text) for f in goal.fields):
        goal.fields.append(form)
    if form.role == "baseline" and goal.baseline is None and form.text:
        goal.baseline = form.text


class _State:
    """Where the goal reader stands: the current goal, numbered goals, fields waiting for a goal.

    A block is a run of lines with no blank line between them (a table is one block).
    """

    def __init__(self) -> None:
        self.goals: list[Goal] = []
        self.numbered: dict[int, Goal] = {}
        self.current: Goal | None = None  # the current annual goal
        self.block_goal: Goal | None = None  # the goal of the current block of lines (no blank line since)
        self.block_last: Goal | None = None  # the last goal or objective of the current block
        self.box_goals: list[Goal] = []  # annual goals cut from the last box
        self.last_box = -2
        self.pending: list[FormField] = []  # fields printed before their goal
        self.pending_number: int | None = None
        self.row_goal: dict[tuple[int, float], Goal] = {}
        self.row_fields: dict[tuple[int, float], list[FormField]] = {}
        self.row_number: tuple[tuple[int, float] | None, str] | None = None
        self.baseline_first: bool | None = None  # does this document print baselines before goals?
        self.annual_count = 0
        self.next_label = "none"  # the label of the next unit that may be a goal (see _next_labels)

    def flush_rows(self, row: tuple[int, float] | None) -> None:
        """Fields of table rows that had no goal cell go where a labelled line would."""
        for key in [k for k in self.row_fields if k != row]:
            for form in self.row_fields.pop(key):
                _place_field(self, form, None)  # a "Label | value" row: placed like a labelled line


def extract_goals(document: Document, sections: list[Section], *,
                  scorer: GoalScorer | None = None, threshold: float = THRESHOLD,
                  on_lines: Callable[[int, int], None] | None = None) -> list[Goal]:
    """The goals of a document: annual goals (objectives attached) and postsecondary goals.

    Args:
        document: an ingested document.
        sections: its sections (from ``find_sections``).
        scorer: overrides :data:`is_goal_line` for this call.
        threshold: the probability from which a unit counts as a goal.
        on_lines: called as ``(lines scored, lines to score)`` while a batch scorer
            (one with ``many``) scores the document's distinct lines.

    Returns:
        Goals in document order; objectives sit in their goal's ``objectives``
        (an objective found before any goal is returned on its own). Each goal
        carries the form fields printed with it (``fields``; the baseline also
        in ``baseline``).
    """
    score = scorer or is_goal_line
    owners = assign_lines(document, sections)
    units = build_units(document, owners, heading_lines(document))
    score = _batched(score, [u for u in units if _may_be_goal(u)], on_lines)
    st = _State()
    last_section: Section | None = None
    following = _next_labels(units)
    for k, unit in enumerate(units):
        st.next_label = following[k]
        section = unit.section
        kind_name = section.kind if section else ""
        if section is not last_section:
            st.pending, st.pending_number, last_section = [], None, section
            if kind_name != "objectives":
                st.current = None
        row = (unit.first.page, unit.first.top) if unit.first.in_table else None
        st.flush_rows(row)
        if unit.gap_before:
            st.block_goal = st.block_last = None
        role = _field_role(unit.first.field) if unit.first.in_table else None
        label = unit.label
        if role == "number":
            st.row_number = (row, unit.text)
            continue
        if label == "row_number":  # "#: 1.1" printed before its goal (a table copied as text)
            st.row_number = (None, unit.body)
            continue
        form = _form_field(unit, role)
        if form is not None:
            _place_field(st, form, row)
            continue
        if label == "goal_header":
            st.current, st.pending, st.pending_number = None, [], unit.number
            continue
        if role == "other" or label in {"other", "baseline"} or not _may_be_goal(unit):
            continue
        body = unit.body
        points = bool(_lexicon().points_to_goal.search(body)) and st.current is not None
        guess, prob = score(unit.text, kind_name)
        forced = label in {"goal", "objective", "postsecondary"} or role in {"goal", "objective", "postsecondary"}
        labelled = label in {"goal", "objective", "postsecondary"} and rule_is_goal_line(
            unit.text, "objectives" if label == "objective" else "annual_goals")[0] != "not_goal"
        if not (points or labelled) and (guess == "not_goal" or prob < threshold) and not (forced and prob >= 0.25):
            continue  # a label makes a goal of a unit the scorer finds merely plausible
        kind = "objective" if points else _kind(guess, label, role, kind_name, body)
        number = unit.number
        ref = st.row_number[1] if st.row_number is not None and (row is None or st.row_number[0] == row) else None
        st.row_number = None if row is None else st.row_number
        if number is None and ref is not None:
            cell = ref.rstrip(".:)")
            if "." in cell or cell[-1:].isalpha():
                kind, number = "objective", _parent_ref(cell)
            else:
                number = _number(cell)
        goal = Goal(text=body, kind=kind, section=kind_name or None, page=unit.first.page)
        row_parent = st.row_goal.get(row) if row is not None else None
        if row_parent is not None and row_parent.kind != "annual_goal":
            row_parent = None
        if row is not None and row_parent is None:
            st.row_goal[row] = goal
            for f in st.row_fields.pop(row, []):
                _add_field(goal, f)
        if kind == "objective":
            parent = row_parent or _parent_of(st, goal, number)
            if parent is not None:
                parent.objectives.append(goal)
                st.block_goal = st.block_goal or parent
                st.block_last = goal
                continue
        if kind == "annual_goal":
            _start_goal(st, goal, number, unit)
        st.goals.append(goal)
    return st.goals


def _next_labels(units: list[Unit]) -> list[str]:
    """For each unit, the label of the next unit in its section that may be a goal."""
    out = ["none"] * len(units)
    nxt = "none"
    for k in range(len(units) - 1, -1, -1):
        out[k] = nxt
        if k > 0 and units[k].section is not units[k - 1].section:
            nxt = "none"
        elif _may_be_goal(units[k]):
            nxt = units[k].label
    return out


def _may_be_goal(unit: Unit) -> bool:
    """False for units that can never be goals (wishes, prompts, boilerplate, field lines, and prose
    of three or more sentences none of which opens a goal: a goal is one or two sentences)."""
    if unit.label in {"other", "baseline", "row_number"} or never_goal(unit.body or unit.text) is not None:
        return False
    parts = sentences(unit.text)
    return len(parts) < 3 or any(_starts_goal(p) for p in parts)


def _form_field(unit: Unit, role: str | None) -> FormField | None:
    """The unit as a form field of some goal: a table cell under a field's column, or a labelled line."""
    page = unit.first.page
    if unit.first.in_table and role in {"field", "baseline"} and unit.first.field:
        name = " ".join(unit.first.field.split())
        text = unit.body if unit.label in {"baseline", "other"} else unit.text
        return FormField(role=field_role(name) or "baseline", label=name, text=text, page=page)
    if unit.label in {"baseline", "other"}:
        form = field_of(unit.text, page)
        if form is None and unit.label == "baseline":
            name = unit.text[: len(unit.text) - len(unit.body)].strip().rstrip(":-–— ").strip()
            form = FormField(role="baseline", label=name or "Baseline", text=unit.body, page=page)
        return form
    return None


def _place_field(st: _State, form: FormField, row: tuple[int, float] | None) -> None:
    """Give a field to its goal: the goal of its table row, else the goal it is printed under."""
    if row is not None:
        if row in st.row_goal:
            _add_field(st.row_goal[row], form)
        else:
            st.row_fields.setdefault(row, []).append(form)
        return
    goal = st.current
    if form.role == "baseline":
        if st.baseline_first is None and goal is not None and goal.baseline is None:
            # after its goal when in the goal's block, or when the goal's objectives follow it
            st.baseline_first = not (goal is st.block_goal or st.next_label == "objective")
        elif st.baseline_first is None:
            st.baseline_first = True
        if st.baseline_first or goal is None or goal.baseline is not None:
            st.pending.append(form)  # printed before the goal it belongs to
            return
    if goal is None:
        st.pending.append(form)
        return
    if form.role != "baseline" and st.block_last is not None:
        goal = st.block_last  # a field printed right under an objective (no blank line) is the objective's
    _add_field(goal, form)


def _parent_of(st: _State, goal: Goal, number: int | None) -> Goal | None:
    parent = st.numbered.get(number) if number is not None else None
    if parent is None and len(st.box_goals) > 1 and st.current in st.box_goals:
        # several goals printed in one box: the objective belongs to the one it shares most words with
        best = max(st.box_goals, key=lambda g: _overlap(goal.text, g.text))
        if _overlap(goal.text, best.text) > 0:
            parent = best
    return parent or (st.current if st.current is not None and st.current.kind == "annual_goal" else None)


def _start_goal(st: _State, goal: Goal, number: int | None, unit: Unit) -> None:
    st.annual_count += 1
    for form in st.pending:
        _add_field(goal, form)
    st.pending = []
    own = number if number is not None else st.pending_number
    st.numbered.setdefault(own if own is not None else st.annual_count, goal)
    st.pending_number = None
    if unit.box >= 0 and unit.box == st.last_box:
        st.box_goals.append(goal)
    else:
        st.box_goals = [goal]
    st.last_box = unit.box
    st.current = goal
    st.block_goal = st.block_last = goal


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
