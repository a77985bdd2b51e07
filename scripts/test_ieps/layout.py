"""A tiny page-layout engine over the reportlab canvas.

Drawing is recorded per page first and rendered at the end, so that running
headers and footers can say "Page N of M" and so that every builder knows on
which page each piece of text landed (the golden files are built from that).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

PAGE_W, PAGE_H = letter
REGULAR = "Helvetica"
# Letter pairs a hyphen should not split (digraphs and doubled vowels).
_NO_SPLIT = {"ch", "sh", "th", "ph", "ck", "wh", "gh", "qu", "ea", "ee", "oo", "ou", "ai", "ie"}
BOLD = "Helvetica-Bold"


@dataclass
class Op:
    """One drawing operation on a page."""

    kind: str  # "text" | "rect" | "image"
    x: float
    y: float
    text: str = ""
    font: str = REGULAR
    size: float = 10.0
    w: float = 0.0
    h: float = 0.0
    fill: float | None = None  # grey level of a filled rect
    image: Any = None  # a path or a reportlab ImageReader


@dataclass
class Wrapped:
    """Lines of a wrapped text and the words broken with a hyphen."""

    lines: list[str]
    hyphenated: list[str] = field(default_factory=list)


def wrap(text: str, font: str, size: float, width: float, hyphenate: bool = False) -> Wrapped:
    """Greedy word wrap; optionally break long alphabetic words with a hyphen.

    Args:
        text: The text; runs of whitespace count as one space.
        font: A standard reportlab font name.
        size: Font size in points.
        width: Available width in points.
        hyphenate: Break a purely alphabetic word of 8+ letters that does not
            fit at the end of a line (at least 4 letters each side).

    Returns:
        The lines and the list of words that were broken.
    """
    out = Wrapped(lines=[])
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if stringWidth(trial, font, size) <= width:
            line = trial
            continue
        if hyphenate and line and word.isalpha() and len(word) >= 8:
            best = 0
            for cut in range(4, len(word) - 3):
                if word[cut - 1 : cut + 1].lower() in _NO_SPLIT:
                    continue
                if stringWidth(f"{line} {word[:cut]}-", font, size) <= width:
                    best = cut
            if best:
                out.lines.append(f"{line} {word[:best]}-")
                out.hyphenated.append(f"{word[:best]}-{word[best:]}")
                line = word[best:]
                continue
        if line:
            out.lines.append(line)
        line = word
    if line:
        out.lines.append(line)
    return out


class Layout:
    """Records text and boxes page by page, flowing down a frame.

    Attributes:
        pages: Drawing operations of each page (index 0 is page 1).
        y: Top of the next line on the current page, in points from the bottom.
        last_page: The page that received the most recent drawing.
        hyphenated: Every word broken with a hyphen, in order.
    """

    def __init__(
        self,
        top: float = PAGE_H - 72,
        bottom: float = 66,
        left: float = 54,
        right: float = PAGE_W - 54,
    ) -> None:
        self.top, self.bottom, self.left, self.right = top, bottom, left, right
        self.pages: list[list[Op]] = [[]]
        self.y = top
        self.last_page = 1
        self.hyphenated: list[str] = []

    @property
    def page(self) -> int:
        """The current (1-based) page number."""
        return len(self.pages)

    @property
    def width(self) -> float:
        """Width of the current frame."""
        return self.right - self.left

    def new_page(self) -> None:
        """Start a new page at the top of the frame."""
        self.pages.append([])
        self.y = self.top

    def ensure(self, height: float) -> None:
        """Start a new page unless ``height`` points still fit."""
        if self.y - height < self.bottom:
            self.new_page()

    def skip(self, height: float) -> None:
        """Leave vertical space (never across a page)."""
        self.y = max(self.y - height, self.bottom)

    def _op(self, op: Op) -> None:
        self.pages[-1].append(op)
        self.last_page = self.page

    def text_at(self, x: float, y: float, text: str, font: str = REGULAR, size: float = 10) -> None:
        """Draw one string at an absolute position on the current page."""
        self._op(Op("text", x, y, text=text, font=font, size=size))

    def rect(self, x: float, y: float, w: float, h: float, fill: float | None = None) -> None:
        """Draw a box (optionally filled grey) with its lower-left corner at x, y."""
        self._op(Op("rect", x, y, w=w, h=h, fill=fill))

    def image(self, image: Any, x: float, y: float, w: float, h: float) -> None:
        """Place an image (file path or ImageReader) on the current page."""
        self._op(Op("image", x, y, w=w, h=h, image=image))

    def heading(
        self,
        text: str,
        size: float = 13,
        font: str = BOLD,
        space_before: float = 10,
        space_after: float = 4,
    ) -> int:
        """Draw a one-line heading, kept with at least 3 following lines."""
        self.skip(space_before)
        self.ensure(size * 1.3 + 3 * 13)
        page = self.page
        self.y -= size * 1.3
        self._op(Op("text", self.left, self.y + size * 0.3, text=text, font=font, size=size))
        self.y -= space_after
        return page

    def paragraph(
        self,
        text: str,
        font: str = REGULAR,
        size: float = 10,
        leading: float | None = None,
        indent: float = 0,
        hyphenate: bool = False,
        space_after: float = 5,
        keep_together: bool = False,
    ) -> int:
        """Flow a paragraph line by line (it may split across pages).

        Args:
            text: The paragraph text.
            font: Font name.
            size: Font size.
            leading: Line height (default 1.25 x size).
            indent: Left indent inside the frame.
            hyphenate: Allow hyphen breaks of long words (see :func:`wrap`).
            space_after: Space below the paragraph.
            keep_together: Move the whole paragraph to the next page if it
                does not fit.

        Returns:
            The page where the paragraph's first line was drawn.
        """
        leading = leading or size * 1.25
        wrapped = wrap(text, font, size, self.width - indent, hyphenate)
        self.hyphenated.extend(wrapped.hyphenated)
        if keep_together:
            self.ensure(leading * len(wrapped.lines))
        first = 0
        for i, line in enumerate(wrapped.lines):
            self.ensure(leading)
            if i == 0:
                first = self.page
            self.y -= leading
            self._op(
                Op(
                    "text",
                    self.left + indent,
                    self.y + leading - size,
                    text=line,
                    font=font,
                    size=size,
                )
            )
        self.skip(space_after)
        return first

    def table_row(
        self,
        cells: list[str],
        widths: list[float],
        size: float = 9.5,
        bold: bool = False,
        fill: float | None = None,
        pad: float = 4,
        on_new_page: Callable[[], None] | None = None,
    ) -> int:
        """Draw one row of boxed cells; a row never splits across pages.

        Args:
            cells: Cell texts (wrapped inside each cell).
            widths: Cell widths in points (summing to at most the frame width).
            size: Font size.
            bold: Bold text (header rows).
            fill: Grey fill of the cells, or None.
            pad: Inner padding.
            on_new_page: Called after a page break caused by this row (e.g. to
                repeat the table header).

        Returns:
            The page the row was drawn on.
        """
        font = BOLD if bold else REGULAR
        leading = size * 1.2
        wrapped = [wrap(c, font, size, w - 2 * pad).lines for c, w in zip(cells, widths)]
        height = max(len(w) for w in wrapped) * leading + 2 * pad
        if self.y - height < self.bottom:
            self.new_page()
            if on_new_page:
                on_new_page()
        x = self.left
        for lines, w in zip(wrapped, widths):
            self.rect(x, self.y - height, w, height, fill=fill)
            for i, line in enumerate(lines):
                self.text_at(
                    x + pad, self.y - pad - (i + 1) * leading + leading - size, line, font, size
                )
            x += w
        self.y -= height
        return self.page

    def render(
        self,
        path: Path | str,
        decorate: Callable[[Canvas, int, int], None] | None = None,
        title: str = "Fictional IEP",
    ) -> None:
        """Write the PDF; ``decorate(canvas, page, total)`` adds headers/footers."""
        c = Canvas(str(path), pagesize=letter, invariant=1)
        c.setTitle(title)
        c.setAuthor("goalcheck test corpus (fictional)")
        total = len(self.pages)
        for n, ops in enumerate(self.pages, start=1):
            if decorate:
                decorate(c, n, total)
            for op in ops:
                if op.kind == "text":
                    c.setFont(op.font, op.size)
                    c.drawString(op.x, op.y, op.text)
                elif op.kind == "rect":
                    if op.fill is not None:
                        c.setFillGray(op.fill)
                        c.rect(op.x, op.y, op.w, op.h, stroke=1, fill=1)
                        c.setFillGray(0)
                    else:
                        c.rect(op.x, op.y, op.w, op.h, stroke=1, fill=0)
                elif op.kind == "image" and op.image is not None:
                    c.drawImage(op.image, op.x, op.y, op.w, op.h)
            c.showPage()
        c.save()


def running_header_footer(
    header: str, footer_extra: str = "CONFIDENTIAL"
) -> Callable[[Canvas, int, int], None]:
    """A decorator drawing ``header`` on top and "Page N of M <extra>" at the bottom."""

    def decorate(c: Canvas, page: int, total: int) -> None:
        c.setFont(REGULAR, 8.5)
        c.drawString(54, PAGE_H - 40, header)
        c.line(54, PAGE_H - 46, PAGE_W - 54, PAGE_H - 46)
        c.line(54, 50, PAGE_W - 54, 50)
        c.drawString(54, 38, f"Page {page} of {total}")
        c.drawRightString(PAGE_W - 54, 38, footer_extra)

    return decorate
