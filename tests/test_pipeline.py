"""build_nlp(): one pipeline per process, our components in it, a clear error without a model."""

from __future__ import annotations

import pytest

from goalcheck.errors import PipelineNotInstalled
from goalcheck.pipeline import build_nlp, pipeline_info


def test_pipeline_is_loaded_once_and_has_our_components() -> None:
    nlp = build_nlp()
    assert build_nlp() is nlp
    assert "parser" not in nlp.pipe_names and "ner" not in nlp.pipe_names
    for name in ("goalcheck/tag_map", "goalcheck/measurability", "goalcheck/strength"):
        assert name in nlp.pipe_names
    info = pipeline_info(nlp)
    assert info["pipeline_version"].startswith("3.8")


def test_tag_map_gives_the_attribute_ruler_pos() -> None:
    doc = build_nlp()("Maya will read a passage.")
    assert [t.pos_ for t in doc] == ["PROPN", "AUX", "VERB", "DET", "NOUN", "PUNCT"]
    assert doc[2].lemma_ == "read"


def test_missing_pipeline_is_one_clear_error() -> None:
    with pytest.raises(PipelineNotInstalled, match="pip install"):
        build_nlp("no_such_english_pipeline")


def test_components_work_in_a_users_own_pipeline() -> None:
    import spacy

    import goalcheck.components.measurability  # noqa: F401  registers the factory

    nlp = spacy.blank("en")
    nlp.add_pipe("goalcheck/measurability")
    doc = nlp("By June 2027, Maya will read 20 words with 90% accuracy.")
    assert [doc.text[f.start:f.end] for f in doc._.measurability.components["timeframe"]] == ["By June 2027"]
