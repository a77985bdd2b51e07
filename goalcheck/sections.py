"""Document -> Sections: IEP sections from heading wording and layout.

A heading is a short line that either names a known section (wording kept in
``goalcheck/data/patterns/sections.json``) or stands out by layout (bigger,
bold, capitals). Known headings give the section's kind; other strong
headings start an ``other`` section.

Example:
    >>> from goalcheck.ingest import read_document
    >>> doc = read_document(b"PRESENT LEVELS\\nMaya reads.\\nAnnual Goals\\nMaya will read.", name="x.txt")
    >>> [s.kind for s in find_sections(doc)]
    ['present_levels', 'annual_goals']
"""

from __future__ import annotations

import json
import re
import statistics
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from goalcheck.schema import Document, Line, Section

__all__ = ["assign_lines", "find_sections", "heading_kind", "heading_lines"]

DATA_DIR = Path(__file__).resolve().parent / "data"

_NUMBERING = re.compile(
    r"^\s*(?:(?:section|part|step)\s+[\dIVXA-Z]+\s*[:.\-–—)]?\s*"
    r"|[IVX]{1,5}[.)]\s+|\d{1,2}(?:\.\d{1,2})*[.)]?\s+|[A-H][.)]\s+|[•\-–—*]\s*)",
    re.IGNORECASE,
)
_TRAILER = re.compile(r"\s*(?:\((?:cont(?:inued|'d|\.)?)\)|[-–—]\s*cont(?:inued|'d|\.)?)\s*[:.]?\s*$|\s*:\s*$",
                      re.IGNORECASE)
_WORDS = re.compile(r"[A-Za-z]+")
MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 120


@dataclass(frozen=True)
class _Patterns:
    kinds: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    not_headings: tuple[re.Pattern[str], ...]
    titles: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    raw = json.loads((DATA_DIR / "patterns" / "sections.json").read_text("utf-8"))
    kinds = tuple(
        (entry["kind"], tuple(re.compile(p, re.IGNORECASE) for p in entry["patterns"]))
        for entry in raw["kinds"]
    )
    nots = tuple(re.compile(p, re.IGNORECASE) for p in raw["not_headings"])
    titles = tuple(re.compile(p, re.IGNORECASE) for p in raw.get("document_titles", []))
    return _Patterns(kinds, nots, titles)


def _clean(text: str) -> str:
    text = " ".join(text.split())
    text = _NUMBERING.sub("", text, count=1)
    return _TRAILER.sub("", text).strip()


def heading_kind(text: str, *, strict: bool = True) -> str | None:
    """The section kind a heading's wording names, or None.

    With ``strict`` the wording must take up most of the line (a sentence that
    merely starts with "Annual goals ..." is not a heading); without it (for a
    line that already looks like a heading) any short line starting with it.

    Example:
        >>> heading_kind("Section 3: PLAAFP")
        'present_levels'
        >>> heading_kind("Annual goals will be reviewed each quarter.") is None
        True
    """
    clean = _clean(text)
    if not clean or len(clean) > MAX_HEADING_CHARS or len(clean.split()) > MAX_HEADING_WORDS:
        return None
    pats = _patterns()
    if any(p.match(clean) for p in pats.not_headings):
        return None
    if re.search(r"\bwill\b|\bshall\b", clean, re.IGNORECASE) or clean.endswith((".", ",", ";")):
        return None
    if strict and re.match(r"^[^:]{2,60}:\s*\S", clean):
        return None  # "Area of need: Written expression" is a form field, not a heading
    for kind, patterns in pats.kinds:
        for pattern in patterns:
            m = pattern.match(clean)
            if m and (not strict or m.end() >= 0.5 * len(clean) or len(clean[m.end():].split()) <= 4):
                return kind
    return None


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _body_size(lines: list[Line]) -> float:
    sizes = [ln.size for ln in lines if ln.size > 0 and not ln.in_table]
    return statistics.median(sizes) if sizes else 0.0


def _layout_heading(line: Line, body: float) -> bool:
    """A line that looks like a heading by layout alone."""
    return bool(line.bold or (body and line.size >= body + 1.5) or _is_caps(line.text))


def _strong_heading(line: Line, body: float) -> bool:
    """Layout strong enough to start an unnamed ('other') section."""
    clean = _clean(line.text)
    if not clean or clean.endswith((".", ",", ";")) or len(clean.split()) > 8 or not _WORDS.search(clean):
        return False
    if any(p.match(clean) for p in _patterns().not_headings) or ":" in clean:
        return False
    big = body > 0 and line.size >= body + 1.5
    caps = _is_caps(clean) and len(clean.split()) >= 2
    return big or (line.bold and caps) or (body == 0 and (line.bold or caps))


