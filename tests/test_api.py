"""The public API on free text: never a crash, a clear error for empty input."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goalcheck import analyze_goal, analyze_many
from goalcheck.schema import COMPONENTS, DOMAINS, MEASURABILITY_CLASSES, STRENGTH_CLASSES


def _valid(a) -> None:
    d = a.to_dict()
    json.dumps(d)
    assert set(d["components"]) == set(COMPONENTS)
    if d["status"] == "not_analysed":  # RUBRIC 7.25: another language is never scored as English
        assert d["language"] != "en" and d["overall"] is None
        assert d["measurability"]["class"] is None and d["strength"]["class"] is None
        assert not any(c["present"] for c in d["components"].values())
        return
    for comp in d["components"].values():
        for s in comp["spans"]:
            assert d["text"][s["start"] : s["end"]] == s["text"]
    assert d["measurability"]["class"] in MEASURABILITY_CLASSES
    assert d["strength"]["class"] in STRENGTH_CLASSES
    assert 0 <= d["overall"] <= 100
    assert d["domain"] in DOMAINS


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=5000))
def test_any_unicode_gives_analysis_or_value_error(text: str) -> None:
    try:
        a = analyze_goal(text)
    except ValueError as exc:
        assert not text.strip()
        assert "empty" in str(exc)
        return
    _valid(a)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from([
    "By June 2027, ", "given a passage, ", "Maya ", "will ", "read ", "improve ", "not ",
    "with 80% accuracy ", "in 4 of 5 trials", "as measured by probes", "cannot ", "ÉCRIRE ",
    "1. ", "• ", "\n", "[Student] ", "GIVEN 10 PROBLEMS ", "3.OA.7 ", "RF.3.4 ",
]), min_size=1, max_size=25))
def test_goal_like_fragments_are_analysed(parts: list[str]) -> None:
    text = "".join(parts)
    if text.strip():
        _valid(analyze_goal(text))


@pytest.mark.parametrize("bad", ["", "   ", "\n\t"])
def test_empty_text_is_a_clear_value_error(bad: str) -> None:
    with pytest.raises(ValueError, match="empty"):
        analyze_goal(bad)


def test_not_a_string_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="string"):
        analyze_goal(None)  # type: ignore[arg-type]


def test_contract_json_shape() -> None:
    d = analyze_goal("By June 2027, Maya will read 20 sight words with 90% accuracy.").to_dict()
    assert list(d) == ["text", "kind", "page", "section", "status", "language", "rubric",
                       "components", "vague_verbs", "measurability", "strength", "domain",
                       "alignment", "overall", "rewrite", "explanations"]
    assert d["rubric"] == {"name": "idea", "version": "2"}
    assert d["measurability"]["required"] == ["behavior", "criterion"]
    assert d["measurability"]["missing_required"] == []
    assert d["measurability"]["missing_recommended"] == ["condition", "measurement"]
    assert d["alignment"]["status"] in {"explicit", "inferred", "none", "not_applicable"}
    assert all({"dimension", "source", "detail", "confidence"} == set(e) for e in d["explanations"])


def test_analyze_many_keeps_order() -> None:
    texts = ["Sam will not hit peers.", "By May 2027, Jo will read 20 words with 90% accuracy."]
    out = analyze_many(texts)
    assert [a.text for a in out] == texts


def test_a_benchmark_that_points_to_its_goal_takes_its_behavior_and_criterion(tmp_path) -> None:
    """RUBRIC 7.22: 'By 10/04, the above goal will be met' is an objective of that goal."""
    from goalcheck import analyze_document

    plan = tmp_path / "plan.txt"
    plan.write_text(
        "Annual Goals\n\n"
        "Goal 1: By June 2027, given a grade 2 passage, Jordan will read aloud 80 words correct "
        "per minute, as measured by weekly probes.\n"
        "Benchmark 1: By 10/04, the above goal will be met at 50 words correct per minute.\n"
        "Benchmark 2: By 01/15, the above goal will be met.\n", encoding="utf-8")
    goals = {g.id: g for g in analyze_document(plan).goals}
    first, second = goals["g1.1"], goals["g1.2"]
    assert first.parent == second.parent == "g1"
    for b in (first, second):
        assert b.measurability_class == "measurable"
        assert [s.text for s in b.components["timeframe"].spans] in (["By 10/04"], ["By 01/15"])
        assert b.components["behavior"].spans[0].field == "the annual goal"
    assert first.components["criterion"].spans[0].text == "50 words correct per minute"
    assert first.components["criterion"].spans[0].field is None  # its own criterion
    assert second.components["criterion"].spans[0].field == "the annual goal"
