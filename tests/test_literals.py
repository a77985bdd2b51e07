"""The literal pre-test never skips a search that would have matched."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from goalcheck.components.measurability import placeholder_rules
from goalcheck.components.postsecondary import _rules as postsecondary_rules
from goalcheck.components.strength import lexicon
from goalcheck.data import component_patterns
from goalcheck.extract import _lexicon as goal_line_lexicon
from goalcheck.literals import (
    ascii_lower,
    literals_of,
    may_match,
    may_match_present,
    needs_of,
    present_literals,
    required_literals,
    search,
)

DEFICITS = lexicon()
LINES = goal_line_lexicon()
PATTERNS = [rx for items in component_patterns().values() for _, rx, _ in items] + [
    *(rx for rx, *_ in DEFICITS.entries), *DEFICITS.named_replacement, *DEFICITS.not_deficit,
    DEFICITS.any_deficit, DEFICITS.reduced_verb,
    *(getattr(LINES, f) for f in ("after_school", "timeframe", "criterion", "wishes", "reported",
                                  "form_prompts", "boilerplate", "points_to_goal")),
    *(rx for _, rx in placeholder_rules().marks),
    *(rx for f in ("wishes", "no_area", "activities", "implied", "stated", "in_school")
      for _, rx in getattr(postsecondary_rules(), f))]
WORDS = sorted({n for rx in PATTERNS for n in (needs_of(rx) or ())}
               | {"will", "Maya", "90%", "4/5", "by", "June", "trials", "minute", "of", "10"})
DATA = Path(__file__).resolve().parents[1] / "training_data"


def test_literals_of_common_constructions():
    assert required_literals(re.compile(r"\b(?:percent|%)", re.IGNORECASE)) == frozenset({"percent", "%"})
    assert required_literals(re.compile(r"with\s+\d+")) == frozenset({"with"})
    assert required_literals(re.compile(r"[0-9]+/[0-9]+")) == frozenset({"/"})
    assert required_literals(re.compile(r"(?:a|)b?")) is None  # may match the empty string
    assert required_literals(re.compile(r"(?<=by )June", re.IGNORECASE)) == frozenset({"june"})
    assert required_literals(re.compile(r"(?:weekly|daily)?\s*probes?")) == frozenset({"probe"})
    assert required_literals(re.compile(r"[^a]+")) is None


def test_non_ascii_text_is_always_searched():
    rx = re.compile("kelvin", re.IGNORECASE)
    text = "\u212aelvin"  # the Kelvin sign matches k when case is ignored
    assert rx.search(text)
    assert may_match(needs_of(rx), ascii_lower(text))


def test_most_component_and_deficit_patterns_get_a_pre_test():
    assert sum(needs_of(rx) is not None for rx in PATTERNS) >= 0.85 * len(PATTERNS)


texts = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(alphabet=string.ascii_letters + string.digits + " .,%/-:_[]<>{}()", max_size=6)),
    max_size=14,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(texts, st.booleans())
def test_a_skipped_pattern_cannot_match(text, upper):
    text = text.upper() if upper else text
    low = ascii_lower(text)
    for rx in PATTERNS:
        if not may_match(needs_of(rx), low):
            assert rx.search(text) is None, (rx.pattern[:80], text)


@settings(max_examples=200, deadline=None)
@given(texts, st.booleans())
def test_one_literal_scan_answers_as_each_pattern_alone(text, upper):
    text = text.upper() if upper else text
    low = ascii_lower(text)
    present = present_literals(literals_of(PATTERNS), low)
    for rx in PATTERNS:
        assert may_match_present(needs_of(rx), present) == may_match(needs_of(rx), low)


@settings(max_examples=100, deadline=None)
@given(texts)
def test_search_finds_what_a_plain_search_finds(text):
    for rx in PATTERNS:
        a, b = search(rx, text), rx.search(text)
        assert (a and a.span()) == (b and b.span())


def test_no_corpus_goal_loses_a_match():
    rows = [json.loads(x) for x in (DATA / "outside_goals.jsonl").read_text("utf-8").splitlines() if x.strip()]
    for text in [r["text"] for r in rows][:300]:
        low = ascii_lower(text)
        for rx in PATTERNS:
            if not may_match(needs_of(rx), low):
                assert rx.search(text) is None, (rx.pattern[:80], text)
