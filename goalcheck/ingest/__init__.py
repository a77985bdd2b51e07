"""File -> Document: PDF (pdfplumber), DOCX (python-docx) or plain text.

The reader is chosen by content (magic bytes), not by the file's extension.

Example:
    >>> from goalcheck.ingest import read_document
    >>> doc = read_document(b"Annual Goals\\nMaya will read 20 sight words.", name="iep.txt")
    >>> doc.lines[1].text
    'Maya will read 20 sight words.'
"""

from __future__ import annotations

import io
import logging
import re
import stat
import zipfile
from pathlib import Path
from typing import cast

from goalcheck.errors import UnreadableDocument, display_name
from goalcheck.ingest.docx import read_docx
from goalcheck.ingest.limits import ReadLimits, check_bytes, check_chars, check_zip
from goalcheck.ingest.pdf import PageCallback
from goalcheck.ingest.pdfium import read_pdf
from goalcheck.ingest.text import read_text
from goalcheck.language import detect_language, language_name
from goalcheck.options import OCR_MODES, PDF_READERS, PdfReader, choice, ocr_mode
from goalcheck.schema import Document

__all__ = ["OCR_MODES", "ReadLimits", "read_document", "sniff"]

logger = logging.getLogger(__name__)

_IMAGES = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
    b"BM": "a BMP image",
}
_WORD = re.compile(r"[^\W\d_]{2,}")
_HTML = re.compile(rb"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE | re.DOTALL)
_CID = re.compile(r"\(cid:\d+\)")
#: C0 and C1 control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def sniff(data: bytes) -> str:
    """The kind of a file from its first bytes: 'pdf', 'docx', 'text' or a description.

    Anything that is not one of the three readable kinds is returned as a short
    description ("a PNG image", "binary data") for the error message.
    """
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if _HTML.match(head.lstrip(b"\xef\xbb\xbf")):
        return "an HTML web page"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            return "a damaged ZIP/DOCX archive"
        return "a ZIP archive without word/document.xml"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Word .doc (or other Office 97) file"
    for magic, what in _IMAGES.items():
        if data.startswith(magic):
            return what
    return "text" if _decode(data) is not None else "binary data"


def _decode(data: bytes) -> str | None:
    """Text of ``data`` if it looks like text (UTF-8, UTF-16 with or without BOM, latin-1), else None.

    A few control characters (NULs from a broken export, terminal escapes)
    do not make a file binary: up to 10% of the characters may be controls
    (random bytes have about 25%).
    """
    text: str | None = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    else:
        even, odd = data[:4000:2], data[1:4000:2]
        if len(data) >= 8 and (odd.count(0) > 0.7 * len(odd) or even.count(0) > 0.7 * len(even)):
            try:  # UTF-16 without a byte-order mark: every other byte is NUL for Latin text
                text = data.decode("utf-16-le" if odd.count(0) > even.count(0) else "utf-16-be")
            except UnicodeDecodeError:
                text = None
        if text is None:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    sample = text[:20000]
    control = len(_CONTROL.findall(sample))
    return text if control <= 0.1 * max(len(sample), 1) else None


def _language_warnings(doc: Document) -> list[str]:
    text = " ".join(ln.text for ln in doc.lines[:400])
    tokens = text.split()
    if not tokens:
        return ["No text was found in the document, so no goals could be read."]
    codes = _CID.findall(text)
    if len(codes) >= 10 and sum(map(len, codes)) >= 0.3 * len(text.replace(" ", "")):
        return [("The text could not be decoded: the PDF's fonts have no Unicode map (ToUnicode), so letters "
                 "came out as codes like (cid:12) and no goals can be read. Export or print the IEP to PDF "
                 "again from its original program.")]
    words = [w.lower() for w in _WORD.findall(text)]
    if len(tokens) >= 20 and len(words) < 0.4 * len(tokens):
        return [("The text looks garbled (few real words); it may be damaged or badly encoded, "
                 "so goals may be missed.")]
    language = detect_language(text)
    if len(words) >= 30 and language not in (None, "en"):
        return [(f"The document is not in English (it looks like {language_name(language)}); goalcheck reads "
                 "English IEPs only, so goals may be missed, and those found are reported as not analysed.")]
    return []


def read_document(
    source: str | Path | bytes,
    *,
    name: str | None = None,
    password: str | None = None,
    max_pages: int | None = None,
    max_bytes: int | None = None,
    ocr: str = "auto",
    limits: ReadLimits | None = None,
    reader: str = "auto",
    on_page: PageCallback | None = None,
) -> Document:
    """Read an IEP file into a Document of lines with layout facts.

    Args:
        source: a path, or the file's bytes.
        name: the name used in messages and ``Document.source`` (default: the
            path's file name, or "document").
        password: the password of an encrypted PDF.
        max_pages: refuse PDFs with more pages (``--max-pages``; overrides ``limits``).
        max_bytes: refuse files larger than this (``--max-bytes``; overrides ``limits``).
        ocr: "auto" (OCR scanned pages when tesseract is installed), "never",
            or "always" (try OCR on pages without text, warn if it cannot);
            see ``goalcheck.options.OcrMode``.
        limits: every other limit (characters, zip ratio, ...); see ReadLimits.
        reader: how PDF pages are read: "auto" (PDFium, pdfplumber for pages
            PDFium cannot place), "pdfium" or "pdfplumber"; see
            ``goalcheck.ingest.pdfium``. The goals are the same with each.
        on_page: called after each page with ``(pages read, pages in all)``
            (``pages in all`` is 0 when the file does not say); once for a
            text or Word file.

    Returns:
        The Document; non-fatal problems are in ``Document.warnings``.

    Raises:
        UnreadableDocument: wrong type, empty, damaged (EncryptedDocument and
            DocumentTooLarge are subclasses with their own advice).
        ValueError: ``ocr`` is not one of OCR_MODES, or ``reader`` not one of PDF_READERS.

    Example:
        >>> read_document(b"Annual Goals", name="x.txt").pages
        1
    """
    mode = ocr_mode(ocr)
    limits = (limits or ReadLimits()).replace(max_pages=max_pages, max_bytes=max_bytes)
    pdf_reader = cast(PdfReader, choice(str(reader).strip().lower(), PDF_READERS, "PDF reader"))
    if isinstance(source, bytes | bytearray):
        real_name = name or "document"
        label = display_name(real_name)  # for messages: a newline in a name is shown as \n
        check_bytes(label, len(source), limits.max_bytes)
        data = bytes(source)
    else:
        real_name = name or Path(source).name
        label = display_name(real_name)
        data = _read_file(Path(source), label, limits.max_bytes)

    kind = sniff(data)
    if kind == "pdf":

        doc = read_pdf(data, label, reader=pdf_reader, password=password, limits=limits, ocr_mode=mode,
                       on_page=on_page)
    elif kind == "docx":

        check_zip(label, data, limits)
        doc = read_docx(data, label)
        check_chars(label, sum(len(ln.text) for ln in doc.lines), limits.max_chars)
    elif kind == "text":

        text = _decode(data) or ""
        check_chars(label, len(text), limits.max_chars)
        text, removed = _CONTROL.subn("", text)
        doc = read_text(text, label)
        suffix = Path(label).suffix.lower()
        if suffix in {".pdf", ".docx", ".doc"}:
            doc.warnings.insert(0, f"{label} is named {suffix} but holds plain text; it was read as "
                                   "text. If goals are missing, export the IEP again as a real PDF.")
        if removed:
            doc.warnings.append(f"Removed {removed:,} control characters (such as NUL) from the text; "
                                "the file may come from a damaged export.")
    else:
        advice = "save or export the IEP as PDF or .docx."
        if kind == "a ZIP archive without word/document.xml":
            raise UnreadableDocument(label, "this is a ZIP archive without word/document.xml, so not a Word "
                                            "document (or a damaged one); save or export the IEP again as "
                                            ".docx or PDF.")
        if kind == "an HTML web page":
            advice = "open it in a browser and print it to PDF, or save it as text."
        raise UnreadableDocument(label, f"this is {kind}, not a PDF, Word (.docx) or text file; {advice}")
    if kind != "pdf" and on_page is not None:
        on_page(doc.pages, doc.pages)
    for line in doc.lines:
        if _CONTROL.search(line.text):
            line.text = _CONTROL.sub("", line.text)
    doc.warnings.extend(w for w in _language_warnings(doc) if w not in doc.warnings)
    doc.source = real_name
    logger.debug("read %s: %d pages, %d lines", label, doc.pages, len(doc.lines))
    return doc


def _read_file(path: Path, label: str, max_bytes: int) -> bytes:
    """The bytes of a regular file, refusing folders, FIFOs, devices and oversized files unread."""
    try:
        info = path.stat()
    except OSError as exc:
        raise UnreadableDocument(label, f"cannot open the file ({exc.strerror or exc}).") from None
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableDocument(label, "is a folder, not a file.")
    if not stat.S_ISREG(info.st_mode):
        what = "a FIFO (named pipe)" if stat.S_ISFIFO(info.st_mode) else "a device or socket"
        raise UnreadableDocument(label, f"is not a regular file but {what}; give the IEP file itself.")
    check_bytes(label, info.st_size, max_bytes)
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # the file may have grown since stat
    except OSError as exc:
        raise UnreadableDocument(label, f"cannot read the file ({exc.strerror or exc}).") from None
    check_bytes(label, len(data), max_bytes)
    return data
