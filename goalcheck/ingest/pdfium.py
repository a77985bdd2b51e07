"""PDF pages read through PDFium (pypdfium2): words with positions and fonts, ruling lines.

PDFium parses a page some fifty times faster than pdfminer. For each page it
gives what the pdfplumber reader works from: words with the keys of
pdfplumber's ``extract_words(extra_attrs=["fontname", "size"])`` (same
coordinates: points from the top-left corner) and the page's ruling lines as
pdfplumber edges. :class:`PdfiumPage` presents them with the few methods of a
pdfplumber page that ``pdf._page_lines`` uses, so tables (pdfplumber's own
table finder on these edges), columns and reading order are decided by the
very same code for both readers.

Readers (``goalcheck.options.PdfReader``; ``read_document(reader=...)``, ``--reader``):

* ``"pdfplumber"``: pdfminer parses every page (the reference reader).
* ``"pdfium"``: PDFium reads every page that has text.
* ``"auto"`` (default): PDFium, except pages it cannot place as pdfplumber
  does (rotated pages, rotated or vertical text), which go to pdfplumber.

pdfminer still opens every file (encryption, damage and size checks, the page
tree); pages without text (scans) always take the pdfplumber path to OCR.
"""

from __future__ import annotations

import copy
import ctypes
import logging
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pdfplumber.page import Page
from pdfplumber.table import TableFinder
from pdfplumber.utils import curve_to_edges, line_to_edge, rect_to_edges
from pdfplumber.utils.text import LIGATURES

from goalcheck.ingest import pdf
from goalcheck.options import PdfReader
from goalcheck.schema import Document

__all__ = ["PdfiumPage", "PdfiumPages", "pdfium_pages", "read_pdf"]

logger = logging.getLogger(__name__)

#: PDFium is not thread-safe: one document is read at a time per process.
_LOCK = threading.Lock()
#: Chars of one word further apart vertically than this start a new word (pdfplumber's y_tolerance).
_Y_TOLERANCE = 3.0
_X_TOLERANCE = 3.0
#: Path segments read per page at most (a page drawn with huge vector art is cut short).
_MAX_SEGMENTS = 50_000
_WORD = re.compile(r"\S+")
_LIGATURE = re.compile("|".join(LIGATURES))

# Private prototypes of the PDFium calls made per word or per segment: handles
# as plain addresses skip pypdfium2's pointer conversions (several times faster).
_VP, _INT, _DBL = ctypes.c_void_p, ctypes.c_int, ctypes.c_double


def _proto(func: Any, restype: Any, *argtypes: Any) -> Any:
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(func, _VP).value)


_text_object = _proto(raw.FPDFText_GetTextObject, _VP, _VP, _INT)
_loose_box = _proto(raw.FPDFText_GetLooseCharBox, _INT, _VP, _INT, _VP)
_font_size = _proto(raw.FPDFText_GetFontSize, _DBL, _VP, _INT)
_char_matrix = _proto(raw.FPDFText_GetMatrix, _INT, _VP, _INT, _VP)
_font_info = _proto(raw.FPDFText_GetFontInfo, ctypes.c_ulong, _VP, _INT, _VP, ctypes.c_ulong, _VP)
_fill_color = _proto(raw.FPDFPageObj_GetFillColor, _INT, _VP, _VP, _VP, _VP, _VP)
_unmapped = _proto(raw.FPDFText_HasUnicodeMapError, _INT, _VP, _INT)
_unicode = _proto(raw.FPDFText_GetUnicode, ctypes.c_uint, _VP, _INT)
_obj_type = _proto(raw.FPDFPageObj_GetType, _INT, _VP)
_obj_matrix = _proto(raw.FPDFPageObj_GetMatrix, _INT, _VP, _VP)
_page_count = _proto(raw.FPDFPage_CountObjects, _INT, _VP)
_page_object = _proto(raw.FPDFPage_GetObject, _VP, _VP, _INT)
_form_count = _proto(raw.FPDFFormObj_CountObjects, _INT, _VP)
_form_object = _proto(raw.FPDFFormObj_GetObject, _VP, _VP, ctypes.c_ulong)
_draw_mode = _proto(raw.FPDFPath_GetDrawMode, _INT, _VP, _VP, _VP)
_seg_count = _proto(raw.FPDFPath_CountSegments, _INT, _VP)
_segment = _proto(raw.FPDFPath_GetPathSegment, _VP, _VP, _INT)
_seg_point = _proto(raw.FPDFPathSegment_GetPoint, _INT, _VP, _VP, _VP)
_seg_type = _proto(raw.FPDFPathSegment_GetType, _INT, _VP)
_seg_close = _proto(raw.FPDFPathSegment_GetClose, _INT, _VP)

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _address(handle: Any) -> int:
    return int(ctypes.cast(handle, _VP).value or 0)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying ``inner`` first, then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _display_matrix(rotation: int, mediabox: tuple[float, float, float, float]) -> Matrix:
    """PDF user space -> pdfminer's page space for a page rotated by ``rotation`` degrees."""
    x0, y0, x1, y1 = mediabox
    if rotation == 90:
        return (0.0, -1.0, 1.0, 0.0, -y0, x1)
    if rotation == 180:
        return (-1.0, 0.0, 0.0, -1.0, x1, y1)
    if rotation == 270:
        return (0.0, 1.0, -1.0, 0.0, y1, -x0)
    return (1.0, 0.0, 0.0, 1.0, -x0, -y0)


