"""The plan review's baseline choice (RUBRIC.md section 8.2) with the present-level index is
exactly the choice of the plain scan it replaced: every present-level sentence ranked for every goal."""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goalcheck.api import analyze_many
from goalcheck.plan.context import Item, PlanContext, Student
from goalcheck.plan.growth import (
    _CURRENT,
    _FROM_TO,
    _SENT,
    Levels,
    _content_words,
    _outside,
    _pair,
    _zero,
    levels,
)
from goalcheck.plan.needs import areas_named, present_level_sentences
from goalcheck.plan.quantities import decreasing, main_quantity, quantities
from goalcheck.schema import GoalAnalysis

GOALS = (
    "By June 2027, given a grade 3 passage, Ana will read aloud 90 words correct per minute in 4 of 5 trials.",
    "By June 2027, Ana will solve two-step word problems with 80% accuracy, as measured by weekly probes.",
    "Ana will write a paragraph of 5 sentences with a topic sentence in 4 of 5 trials by May 2027.",
    "By May 2027, Ana will reduce calling out to 2 or fewer times per class period.",
    "Ana will read 40 sight words correctly by the annual review.",
    "By June 2027, Ana will score 3 out of 4 on the district writing rubric.",
    "Ana will stay on task for 15 minutes during independent work by March 2027.",
    "By June 2027, Ana will read at a grade 3 level, as measured by the running record.",
    "By June 2027, Ana will produce the /r/ sound in words with 80% accuracy.",
    "Ana currently reads 40 words correct per minute. By June 2027 she will read 70 words correct per minute.",
    "By May 2027, Ana will ask for help when stuck in 4 of 5 opportunities.",
    "By June 2027, Ana will button her coat independently on 4 of 5 days.",
)
SUBJECTS = ("Ana", "She", "In class Ana", "At home Ana")
LEVELS = (
    "reads {n} words correct per minute on grade 3 passages",
    "reads {n} wcpm in reading fluency probes",
    "solves {n} of 10 math word problems correctly",
    "writes {n} sentences in a paragraph",
    "calls out {n} times per class period",
    "stays on task for {n} minutes",
    "reads at a grade {g} level",
    "scored {g} out of 4 on the writing rubric",
    "reads {n} sight words",
    "produces the /r/ sound with {n}% accuracy in articulation practice",
    "has not yet written a paragraph",
    "does not yet ask for help in math",
    "enjoys reading about trains",
    "needs support in written expression",
    "asks for help in {n} of 5 opportunities",
    "buttons her coat with help on {n} of 5 days",
)
WORDS = ("passage", "probe", "weekly", "paragraph", "problems", "class", "trials", "sight", "grade",
         "rubric", "independent", "sound", "help", "coat", "word")


@cache
def _pool() -> tuple[GoalAnalysis, ...]:
    return tuple(analyze_many(list(GOALS)))


def _reference(ctx: PlanContext, goal: GoalAnalysis) -> Levels:
    """The plain scan the index replaced: every present-level sentence is a candidate of every
    goal; the best-ranked one that pairs with a target wins, else the best-ranked one."""
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
    candidates: list[tuple[Any, ...]] = []
    if goal.baseline:
        candidates.append((goal.baseline, "its baseline field", goal.page, quantities(goal.baseline)))
    candidates += [(s, "the goal", goal.page, quantities(s)) for s in current]
    area_keys = {a.key for a in areas_named(goal.text)}
    for item, sentence, _ in present_level_sentences(ctx):
        named = areas_named(sentence)
        domains = {d for a in named for d in a.domains}
        if goal.domain in domains or (not goal.domain and {a.key for a in named} & area_keys):
            candidates.append((sentence, "the present levels", item.page, quantities(sentence)))
    words = _content_words(goal.text)

    def rank(c: tuple[Any, ...]) -> tuple[bool, int, bool]:
        return (c[1] == "the present levels", -len(words & _content_words(c[0])), not c[3])

    paired = [c for c in sorted(candidates, key=rank) if _pair(c[3] or _zero(c[0], lv.targets), lv.targets)[2]]
    pick = paired[0] if paired else (min(candidates, key=rank) if candidates else None)
    lv.down = None
    if pick is not None:
        lv.baseline_text, lv.source, lv.page = pick[0], pick[1], pick[2]
        lv.baselines = pick[3] or _zero(pick[0], lv.targets)
        lv.baseline, lv.target, lv.compatible = _pair(lv.baselines, lv.targets)
    else:
        lv.target = main_quantity(lv.targets)
    return lv


def _facts(lv: Levels) -> tuple[Any, ...]:
    return (lv.baseline_text, lv.source, lv.page, lv.baselines, lv.baseline, lv.target, lv.compatible,
            lv.targets, lv.decreasing)


_sentence = st.builds(
    lambda who, level, n, g, extra: f"{who} {level.format(n=n, g=g)}{extra}.",
    st.sampled_from(SUBJECTS), st.sampled_from(LEVELS), st.integers(0, 120), st.integers(1, 6),
    st.lists(st.sampled_from(WORDS), max_size=3).map(lambda ws: (" with " + " ".join(ws)) if ws else ""))
_paragraph = st.lists(_sentence, min_size=1, max_size=3).map(" ".join)
_goal = st.tuples(st.integers(0, len(GOALS) - 1),
                  st.sampled_from([None, "keep", "reading", "math", "writing", "social_emotional",
                                   "communication", "adaptive"]),
                  st.one_of(st.none(), _sentence))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_paragraph, max_size=12), st.lists(_goal, min_size=1, max_size=6))
def test_the_indexed_choice_is_the_plain_scan_choice(paragraphs: list[str], goals: list[tuple[Any, ...]]) -> None:
    pool = _pool()
    chosen = []
    for i, (k, domain, baseline) in enumerate(goals):
        g = pool[k]
        chosen.append(dataclasses.replace(g, id=f"g{i + 1}", page=1, baseline=baseline,
                                          domain=g.domain if domain == "keep" else domain))
    items = [Item(p, 1 + j // 4, "present_levels", "Present levels") for j, p in enumerate(paragraphs)]
    ctx = PlanContext(items=items, goals=chosen, student=Student())
    for g in chosen:
        assert _facts(levels(ctx, g)) == _facts(_reference(ctx, g)), g.text


def test_a_present_level_in_the_targets_unit_wins_over_one_sharing_more_words() -> None:
    goal = dataclasses.replace(_pool()[0], id="g1", page=1, baseline=None)
    items = [Item("Ana reads aloud grade 3 passages in trials with expression.", 1, "present_levels", "PL"),
             Item("Ana reads 42 words correct per minute.", 2, "present_levels", "PL"),
             Item("Ana reads 50 words correct per minute.", 3, "present_levels", "PL")]
    lv = levels(PlanContext(items=items, goals=[goal], student=Student()), goal)
    assert (lv.source, lv.page, lv.baseline.label if lv.baseline else None) == ("the present levels", 2, "42 wcpm")
    assert lv.compatible
