"""Input limits and guards against hostile or damaged files.

Every limit is a field of ``ReadLimits`` with a default and a command-line
option of the same name (``max_pages`` is ``--max-pages``). A refusal names
the file, the reason and the option that would let the file through, so a
user who trusts the file knows exactly what to type.

Everything here is cheap: it runs before the expensive parsing so that a
huge, bomb-like or wrongly typed file is refused with a clear message.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import signal
import threading
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import Any

from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1

from goalcheck.errors import DocumentTooLarge, UnreadableDocument

logger = logging.getLogger(__name__)

_CHUNK = 1 << 20

OCR_INSTALL = "apt-get install tesseract-ocr && pip install 'goalcheck[ocr]'"


def _limit(default: float, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class ReadLimits:
    """How much one document may cost to read. Each field is also a CLI option.

    The defaults let through any real IEP (a long one has ~100 pages and
    ~400,000 characters) and refuse files that would take minutes or
    gigabytes. ``timeout`` is enforced by ``goalcheck analyze`` and
    ``goalcheck batch`` (which kills a worker that overruns it);
    ``max_memory_mb`` by the ``goalcheck batch`` worker processes.
    """

    max_bytes: int = _limit(50_000_000, "refuse larger files (bytes)")
    max_pages: int = _limit(300, "refuse PDFs with more pages")
    max_chars: int = _limit(3_000_000, "refuse documents with more characters of text")
    max_page_chars: int = _limit(50_000, "skip (with a warning) PDF pages with more characters")
    max_stream_bytes: int = _limit(64_000_000, "refuse PDF pages whose content expands beyond this (bytes)")
    max_image_pixels: int = _limit(100_000_000, "do not render for OCR pages with a larger picture (pixels)")
    max_unzipped_bytes: int = _limit(200_000_000, "refuse .docx files that unzip to more (bytes)")
    max_zip_ratio: int = _limit(100, "refuse .docx files with a large part compressed more than this ratio")
    timeout: float = _limit(300.0, "give up on a document after this many seconds (0: no limit)")
    max_memory_mb: int = _limit(3000, "memory (address space, MB) of each batch worker process (0: no limit)")

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0 or (
                value == 0 and f.name not in _ZERO_OK
            ):
                raise ValueError(f"{f.name} ({option(f.name)}) must be a positive number, not {value!r}")

    def replace(self, **changes: Any) -> ReadLimits:
        """A copy with the given fields changed; ``None`` values are ignored."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update({k: v for k, v in changes.items() if v is not None})
        return ReadLimits(**values)

    def as_dict(self) -> dict[str, float]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


#: Limits of the process rather than of the document: they may change between resumed runs.
PROCESS_LIMITS = ("timeout", "max_memory_mb")
_ZERO_OK = frozenset({"timeout", "max_memory_mb"})


def option(name: str) -> str:
    """The command-line option of a ReadLimits field: ``max_pages`` -> ``--max-pages``."""
    return "--" + name.replace("_", "-")


def raise_hint(name: str, needed: float) -> str:
    """What to do about a refusal: the option and a value that would let the file through."""
    value = f"{int(needed)}" if float(needed).is_integer() else f"{needed:g}"
    return f"if the file is trusted, raise the limit with {option(name)} {value} ({name}={value} in Python)"


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
            f"{raise_hint('max_bytes', size)}.",
        )


def check_pages(source: str, pages: int, max_pages: int) -> None:
    """Refuse a document of more than ``max_pages`` pages."""
    if pages > max_pages:
        raise DocumentTooLarge(
            source,
            f"the document has {pages:,} pages, over the limit of {max_pages:,}; "
            f"{raise_hint('max_pages', pages)}.",
        )


def check_chars(source: str, chars: int, max_chars: int, *, at_least: bool = False) -> None:
    """Refuse a document with more than ``max_chars`` characters of text."""
    if chars > max_chars:
        more = "more than " if at_least else ""
        raise DocumentTooLarge(
            source,
            f"the text has {more}{chars:,} characters, over the limit of {max_chars:,}; "
            f"{raise_hint('max_chars', chars if not at_least else max_chars * 2)}.",
        )