class _Font(NamedTuple):
    """What a text object's chars share: font name, size in points, direction, fill colour."""

    name: str
    size: float
    upright: bool
    color: tuple[float, ...]
    unmapped: bool  # no Unicode map: the "letters" are glyph codes, shown as (cid:N) as pdfplumber does


class PdfiumPage:
    """One page read through PDFium, shaped like the pdfplumber page that ``pdf._page_lines`` reads.

    It has the attributes and methods of a pdfplumber page that the page logic
    uses (``extract_words``, ``objects``, ``edges``, ``find_tables``, ``chars``,
    ``filter``, ``page_number``, ``width``...). Any other attribute is taken
    from the pdfplumber page (correct, but parsed by pdfminer: slow), with a
    warning in the log, so that a new use in the page logic never breaks reading.

    Attributes:
        page_number: 1-based page number.
        width, height: the page size in points (as pdfplumber gives them).
        fallbacks: names of the pdfplumber attributes that had to be used.
    """

    def __init__(self, page: Any, plumber: Page) -> None:
        self.page_number = plumber.page_number
        self.width = float(plumber.width)
        self.height = float(plumber.height)
        self.bbox = plumber.bbox
        self.fallbacks: list[str] = []
        self._plumber = plumber
        self._page = page
        mb_x0, mb_top = float(plumber.mediabox[0]), float(plumber.mediabox[1])
        # pdfminer's page space, then pdfplumber's top-down coordinates (see pdfplumber.page).
        a, b, c, d, e, f = _display_matrix(plumber.rotation, tuple(page.get_mediabox()))
        self._to_page: Matrix = (a, -b, c, -d, e + mb_x0, self.height - f + mb_top)
        self._words: list[dict[str, Any]] | None = None
        self._objects: dict[str, list[dict[str, Any]]] | None = None
        self._edges: list[dict[str, Any]] | None = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        logger.warning("the PDFium page has no %r; page %s falls back to pdfplumber for it",
                       name, self.page_number)
        self.fallbacks.append(name)
        return getattr(self._plumber, name)

    # ----------------------------------------------------------------- words

    def extract_words(self, **_settings: Any) -> list[dict[str, Any]]:
        """Words (text, x0, x1, top, bottom, fontname, size) like pdfplumber's defaults with those extra attributes.

        Each word also has ``upright`` and ``non_stroking_color`` (of its text object).
        """
        if self._words is None:
            textpage = self._page.get_textpage()
            try:
                self._words = self._read_words(textpage.raw)
            finally:
                textpage.close()
        return self._words

    @property
    def chars(self) -> list[dict[str, Any]]:
        """One char-like record per character of the words (text, size, upright, colour).

        Enough for rules that look at chars' sizes and colours (watermarks); each
        record stands for its whole word, so ``filter`` keeps or drops words.
        """
        out: list[dict[str, Any]] = []
        for w in self.extract_words():
            out.extend([w] * len(w["text"]))
        return out

    def filter(self, keep: Callable[[dict[str, Any]], bool]) -> PdfiumPage:
        """This page with only the words for which ``keep`` (given a char record, as in pdfplumber) is true."""
        view = copy.copy(self)
        view._words = [w for w in self.extract_words() if keep({**w, "object_type": "char"})]
        return view

    @property
    def upright(self) -> bool:
        """True unless some text of body size is rotated or vertical (pdfplumber reads such pages)."""
        words = self.extract_words()
        sizes = sorted(w["size"] for w in words)
        body = sizes[len(sizes) // 2] if sizes else 0.0
        return all(w["upright"] or w["size"] >= 2.0 * body for w in words)

    def _read_words(self, textpage: Any) -> list[dict[str, Any]]:
        tp = _address(textpage)
        n = raw.FPDFText_CountChars(textpage)
        if n <= 0:
            return []
        buffer = (ctypes.c_ushort * (n + 1))()
        got = raw.FPDFText_GetText(textpage, 0, n, buffer)
        text = bytes(buffer)[: 2 * max(got - 1, 0)].decode("utf-16-le", errors="replace")
        if len(text) != n:  # text and char indices disagree: read char by char
            text = "".join(chr(_unicode(tp, i) or 32) for i in range(n))
        if "\ufffe" in text or "\x02" in text:  # PDFium's marks for a hyphen at a line end
            text = text.replace("\ufffe", "-").replace("\x02", "-")
        fonts: dict[int, _Font] = {}
        box = raw.FS_RECTF()
        box_p = ctypes.addressof(box)
        words: list[dict[str, Any]] = []
        # Unrotated pages (nearly all): x stays, y flips; others take the general transform.
        plain = self._to_page[:4] == (1.0, 0.0, 0.0, -1.0)
        _, _, _, _, e, f = self._to_page

        def font_of(obj: int, index: int) -> _Font:
            known = fonts.get(obj)
            if known is None:
                known = fonts[obj] = self._font(tp, obj, index)
            return known

        ligature = _LIGATURE.search
        for match in _WORD.finditer(text):
            first, last = match.start(), match.end() - 1
            obj = _text_object(tp, first) or 0
            font = font_of(obj, first)
            if plain and font.upright and not font.unmapped and (first == last or (_text_object(tp, last) or 0) == obj):
                # One text object (so one font and size): the word is its first and last char.
                _loose_box(tp, first, box_p)
                x0, bottom = box.left + e, f - box.bottom
                if first != last:
                    _loose_box(tp, last, box_p)
                if abs(f - box.bottom - bottom) <= _Y_TOLERANCE:
                    word = match.group()
                    if ligature(word):
                        word = _LIGATURE.sub(lambda m: LIGATURES[m.group()], word)
                    words.append({"text": word, "x0": x0, "x1": box.right + e, "top": bottom - font.size,
                                  "bottom": bottom, "upright": True, "fontname": font.name,
                                  "size": font.size, "non_stroking_color": font.color})
                    continue
            words.extend(self._split_word(tp, first, last, text, font_of, box, box_p))
        return words

    def _font(self, tp: int, obj: int, index: int) -> _Font:
        """The font of the text object ``obj`` (of char ``index``): size with the matrix applied."""
        buf = ctypes.create_string_buffer(256)
        flags = ctypes.c_int()
        _font_info(tp, index, ctypes.addressof(buf), 256, ctypes.addressof(flags))
        matrix = raw.FS_MATRIX()
        _char_matrix(tp, index, ctypes.addressof(matrix))
        a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
        if not (a or b or c or d):
            a, d = 1.0, 1.0
        m = _compose((a, b, c, d, 0.0, 0.0), self._to_page)
        upright = abs(m[1]) < 1e-6 and abs(m[2]) < 1e-6 and m[0] > 0 and m[3] < 0
        size = _font_size(tp, index) * abs(m[3] if upright else (c * c + d * d) ** 0.5)
        rgba = (ctypes.c_uint * 4)()
        color: tuple[float, ...] = (0.0,)
        if obj and _fill_color(obj, *(ctypes.addressof(rgba) + 4 * i for i in range(4))):
            r, g, bl = (v / 255 for v in rgba[:3])
            color = (r,) if r == g == bl else (r, g, bl)
        return _Font(buf.value.decode("utf-8", errors="replace"), size, upright, color, _unmapped(tp, index) == 1)

    @staticmethod
    def _box(tp: int, index: int, box: Any, box_p: int, to_page: Matrix) -> tuple[float, float, float, float]:
        """A char's loose box as (x0, x1, top, bottom) in page coordinates (top-down)."""
        _loose_box(tp, index, box_p)
        a, b, c, d, e, f = to_page
        xs = (a * box.left + c * box.bottom + e, a * box.right + c * box.top + e)
        ys = (b * box.left + d * box.bottom + f, b * box.right + d * box.top + f)
        return min(xs), max(xs), min(ys), max(ys)

    def _split_word(self, tp: int, first: int, last: int, text: str, font_of: Callable[[int, int], _Font],
                    box: Any, box_p: int) -> Iterator[dict[str, Any]]:
        """Words of a run of chars without spaces that changes font, size or line (pdfplumber's rules)."""
        current: list[tuple[str, float, float, float, _Font]] = []
        for i in range(first, last + 1):
            font = font_of(_text_object(tp, i) or 0, i)
            x0, x1, _, bottom = self._box(tp, i, box, box_p, self._to_page)
            if current:
                _, px0, px1, pbottom, pfont = current[-1]
                if (x0 < px0 or x0 > px1 + _X_TOLERANCE
                        or abs((bottom - font.size) - (pbottom - pfont.size)) > _Y_TOLERANCE
                        or font.name != pfont.name or font.size != pfont.size):
                    yield _merge(current)
                    current = []
            current.append((text[i], x0, x1, bottom, font))
        if current:
            yield _merge(current)

    # ----------------------------------------------------------------- graphics

    @property
    def objects(self) -> dict[str, list[dict[str, Any]]]:
        """The page's lines, rects and curves as pdfplumber objects (coordinates and points only)."""
        if self._objects is None:
            self._objects = self._read_graphics()
        return self._objects

    @property
    def edges(self) -> list[dict[str, Any]]:
        """Edges of the lines, rects and curves, as ``pdfplumber.Page.edges``."""
        if self._edges is None:
            objs = self.objects
            self._edges = (
                [line_to_edge(o) for o in objs["line"]]
                + [e for o in objs["rect"] for e in rect_to_edges(o)]
                + [e for o in objs["curve"] for e in curve_to_edges(o)]
            )
        return self._edges

    def find_tables(self, table_settings: dict[str, Any] | None = None) -> list[Any]:
        """pdfplumber's table finder (lines strategy) on this page's edges."""
        return list(TableFinder(self, table_settings).tables)  # type: ignore[arg-type]

    def _read_graphics(self) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {"line": [], "rect": [], "curve": [], "image": []}
        budget = [_MAX_SEGMENTS]
        handle = _address(self._page.raw)
        self._walk([_page_object(handle, i) for i in range(_page_count(handle))], _IDENTITY, out, budget)
        return out

    def _walk(self, objs: list[int], outer: Matrix, out: dict[str, list[dict[str, Any]]],
              budget: list[int]) -> None:
        matrix = raw.FS_MATRIX()
        for obj in objs:
            kind = _obj_type(obj)
            if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM, raw.FPDF_PAGEOBJ_IMAGE):
                continue
            _obj_matrix(obj, ctypes.addressof(matrix))
            m = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
            if kind == raw.FPDF_PAGEOBJ_FORM:
                self._walk([_form_object(obj, i) for i in range(_form_count(obj))], m, out, budget)
            elif kind == raw.FPDF_PAGEOBJ_IMAGE:
                out["image"].append({"object_type": "image"})
            elif budget[0] > 0:
                self._path(obj, _compose(m, self._to_page), out, budget)

    def _path(self, obj: int, m: Matrix, out: dict[str, list[dict[str, Any]]], budget: list[int]) -> None:
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        _draw_mode(obj, ctypes.addressof(fill), ctypes.addressof(stroke))
        if not fill.value and not stroke.value:
            return  # a clipping path: pdfminer does not paint it either
        n = _seg_count(obj)
        budget[0] -= n
        x, y = ctypes.c_float(), ctypes.c_float()
        xp, yp = ctypes.addressof(x), ctypes.addressof(y)
        a, b, c, d, e, f = m
        # (op, point) like pdfminer's path, with a curve's control points dropped.
        subpaths: list[list[tuple[str, tuple[float, float]]]] = []
        bezier = 0
        for i in range(n):
            seg = _segment(obj, i)
            kind = _seg_type(seg)
            _seg_point(seg, xp, yp)
            point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                subpaths.append([("m", point)])
                bezier = 0
            elif subpaths:
                if kind == raw.FPDF_SEGMENT_BEZIERTO:
                    bezier += 1
                    if bezier % 3:
                        continue
                    op = "c"
                else:
                    op = "l"
                subpaths[-1].append((op, point))
            if subpaths and _seg_close(seg):
                subpaths[-1].append(("h", subpaths[-1][0][1]))
        for sub in subpaths:
            _classify(sub, out)


