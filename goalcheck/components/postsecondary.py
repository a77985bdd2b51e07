"""Indicator 13 judgement of a postsecondary goal's outcome (RUBRIC.md section 2).

One pure function, :func:`postsecondary_outcome`, on the goal's text alone (no
spaCy). Its patterns live in ``data/patterns/postsecondary.json``; the stated
after-school time ("after graduation", "within one year of leaving school")
comes from the timeframe patterns of ``measurability.json`` marked
``postsecondary``, so that one place says what an after-school time is.

The order of the checks is the rubric's: a wish or plan is not measurable
whatever it names; an activity that can be done in high school is not a
postsecondary goal; an outcome that names no area is not measurable; one that
names nothing specific ("get a job") is partially measurable; a specific
outcome is measurable when its after-school time is stated or implied.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc

from ..literals import ascii_lower, search
from ..schema import Evidence
from .base import add, context, doc_text, evidence, is_english, register_extensions
from .measurability import mask_placeholders, patterns
from .text import OBJECTIVE_PREFIX_RE

OutcomeStatus = Literal["measurable", "partially_measurable", "not_measurable"]


@dataclass(frozen=True)
class OutcomeVerdict:
    """The Indicator 13 verdict on one postsecondary goal.

    ``status``: the class the outcome earns; ``after_school``: an after-school
    time is stated or implied; ``activity``: the goal is a transition activity
    that can be done in high school (report it as such, not as a postsecondary
    goal); ``area``: ``education``, ``employment`` or ``independent_living`` when
    an outcome was found; ``rule``: the id of the deciding rule; ``span``: the
    deciding words (start, end) in the text; ``reason``: one sentence for people.
    """

    status: OutcomeStatus
    after_school: bool
    activity: bool
    rule: str
    span: tuple[int, int] | None
    reason: str
    area: str | None = None


@dataclass(frozen=True)
class _Rules:
    wishes: list[tuple[str, re.Pattern[str]]]
    no_area: list[tuple[str, re.Pattern[str]]]
    activities: list[tuple[str, re.Pattern[str]]]
    outcomes: list[tuple[str, str, re.Pattern[str], re.Pattern[str]]]  # area, id, clause, object
    generic_object: re.Pattern[str]
    object_end: re.Pattern[str]
    implied: list[tuple[str, re.Pattern[str]]]
    stated: list[tuple[str, re.Pattern[str]]]
    in_school: list[tuple[str, re.Pattern[str]]]  # timeframes within the IEP ("by May 2027")


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw = json.loads(resources.files("goalcheck").joinpath("data/patterns/postsecondary.json")
                     .read_text(encoding="utf-8"))
    macros: dict[str, str] = raw["macros"]

    def rx(pattern: str) -> re.Pattern[str]:
        for name, value in macros.items():
            pattern = pattern.replace("{" + name + "}", value)
        return re.compile(pattern, re.IGNORECASE)

    def listed(key: str) -> list[tuple[str, re.Pattern[str]]]:
        return [(r["id"], rx(r["regex"])) for r in raw[key]]

    timeframes = patterns()["timeframe"]
    stated = [(rule, compiled) for rule, compiled, spec in timeframes if spec.get("postsecondary")]
    in_school = [(rule, compiled) for rule, compiled, spec in timeframes
                 if not spec.get("postsecondary")]
    return _Rules(
        wishes=listed("wishes"),
        no_area=listed("no_area"),
        activities=listed("activities"),
        outcomes=[(o["area"], o["id"], rx(o["regex"]), rx(o["object"])) for o in raw["outcomes"]],
        generic_object=rx(raw["generic_object"]),
        object_end=rx(raw["object_end"]),
        implied=listed("implied_after_school"),
        stated=stated,
        in_school=in_school,
    )


def _first(rules: list[tuple[str, re.Pattern[str]]], text: str) -> tuple[str, re.Match[str]] | None:
    low = ascii_lower(text)
    hits = [(m.start(), rule, m) for rule, rx in rules for m in [search(rx, text, low)] if m]
    if not hits:
        return None
    _, rule, m = min(hits, key=lambda h: h[0])
    return rule, m


def after_school_time(text: str) -> bool:
    """Whether ``text`` states or implies an after-school time (``postsecondary_outcome(text).after_school``).

    Example:
        >>> after_school_time("After graduation, Ana will enroll in a culinary program."), after_school_time("Ana will read.")
        (True, False)
    """
    r = _rules()
    text = mask_placeholders(text)
    return _first(r.stated, text) is not None or _first(r.implied, text) is not None


def postsecondary_outcome(text: str) -> OutcomeVerdict:
    """Judge a postsecondary goal's outcome as Indicator 13 does (RUBRIC.md section 2).

    Example:
        >>> v = postsecondary_outcome("After graduation, Ana will enroll in the culinary program at Valley Community College.")
        >>> v.status, v.after_school, v.area
        ('measurable', True, 'education')
        >>> postsecondary_outcome("After high school, Darius will get a job.").status
        'partially_measurable'
        >>> postsecondary_outcome("Layla plans to go to cosmetology school.").rule
        'plan_or_wish'
        >>> postsecondary_outcome("Kendall will attend the spring job fair.").activity
        True
    """
    r = _rules()
    text = mask_placeholders(text)  # RUBRIC 7.21: "[program]" names nothing
    stated = _first(r.stated, text)
    implied = _first(r.implied, text)
    after_school = stated is not None or implied is not None

    wish = _first(r.wishes, text)
    if wish is not None:
        rule, m = wish
        return OutcomeVerdict("not_measurable", after_school, False, rule, m.span(),
                              f"'{m.group(0).strip()}' states a wish or a plan, not an outcome "
                              "that will occur, or not, after high school")
    if stated is None:
        activity = _first(r.activities, text)
        due = _first(r.in_school, text)
        if activity is None and due is not None:
            activity = ("due_in_school", due[1])
        if activity is not None:
            rule, m = activity
            return OutcomeVerdict("not_measurable", after_school, True, rule, m.span(),
                                  f"'{m.group(0).strip()}' can be done while still in high school: "
                                  "a transition activity or an annual goal, not a postsecondary goal")
    no_area = _first(r.no_area, text)
    if no_area is not None:
        rule, m = no_area
        return OutcomeVerdict("not_measurable", after_school, False, rule, m.span(),
                              f"'{m.group(0).strip().rstrip('.;')}' names no area (education or "
                              "training, employment, independent living) and cannot be counted")

    found = _outcome(text, r)
    if found is None:
        return OutcomeVerdict("not_measurable", after_school, False, "no_outcome", None,
                              "no outcome in education or training, employment or independent "
                              "living that will occur, or not, after high school")
    area, rule, span, obj = found
    words = text[span[0] : span[1]].strip()
    if r.generic_object.match(obj):
        return OutcomeVerdict("partially_measurable", after_school, False, "generic_outcome", span,
                              f"'{words}' can be counted but names nothing specific (which "
                              "program, job or place)", area)
    if not after_school:
        return OutcomeVerdict("partially_measurable", False, False, "no_after_school_time", span,
                              f"'{words}' is an outcome, but no after-school time is stated or "
                              "implied (add 'after graduation' or 'within one year of leaving "
                              "school')", area)
    how = "stated" if stated is not None else "implied by the outcome"
    return OutcomeVerdict("measurable", True, False, rule, span,
                          f"'{words}' is an observable {area.replace('_', ' ')} outcome after "
                          f"high school (the time is {how})", area)


def _outcome(text: str, r: _Rules) -> tuple[str, str, tuple[int, int], str] | None:
    """The first outcome clause naming an area: (area, rule, span, object words)."""
    best: tuple[int, str, str, tuple[int, int], str] | None = None
    for area, rule, clause, obj_rx in r.outcomes:
        for m in clause.finditer(text):
            start_obj = m.start("object")
            end = r.object_end.search(text, start_obj, m.end("object"))
            stop = end.start() if end else m.end("object")
            obj = _without_time(text[start_obj:stop], r)
            if not obj_rx.search(obj) and not r.generic_object.match(obj):
                continue
            if r.generic_object.match(obj) and not _counts_as(area, m.group(0), obj):
                continue
            span = (m.start(), start_obj + len(text[start_obj:stop].rstrip(" ,")))
            if best is None or m.start() < best[0]:
                best = (m.start(), area, rule, span, obj)
            break
    return None if best is None else best[1:]


_GENERIC_VERBS = {
    "employment": re.compile(r"\b(?:work|employed|hired|job|employment|career)\b", re.IGNORECASE),
    "education": re.compile(r"\b(?:college|school|university|program|training|classes|courses)\b", re.IGNORECASE),
    "independent_living": re.compile(r"^$"),
}


def _counts_as(area: str, clause: str, obj: str) -> bool:
    """A generic object belongs to ``area`` only when the clause names the area
    ("get a job", "go to college", "work"), not for "have money"."""
    return bool(_GENERIC_VERBS[area].search(clause)) or bool(
        area == "employment" and re.search(r"\bwork\b", clause, re.IGNORECASE))


def _without_time(obj: str, r: _Rules) -> str:
    for _, rx in r.stated:
        obj = rx.sub(" ", obj)
    return re.sub(r"\s+", " ", obj).strip(" ,")


# -------------------------------------------------------------- the kind of goal


def guess_kind(text: str, found: list[Evidence], verdict: OutcomeVerdict) -> tuple[str, str]:
    """The kind of goal the wording shows, and the rule that decided it.

    Example:
        >>> guess_kind("1a. Read 10 words.", [], postsecondary_outcome("1a. Read 10 words."))
        ('objective', 'objective_label')
    """
    labels = {e.label for e in found if e.dimension == "measurability"}
    if "after_school_time" in labels or (verdict.after_school and not verdict.activity):
        return "postsecondary_goal", "after_school_time"
    if OBJECTIVE_PREFIX_RE.match(text):
        return "objective", "objective_label"
    if "learner" not in labels and "behavior" in labels:
        return "objective", "no_learner"
    return "annual_goal", "default"


#: What guess_kind is told of a goal with no after-school time (its verdict is not needed).
_IN_SCHOOL = OutcomeVerdict("not_measurable", False, False, "no_after_school_time", None, "")


class KindComponent:
    """Adds the kind of goal and, for a postsecondary goal, its Indicator 13 verdict to ``doc._.evidence``.

    The caller's kind (``doc._.goal_context``) wins, except that a transition
    activity that can be done in high school is reported as an annual goal.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        register_extensions()
        _rules()

    def __call__(self, doc: Doc) -> Doc:
        if not is_english(doc):
            return doc
        text, found = doc_text(doc), evidence(doc)
        given = context(doc).get("kind")
        # The whole verdict matters only to a postsecondary goal: one said so, or one whose
        # after-school time shows it (guess_kind needs no more than that to rule it out).
        if given:
            postsecondary = given == "postsecondary_goal"
        else:
            postsecondary = any(e.label == "after_school_time" for e in found) or after_school_time(text)
        verdict = postsecondary_outcome(text) if postsecondary else _IN_SCHOOL
        kind, rule = (given, "given") if given else guess_kind(text, found, verdict)
        new: list[Evidence] = []
        if kind == "postsecondary_goal" and verdict.activity:
            kind, rule = "annual_goal", "transition_activity"
            new.append(Evidence("measurability", "note", "transition_activity", "pattern",
                                *(verdict.span or (None, None)), 0.8, {"reason": verdict.reason}))
        elif kind == "postsecondary_goal":
            new.append(Evidence("measurability", "outcome", verdict.rule, "pattern",
                                *(verdict.span or (None, None)), 0.8,
                                {"status": verdict.status, "after_school": verdict.after_school,
                                 "area": verdict.area, "reason": verdict.reason}))
        new.append(Evidence("kind", "kind", rule, "rule", confidence=1.0 if rule == "given" else 0.7,
                            data={"value": kind}))
        add(doc, new)
        return doc


@Language.factory("goalcheck/kind", assigns=["doc._.evidence"])
def make_kind(nlp: Language, name: str) -> KindComponent:
    """spaCy factory: ``nlp.add_pipe("goalcheck/kind")`` (after goalcheck/measurability)."""
    return KindComponent(nlp, name)
