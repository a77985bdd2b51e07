"""Golden whole-document tests over tests/corpus/*.golden.json.

Each golden lists the sections (kind, page range), the goals (text, kind,
page, section, baseline, parent index) and lines that must not be goals.
"""

from __future__ import annotations

import json
import re
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from goalcheck.extract import extract_goals
from goalcheck.ingest import read_document
from goalcheck.schema import Goal
from goalcheck.sections import find_sections

CORPUS = Path(__file__).parent / "corpus"
GOLDENS = sorted(CORPUS.glob("*.golden.json"))
FUZZ = 0.9


def norm(text: str) -> str:
    """Lower case, whitespace collapsed, punctuation-insensitive spacing."""
    return re.sub(r"\s+", " ", text.lower()).strip()


def similar(a: str, b: str) -> float:
    return SequenceMatcher(None, norm(a), norm(b)).ratio()


def flatten(goals: list[Goal]) -> list[tuple[Goal, int | None]]:
    """Goals and objectives in document order, each with its parent's index."""
    out: list[tuple[Goal, int | None]] = []
    for goal in goals:
        out.append((goal, None))
        parent = len(out) - 1
        out.extend((obj, parent) for obj in goal.objectives)
    return out


@cache
def analyse(name: str) -> tuple[Any, list[Any], list[tuple[Goal, int | None]]]:
    doc = read_document(CORPUS / name)
    sections = find_sections(doc)
    return doc, sections, flatten(extract_goals(doc, sections))


def match(gold: list[dict[str, Any]], found: list[tuple[Goal, int | None]]) -> dict[int, int]:
    """Gold index -> found index, greedily by best text similarity >= FUZZ."""
    pairs = sorted(
        ((similar(g["text"], f[0].text), gi, fi) for gi, g in enumerate(gold) for fi, f in enumerate(found)),
        reverse=True,
    )
    used_g: set[int] = set()
    used_f: set[int] = set()
    out: dict[int, int] = {}
    for ratio, gi, fi in pairs:
        if ratio < FUZZ:
            break
        if gi in used_g or fi in used_f:
            continue
        out[gi] = fi
        used_g.add(gi)
        used_f.add(fi)
    return out


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text("utf-8"))


pytestmark = pytest.mark.skipif(not GOLDENS, reason="no golden corpus in tests/corpus")


def with_ocr(gold: dict[str, Any]) -> dict[str, Any]:
    """The golden as goalcheck should read it here: with OCR, the scanned pages count too.

    A "(continued)" heading of the kind just before it continues that section.
    """
    from goalcheck.ingest import ocr

    if "ocr_goals" not in gold or not ocr.available():
        return gold
    sections: list[dict[str, Any]] = []
    for sec in gold["ocr_sections"] + gold["sections"]:
        if sections and "(continued)" in sec["title"] and sections[-1]["kind"] == sec["kind"]:
            sections[-1] = {**sections[-1], "page_end": sec["page_end"]}
        else:
            sections.append(sec)
    shift = len(gold["ocr_goals"])
    goals = gold["ocr_goals"] + [
        {**g, "parent": None if g.get("parent") is None else g["parent"] + shift} for g in gold["goals"]
    ]
    return {**gold, "sections": sections, "goals": goals}


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.name)
def test_sections(golden: Path) -> None:
    gold = with_ocr(load(golden))
    doc, sections, _ = analyse(gold["source"])
    assert doc.pages == gold["pages"]
    found = [(s.kind, s.page_start, s.page_end, norm(s.title)) for s in sections]
    expected = [(s["kind"], s["page_start"], s["page_end"], norm(s["title"])) for s in gold["sections"]]
    assert found == expected


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.name)
def test_goals(golden: Path) -> None:
    gold = with_ocr(load(golden))
    _, _, found = analyse(gold["source"])
    pairs = match(gold["goals"], found)
    missing = [g["text"] for gi, g in enumerate(gold["goals"]) if gi not in pairs]
    extra = [f[0].text for fi, f in enumerate(found) if fi not in pairs.values()]
    assert not missing and not extra, {"missing": missing, "extra": extra}
    for gi, fi in pairs.items():
        g, (goal, parent) = gold["goals"][gi], found[fi]
        assert goal.kind == g["kind"], goal.text
        assert goal.page == g["page"], goal.text
        assert goal.section == g["section"], goal.text
        assert (goal.baseline or None) == (g.get("baseline") or None), goal.text
        want_parent = g.get("parent")
        assert (pairs.get(want_parent) if want_parent is not None else None) == parent, goal.text


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.name)
def test_no_not_goals(golden: Path) -> None:
    gold = load(golden)
    _, _, found = analyse(gold["source"])
    for bad in gold.get("not_goals", []):
        assert all(similar(bad, f[0].text) < FUZZ for f in found), bad


def test_corpus_precision_recall() -> None:
    tp = fp = fn = 0
    for golden in GOLDENS:
        gold = with_ocr(load(golden))
        _, _, found = analyse(gold["source"])
        pairs = match(gold["goals"], found)
        tp += len(pairs)
        fn += len(gold["goals"]) - len(pairs)
        fp += len(found) - len(pairs)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)


def _with(key: str) -> list[Path]:
    return [g for g in GOLDENS if key in load(g)]