def _headings(document: Document) -> list[tuple[int, int, str, str]]:
    """(first line index, last line index, kind, title) of each heading."""
    lines = document.lines
    body = _body_size(lines)
    out: list[tuple[int, int, str, str]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.in_table:
            i += 1
            continue
        looks = _layout_heading(line, body)
        kind = heading_kind(line.text, strict=not looks)
        if kind == "other" and body and not (line.size >= body + 1.5 or _is_caps(line.text)):
            kind = None  # a named "other" part needs a real heading's look, not a bold run-in label
        if kind is None and _strong_heading(line, body):
            kind = "other"
        if kind is None:
            i += 1
            continue
        # A heading wrapped over lines of the same look.
        j = i
        title = line.text
        while j + 1 < len(lines):
            nxt = lines[j + 1]
            same_look = (nxt.page == line.page and not nxt.in_table and nxt.bold == line.bold
                         and abs(nxt.size - line.size) < 0.5 and (line.bold or line.size > body + 1)
                         and 0 < nxt.top - lines[j].top <= 1.8 * max(line.size, 1))
            if not same_look or heading_kind(nxt.text) or len((title + " " + nxt.text).split()) > MAX_HEADING_WORDS:
                break
            title += " " + nxt.text
            j += 1
        if kind == "other":
            kind = heading_kind(title, strict=False) or kind
        if kind == "other" and any(p.match(_clean(title)) for p in _patterns().titles):
            i = j + 1
            continue  # the document's title, not a section
        out.append((i, j, kind, " ".join(title.split()).rstrip(":").strip()))
        i = j + 1
    return out


def _is_continuation(prev: tuple[int, int, str, str], cur: tuple[int, int, str, str]) -> bool:
    same_title = _clean(prev[3]).lower() == _clean(cur[3]).lower()
    continued = bool(re.search(r"cont(inued|'d|\.)", cur[3], re.IGNORECASE))
    return prev[2] == cur[2] and (same_title or continued)


def find_sections(document: Document) -> list[Section]:
    """The IEP sections of a document, in order, each with its text.

    A section runs from its heading to the next heading; a repeated heading
    ("Annual Goals (continued)") extends the section instead of starting one.

    Args:
        document: an ingested document.

    Returns:
        Sections with kind, title (heading as written), page range and text.
    """
    lines = document.lines
    heads = _headings(document)
    merged: list[tuple[int, int, str, str, int]] = []  # first, head_end, kind, title, end (exclusive)
    for n, head in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        if merged and _is_continuation(merged[-1][:4], head):
            first, hend, kind, title, _ = merged[-1]
            merged[-1] = (first, hend, kind, title, end)
            continue
        merged.append((head[0], head[1], head[2], head[3], end))
    sections: list[Section] = []
    for first, hend, kind, title, end in merged:
        body_lines = [ln for k, ln in enumerate(lines[first:end], first) if k > hend and not _is_head(k, heads)]
        last_page = lines[end - 1].page if end > first else lines[first].page
        sections.append(
            Section(
                kind=kind,
                title=title,
                page_start=lines[first].page,
                page_end=last_page,
                text="\n".join(ln.text for ln in body_lines),
            )
        )
    return sections


def heading_lines(document: Document) -> set[int]:
    """Indexes of the lines of ``document`` that are section headings."""
    return {k for a, b, _, _ in _headings(document) for k in range(a, b + 1)}


def _is_head(index: int, heads: list[tuple[int, int, str, str]]) -> bool:
    return any(a <= index <= b for a, b, _, _ in heads)


def assign_lines(document: Document, sections: list[Section]) -> list[Section | None]:
    """The section each line of ``document`` belongs to (None before the first).

    Sections are matched to their heading lines in order (title and first
    page); this works for sections from ``find_sections`` and for sections
    built by hand with the same titles.
    """
    lines = document.lines
    owner: list[Section | None] = [None] * len(lines)
    starts: list[tuple[int, Section]] = []
    pos = 0
    for section in sections:
        key = " ".join(section.title.split()).lower()
        found = None
        for k in range(pos, len(lines)):
            ln = lines[k]
            if ln.page < section.page_start:
                continue
            text = " ".join(ln.text.split()).rstrip(":").strip().lower()
            if text and (key == text or key.startswith(text)) and ln.page <= section.page_end:
                found = k
                break
            if ln.page > section.page_start:
                break
        if found is None:
            found = next((k for k in range(pos, len(lines)) if lines[k].page >= section.page_start), len(lines))
        starts.append((found, section))
        pos = found + 1
    for n, (start, section) in enumerate(starts):
        stop = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        for k in range(start, stop):
            owner[k] = section
    return owner