def _merge(chars: list[tuple[str, float, float, float, _Font]]) -> dict[str, Any]:
    """One word from its chars (text, x0, x1, bottom, font), ligatures expanded."""
    text = "".join(f"(cid:{ord(c[0])})" if c[4].unmapped else c[0] for c in chars)
    if _LIGATURE.search(text):
        text = _LIGATURE.sub(lambda m: LIGATURES[m.group()], text)
    font = chars[0][4]
    bottom = max(c[3] for c in chars)
    return {"text": text, "x0": chars[0][1], "x1": max(c[2] for c in chars), "top": bottom - font.size,
            "bottom": bottom, "upright": font.upright, "fontname": font.name, "size": font.size,
            "non_stroking_color": font.color}


def _classify(sub: list[tuple[str, tuple[float, float]]], out: dict[str, list[dict[str, Any]]]) -> None:
    """One subpath as pdfminer paints it: a line, a rect or a curve (pdfminer.converter.paint_path)."""
    shape = "".join(op for op, _ in sub)
    pts = [p for _, p in sub]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if len(pts) < 2:
        return
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
    obj = {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
           "width": x1 - x0, "height": bottom - top, "y0": -bottom, "y1": -top}
    if shape in ("mlh", "ml"):
        out["line"].append({**obj, "object_type": "line"})
        return
    if shape in ("mlllh", "mllll") and len(pts) == 5:
        (ax, ay), (bx, by), (cx, cy), (dx, dy), _ = pts
        square = (ax == bx and by == cy and cx == dx and dy == ay) or (ay == by and bx == cx and cy == dy and dx == ax)
        if pts[0] == pts[4] and square:
            out["rect"].append({**obj, "object_type": "rect"})
            return
    out["curve"].append({**obj, "object_type": "curve", "pts": pts})