@pytest.mark.parametrize("golden", _with("scanned_pages"), ids=lambda p: p.name)
def test_scanned_pages_warned_or_read(golden: Path) -> None:
    from goalcheck.ingest import ocr

    gold = load(golden)
    doc, _, found = analyse(gold["source"])
    if ocr.available():
        texts = [f[0].text for f in found]
        for goal in gold.get("ocr_goals", []):
            assert any(similar(goal["text"], t) >= 0.8 for t in texts), goal["text"]
        return
    pages = ", ".join(str(p) for p in gold["scanned_pages"])
    warning = next(w for w in doc.warnings if "scanned" in w)
    assert pages in warning and "apt-get install tesseract-ocr" in warning


@pytest.mark.parametrize("golden", _with("running_header"), ids=lambda p: p.name)
def test_running_header_removed(golden: Path) -> None:
    gold = load(golden)
    doc, _, _ = analyse(gold["source"])
    header = norm(gold["running_header"])
    assert all(norm(ln.text) != header for ln in doc.lines)
    assert all("dob:" not in norm(ln.text) for ln in doc.lines if ln.page > 1)


@pytest.mark.parametrize("golden", _with("hyphenated"), ids=lambda p: p.name)
def test_hyphenation_repaired(golden: Path) -> None:
    gold = load(golden)
    doc, _, _ = analyse(gold["source"])
    text = " ".join(ln.text for ln in doc.lines)
    for split in gold["hyphenated"]:
        assert split.replace("-", "") in text and split not in text, split


def test_ocr_path_is_taken_when_tesseract_is_installed() -> None:
    """CI installs tesseract (.ci/run sets GOALCHECK_REQUIRE_OCR): the scanned page must then be read, not skipped."""
    import os
    import shutil

    from goalcheck.ingest import ocr

    if not (shutil.which("tesseract") or os.environ.get("GOALCHECK_REQUIRE_OCR")):
        pytest.skip("tesseract is not installed here")
    assert ocr.available(), "tesseract is installed but pytesseract is not: pip install 'goalcheck[ocr]'"
    doc, _, _ = analyse("scanned.pdf")
    assert not any("scanned" in w for w in doc.warnings), doc.warnings
    assert any(ln.page == 1 for ln in doc.lines), "page 1 (the scan) gave no text"


# --- analysis goldens: analyze_document(...).to_dict(), the path users run ---------------------
# Regenerate with `cd scripts && python -m test_ieps.golden [NAME ...]`, then check each change by
# eye against the document's truth file.

sys_path_scripts = str(Path(__file__).resolve().parents[1] / "scripts")


def _analysis_documents() -> list[Path]:
    import sys

    if sys_path_scripts not in sys.path:
        sys.path.insert(0, sys_path_scripts)
    from test_ieps.golden import analysis_documents

    return analysis_documents()


_ANALYSED = _analysis_documents()
# The default run checks the new layouts as PDF (small, quick); -m slow checks every document.
_QUICK = [p for p in _ANALYSED if p.parent.name == "extraction_corpus" and p.suffix == ".pdf"]


def _check_analysis(path: Path) -> None:
    from test_ieps.golden import analysis_of, analysis_path

    from goalcheck.ingest import ocr

    if path.name == "scanned.pdf" and not ocr.available():
        pytest.skip("the scanned page's golden is read with OCR (tesseract)")
    golden = analysis_path(path)
    if not golden.exists():
        pytest.skip(f"{path.name}: no analysis golden (its extraction contradicts the truth; see the report)")
    want = json.loads(golden.read_text("utf-8"))
    got = json.loads(json.dumps(analysis_of(path)))
    assert got == want, f"{path.name}: analysis differs from its golden (regenerate and review)"


@pytest.mark.parametrize("path", _QUICK, ids=lambda p: p.name)
def test_analysis_golden(path: Path) -> None:
    _check_analysis(path)


def test_most_documents_have_analysis_goldens() -> None:
    from test_ieps.golden import analysis_path

    have = [p for p in _ANALYSED if analysis_path(p).exists()]
    assert len(have) >= 0.75 * len(_ANALYSED), sorted(p.name for p in _ANALYSED if p not in have)


def test_analysis_goldens_agree_with_the_truth() -> None:
    from test_ieps.golden import analysis_path, contradictions, truth_of

    for path in _ANALYSED:
        golden, truth = analysis_path(path), truth_of(path)
        if golden.exists() and truth is not None:
            assert contradictions(json.loads(golden.read_text("utf-8")), truth) == [], path.name


@pytest.mark.slow
@pytest.mark.parametrize("path", [p for p in _ANALYSED if p not in _QUICK], ids=lambda p: p.name)
def test_analysis_golden_all(path: Path) -> None:
    _check_analysis(path)
def test_form_fields_are_components_of_their_goal() -> None:
    """RUBRIC 2, 'Components found in the goal's form': the field's component is present, its span named."""
    from goalcheck.api import analyze_document

    text = ("Annual Goals\n\nGoal: Jo will stay in his seat during independent work.\n"
            "Criteria: 90% of 5-minute intervals\nEvaluation method: interval recording by the aide\n"
            "Target date: ________\n")
    (goal,) = analyze_document(text.encode(), name="t.txt").to_dict()["goals"]
    criterion = goal["components"]["criterion"]
    assert criterion["present"] and criterion["spans"][-1] == {
        "start": 0, "end": 25, "text": "90% of 5-minute intervals", "field": "Criteria"}
    measurement = goal["components"]["measurement"]
    assert measurement["present"] and measurement["spans"][-1] == {
        "start": 0, "end": 30, "text": "interval recording by the aide", "field": "Evaluation method"}
    assert not goal["components"]["timeframe"]["present"]  # a blank field is a placeholder (RUBRIC 7.21)
    assert goal["measurability"]["class"] == "measurable"
