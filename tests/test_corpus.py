"""Consistency of the fictional test IEP corpus (tests/corpus) with its golden files.

These tests check the corpus itself, not goalcheck's extraction: every golden
goal must be found, word for word, on its stated page of the document.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from goalcheck.schema import GOAL_KINDS, SECTION_KINDS

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
sys.path.insert(0, str(ROOT / "scripts"))

from test_ieps.verify import check, tokens

DOCUMENTS = [
    "state_form.pdf",
    "narrative_district.pdf",
    "page_break.pdf",
    "two_column.pdf",
    "transition.pdf",
    "services_grid.pdf",
    "district_plan.docx",
    "scanned.pdf",
    "plain.txt",
    "twelve_page.pdf",
]


def golden(name: str) -> dict[str, Any]:
    return json.loads((CORPUS / f"{name}.golden.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", DOCUMENTS)
def test_golden_is_well_formed(name: str) -> None:
    g = golden(name)
    assert g["source"] == name and (CORPUS / name).exists()
    assert g["goals"], "every document has goals"
    for s in g["sections"]:
        assert s["kind"] in SECTION_KINDS
        assert 1 <= s["page_start"] <= s["page_end"] <= g["pages"]
    starts = [s["page_start"] for s in g["sections"]]
    assert starts == sorted(starts)
    for i, goal in enumerate(g["goals"]):
        assert goal["kind"] in GOAL_KINDS
        assert goal["section"] in SECTION_KINDS
        assert goal["text"] == " ".join(goal["text"].split())
        if goal["kind"] == "objective":
            assert goal["parent"] is not None and goal["parent"] < i
            assert g["goals"][goal["parent"]]["kind"] == "annual_goal"
        else:
            assert goal["parent"] is None
    texts = {goal["text"] for goal in g["goals"]}
    assert not texts & set(g["not_goals"])


@pytest.mark.parametrize("name", DOCUMENTS)
def test_golden_matches_document_text(name: str) -> None:
    assert check(CORPUS / name) == []


@pytest.mark.parametrize(
    "name, expected",
    [
        ("state_form.pdf", (6, 9)),
        ("twelve_page.pdf", (12, 12)),
        ("scanned.pdf", (2, 2)),
    ],
)
def test_page_counts(name: str, expected: tuple[int, int]) -> None:
    with pdfplumber.open(CORPUS / name) as pdf:
        assert expected[0] <= len(pdf.pages) <= expected[1]


def test_page_break_goal_and_objective_cross_pages() -> None:
    g = golden("page_break.pdf")
    with pdfplumber.open(CORPUS / "page_break.pdf") as pdf:
        raw = [p.extract_text() or "" for p in pdf.pages]
    for key in ("goal", "objective"):
        goal = g["goals"][g["split_across_pages"][key]]
        page = goal["page"]
        last_words = tokens(goal["text"])[-4:]
        assert " ".join(last_words) not in " ".join(tokens(raw[page - 1]))
        assert " ".join(last_words) in " ".join(tokens(raw[page]))
    joined = "\n".join(raw)
    for word in g["hyphenated"]:
        assert f"{word.replace('-', '-' + chr(10))}" in joined


def test_scanned_page_has_no_text_layer() -> None:
    g = golden("scanned.pdf")
    with pdfplumber.open(CORPUS / "scanned.pdf") as pdf:
        assert pdf.pages[0].chars == [] and len(pdf.pages[0].images) == 1
        assert pdf.pages[1].chars
    assert g["scanned_pages"] == [1] and len(g["ocr_goals"]) == 2
    assert all(goal["page"] == 2 for goal in g["goals"])


def test_two_column_goals_sit_in_their_columns() -> None:
    g = golden("two_column.pdf")
    with pdfplumber.open(CORPUS / "two_column.pdf") as pdf:
        page = pdf.pages[1]
        left = set(tokens(page.crop((0, 0, page.width / 2, page.height)).extract_text()))
        right = set(tokens(page.crop((page.width / 2, 0, page.width, page.height)).extract_text()))
    annual = [goal for goal in g["goals"] if goal["kind"] == "annual_goal"]
    # Goals 3-4 fill the left column of page 2, goals 5-6 the right one.
    for goal, column in zip(annual[2:], [left, left, right, right]):
        assert set(tokens(goal["text"])) <= column


def test_sample_is_the_state_form() -> None:
    sample = ROOT / "goalcheck" / "data" / "samples" / "sample_iep.pdf"
    assert sample.read_bytes() == (CORPUS / "state_form.pdf").read_bytes()


def test_make_long_iep(tmp_path: Path) -> None:
    from make_test_ieps import make_long_iep

    path = make_long_iep(20, tmp_path / "long.pdf")
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) >= 20


@pytest.mark.slow
def test_generation_is_deterministic(tmp_path: Path) -> None:
    from make_test_ieps import generate

    assert generate(tmp_path) == []
    for name in DOCUMENTS:
        assert (tmp_path / name).read_bytes() == (CORPUS / name).read_bytes(), name


# --- the 'IEPs written by others' corpus (tests/extraction_corpus, truth in tests/extraction_truth) ---

OTHERS = ROOT / "tests" / "extraction_corpus"
TRUTH = ROOT / "tests" / "extraction_truth"
OTHER_DOCS = sorted(p.stem for p in TRUTH.glob("*_*.json") if not p.stem.startswith("plain"))


def test_others_corpus_has_dev_and_heldout_halves() -> None:
    dev = [n for n in OTHER_DOCS if n.startswith("dev_")]
    held = [n for n in OTHER_DOCS if n.startswith("heldout_")]
    held2 = [n for n in OTHER_DOCS if n.startswith("heldout2_")]
    assert len(dev) >= 6 and len(held) >= 6 and len(dev) + len(held) + len(held2) == len(OTHER_DOCS)


@pytest.mark.parametrize("name", OTHER_DOCS)
def test_others_truth_matches_its_documents(name: str) -> None:
    from test_ieps.others import check, text_pages

    truth = json.loads((TRUTH / f"{name}.json").read_text("utf-8"))
    assert truth["name"] == name and truth["split"] == name.split("_")[0]
    for i, goal in enumerate(truth["goals"]):
        assert goal["kind"] in GOAL_KINDS
        if goal["kind"] == "objective":
            assert truth["goals"][goal["parent"]]["kind"] == "annual_goal" and goal["parent"] < i
    with pdfplumber.open(OTHERS / f"{name}.pdf") as pdf:
        assert check(f"{name}.pdf", [p.extract_text() or "" for p in pdf.pages], truth) == []
    assert check(f"{name}.txt", text_pages((OTHERS / f"{name}.txt").read_text("utf-8")), truth) == []


def test_plain_90_20_has_90_lines_that_are_not_goals() -> None:
    truth = json.loads((TRUTH / "plain_90_20.json").read_text("utf-8"))
    lines = [ln for ln in (TRUTH / "plain_90_20.txt").read_text("utf-8").splitlines() if ln.strip()]
    goals = [ln for ln in lines if any(ln.startswith(g["start"]) for g in truth["goals"])]
    assert (len(lines) - len(goals), len(goals)) == (90, 20)