# --------------------------------------------------------------------- documents


class PdfiumPages:
    """An open PDFium document that maps pdfplumber pages to PdfiumPage views."""

    def __init__(self, data: bytes, password: str | None, reader: PdfReader) -> None:
        self.reader = reader
        self._doc = pdfium.PdfDocument(data, password=password or None)
        self._count = len(self._doc)
        self._open: list[Any] = []
        self.pdfium_pages = 0

    def view(self, page: Page) -> Any:
        """The page to read lines from: a PdfiumPage, or ``page`` itself when PDFium should not read it.

        Pages are read in order; the previous PDFium page is closed here, so
        memory does not grow with the page count.
        """
        self._close_pages()
        index = page.page_number - 1
        if index >= self._count:
            return page
        try:
            handle = self._doc[index]
            self._open.append(handle)
            fast = PdfiumPage(handle, page)
            if not fast.extract_words():
                return page  # no text layer: pdfplumber's path decides about OCR
            if self.reader == "auto" and not fast.upright:
                logger.debug("page %s has rotated text: read by pdfplumber", page.page_number)
                return page
        except pdfium.PdfiumError:
            logger.debug("PDFium could not read page %s", page.page_number, exc_info=True)
            return page
        self.pdfium_pages += 1
        return fast

    def _close_pages(self) -> None:
        for handle in self._open:
            handle.close()
        self._open.clear()

    def close(self) -> None:
        self._close_pages()
        self._doc.close()


@contextmanager
def pdfium_pages(data: bytes, password: str | None, reader: PdfReader) -> Iterator[PdfiumPages | None]:
    """An open PdfiumPages (None when PDFium cannot open the file; pdfminer then says why)."""
    with _LOCK:
        try:
            pages = PdfiumPages(data, password, reader)
        except pdfium.PdfiumError:
            logger.debug("PDFium could not open the document", exc_info=True)
            yield None
            return
        try:
            yield pages
        finally:
            pages.close()


def read_pdf(data: bytes, source: str, *, reader: PdfReader = "auto", **options: Any) -> Document:
    """Read a PDF's bytes into a Document with the given reader (see the module docstring).

    ``options`` are those of ``pdf.read_pdf`` (password, max_pages, ocr_mode).
    """
    if reader == "pdfplumber":
        return pdf.read_pdf(data, source, **options)
    with pdfium_pages(data, options.get("password"), reader) as pages:
        if pages is None:
            return pdf.read_pdf(data, source, **options)
        doc = pdf.read_pdf(data, source, page_view=pages.view, **options)
        logger.debug("%s: %d of %d pages read by PDFium", source, pages.pdfium_pages, doc.pages)
        return doc