def check_zip(source: str, data: bytes, limits: ReadLimits) -> None:
    """Refuse a .docx that would unzip to too many bytes, or with a bomb-like part.

    The sizes come from the archive's directory; Python's zipfile never
    reads a member past its declared size, so they bound the real cost.

    Raises:
        DocumentTooLarge: the total or one part's compression ratio is over its limit.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # the Word reader reports the damage
    total = sum(m.file_size for m in members)
    if total > limits.max_unzipped_bytes:
        raise DocumentTooLarge(
            source,
            f"the Word file expands to {total:,} bytes when unzipped, over the limit of "
            f"{limits.max_unzipped_bytes:,} (a damaged or malicious file, e.g. a zip bomb); "
            f"{raise_hint('max_unzipped_bytes', total)}.",
        )
    for m in members:
        if m.file_size < 4 * _CHUNK:
            continue  # small parts (XML) may compress very well
        ratio = m.file_size / max(m.compress_size, 1)
        if ratio > limits.max_zip_ratio:
            raise DocumentTooLarge(
                source,
                f"the Word file expands to {m.file_size:,} bytes from {m.compress_size:,} in its part "
                f"{m.filename} ({ratio:,.0f} times, over the limit of {limits.max_zip_ratio}: a zip bomb?); "
                f"{raise_hint('max_zip_ratio', int(ratio) + 1)}.",
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


def check_page_streams(source: str, page_number: int, page_obj: Any, limit: int) -> None:
    """Refuse a page whose content streams expand beyond ``limit`` bytes.

    Raises:
        DocumentTooLarge: a decompression bomb (or absurdly large page).
    """
    total = 0
    for stream in _page_streams(page_obj):
        total += stream_size(stream, limit - total)
        if total > limit:
            raise DocumentTooLarge(
                source,
                f"page {page_number}'s content expands to more than {limit:,} bytes "
                "(a damaged or malicious PDF, e.g. a decompression bomb); refusing to read it. "
                "Re-save the document from its original program and try again, or "
                f"{raise_hint('max_stream_bytes', total)}.",
            )


_STRING = rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>"
_SHOWN = re.compile(rb"(" + _STRING + rb")\s*(?:Tj|'|\")|\[((?:" + _STRING + rb"|[-+.\d\s])*)\]\s*TJ")
_STRINGS = re.compile(_STRING)


def _string_chars(token: bytes) -> int:
    if token.startswith(b"<"):
        return sum(c not in b" \t\r\n" for c in token[1:-1]) // 2
    return len(token) - 2 - token.count(b"\\")


def page_chars(page_obj: Any) -> int:
    """An upper estimate of the characters a page shows, from its text operators.

    Counts the bytes of the strings shown by Tj, TJ, ' and " in the page's
    content streams (hex strings two digits a byte), so that a page of
    200,000 characters is found before pdfminer builds an object per character.
    """
    total = 0
    for stream in _page_streams(page_obj):
        try:
            data = stream.get_data() or b""
        except Exception:  # noqa: BLE001 - left to pdfminer's own recovery
            continue
        for m in _SHOWN.finditer(data):
            if m.group(1) is not None:
                total += _string_chars(m.group(1))
            else:
                total += sum(_string_chars(t.group()) for t in _STRINGS.finditer(m.group(2)))
    return total


def image_sizes(page_obj: Any) -> list[tuple[int, int]]:
    """Declared (width, height) of the page's image XObjects (one level, no decoding)."""
    sizes: list[tuple[int, int]] = []
    try:
        xobjects = resolve1((page_obj.resources or {}).get("XObject")) or {}
        for ref in xobjects.values():
            obj = resolve1(ref)
            if isinstance(obj, PDFStream) and getattr(resolve1(obj.get("Subtype")), "name", "") == "Image":
                width, height = resolve1(obj.get("Width")), resolve1(obj.get("Height"))
                if isinstance(width, int | float) and isinstance(height, int | float):
                    sizes.append((int(width), int(height)))
    except Exception:  # noqa: BLE001
        logger.debug("could not list images", exc_info=True)
    return sizes


class TimeLimitExceeded(BaseException):  # noqa: N818 - not an Exception, so ``except Exception`` in parsers cannot swallow it
    """Raised in the reading thread when a document takes longer than ``ReadLimits.timeout``."""

    def __init__(self, seconds: float | None = None) -> None:
        super().__init__(seconds)
        self.seconds = seconds

    def reason(self) -> str:
        if self.seconds is None:
            return "reading took longer than its time limit (--timeout), so it was stopped."
        return (f"reading took longer than {self.seconds:g} seconds, so it was stopped; "
                f"{raise_hint('timeout', self.seconds * 4)}.")


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeLimitExceeded in the block after ``seconds`` (0: no limit), in any thread.

    In a process's main thread SIGALRM interrupts the block; in another thread
    (a Dask worker's task, the Streamlit script thread) a timer raises the
    exception in the block's thread (CPython's ``PyThreadState_SetAsyncExc``).
    Either way the exception arrives at the next Python instruction, so a call
    into native code that never returns is not stopped: ``goalcheck batch``
    also kills a worker process that overruns its limit.
    """
    if seconds <= 0:
        yield
        return
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        with _alarm(seconds):
            yield
        return
    with _thread_timer(seconds):
        yield


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: Any) -> None:
        raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _raise_in_thread(thread_id: int, exc: type[BaseException] | None) -> None:
    """Make ``exc`` raised in another thread at its next instruction (``None``: cancel a pending one)."""
    import ctypes

    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else None  # None: NULL
    )


@contextlib.contextmanager
def _thread_timer(seconds: float) -> Iterator[None]:
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"active": True, "fired": False}

    def expire() -> None:
        with lock:
            if state["active"]:
                state["fired"] = True
                _raise_in_thread(target, TimeLimitExceeded)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    except TimeLimitExceeded:
        raise TimeLimitExceeded(seconds) from None
    finally:
        with lock:
            state["active"] = False
            if state["fired"]:
                _raise_in_thread(target, None)  # the block ended first: drop the undelivered exception
        timer.cancel()
