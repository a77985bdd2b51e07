"""PDF -> Lines through pdfplumber, one page at a time.

Per page, words are extracted once (with font name and size); lines, table
cells and the column order are all derived from those words. Ruled tables
are located with ``find_tables`` only on pages that have ruling lines.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1
from pdfplumber.page import Page
from pdfplumber.utils.exceptions import PdfminerException

from goalcheck.errors import EncryptedDocument, UnreadableDocument
from goalcheck.ingest import layout, ocr
from goalcheck.ingest.limits import OCR_INSTALL, check_page_streams, check_pages
from goalcheck.options import OcrMode
from goalcheck.schema import Document, Line

logger = logging.getLogger(__name__)

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


def _open(data: bytes, source: str, password: str | None) -> pdfplumber.PDF:
    try:
        return pdfplumber.open(io.BytesIO(data), password=password or "")
    except PdfminerException as exc:
        inner = exc.args[0] if exc.args else exc
        if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
            if password:
                raise EncryptedDocument(source, "the password given is wrong; check it and retry with --password.") from None
            raise EncryptedDocument(
                source, "the PDF is protected by a password; give it with --password PASSWORD (password=... in Python)."
            ) from None
        raise UnreadableDocument(
            source,
            f"not a readable PDF ({type(inner).__name__}); it may be damaged or truncated. "
            "Re-save or re-export it as PDF and try again.",
        ) from None
    except Exception as exc:  # noqa: BLE001 - any parser failure is a damaged file
        raise UnreadableDocument(
            source, f"not a readable PDF ({type(exc).__name__}); it may be damaged or truncated."
        ) from None


def _declared_pages(pdf: pdfplumber.PDF) -> int | None:
    """The page count from the page tree root, without building pages."""
    try:
        root = resolve1(pdf.doc.catalog.get("Pages"))
        count = resolve1(root.get("Count")) if isinstance(root, dict) else None
        return int(count) if isinstance(count, int | float) else None
    except Exception:  # noqa: BLE001
        return None


def _iter_page_objs(pdf: pdfplumber.PDF) -> Iterator[Any]:
    return iter(PDFPage.create_pages(pdf.doc))


def _forget_page(pdf: pdfplumber.PDF, page_obj: Any) -> None:
    """Drop pdfminer's cached decoded content streams of a finished page.

    pdfminer caches every object it resolves; content streams are the bulk of
    a page and are never needed again, so memory stays flat in page count.
    """
    cache = getattr(pdf.doc, "_cached_objs", None)
    if not isinstance(cache, dict):
        return
    refs = page_obj.attrs.get("Contents")
    if not isinstance(refs, list):
        refs = [refs]
    for ref in refs:
        objid = getattr(ref, "objid", None)
        if objid is not None:
            cache.pop(objid, None)


def _word_line(words: list[dict[str, Any]], page: int, **extra: Any) -> Line:
    """One Line from words of the same visual line (left to right)."""
    text = " ".join(w["text"] for w in words)
    sizes = [float(w.get("size", 0.0)) for w in words]
    chars = sum(len(w["text"]) for w in words) or 1
    bold_chars = sum(len(w["text"]) for w in words if _BOLD.search(str(w.get("fontname", ""))))
    line = Line(
        text=text,
        page=page,
        x0=round(float(words[0]["x0"]), 1),
        top=round(float(min(w["top"] for w in words)), 1),
        size=round(max(sizes), 1) if sizes else 0.0,
        bold=bold_chars / chars >= 0.6,
    )
    for key, value in extra.items():
        setattr(line, key, value)
    return line


def _cell_words(words: list[dict[str, Any]], bbox: tuple[float, float, float, float]) -> list[dict[str, Any]]:
    x0, top, x1, bottom = bbox
    return [
        w for w in words
        if x0 - 1 <= (w["x0"] + w["x1"]) / 2 <= x1 + 1 and top - 1 <= (w["top"] + w["bottom"]) / 2 <= bottom + 1
    ]


def _all_bold(rowlines: list[list[dict[str, Any]]]) -> bool:
    return all(_BOLD.search(str(w.get("fontname", ""))) for r in rowlines for w in r)


class _TableState:
    """Column headers carried over to a table continued on the next page."""

    def __init__(self) -> None:
        self.headers: list[tuple[float, float, str]] | None = None


def _table_lines(table: Any, words: list[dict[str, Any]], page_no: int, state: _TableState) -> list[Line]:
    """Lines of one ruled table, one per visual line of each cell, with fields."""
    rows = []
    for row in table.rows:
        cells = []
        for bbox in row.cells:
            if bbox is None:
                continue
            cw = _cell_words(words, bbox)
            cells.append((bbox, layout.group_rows(cw)))
        rows.append(cells)
    if not rows:
        return []

    def cell_text(rowlines: list[list[dict[str, Any]]]) -> str:
        return " ".join(" ".join(w["text"] for w in r) for r in rowlines)

    first = rows[0]
    first_texts = [cell_text(c[1]) for c in first]
    headerish = len(first) >= 2 and all(
        t and len(t.split()) <= 6 and not t.rstrip().endswith(".") for t in first_texts
    )
    if len(rows) == 1 and headerish and state.headers is not None and len(state.headers) == len(first):
        headerish = False  # a short data row of a continued table
    if len(rows) == 1 and len(first) == 2 and headerish and state.headers is None:
        headerish = False  # a one-row "Label | value" table
    same_shape = state.headers is not None and len(state.headers) == len(first)
    out: list[Line] = []
    headers: list[tuple[float, float, str]] | None
    if headerish:
        headers = [(c[0][0], c[0][2], t) for c, t in zip(first, first_texts, strict=True)]
        for (_bbox, rowlines) in first:
            for r in rowlines:
                out.append(_word_line(r, page_no, in_table=True))
        body = rows[1:]
    elif same_shape:
        headers = state.headers
        body = rows
    else:
        headers = None
        body = rows
    state.headers = headers

    for cells in body:
        texts = [cell_text(c[1]) for c in cells]
        filled = [t for t in texts if t]
        if len(filled) >= 2 and all(_all_bold(c[1]) for c in cells if c[1]) and all(
            len(t.split()) <= 6 and not t.endswith(".") for t in filled
        ):
            # A header row inside the table (e.g. "# | Short-Term Objective")
            headers = [(c[0][0], c[0][2], t) for c, t in zip(cells, texts, strict=True)]
            state.headers = headers
            for _bbox, rowlines in cells:
                out.extend(_word_line(r, page_no, in_table=True) for r in rowlines)
            continue
        row_top = round(min(c[0][1] for c in cells), 1) if cells else 0.0
        label: str | None = None
        if headers is None and len(cells) == 2:
            label = cell_text(cells[0][1]).rstrip(":") or None
        for idx, (bbox, rowlines) in enumerate(cells):
            field: str | None = None
            if headers is not None:
                mid = (bbox[0] + bbox[2]) / 2
                for hx0, hx1, htext in headers:
                    if hx0 - 1 <= mid <= hx1 + 1:
                        field = htext
                        break
            elif label is not None and idx == 1:
                field = label
            for r in rowlines:
                line = _word_line(r, page_no, in_table=True, field=field)
                line.top = row_top
                line.x0 = round(float(bbox[0]), 1)
                out.append(line)
    return out


def _page_lines(page: Page, state: _TableState) -> tuple[list[Line], bool]:
    """Lines of one page in reading order; and whether the page has any text."""
    page = layout.without_watermark(page)
    words = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False)
    if not words:
        return [], False
    page_no = page.page_number
    tables: list[Any] = []
    objects = page.objects
    if len(objects.get("rect", [])) + len(objects.get("line", [])) >= 2:
        try:
            tables = [t for t in page.find_tables() if len(t.rows) >= 1 and len(t.rows[0].cells) >= 2]
        except Exception:
            logger.debug("find_tables failed on page %s", page_no, exc_info=True)
    in_tables: set[int] = set()
    blocks: list[tuple[float, list[Line]]] = []
    for table in sorted(tables, key=lambda t: t.bbox[1]):
        tw = _cell_words(words, table.bbox)
        in_tables.update(id(w) for w in tw)
        blocks.append((float(table.bbox[1]), _table_lines(table, tw, page_no, state)))
    if not tables:
        state.headers = None
    free = [w for w in words if id(w) not in in_tables]
    ordered = layout.reading_order(free, float(page.width))
    text_lines = [_word_line(chunk, page_no) for chunk in ordered]
    if not blocks:
        return text_lines, True
    # Interleave table blocks with text lines by vertical position.
    out: list[Line] = []
    bi = 0
    for line in text_lines:
        while bi < len(blocks) and blocks[bi][0] <= line.top:
            out.extend(blocks[bi][1])
            bi += 1
        out.append(line)
    for _top, block in blocks[bi:]:
        out.extend(block)
    return out, True


def _has_images(page: Page) -> bool:
    return bool(page.objects.get("image"))


def read_pdf(data: bytes, source: str, *, password: str | None = None,
             max_pages: int = 300, ocr_mode: OcrMode = "auto") -> Document:
    """Read a PDF's bytes into a Document (see ``goalcheck.ingest.read_document``)."""
    pdf = _open(data, source, password)
    warnings: list[str] = []
    lines: list[Line] = []
    scanned: list[int] = []
    damaged: list[int] = []
    heights: dict[int, float] = {}
    state = _TableState()
    use_ocr = ocr_mode == "always" or (ocr_mode == "auto" and ocr.available())
    pages = 0
    try:
        declared = _declared_pages(pdf)
        if declared is not None:
            check_pages(source, declared, max_pages)
        try:
            page_objs = _iter_page_objs(pdf)
            for number in range(1, max_pages + 2):
                try:
                    page_obj = next(page_objs)
                except StopIteration:
                    break
                check_pages(source, number, max_pages)
                pages = number
                check_page_streams(source, number, page_obj)
                page = Page(pdf, page_obj, page_number=number, initial_doctop=0)
                try:
                    heights[number] = float(page.height)
                    page_lines, has_text = _page_lines(page, state)
                    if not has_text and _has_images(page):
                        if use_ocr:
                            page_lines = ocr.ocr_page(page)
                        if not page_lines:
                            scanned.append(number)
                    lines.extend(page_lines)
                except UnreadableDocument:
                    raise
                except Exception:
                    logger.debug("page %s failed", number, exc_info=True)
                    damaged.append(number)
                finally:
                    page.close()
                    _forget_page(pdf, page_obj)
        except UnreadableDocument:
            raise
        except Exception as exc:  # noqa: BLE001 - broken page tree
            if pages == 0:
                raise UnreadableDocument(
                    source, f"not a readable PDF ({type(exc).__name__}); it may be damaged or truncated."
                ) from None
            warnings.append(f"The PDF is damaged after page {pages}; only pages 1-{pages} were read.")
    finally:
        pdf.close()
    if pages == 0:
        raise UnreadableDocument(source, "the PDF has no pages (it may be truncated or damaged).")
    if damaged:
        warnings.append(f"{layout.pages_phrase(damaged)} damaged and could not be read; skipped.")
    if scanned:
        if ocr_mode == "never":
            what = "OCR is turned off (--no-ocr, ocr='never')"
        elif not ocr.available():
            what = f"tesseract is not installed; install it with: {OCR_INSTALL}"
        else:
            what = "OCR found no text on them"
        warnings.append(
            f"{layout.pages_phrase(scanned)} scanned (images with no text layer) and not read: {what}."
        )
    lines = layout.drop_headers_footers(lines, heights)
    lines = layout.repair_hyphens(lines)
    return Document(source=source, pages=pages, lines=lines, warnings=warnings)
