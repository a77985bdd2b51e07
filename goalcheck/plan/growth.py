"""Baselines and ambition (RUBRIC.md section 8, checks 2 and 3).

A goal's baseline comes from the goal itself ("from 62 to 90 wcpm",
"currently reads ..."), its baseline field, or the present levels of its
area; its target from the goal, with the condition and timeframe left out.
Oral reading fluency goals are compared with the published weekly growth
rates of ``data/plan/growth_norms.json``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from goalcheck.language import language_name
from goalcheck.schema import GoalAnalysis, PlanCheck, PlanFinding

from .context import PlanContext, load, quote
from .needs import areas_named, present_level_sentences, sentence_areas
from .quantities import (
    INSTRUCTIONAL_WEEKS,
    Quantity,
    asks_less,
    decreasing,
    first_date,
    main_quantity,
    quantities,
    weeks_in,
)

_R = re.IGNORECASE
_FROM_TO = re.compile(r"\bfrom\s+(?:a\s+baseline\s+of\s+|a\s+current\s+(?:level|rate)\s+of\s+)?(.{1,60}?)\s+to\s+(.{1,60}?)(?=[,.;]|\s+(?:by|in|within|as|on|across|during|when|given)\b|$)", _R)
_CURRENT = re.compile(r"\b(?:currently|at\s+present|presently|baseline|right\s+now|now\s+reads|now\s+\w+s)\b", _R)
_SENT = re.compile(r"(?<=[.!?;])\s+(?=[A-Z])")


@dataclass
class Levels:
    """A goal's baseline and target as found, with where the baseline came from."""

    goal: GoalAnalysis
    target: Quantity | None = None
    baseline: Quantity | None = None
    baseline_text: str | None = None
    source: str = ""  # "the goal", "its baseline field", "the present levels"
    page: int | None = None
    compatible: bool = False
    targets: list[Quantity] = field(default_factory=list)
    baselines: list[Quantity] = field(default_factory=list)
    down: bool | None = None  # set for "reduce ... from X to Y"

    @property
    def decreasing(self) -> bool:
        """Whether the goal asks for less: a cue ("reduce", "no more than") shortly before the target."""
        if self.down is not None:
            return self.down
        if self.target is None:
            return decreasing(self.goal.text)
        return asks_less(self.goal.text, self.target)


def _outside(goal: GoalAnalysis, qs: list[Quantity], offset: int = 0) -> list[Quantity]:
    spans = [(s.start, s.end) for c in ("condition", "timeframe") for s in goal.components[c].spans]
    return [q for q in qs if not any(a <= q.start + offset and q.end + offset <= b for a, b in spans)]


def _pair(baselines: list[Quantity], targets: list[Quantity]) -> tuple[Quantity | None, Quantity | None, bool]:
    """The baseline and target to compare: a same-unit pair if there is one (rates first)."""
    t_main = main_quantity(targets)
    for t in ([t_main] if t_main else []) + [t for t in targets if t is not t_main]:
        same = [b for b in baselines if b.same_unit(t)]
        if same:
            return same[-1] if t.unit != "count" else same[0], t, True
    return main_quantity(baselines), t_main, False


def levels(ctx: PlanContext, goal: GoalAnalysis) -> Levels:
    """Find the goal's target and baseline (see module docstring); once per goal and plan."""
    key = ("levels", id(goal))
    if key not in ctx.memo:
        ctx.memo[key] = _levels(ctx, goal)
    return ctx.memo[key]  # type: ignore[no-any-return]


