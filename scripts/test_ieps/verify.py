"""Check that a golden file agrees with its document (used by the generator and tests).

A goal is consistent when its first words are on its stated page and all of
its words are on that page or the next one (a goal may run over a page
break). Words are compared as lower-case alphanumeric tokens, after
repairing end-of-line hyphenation.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from docx import Document as DocxDocument
from docx.oxml.ns import qn

_HYPHEN_BREAK = re.compile(r"([A-Za-z])-\n([a-z])")


def tokens(text: str) -> list[str]:
    """Lower-case alphanumeric tokens of ``text``."""
    return re.findall(r"[a-z0-9]+", text.lower())


def pdf_pages(path: Path) -> list[str]:
    """Text of each page of a PDF, per pdfplumber, hyphenation repaired."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [_HYPHEN_BREAK.sub(r"\1\2", p.extract_text() or "") for p in pdf.pages]


def docx_pages(path: Path) -> list[str]:
    """Text of a DOCX split at explicit page breaks (paragraphs and table cells)."""
    doc = DocxDocument(str(path))
    pages: list[list[str]] = [[]]
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            pages[-1].append("".join(t.text or "" for t in child.iter(qn("w:t"))))
            if any(br.get(qn("w:type")) == "page" for br in child.iter(qn("w:br"))):
                pages.append([])
        elif child.tag == qn("w:tbl"):
            pages[-1].append(" ".join(t.text or "" for t in child.iter(qn("w:t"))))
    return ["\n".join(p) for p in pages]


def document_pages(path: Path) -> list[str]:
    """Text per page of a PDF, DOCX or TXT (a TXT file is one page)."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return pdf_pages(path)
    if suffix == ".docx":
        return docx_pages(path)
    return [path.read_text(encoding="utf-8")]


def check(doc_path: Path, golden: dict[str, Any] | None = None) -> list[str]:
    """Return a list of problems (empty when the golden matches the document)."""
    if golden is None:
        golden = json.loads(Path(f"{doc_path}.golden.json").read_text(encoding="utf-8"))
    pages = document_pages(doc_path)
    problems: list[str] = []
    if golden["pages"] != len(pages):
        problems.append(f"pages: golden {golden['pages']}, document {len(pages)}")
    words = [set(tokens(p)) for p in pages]
    for i, goal in enumerate(golden["goals"]):
        page = goal["page"]
        if not 1 <= page <= len(pages):
            problems.append(f"goal {i}: page {page} out of range")
            continue
        toks = tokens(goal["text"])
        here = words[page - 1]
        both = here | (words[page] if page < len(pages) else set())
        if not set(toks[:3]) <= here:
            problems.append(f"goal {i}: first words {toks[:3]} not on page {page}")
        missing = set(toks) - both
        if missing:
            problems.append(f"goal {i}: words {sorted(missing)} not on page {page} or next")
        parent = goal.get("parent")
        if parent is not None and golden["goals"][parent]["kind"] == "objective":
            problems.append(f"goal {i}: parent {parent} is an objective")
    for s in golden["sections"]:
        if not set(tokens(s["title"])) <= words[s["page_start"] - 1]:
            problems.append(f"section {s['title']!r} not on page {s['page_start']}")
    full = set(tokens(" ".join(pages)))
    for ng in golden["not_goals"]:
        if not set(tokens(ng)) <= full:
            problems.append(f"not_goal {ng!r} not in document")
    return problems
