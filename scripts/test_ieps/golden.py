"""Golden records built alongside each document, so they are right by construction."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def collapse(text: str) -> str:
    """Collapse runs of whitespace to single spaces."""
    return " ".join(text.split())


@dataclass
class Golden:
    """Sections, goals and hard negatives of one document.

    ``section(...)`` is called when a heading is drawn; ``goal(...)`` when a
    goal's first line is drawn, so the page numbers are the drawn ones.
    """

    source: str
    pages: int = 0
    sections: list[dict[str, Any]] = field(default_factory=list)
    goals: list[dict[str, Any]] = field(default_factory=list)
    not_goals: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    _open: dict[str, Any] | None = None

    @property
    def current_kind(self) -> str:
        """Kind of the section being written."""
        return self._open["kind"] if self._open else "other"

    def close(self, last_page: int) -> None:
        """End the open section on ``last_page``."""
        if self._open:
            self._open["page_end"] = max(last_page, self._open["page_start"])
            self.sections.append(self._open)
            self._open = None

    def section(self, kind: str, title: str, page: int, last_page: int) -> None:
        """Open a section; the previous one ends on ``last_page``."""
        self.close(last_page)
        self._open = {"kind": kind, "title": collapse(title), "page_start": page, "page_end": page}

    def goal(
        self,
        text: str,
        kind: str,
        page: int,
        baseline: str | None = None,
        parent: int | None = None,
        section: str | None = None,
    ) -> int:
        """Record a goal and return its index (use it as an objective's parent)."""
        self.goals.append(
            {
                "text": collapse(text),
                "kind": kind,
                "page": page,
                "section": section or self.current_kind,
                "baseline": collapse(baseline) if baseline else None,
                "parent": parent,
            }
        )
        return len(self.goals) - 1

    def not_goal(self, *texts: str) -> None:
        """Record goal-looking text that must not be extracted."""
        self.not_goals.extend(collapse(t) for t in texts)

    def to_dict(self) -> dict[str, Any]:
        """The golden JSON object."""
        out: dict[str, Any] = {
            "source": self.source,
            "pages": self.pages,
            "sections": self.sections,
            "goals": self.goals,
            "not_goals": self.not_goals,
        }
        out.update(self.extra)
        return out

    def write(self, directory: Path) -> Path:
        """Write ``<source>.golden.json`` into ``directory``."""
        if self._open:
            raise ValueError("close() the last section before writing")
        path = directory / f"{self.source}.golden.json"
        path.write_text(
            json.dumps(self.to_dict(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        return path


# --- analysis goldens: what users get from analyze_document (the path users run) -------------

ROOT = Path(__file__).resolve().parents[2]
ANALYSIS_DIRS = (ROOT / "tests" / "corpus", ROOT / "tests" / "extraction_corpus")
_DOCUMENT_SUFFIXES = (".pdf", ".docx", ".txt")


def analysis_documents() -> list[Path]:
    """Every document that has (or should have) an ``<name>.analysis.json`` golden."""
    return sorted(p for d in ANALYSIS_DIRS for p in d.iterdir() if p.suffix in _DOCUMENT_SUFFIXES)


def analysis_of(path: Path) -> dict[str, Any]:
    """``analyze_document(path).to_dict()``, as the CLI's ``analyze --format json`` gives it."""
    from goalcheck.api import analyze_document

    return analyze_document(path).to_dict()


def analysis_path(path: Path) -> Path:
    return path.with_name(path.name + ".analysis.json")


def _words(text: str) -> list[str]:
    import re

    return re.findall(r"[a-z0-9]+", text.lower())


def truth_of(path: Path) -> list[dict[str, Any]] | None:
    """The hand-written truth of a document's goals: (start, kind, page, parent index) per goal."""
    hand = ROOT / "tests" / "extraction_truth" / f"{path.stem}.json"
    if path.parent.name == "extraction_corpus" and hand.exists():
        return list(json.loads(hand.read_text("utf-8"))["goals"])
    built = path.with_name(path.name + ".golden.json")
    if built.exists():
        gold = json.loads(built.read_text("utf-8"))
        if "ocr_goals" in gold:
            return None  # depends on whether tesseract is installed
        return [{**g, "start": " ".join(_words(g["text"])[:8])} for g in gold["goals"]]
    return None


def contradictions(analysis: dict[str, Any], truth: list[dict[str, Any]]) -> list[str]:
    """Where an analysis disagrees with the truth: goals missed or extra, wrong kind, page or parent.

    A truth goal matches the first unmatched analysed goal of the same kind whose
    text starts with the truth's first words (up to 8).
    """
    goals = analysis["goals"]
    match: dict[int, int] = {}
    for ti, want in enumerate(truth):
        start = _words(want["start"])[:8]
        for gi, got in enumerate(goals):
            if gi not in match.values() and got["kind"] == want["kind"] and _words(got["text"])[: len(start)] == start:
                match[ti] = gi
                break
    problems = [f"missed {t['kind']}: {t['start']!r}" for ti, t in enumerate(truth) if ti not in match]
    problems += [f"extra {g['kind']}: {g['text'][:60]!r}" for gi, g in enumerate(goals) if gi not in match.values()]
    for ti, gi in match.items():
        want, got = truth[ti], goals[gi]
        if got["page"] != want["page"]:
            problems.append(f"{want['start']!r}: page {got['page']}, truth {want['page']}")
        parent = want.get("parent")
        expected = goals[match[parent]]["id"] if parent is not None and parent in match else None
        if got.get("parent") != expected:
            problems.append(f"{want['start']!r}: parent {got.get('parent')}, truth {expected}")
    return problems


def write_analysis_goldens(paths: list[Path] | None = None) -> tuple[list[Path], dict[str, list[str]]]:
    """(Re)write the analysis golden of each document that agrees with its truth.

    Returns the paths written and, per document not written, how its analysis
    contradicts the truth (its old golden, if any, is removed: a golden never
    contradicts the truth). Check each changed golden by eye before committing.
    """
    written: list[Path] = []
    refused: dict[str, list[str]] = {}
    for path in paths or analysis_documents():
        out = analysis_path(path)
        analysis = analysis_of(path)
        truth = truth_of(path)
        problems = contradictions(analysis, truth) if truth is not None else []
        if problems:
            refused[path.name] = problems
            out.unlink(missing_ok=True)
            continue
        out.write_text(json.dumps(analysis, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(out)
    return written, refused


if __name__ == "__main__":  # python -m test_ieps.golden [NAME ...]   (from scripts/)
    import sys

    sys.path.insert(0, str(ROOT))
    names = sys.argv[1:]
    chosen = [p for p in analysis_documents() if not names or p.name in names]
    done, refused = write_analysis_goldens(chosen)
    for written in done:
        print("written ", written.relative_to(ROOT))
    for name, problems in refused.items():
        print("REFUSED ", name, "; ".join(problems))