def _levels(ctx: PlanContext, goal: GoalAnalysis) -> Levels:
    text = goal.text
    lv = Levels(goal)
    m = _FROM_TO.search(text)
    if m:
        b, t = quantities(m.group(1)), quantities(m.group(2))
        if b and t:
            lv.baselines, lv.targets = b, t
            lv.baseline, lv.target, lv.compatible = _pair(b, t)
            lv.baseline_text, lv.source, lv.page = m.group(0), "the goal", goal.page
            lv.down = decreasing(text[: m.start(1)])
            if lv.compatible:
                return lv
    current = [s for s in _SENT.split(text) if _CURRENT.search(s) and quantities(s)]
    target_text = text
    for s in current:
        target_text = target_text.replace(s, " " * len(s))
    lv.targets = _outside(goal, quantities(target_text))
    # The goal's own baselines (its field, its "currently ..." sentences) come before any
    # present level; among present levels, the one sharing most words with the goal, then
    # one with a number, then the first written. A baseline that pairs with a target (same
    # unit) wins over one that does not.
    own = ([(goal.baseline, "its baseline field", goal.page, quantities(goal.baseline))] if goal.baseline else [])
    own += [(s, "the goal", goal.page, quantities(s)) for s in current]
    words = _content_words(goal.text)

    def rank(c: Candidate) -> tuple[int, bool]:
        return -len(words & _content_words(c[0])), not c[3]

    chosen = _first_best((c for c in own if _pairs(c[3] or _zero(c[0], lv.targets), lv.targets)), rank)
    present = present_index(ctx)
    eligible = present.eligible(goal.domain, frozenset(a.key for a in areas_named(goal.text)))
    if chosen is None:
        k = present.best(eligible, words, present.pairing(lv.targets))
        chosen = present.candidate(k) if k is not None else None
    if chosen is None and own:
        chosen = _first_best(own, rank)
    if chosen is None:
        k = present.best(eligible, words)
        chosen = present.candidate(k) if k is not None else None
    lv.down = None
    if chosen is not None:
        baseline_text, lv.source, lv.page, qs = chosen
        lv.baseline_text, lv.baselines = baseline_text, qs or _zero(baseline_text, lv.targets)
        lv.baseline, lv.target, lv.compatible = _pair(lv.baselines, lv.targets)
    else:
        lv.target = main_quantity(lv.targets)
    return lv


#: A baseline candidate: (text, where it comes from, page, its quantities).
Candidate = tuple[str, str, "int | None", list[Quantity]]


def _first_best(candidates: Iterable[Candidate], rank: Callable[[Candidate], Any]) -> Candidate | None:
    """The first candidate of lowest rank (the first of a stable sort), or None."""
    best: Candidate | None = None
    for c in candidates:
        if best is None or rank(c) < rank(best):
            best = c
    return best


def _pairs(baselines: list[Quantity], targets: list[Quantity]) -> bool:
    """Whether some baseline is in the unit of some target (what :func:`_pair` looks for)."""
    kinds = {t.kind for t in targets}
    return any(b.kind in kinds for b in baselines)


_NO_ZERO_UNITS = frozenset({"grade level", "rubric score"})


class PresentLevels:
    """The present-level sentences of a plan, indexed once so that each goal looks only at
    those that can be its baseline.

    A sentence is a candidate for a goal when it names the goal's domain (or, for a goal
    with no domain, one of the areas the goal names); it pairs with the goal's targets when
    it has a quantity of a target's kind, or says "not yet" with no quantity (a zero in the
    target's unit). Among candidates, the best shares most content words with the goal,
    then has a number, then comes first: :meth:`best` scores them with array operations.
    """

    def __init__(self, facts: list[tuple[Any, str, frozenset[str], frozenset[str], list[Quantity], frozenset[str]]]):
        self.facts = facts
        n = len(facts)
        by_domain: dict[str, list[int]] = defaultdict(list)
        by_area: dict[str, list[int]] = defaultdict(list)
        by_kind: dict[tuple[str, str], list[int]] = defaultdict(list)
        by_word: dict[str, list[int]] = defaultdict(list)
        none_yet: list[int] = []
        for k, (_, sentence, domains, keys, qs, words) in enumerate(facts):
            for d in domains:
                by_domain[d].append(k)
            for a in keys:
                by_area[a].append(k)
            for kind in dict.fromkeys(q.kind for q in qs):
                by_kind[kind].append(k)
            for w in words:
                by_word[w].append(k)
            if not qs and _none_yet(sentence):
                none_yet.append(k)
        index = (lambda ks: np.asarray(ks, dtype=np.intp))
        self._by_domain = {d: index(ks) for d, ks in by_domain.items()}
        self._by_area = {a: index(ks) for a, ks in by_area.items()}
        self._by_kind = {q: index(ks) for q, ks in by_kind.items()}
        self._by_word = {w: index(ks) for w, ks in by_word.items()}
        self._none_yet = index(none_yet)
        self._has_number = np.fromiter((bool(f[4]) for f in facts), dtype=np.int64, count=n)
        self._eligible: dict[tuple[str | None, frozenset[str]], np.ndarray] = {}

    def eligible(self, domain: str | None, area_keys: frozenset[str]) -> np.ndarray:
        """The sentences (sorted indices) that can be a baseline of a goal of ``domain``,
        or, with no domain, of a goal naming the areas ``area_keys``."""
        key = (domain, frozenset() if domain else area_keys)
        if key not in self._eligible:
            parts = [self._by_domain.get(domain, _EMPTY)] if domain else [self._by_area.get(a, _EMPTY) for a in area_keys]
            self._eligible[key] = _union(parts)
        return self._eligible[key]

    def pairing(self, targets: list[Quantity]) -> np.ndarray:
        """The sentences (sorted indices) with a baseline in the unit of one of ``targets``."""
        parts = [self._by_kind.get(kind, _EMPTY) for kind in {t.kind for t in targets}]
        t = main_quantity(targets)
        if t is not None and t.unit not in _NO_ZERO_UNITS:
            parts.append(self._none_yet)
        return _union(parts)

    def best(self, eligible: np.ndarray, words: frozenset[str], among: np.ndarray | None = None) -> int | None:
        """The best sentence of ``eligible`` (and of ``among`` when given) for a goal with
        content ``words``: most words shared, then a number, then the first; None if none."""
        ks = eligible if among is None else np.intersect1d(eligible, among, assume_unique=True)
        if ks.size == 0:
            return None
        postings = [self._by_word[w] for w in words if w in self._by_word]
        shared = (np.bincount(np.concatenate(postings), minlength=len(self.facts))[ks] if postings
                  else np.zeros(ks.size, dtype=np.int64))
        score = 2 * shared + self._has_number[ks]
        return int(ks[int(np.argmax(score))])  # argmax: the first of the best

    def candidate(self, k: int) -> Candidate:
        """Sentence ``k`` as a baseline candidate."""
        item, sentence, _, _, qs, _ = self.facts[k]
        return sentence, "the present levels", item.page, qs


