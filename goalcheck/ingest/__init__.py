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
import zipfile
from pathlib import Path

from goalcheck.errors import UnreadableDocument
from goalcheck.ingest.limits import check_bytes
from goalcheck.options import OCR_MODES, ocr_mode
from goalcheck.schema import Document

__all__ = ["OCR_MODES", "read_document", "sniff"]

logger = logging.getLogger(__name__)

_IMAGES = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
    b"BM": "a BMP image",
}
_ENGLISH = frozenset(
    ["the", "and", "of", "to", "a", "in", "is", "will", "for", "with", "by", "on", "at", "as", "be", "his", "her", "he", "she", "they", "their", "it", "this", "that", "from", "or", "an", "are", "was", "when", "given", "student", "goals", "goal", "reading", "math"]
)
_WORD = re.compile(r"[^\W\d_]{2,}")


def sniff(data: bytes) -> str:
    """The kind of a file from its first bytes: 'pdf', 'docx', 'text' or a description.

    Anything that is not one of the three readable kinds is returned as a short
    description ("a PNG image", "binary data") for the error message.
    """
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            return "a damaged ZIP/DOCX archive"
        return "a ZIP archive that is not a Word document"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Word .doc (or other Office 97) file"
    for magic, what in _IMAGES.items():
        if data.startswith(magic):
            return what
    return "text" if _decode(data) is not None else "binary data"


def _decode(data: bytes) -> str | None:
    """Text of ``data`` if it looks like text (UTF-8/16 or latin-1), else None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    sample = text[:20000]
    if "\x00" in sample:
        return None
    control = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or 127 <= ord(ch) < 160)
    return text if control <= 0.02 * max(len(sample), 1) else None


def _language_warnings(doc: Document) -> list[str]:
    text = " ".join(ln.text for ln in doc.lines[:400])
    tokens = text.split()
    if not tokens:
        return ["No text was found in the document, so no goals could be read."]
    words = [w.lower() for w in _WORD.findall(text)]
    if len(tokens) >= 20 and len(words) < 0.4 * len(tokens):
        return [("The text looks garbled (few real words); it may be damaged or badly encoded, "
                 "so goals may be missed.")]
    if len(words) >= 30:
        english = sum(w in _ENGLISH for w in words) / len(words)
        if english < 0.05:
            return [("The document does not look like English; goalcheck's rules are written for "
                     "English IEPs, so goals may be missed or misjudged.")]
    return []


def read_document(
    source: str | Path | bytes,
    *,
    name: str | None = None,
    password: str | None = None,
    max_pages: int = 300,
    max_bytes: int = 50_000_000,
    ocr: str = "auto",
) -> Document:
    """Read an IEP file into a Document of lines with layout facts.

    Args:
        source: a path, or the file's bytes.
        name: the name used in messages and ``Document.source`` (default: the
            path's file name, or "document").
        password: the password of an encrypted PDF.
        max_pages: refuse PDFs with more pages (``--max-pages``).
        max_bytes: refuse files larger than this (``--max-bytes``).
        ocr: "auto" (OCR scanned pages when tesseract is installed), "never",
            or "always" (try OCR on pages without text, warn if it cannot);
            see ``goalcheck.options.OcrMode``.

    Returns:
        The Document; non-fatal problems are in ``Document.warnings``.

    Raises:
        UnreadableDocument: wrong type, empty, damaged (EncryptedDocument and
            DocumentTooLarge are subclasses with their own advice).
        ValueError: ``ocr`` is not one of OCR_MODES.

    Example:
        >>> read_document(b"Annual Goals", name="x.txt").pages
        1
    """
    mode = ocr_mode(ocr)
    if isinstance(source, bytes | bytearray):
        label = name or "document"
        check_bytes(label, len(source), max_bytes)
        data = bytes(source)
    else:
        path = Path(source)
        label = name or path.name
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise UnreadableDocument(label, f"cannot open the file ({exc.strerror or exc}).") from None
        if path.is_dir():
            raise UnreadableDocument(label, "is a folder, not a file.")
        check_bytes(label, size, max_bytes)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UnreadableDocument(label, f"cannot read the file ({exc.strerror or exc}).") from None
        check_bytes(label, len(data), max_bytes)

    kind = sniff(data)
    if kind == "pdf":
        from goalcheck.ingest.pdf import read_pdf

        doc = read_pdf(data, label, password=password, max_pages=max_pages, ocr_mode=mode)
    elif kind == "docx":
        from goalcheck.ingest.docx import read_docx

        doc = read_docx(data, label)
    elif kind == "text":
        from goalcheck.ingest.text import read_text

        doc = read_text(_decode(data) or "", label)
        suffix = Path(label).suffix.lower()
        if suffix in {".pdf", ".docx", ".doc"}:
            doc.warnings.insert(0, f"{label} is named {suffix} but holds plain text; it was read as "
                                   "text. If goals are missing, export the IEP again as a real PDF.")
    else:
        raise UnreadableDocument(
            label, f"this is {kind}, not a PDF, Word (.docx) or text file; save or export the IEP as PDF or .docx."
        )
    doc.warnings.extend(w for w in _language_warnings(doc) if w not in doc.warnings)
    logger.debug("read %s: %d pages, %d lines", label, doc.pages, len(doc.lines))
    return doc
