"""Strength-based language, RUBRIC.md section 3 and 7.2, 7.8, 7.9."""

from __future__ import annotations

import pytest

from goalcheck import analyze_goal
from goalcheck.components.strength import find_deficits, lexicon

# (text, deficit span texts, class, strength score)
CASES = [
    ("By June 2027, Maya will read 20 sight words with 90% accuracy.", [], "strength_based", 100),
    ("Sam will not hit peers during recess.", ["will not hit"], "deficit_based", 70),
    ("Sam will stop hitting peers.", ["will stop"], "deficit_based", 70),
    ("Tomas will reduce outbursts to 2 per week.", ["will reduce outbursts"], "deficit_based", 70),
    ("Instead of hitting, Sam will ask for a break in 4 of 5 opportunities.", [], "neutral", 70),
    ("Instead of refusing tasks, Ana will choose between two task options.", [], "neutral", 70),
    ("Lee will solve word problems by using a number line.", [], "strength_based", 100),
    ("Tomas will reduce outbursts to 2 per week by using a calm-down card.", [], "neutral", 70),
    ("Sam will replace hitting with asking for a break.", [], "neutral", 70),
    ("Sam will stop hitting peers and instead ask for a break.", [], "neutral", 70),
    ("Jo will not need prompts to begin work.", [], "strength_based", 100),
    ("Jo will not require reminders to turn in homework.", [], "strength_based", 100),
    ("Jo cannot stay seated, so Jo will remain seated for 5 minutes.", ["cannot"], "deficit_based", 70),
    ("Jo is unable to read and refuses to write.", ["is unable to", "refuses"], "deficit_based", 40),
    ("Marcus is lazy and defiant and will complete his work.", ["is lazy", "defiant"], "deficit_based", 40),
    ("Ava is low in math and will add within 20.", ["is low in math"], "deficit_based", 70),
    ("Ava is a low reader.", ["is a low reader"], "deficit_based", 70),
    ("Ava reads below grade level.", [], "strength_based", 100),
    ("Leo suffers from epilepsy and will use a seizure plan.", ["suffers from"], "deficit_based", 70),
    ("Leo is confined to a wheelchair.", ["confined to a wheelchair"], "deficit_based", 70),
    ("Kim is a low-functioning student who will sort coins.", ["low-functioning"], "deficit_based", 70),
    ("Kim engages in attention-seeking behavior.", ["attention-seeking"], "deficit_based", 70),
    ("Kim fails to complete assignments.", ["fails to"], "deficit_based", 70),
    ("Kim lacks organizational skills.", ["lacks"], "deficit_based", 70),
    ("Kim does not know his letters.", ["does not know"], "deficit_based", 70),
    ("Kim struggles with reading; Kim will read 10 words.", ["struggles with"], "deficit_based", 70),
    ("Kim is non-compliant, manipulative, refuses work and cannot focus.", ["is non-compliant", "manipulative", "refuses", "cannot"], "deficit_based", 0),
    ("Nia will initiate play with a peer during recess.", [], "strength_based", 100),
    ("Brianna is a weak, unmotivated reader and will read 40 words.", ["is a weak, unmotivated reader"], "deficit_based", 70),
    ("Leah has no functional speech and will point to a yes card.", ["has no functional speech"], "deficit_based", 70),
    ("Lucy will sign 'help' when she cannot open a container.", [], "strength_based", 100),
    ("Darius will not miss more than 2 days of work per month.", ["will not miss"], "deficit_based", 70),
    # RUBRIC 7.2 / 7.8 in others' wording: counted problem behaviors, behaviour-analytic subjects
    ("Tate will decrease call-outs to 2 per lesson during math.", ["will decrease call-outs"], "deficit_based", 70),
    ("Mina will reduce the number of times she leaves her seat to 1 per class.", ["will reduce the number of times she leaves"], "deficit_based", 70),
    ("Mina will reduce the number of times she leaves her seat by using a break card.", [], "neutral", 70),
    ("Aggression, defined as Bo hitting or kicking peers, will decrease to 0 per week.", ["will decrease"], "deficit_based", 70),
    ("Tantrum behavior will be reduced to under 2 minutes per episode.", ["will be reduced"], "deficit_based", 70),
    ("Reading errors will decrease to 2 per passage.", [], "strength_based", 100),
    ("To replace pinching, Gianna will tap an adult's arm in 80% of opportunities.", [], "neutral", 70),
    ("Theo is clumsy and will catch a ball in 4 of 5 trials.", ["is clumsy"], "deficit_based", 70),
]


@pytest.mark.parametrize("text, spans, cls, score", CASES)
def test_deficit_spans_class_and_score(text: str, spans: list[str], cls: str, score: int) -> None:
    a = analyze_goal(text)
    assert [d.text for d in a.deficit_spans] == spans
    assert a.strength_class == cls
    assert a.strength_score == score
    assert all(d.suggestion for d in a.deficit_spans)


def test_lexicon_is_large_enough() -> None:
    phrases = sum(max(1, rx.pattern.count("|") + 1) for rx, *_ in lexicon().entries)
    assert phrases >= 60


def test_find_deficits_is_pure_and_offsets_are_right() -> None:
    text = "He refuses to write and can't sit still."
    r = find_deficits(text)
    assert [text[d.start : d.end] for d in r.deficits] == ["refuses", "can't"]