_EMPTY = np.zeros(0, dtype=np.intp)


def _union(parts: list[np.ndarray]) -> np.ndarray:
    parts = [p for p in parts if p.size]
    if not parts:
        return _EMPTY
    return parts[0] if len(parts) == 1 else np.unique(np.concatenate(parts))


_STOP = frozenset(["the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "will", "be", "is", "are", "was", "his", "her", "their", "she", "he", "they", "given", "during", "when", "as", "from", "that", "this", "each", "per", "than", "into", "its", "it"])


#: How many present-level sentences are read between two progress reports.
SENTENCES_PER_REPORT = 1024


def present_index(ctx: PlanContext, on_sentences: Callable[[int], None] | None = None) -> PresentLevels:
    """Each present-level sentence with what :func:`levels` asks of it (areas' domains and keys,
    quantities, content words), indexed once per plan rather than read once per goal.

    ``on_sentences(done)`` is called every :data:`SENTENCES_PER_REPORT` sentences read.
    """
    if "present_levels" not in ctx.memo:
        facts = []
        for k, (item, sentence, _) in enumerate(present_level_sentences(ctx), 1):
            named = sentence_areas(ctx, sentence)
            facts.append((item, sentence, frozenset(d for a in named for d in a.domains),
                          frozenset(a.key for a in named), quantities(sentence), _content_words(sentence)))
            if on_sentences is not None and k % SENTENCES_PER_REPORT == 0:
                on_sentences(k)
        ctx.memo["present_levels"] = PresentLevels(facts)
    return ctx.memo["present_levels"]  # type: ignore[no-any-return]


@lru_cache(maxsize=4096)
def _content_words(text: str) -> frozenset[str]:
    """Words that carry content, crudely stemmed ("paragraphs" -> "paragraph")."""
    return frozenset({re.sub(r"(?<=[a-z]{3})s$", "", w) for w in re.findall(r"[a-z][a-z-]{2,}", text.lower()) if w not in _STOP})


_NONE_YET = re.compile(r"\b(?:has|have|does|did)\s+not\s+yet\b|\bnot\s+yet\b|\bhas\s+never\b|\bdoes\s+not\s+(?:\w+\s+){0,2}(?:any|at\s+all)\b", _R)


@lru_cache(maxsize=65536)
def _none_yet(text: str) -> tuple[str, int, int] | None:
    """Where a sentence says the student does not do it yet."""
    m = _NONE_YET.search(text)
    return (m.group(0), m.start(), m.end()) if m else None


def _zero(text: str, targets: list[Quantity]) -> list[Quantity]:
    """A baseline that says the student does not do it yet is zero, in the target's unit."""
    t = main_quantity(targets)
    m = _none_yet(text) if t is not None else None
    if t is None or m is None or t.unit in {"grade level", "rubric score"}:
        return []
    return [Quantity(0.0, t.unit, m[0], m[1], m[2], noun=t.noun)]


def _fmt(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def check_baselines(ctx: PlanContext) -> PlanCheck:
    """Each annual goal has a baseline with a measured value in the unit of its target."""
    annual = ctx.annual
    skipped = [ctx.goal_finding(g, f"goal {g.id} is in {language_name(g.language)}: goalcheck reads "
                                   "English goals only, so its baseline was not checked", area=g.domain)
               for g in ctx.not_analysed]
    if not annual:
        return PlanCheck("baselines", "not_applicable", [PlanFinding("no annual goals found"), *skipped])
    findings: list[PlanFinding] = []
    for g in annual:
        lv = levels(ctx, g)
        area = g.domain
        if lv.baseline_text is None:
            findings.append(ctx.goal_finding(
                g, f"goal {g.id} has no baseline: none in the goal, no baseline field, and the present levels "
                   f"give no level in {(area or 'its area').replace('_', '-')}", area=area))
            continue
        where = f"{lv.source} (p. {lv.page})" if lv.page else lv.source
        if not lv.baselines:
            findings.append(PlanFinding(
                f"the baseline of goal {g.id}, from {lv.source}, states no measured level", lv.page,
                quote(lv.baseline_text), g.id, area))
            continue
        if lv.target is None:
            findings.append(ctx.goal_finding(
                g, f"goal {g.id} states no target value to compare with its baseline ({lv.baseline.label if lv.baseline else '?'})",
                area=area))
            continue
        if not lv.compatible:
            findings.append(PlanFinding(
                f"goal {g.id}: baseline and target are in different units: baseline {lv.baseline.label if lv.baseline else '?'} "
                f"({where}), target {lv.target.label}", lv.page, quote(lv.baseline_text), g.id, area))
            continue
        assert lv.baseline is not None
        if _no_growth(lv):
            findings.append(ctx.goal_finding(g, _no_growth_message(lv), area=area))
    return PlanCheck("baselines", "fail" if findings else "pass", findings + skipped)


def _no_growth(lv: Levels) -> bool:
    assert lv.baseline is not None and lv.target is not None
    if lv.decreasing:
        return lv.target.value >= lv.baseline.value
    return lv.target.value <= lv.baseline.value


def _no_growth_message(lv: Levels) -> str:
    assert lv.baseline is not None and lv.target is not None
    rel = "above" if lv.decreasing else "below"
    if lv.target.value == lv.baseline.value:
        rel = "equal to"
    return (f"goal {lv.goal.id}: the target {lv.target.label} is {rel} the baseline {lv.baseline.label} "
            f"(from {lv.source}): the goal asks for no growth")


@lru_cache(maxsize=1)
def norms() -> dict[str, Any]:
    """The published figures of ``data/plan/growth_norms.json``."""
    return load("growth_norms")


def goal_weeks(ctx: PlanContext, goal: GoalAnalysis) -> tuple[float, str]:
    """Instructional weeks to reach the goal, and how they were found.

    From the goal's timeframe ("within 18 weeks"), else from the IEP start to
    the goal's date or the IEP end (calendar weeks x 36/52, capped at 36), else
    the default 36 instructional weeks.
    """
    stated = weeks_in(goal.text)
    if stated:
        return stated
    timeframe = " ".join(s.text for s in goal.components["timeframe"].spans)
    end, start = first_date(timeframe) if timeframe else None, ctx.student.start
    what = "the goal's date"
    if end is None:
        end, what = ctx.student.end, "the IEP end date"
    if start and end and end > start:
        cal = (end - start).days / 7
        weeks = round(min(cal, 52) * INSTRUCTIONAL_WEEKS / 52)
        if weeks >= 1:
            return float(weeks), (f"{weeks} instructional weeks (IEP start {start:%m/%d/%Y} to {what} "
                                  f"{end:%m/%d/%Y}, {INSTRUCTIONAL_WEEKS} per 52 calendar weeks)")
    return float(INSTRUCTIONAL_WEEKS), (f"{INSTRUCTIONAL_WEEKS} instructional weeks (the default: no weeks in "
                                        f"the goal and no IEP dates to count from)")


_ORDINAL = {w: i for i, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"], 1)}
_PASSAGE_GRADE = re.compile(
    r"\b(?:grade[\s-]+(\d{1,2})|(\d{1,2})(?:st|nd|rd|th)[\s-]+grade|(" + "|".join(_ORDINAL) + r")[\s-]+grade)"
    r"(?:[\s-]+level)?\s+(?:(?:reading|oral\s+reading|fluency|unpracticed|cold)\s+)?(?:passages?|texts?|probes?|materials?|stories)\b", _R)


def passage_grade(text: str) -> int | None:
    """The grade of the reading material a fluency goal names ("a grade 2 passage"), or None."""
    m = _PASSAGE_GRADE.search(text)
    if not m:
        return None
    return int(m.group(1) or m.group(2)) if (m.group(1) or m.group(2)) else _ORDINAL[m.group(3).lower()]


def _orf_finding(ctx: PlanContext, lv: Levels) -> tuple[PlanFinding, bool]:
    """The growth-rate comparison of an oral reading fluency goal, and whether it fails.

    The grade is the grade of the passages the goal names, else the student's grade.
    """
    assert lv.baseline is not None and lv.target is not None
    g = lv.goal
    grade = passage_grade(g.text)
    level = "passages" if grade is not None else "student"
    if grade is None:
        grade = ctx.student.grade
    rates = norms()["orf_weekly_growth"]
    figures = rates["grades"].get(str(grade)) if grade is not None else None
    weeks, how = goal_weeks(ctx, g)
    rate = (lv.target.value - lv.baseline.value) / weeks
    asks = (f"goal {g.id} asks {_fmt(rate)} wcpm/week ({_fmt(lv.baseline.value)} -> {_fmt(lv.target.value)} wcpm "
            f"over {how})")
    if figures is None:
        why = "the student's grade was not found" if grade is None else \
            f"{rates['short']} gives rates for grades 1-6 only, not grade {grade}"
        return ctx.goal_finding(g, f"{asks}; not compared: {why}", area="reading"), False
    realistic, ambitious = figures["realistic"], figures["ambitious"]
    verdict = ("less than typical growth" if rate < realistic else
               "more than the ambitious rate" if rate > ambitious else "between typical and ambitious growth")
    median = norms()["orf_norms"]["grades"].get(str(grade), {}).get("spring")
    context = (f"; the spring 50th percentile in grade {grade} is {median[2]} wcpm "
               f"({norms()['orf_norms']['short']})") if median else ""
    whose = "the grade of the goal's passages" if level == "passages" else "the student's grade"
    message = (f"{asks}: {verdict}; typical growth in grade {grade} is {_fmt(realistic)}, ambitious "
               f"{_fmt(ambitious)} ({rates['short']}; {whose}){context}")
    return ctx.goal_finding(g, message, area="reading"), not (realistic <= rate <= ambitious)


def check_ambition(ctx: PlanContext) -> PlanCheck:
    """Growth asked for vs. the baseline and, for oral reading fluency, vs. published weekly rates."""
    findings: list[PlanFinding] = []
    failed = compared = False
    baseline_only: list[str] = []
    for g in ctx.annual:
        lv = levels(ctx, g)
        if not (lv.compatible and lv.baseline and lv.target):
            continue
        compared = True
        if _no_growth(lv):
            findings.append(ctx.goal_finding(g, _no_growth_message(lv), area=g.domain))
            failed = True
        elif lv.target.unit == "wcpm":
            finding, bad = _orf_finding(ctx, lv)
            findings.append(finding)
            failed |= bad
        else:
            baseline_only.append(f"{g.id} ({lv.baseline.label} -> {lv.target.label})")
    if not compared:
        return PlanCheck("ambition", "not_applicable", [PlanFinding(
            "no annual goal has a baseline and a target in the same unit, so the growth asked for cannot be judged")])
    if baseline_only:
        findings.append(PlanFinding(
            "compared with the baseline only (no published growth rate for these units): " + ", ".join(baseline_only)))
    return PlanCheck("ambition", "fail" if failed else "pass", findings)

