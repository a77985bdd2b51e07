"""Input limits and guards against hostile or damaged files.

Everything here is cheap: it runs before the expensive parsing so that a
huge, bomb-like or wrongly typed file is refused with a clear message.
"""

from __future__ import annotations

import logging
import zlib
from typing import Any

from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1

from goalcheck.errors import DocumentTooLarge, UnreadableDocument

logger = logging.getLogger(__name__)

#: Largest decoded content (bytes) accepted for the streams of one page.
MAX_PAGE_STREAM_BYTES = 64_000_000
_CHUNK = 1 << 20

OCR_INSTALL = "apt-get install tesseract-ocr && pip install 'goalcheck[ocr]'"


def check_bytes(source: str, size: int, max_bytes: int) -> None:
    """Refuse an empty file or one over ``max_bytes``.

    Raises:
        UnreadableDocument: the file is empty.
        DocumentTooLarge: the file is larger than ``max_bytes``.
    """
    if size == 0:
        raise UnreadableDocument(source, "the file is empty (0 bytes); check that it was saved or copied completely.")
    if size > max_bytes:
        raise DocumentTooLarge(
            source,
            f"the file is {size:,} bytes, over the limit of {max_bytes:,} bytes; "
            "raise the limit with --max-bytes (max_bytes=...) if the file is trusted.",
        )


def check_pages(source: str, pages: int, max_pages: int) -> None:
    """Refuse a document of zero pages or more than ``max_pages`` pages."""
    if pages > max_pages:
        raise DocumentTooLarge(
            source,
            f"the document has {pages:,} pages, over the limit of {max_pages:,}; "
            "raise the limit with --max-pages (max_pages=...) if an IEP really is that long.",
        )


def _flate_size(data: bytes, budget: int) -> int:
    """Decoded size of a Flate stream, counting in chunks and stopping past ``budget``."""
    inflater = zlib.decompressobj()
    total = 0
    pending = data
    while True:
        chunk = inflater.decompress(pending, _CHUNK)
        total += len(chunk)
        if total > budget:
            return total
        pending = inflater.unconsumed_tail
        if inflater.eof or (not chunk and not pending):
            return total


def stream_size(stream: PDFStream, budget: int) -> int:
    """Decoded size of a PDF stream (or a number > ``budget`` once past it).

    Only the first Flate filter is expanded (in chunks, never whole); other
    filters count their raw size. Damaged streams count their raw size and are
    left to pdfminer's own recovery.
    """
    if stream.data is not None:
        return len(stream.data)
    raw = stream.rawdata or b""
    try:
        filters = stream.get_filters()
    except Exception:  # noqa: BLE001 - damaged filter dictionary
        return len(raw)
    if not filters or filters[0][0] not in LITERALS_FLATE_DECODE:
        return len(raw)
    data = raw
    if stream.decipher and stream.objid is not None and stream.genno is not None:
        try:
            data = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
        except Exception:  # noqa: BLE001
            return len(raw)
    try:
        return _flate_size(data, budget)
    except zlib.error:
        return len(raw)


def _page_streams(page_obj: Any) -> list[PDFStream]:
    """The content streams of a page and its form XObjects (one level)."""
    streams = [s for s in (resolve1(c) for c in page_obj.contents) if isinstance(s, PDFStream)]
    try:
        xobjects = resolve1((page_obj.resources or {}).get("XObject")) or {}
        for ref in xobjects.values():
            obj = resolve1(ref)
            if isinstance(obj, PDFStream) and getattr(resolve1(obj.get("Subtype")), "name", "") == "Form":
                streams.append(obj)
    except Exception:
        logger.debug("could not list XObjects", exc_info=True)
    return streams


def check_page_streams(source: str, page_number: int, page_obj: Any, limit: int | None = None) -> None:
    """Refuse a page whose content streams expand beyond ``limit`` bytes.

    Raises:
        UnreadableDocument: a decompression bomb (or absurdly large page).
    """
    limit = MAX_PAGE_STREAM_BYTES if limit is None else limit
    total = 0
    for stream in _page_streams(page_obj):
        total += stream_size(stream, limit - total)
        if total > limit:
            raise UnreadableDocument(
                source,
                f"page {page_number}'s content expands to more than {limit:,} bytes "
                "(a damaged or malicious PDF, e.g. a decompression bomb); refusing to read it. "
                "Re-save the document from its original program and try again.",
            )
