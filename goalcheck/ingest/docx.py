"""DOCX -> Lines through python-docx: paragraphs in body order, tables as cells.

Word files have no fixed pages; a page number is advanced at explicit page
breaks (``w:br w:type="page"``, rendered breaks, page-break-before).
"""

from __future__ import annotations

import io
import logging
import re
from typing import TYPE_CHECKING, Any

from goalcheck.errors import UnreadableDocument
from goalcheck.schema import Document, Line

if TYPE_CHECKING:  # python-docx (with lxml, ~7 MB) is imported only when a Word file is read
    from docx.table import Table
    from docx.text.paragraph import Paragraph

logger = logging.getLogger(__name__)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def qn(tag: str) -> str:
    """``w:p`` -> the namespaced tag (as ``docx.oxml.ns.qn``, for the WordprocessingML prefix)."""
    return _W + tag.removeprefix("w:")

_HEADING_SIZES = {1: 16.0, 2: 14.0, 3: 13.0}
_BODY_SIZE = 11.0
_STEP = 14.0
_LEVEL = re.compile(r"(\d+)")


def _style_attr(style: Any, name: str) -> Any:
    while style is not None:
        value = getattr(style.font, name, None)
        if value is not None:
            return value
        style = style.base_style
    return None


def _layout(par: Paragraph) -> tuple[float, bool]:
    """Font size (points) and boldness of a paragraph."""
    style = par.style
    style_name = (style.name or "") if style is not None else ""
    runs = [r for r in par.runs if r.text.strip()]
    sizes = [r.font.size.pt for r in runs if r.font.size is not None]
    size = max(sizes) if sizes else None
    style_size = _style_attr(style, "size")
    heading = style_name.lower().startswith("heading") or style_name.lower() == "title"
    if size is None:
        if style_size is not None:
            size = style_size.pt
        elif heading:
            m = _LEVEL.search(style_name)
            size = 20.0 if style_name.lower() == "title" else _HEADING_SIZES.get(int(m.group(1)) if m else 1, 12.0)
        else:
            size = _BODY_SIZE
    style_bold = bool(_style_attr(style, "bold"))
    bold = heading or (bool(runs) and all(r.bold or (r.bold is None and style_bold) for r in runs))
    return float(size), bold


def _breaks_before(par: Paragraph) -> bool:
    ppr = par._p.pPr
    return ppr is not None and ppr.find(qn("w:pageBreakBefore")) is not None


def _breaks_inside(par: Paragraph) -> int:
    n = 0
    for br in par._p.iter(qn("w:br")):
        if br.get(qn("w:type")) == "page":
            n += 1
    n += len(list(par._p.iter(qn("w:lastRenderedPageBreak"))))
    return n


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.page = 1
        self.top = 0.0
        self.lines: list[Line] = []

    def paragraph(self, par: Paragraph, **cell: Any) -> None:
        if _breaks_before(par) and self.lines and not cell:
            self.page += 1
        text = " ".join(par.text.split())
        breaks = _breaks_inside(par)
        if text:
            size, bold = _layout(par)
            line = Line(text=text, page=self.page, top=self.top, size=size, bold=bold)
            for key, value in cell.items():
                setattr(line, key, value)
            if not cell:
                self.top += 2.5 * size  # one paragraph = one block of text
            self.lines.append(line)
        elif not cell:
            self.top += _STEP  # blank paragraph: a visible gap
        self.page += breaks

    def table(self, table: Table) -> None:
        rows: list[list[Any]] = []
        for row in table.rows:
            seen: set[int] = set()
            cells = []
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                cells.append(cell)
            rows.append(cells)
        if not rows:
            return
        first = [" ".join(c.text.split()) for c in rows[0]]
        headerish = len(first) >= 2 and len(rows) >= 2 and all(
            t and len(t.split()) <= 6 and not t.endswith(".") for t in first
        )
        body = rows[1:] if headerish else rows
        if headerish:
            for col, cell in enumerate(rows[0]):
                for par in cell.paragraphs:
                    self.paragraph(par, in_table=True, x0=col * 100.0)
            self.top += _STEP
        for cells in body:
            label = " ".join(cells[0].text.split()).rstrip(":") if not headerish and len(cells) == 2 else None
            for col, cell in enumerate(cells):
                field = first[col] if headerish and col < len(first) else (label if col == 1 else None)
                for par in cell.paragraphs:
                    self.paragraph(par, in_table=True, field=field or None, x0=col * 100.0)
                for inner in cell.tables:
                    self.table(inner)
            self.top += _STEP


def read_docx(data: bytes, source: str) -> Document:
    """Read DOCX bytes into a Document (see ``goalcheck.ingest.read_document``)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure is a damaged file
        raise UnreadableDocument(
            source, f"not a readable Word document ({type(exc).__name__}); re-save it as .docx or PDF."
        ) from None
    reader = _Reader(source)
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            reader.paragraph(Paragraph(child, document))
        elif child.tag == qn("w:tbl"):
            reader.table(Table(child, document))
    pages = reader.page
    if reader.lines and reader.lines[-1].page < pages:
        pages = reader.lines[-1].page
    return Document(source=source, pages=max(pages, 1), lines=reader.lines)
