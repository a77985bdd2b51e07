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


def write_analysis_goldens(paths: list[Path] | None = None) -> list[Path]:
    """(Re)write the analysis golden of each document; returns the paths written.

    Check each changed golden by eye against the document's truth file
    (tests/extraction_truth/ or the ``.golden.json`` beside it) before committing.
    """
    written = []
    for path in paths or analysis_documents():
        out = analysis_path(path)
        out.write_text(json.dumps(analysis_of(path), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(out)
    return written


if __name__ == "__main__":  # python -m test_ieps.golden [NAME ...]   (from scripts/)
    import sys

    sys.path.insert(0, str(ROOT))
    names = sys.argv[1:]
    chosen = [p for p in analysis_documents() if not names or p.name in names]
    for written in write_analysis_goldens(chosen):
        print(written.relative_to(ROOT))
