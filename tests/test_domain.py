"""Tests of goalcheck.components.domain (rule-based domain classifier)."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goalcheck.components.domain import _cue_matches, _lexicon, classify_domain, compile_cue, domain_scores
from goalcheck.schema import DOMAINS

CASES = [
    # reading
    ("Maya will read a 3rd-grade passage aloud at 90 wcpm.", "reading"),
    ("Given CVC words, Leo will decode 9 of 10 words.", "reading"),
    ("Ana will read 50 Dolch sight words with 90% accuracy.", "reading"),
    ("Will identify the main idea of an informational text in 4 of 5 trials.", "reading"),
    ("Kiet will retell a story including characters, setting and plot.", "reading"),
    ("Given a passage, Zoe will use context clues to define unknown words.", "reading"),
    # writing
    ("Given a prompt, Sara will write a five-paragraph essay.", "writing"),
    ("Ella will use correct end punctuation in 4 of 5 sentences.", "writing"),
    ("Jon will spell 20 grade-level words with 80% accuracy.", "writing"),
    ("Using a graphic organizer, Liam will write an opinion piece with 3 reasons.", "writing"),
    ("Ava will capitalize the first word of each sentence in a journal entry.", "writing"),
    # math
    ("Sam will add and subtract within 1000 using regrouping.", "math"),
    ("Jamal will solve two-step word problems involving fractions.", "math"),
    ("Lia will recall multiplication facts 0-10 within 3 seconds each.", "math"),
    ("Given a number line, Ben will compare decimals to the hundredths.", "math"),
    ("Nia will solve one-step equations with integers.", "math"),
    ("Omar will find the perimeter and area of rectangles.", "math"),
    # communication
    ("Ana will produce /r/ in the initial position of words with 80% accuracy.", "communication"),
    ("Using his AAC device, Jo will request preferred items 5 times per session.", "communication"),
    ("Nia will follow 2-step directions in 4 of 5 opportunities.", "communication"),
    ("Eli will use easy onset to reduce stuttering in conversation.", "communication"),
    ("Mia will use regular plural nouns in sentences.", "communication"),
    ("Hlee will answer wh- questions after listening to a story read aloud.", "communication"),
    # social_emotional
    ("During recess, Kai will join peers in play for 10 minutes.", "social_emotional"),
    ("When upset, Ava will use a calm-down strategy instead of a tantrum.", "social_emotional"),
    ("During math class, Eli will raise his hand before speaking.", "social_emotional"),
    ("Leah will stay on task for 10 minutes.", "social_emotional"),
    ("Liam will accept feedback from adults without arguing.", "social_emotional"),
    ("Sofia will identify her feelings using the zones of regulation.", "social_emotional"),
    # motor
    ("Omar will cut along a line with scissors within 1/4 inch.", "motor"),
    ("Zoe will hop on one foot 5 times.", "motor"),
    ("Using an adapted pencil grip, Ray will write his name legibly.", "motor"),
    ("Tia will write a sentence with correct spacing between words.", "motor"),
    ("Jo will walk up the stairs using alternating feet.", "motor"),
    ("Sione will type on a keyboard using both hands.", "motor"),
    # adaptive
    ("Lee will independently complete all toileting steps.", "adaptive"),
    ("Given a dollar amount, Mia will count money to the next dollar.", "adaptive"),
    ("Ben will ride the bus to school and find his seat.", "adaptive"),
    ("Keisha will wash her hands following a visual sequence.", "adaptive"),
    ("Arjun will carry his lunch tray to the return window.", "adaptive"),
    # transition
    ("After graduation, Ana will work part-time at a grocery store.", "transition"),
    ("Liam will demonstrate self-advocacy by requesting his accommodations.", "transition"),
    ("Upon completion of high school, Tre will enroll at the community college.", "transition"),
    ("Hodan will complete two job applications with a job coach.", "transition"),
    ("Once he graduates, Mohamed will join the army.", "transition"),
    # keeping hands (and feet) to oneself: a behaviour goal, however it is worded
    ("Kai will keep his hands and feet to himself during circle time in 4 of 5 observations.",
     "social_emotional"),
    ("Mia will keep her hands to herself in line.", "social_emotional"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_domain_table(text: str, expected: str) -> None:
    domain, confidence, detail = classify_domain(text)
    assert domain == expected, detail
    assert 0.0 < confidence <= 1.0
    assert detail.startswith("cue words: ")


def test_table_covers_every_domain() -> None:
    assert {d for _, d in CASES} == set(DOMAINS)
    assert len(CASES) >= 40


@pytest.mark.parametrize("text", ["", "   ", "Sam will improve.", "12345 !!!"])
def test_no_cue_means_zero_confidence(text: str) -> None:
    domain, confidence, detail = classify_domain(text)
    assert domain in DOMAINS
    assert confidence == 0.0
    assert detail == "no cue words found"


def test_detail_names_the_cues_in_order() -> None:
    assert classify_domain("read a passage at 90 wcpm")[2].startswith("cue words: read, passage, wcpm")


def test_longer_cue_takes_the_span() -> None:
    # "running records" (reading) wins over "run*" (motor) on the same words.
    scores, words = domain_scores("as measured by running records")
    assert scores["motor"] == 0 and "running records" in words["reading"]


def test_setting_phrase_ignored() -> None:
    scores, _ = domain_scores("during math class")
    assert scores["math"] == 0


def test_confidence_grows_with_evidence() -> None:
    weak = classify_domain("Jo will read.")[1]
    strong = classify_domain("Jo will read a passage at 90 wcpm with fluency.")[1]
    assert strong > weak


@pytest.mark.parametrize(
    "cue, text, hit",
    [("decod*", "Decoding words", True), ("decod*", "undecodable", False),
     ("calm-down", "calm down", True), ("calm-down", "calm-down", True),
     ("raise * hand", "raise her hand", True), ("re:/[a-z]{1,3}/", "the /th/ sound", True),
     ("re:/[a-z]{1,3}/", "1/2 inch", False), ("bus", "business", False)],
)
def test_cue_syntax(cue: str, text: str, hit: bool) -> None:
    assert bool(compile_cue(cue).search(text)) == hit


def test_fast() -> None:
    texts = [t for t, _ in CASES]
    classify_domain(texts[0])
    start = time.perf_counter()
    for t in texts:
        classify_domain(t)
    per_goal = (time.perf_counter() - start) / len(texts)
    assert per_goal < 0.01


_PIECES = ["read", "reading", "decod", "self-advocacy", "hands", "on", "math", "Writing",
           "sight words", "/r/", "s", "-", " ", ", ", "'s", "re", "ad", "x", "."]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_cue_matches_are_a_full_scan_of_the_cue_pattern(text: str) -> None:
    """Matching at the key's occurrences finds exactly what scanning every position finds."""
    low = text.lower()
    for cue in _lexicon()[0]:
        fast = [m.span() for m in _cue_matches(cue, text, low) if m.end() > m.start()]
        full = [m.span() for m in cue.pattern.finditer(text) if m.end() > m.start()]
        assert fast == full, cue.cue
