"""PDF -> Lines through pdfplumber, one page at a time.

Per page, words are extracted once (with font name and size); lines, table
cells and the column order are all derived from those words. Ruled tables
are located with ``find_tables`` only on pages that have ruling lines.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable, Iterator
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import PDFObjectNotFound, PDFObjRef, resolve1
from pdfplumber.page import Page
from pdfplumber.utils.exceptions import PdfminerException

from goalcheck.errors import DocumentTooLarge, EncryptedDocument, UnreadableDocument
from goalcheck.ingest import layout, ocr
from goalcheck.ingest.limits import (
    OCR_INSTALL,
    ReadLimits,
    check_chars,
    check_page_streams,
    check_pages,
    image_sizes,
    page_chars,
    raise_hint,
)
from goalcheck.options import OcrMode
from goalcheck.schema import Document, Line

#: Called after each page read: ``(pages read, pages the PDF declares or 0)``.
PageCallback = Callable[[int, int], None]

logger = logging.getLogger(__name__)

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_MAX_REFERENCE_HOPS = 64


def _resolve_without_loops(self: PDFObjRef, default: object = None) -> Any:
    """PDFObjRef.resolve that follows a chain of references to its end, treating a loop as null.

    pdfminer's ``resolve1`` loops forever on objects that refer to each other
    (``3 0 obj 7 0 R`` and ``7 0 obj 3 0 R``), a known way to hang PDF readers.
    A reference that never ends in a value is a null object (default).
    """
    obj: Any = self
    seen: set[int] = set()
    while isinstance(obj, PDFObjRef):
        if obj.objid in seen or len(seen) >= _MAX_REFERENCE_HOPS or obj.doc is None:
            logger.debug("reference loop at object %s", obj.objid)
            return default
        seen.add(obj.objid)
        try:
            obj = obj.doc.getobj(obj.objid)
        except PDFObjectNotFound:
            return default
    return obj


PDFObjRef.resolve = _resolve_without_loops  # type: ignore[method-assign]


def _reraise_memory_error(exc: BaseException) -> None:
    """Raise MemoryError if ``exc`` comes from one (pdfplumber wraps every parser error in its own).

    Running out of memory (e.g. under ``goalcheck batch --max-memory-mb``) is
    not a damaged page, and must be reported as what it is.
    """
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return
        if isinstance(seen, MemoryError):
            raise MemoryError(str(seen)) from exc
        seen = seen.__cause__ or seen.__context__


def _open(data: bytes, source: str, password: str | None) -> pdfplumber.PDF:
    try:
        return pdfplumber.open(io.BytesIO(data), password=password or "")
    except PdfminerException as exc:
        _reraise_memory_error(exc)
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
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure is a damaged file
        _reraise_memory_error(exc)
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


_OBJECT = re.compile(rb"(?<![\d])(\d{1,7})\s+(\d{1,5})\s+obj\b")
_ROOT = re.compile(rb"/Root\s+(\d+)\s+(\d+)\s+R")
_CATALOG = re.compile(rb"/Type\s*/Catalog\b")
_RISKY_ACTIONS = frozenset({"JavaScript", "Launch", "SubmitForm", "ImportData", "GoToR", "GoToE", "Rendition"})


def _repair_xref(data: bytes) -> bytes | None:
    """The PDF with a new cross-reference table appended, built from the objects found.

    Damaged files often have a table whose offsets point to the wrong bytes
    (or none at all); pdfminer then finds no pages. An appended table (an
    incremental update) takes precedence over the old one. None if no
    catalog can be found.
    """
    offsets: dict[int, tuple[int, int]] = {}
    for m in _OBJECT.finditer(data):
        offsets[int(m.group(1))] = (m.start(), int(m.group(2)))  # the last definition wins
    if not offsets:
        return None
    roots = _ROOT.findall(data)
    root = f"{int(roots[-1][0])} {int(roots[-1][1])}" if roots else None
    if root is None or int(roots[-1][0]) not in offsets:
        for objid, (start, _gen) in sorted(offsets.items()):
            end = data.find(b"endobj", start)
            if _CATALOG.search(data, start, end if end > 0 else start + 4096):
                root = f"{objid} 0"
                break
    if root is None:
        return None
    size = max(offsets) + 1
    rows = [b"0000000000 65535 f \n"]
    for objid in range(1, size):
        if objid in offsets:
            rows.append(b"%010d %05d n \n" % offsets[objid])
        else:
            rows.append(b"0000000000 65535 f \n")
    start = len(data) + 1
    table = (b"\nxref\n0 %d\n" % size + b"".join(rows)
             + f"trailer\n<< /Size {size} /Root {root} R >>\nstartxref\n{start}\n%%EOF\n".encode())
    return data + table


def _active_content(pdf: pdfplumber.PDF) -> bool:
    """Whether the PDF carries JavaScript, risky actions or embedded files (never run or saved)."""
    try:
        catalog = pdf.doc.catalog
        names = resolve1(catalog.get("Names")) or {}
        if isinstance(names, dict) and ("JavaScript" in names or "EmbeddedFiles" in names):
            return True
        actions = [resolve1(catalog.get("OpenAction"))]
        extra = resolve1(catalog.get("AA"))
        if isinstance(extra, dict):
            actions += [resolve1(v) for v in extra.values()]
        return any(
            isinstance(a, dict) and getattr(resolve1(a.get("S")), "name", "") in _RISKY_ACTIONS for a in actions
        )
    except Exception:  # noqa: BLE001
        logger.debug("could not inspect the catalog", exc_info=True)
        return False


def _close(pdf: pdfplumber.PDF) -> None:
    """Close without letting pdfplumber build every page (its close() lists ``pdf.pages``)."""
    try:
        pdf.flush_cache()  # what close() does, less building the pages (ours are closed as they are read)
        if not pdf.stream_is_external:
            pdf.stream.close()
    except Exception:  # noqa: BLE001 - nothing left to save
        logger.debug("close failed", exc_info=True)


def read_pdf(data: bytes, source: str, *, password: str | None = None,
             limits: ReadLimits | None = None, ocr_mode: OcrMode = "auto",
             page_view: Callable[[Page], Any] | None = None,
             on_page: PageCallback | None = None) -> Document:
    """Read a PDF's bytes into a Document (see ``goalcheck.ingest.read_document``).

    A PDF whose cross-reference table is damaged is read a second time with
    a table rebuilt from its objects (and a warning).

    ``page_view`` may replace a page by another object with the same reading
    methods (``goalcheck.ingest.pdfium`` reads pages through PDFium this way);
    a rebuilt PDF is read by pdfplumber alone. ``on_page(read, declared)`` is
    called after each page (``declared``: the page count the PDF states, or 0).
    """
    limits = limits or ReadLimits()
    try:
        return _read_pdf(data, source, password, limits, ocr_mode, page_view, on_page)
    except (EncryptedDocument, DocumentTooLarge):
        raise
    except UnreadableDocument as first:
        repaired = _repair_xref(data)
        if repaired is None:
            raise
        try:
            doc = _read_pdf(repaired, source, password, limits, ocr_mode, on_page=on_page)
        except (EncryptedDocument, DocumentTooLarge):
            raise
        except UnreadableDocument:
            raise first from None
        if not doc.lines:
            raise first from None
        doc.warnings.insert(0, "The PDF is damaged (its cross-reference table is wrong or missing, as in a "
                               "truncated or badly edited file); it was rebuilt from the objects found, so "
                               "some content may be missing.")
        return doc


def _read_pdf(data: bytes, source: str, password: str | None, limits: ReadLimits,
              ocr_mode: OcrMode, page_view: Callable[[Page], Any] | None = None,
              on_page: PageCallback | None = None) -> Document:
    max_pages = limits.max_pages
    pdf = _open(data, source, password)
    warnings: list[str] = []
    lines: list[Line] = []
    scanned: list[int] = []
    damaged: list[int] = []
    dense: list[tuple[int, int]] = []
    big_images: list[tuple[int, int, int]] = []
    heights: dict[int, float] = {}
    state = _TableState()
    pages = 0
    chars = 0
    try:
        if _active_content(pdf):
            warnings.append("The PDF contains JavaScript, actions or embedded files; goalcheck never runs, "
                            "opens or saves them, and read only the text.")
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
                check_page_streams(source, number, page_obj, limits.max_stream_bytes)
                estimate = page_chars(page_obj)
                if estimate > limits.max_page_chars:
                    dense.append((number, estimate))
                    _forget_page(pdf, page_obj)
                    continue
                page = Page(pdf, page_obj, page_number=number, initial_doctop=0)
                try:
                    heights[number] = float(page.height)
                    view = page_view(page) if page_view is not None else page
                    page_lines, has_text = _page_lines(view, state)
                    if not has_text and _has_images(page):
                        huge = [(w, h) for w, h in image_sizes(page_obj) if w * h > limits.max_image_pixels]
                        if huge:
                            big_images.append((number, *max(huge, key=lambda wh: wh[0] * wh[1])))
                        else:
                            if ocr_mode == "always" or (ocr_mode == "auto" and ocr.available()):
                                page_lines = ocr.ocr_page(page)
                            if not page_lines:
                                scanned.append(number)
                    lines.extend(page_lines)
                    chars += sum(len(ln.text) for ln in page_lines)
                    check_chars(source, chars, limits.max_chars, at_least=True)
                except (UnreadableDocument, MemoryError):
                    raise  # a memory limit is not damage: the caller reports it as such
                except Exception as exc:
                    _reraise_memory_error(exc)
                    logger.debug("page %s failed", number, exc_info=True)
                    damaged.append(number)
                finally:
                    page.close()
                    _forget_page(pdf, page_obj)
                if on_page is not None:
                    on_page(number, declared or 0)
        except (UnreadableDocument, MemoryError):
            raise
        except Exception as exc:  # noqa: BLE001 - broken page tree
            _reraise_memory_error(exc)
            if pages == 0:
                raise UnreadableDocument(
                    source, f"not a readable PDF ({type(exc).__name__}); it may be damaged or truncated."
                ) from None
            warnings.append(f"The PDF is damaged after page {pages}; only pages 1-{pages} were read.")
    finally:
        _close(pdf)
    if pages == 0:
        raise UnreadableDocument(source, "the PDF has no pages (it may be truncated or damaged).")
    for number, estimate in dense:
        warnings.append(
            f"Page {number} has about {estimate:,} characters, over the limit of {limits.max_page_chars:,} "
            f"per page, and was skipped; {raise_hint('max_page_chars', estimate)}."
        )
    for number, width, height in big_images:
        warnings.append(
            f"Page {number} has an image of {width:,} x {height:,} pixels, over the limit of "
            f"{limits.max_image_pixels:,}, so it was not rendered for OCR; "
            f"{raise_hint('max_image_pixels', width * height)}."
        )
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
