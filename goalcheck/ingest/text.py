"""Plain text -> Lines, with real page numbers and without watermark letters.

A form feed starts a new page; without form feeds, "Page N of M" lines (as a
footer or a header) mark the pages and are dropped, as are lines repeated at the
top or bottom of most pages (running headers). Blank lines widen the gap.
"""

from __future__ import annotations

import re

from goalcheck.ingest.layout import drop_watermark_letters
from goalcheck.schema import Document, Line

LINE_STEP = 14.0
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_PAGE_MARK = re.compile(r"^(?:.{0,80}?\s)?[-–—(\[]?\s*page\s+(\d{1,4})\s*(?:of|/)\s*(\d{1,4})\s*[-–—)\]]?\s*$",
                        re.IGNORECASE)


def _pages_by_marks(text: str) -> list[str] | None:
    """Pages cut at "Page N of M" lines (1, 2, ... M in order), the marks removed; None if there are none."""
    rows = text.split("\n")
    marks = [(k, m) for k, m in ((k, _PAGE_MARK.match(r.strip())) for k, r in enumerate(rows)) if m]
    if len(marks) < 2:
        return None
    numbers = [int(m.group(1)) for _, m in marks]
    totals = {int(m.group(2)) for _, m in marks}
    if numbers != list(range(1, len(numbers) + 1)) or len(totals) != 1 or max(totals) < len(numbers):
        return None
    first_content = next((k for k, r in enumerate(rows) if r.strip()), 0)
    header = marks[0][0] <= first_content + 2 and any(r.strip() for r in rows[marks[-1][0] + 1:])
    cuts = [k for k, _ in marks]
    pages: list[list[str]] = [[]]
    for k, row in enumerate(rows):
        if k in cuts:
            if header and pages[-1] and any(r.strip() for r in pages[-1]) or not header:
                pages.append([])
            continue
        pages[-1].append(row)
    if not header and not any(r.strip() for r in pages[-1]):
        pages.pop()
    return ["\n".join(p) for p in pages]


_DIGITS = re.compile(r"\d+")


def _drop_running_lines(pages: list[str]) -> list[str]:
    """Remove a running header or footer: a line among the first or last three of most pages."""
    if len(pages) < 2:
        return pages
    seen: dict[str, int] = {}
    for page in pages:
        rows = [r.strip() for r in page.split("\n") if r.strip()]
        for key in {_DIGITS.sub("#", r.lower()) for r in rows[:3] + rows[-3:]}:
            seen[key] = seen.get(key, 0) + 1
    need = max(2, (len(pages) + 1) // 2)
    running = {k for k, n in seen.items() if n >= need}
    if not running:
        return pages
    out = []
    for page in pages:
        rows = page.split("\n")
        filled = [k for k, r in enumerate(rows) if r.strip()]
        edge = set(filled[:3] + filled[-3:])
        out.append("\n".join("" if k in edge and _DIGITS.sub("#", r.strip().lower()) in running else r
                             for k, r in enumerate(rows)))
    return out


def read_text(text: str, source: str) -> Document:
    """Read text into a Document: one Line per non-blank line.

    ``top`` counts lines (blank ones included) so paragraph gaps stay visible;
    a Markdown ``#`` heading becomes a bold line.
    """
    lines: list[Line] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = text.split("\f")
    if len(pages) == 1:
        pages = _pages_by_marks(text) or pages
    pages = _drop_running_lines(pages)
    for number, page_text in enumerate(pages, 1):
        page_text = drop_watermark_letters(page_text)
        for row, raw in enumerate(page_text.split("\n")):
            stripped = raw.strip()
            if not stripped:
                continue
            bold = bool(_MD_HEADING.match(stripped))
            if bold:
                stripped = _MD_HEADING.sub("", stripped)
            indent = len(raw) - len(raw.lstrip())
            lines.append(Line(text=" ".join(stripped.split()), page=number, x0=float(indent),
                              top=row * LINE_STEP, bold=bold))
    count = len(pages) if text.strip() else 1
    if pages and not pages[-1].strip() and len(pages) > 1:
        count -= 1
    return Document(source=source, pages=max(count, 1), lines=lines)
