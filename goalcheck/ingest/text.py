"""Plain text -> Lines. A form feed starts a new page; blank lines widen the gap."""

from __future__ import annotations

import re

from goalcheck.schema import Document, Line

LINE_STEP = 14.0
_MD_HEADING = re.compile(r"^#{1,6}\s+")


def read_text(text: str, source: str) -> Document:
    """Read text into a Document: one Line per non-blank line.

    ``top`` counts lines (blank ones included) so paragraph gaps stay visible;
    a Markdown ``#`` heading becomes a bold line.
    """
    lines: list[Line] = []
    pages = text.replace("\r\n", "\n").replace("\r", "\n").split("\f")
    for number, page_text in enumerate(pages, 1):
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
