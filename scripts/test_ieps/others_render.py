"""Draw the 'IEPs written by others' test documents as PDF (reportlab) and as plain text.

A document is a list of pages; a page is a list of blocks. Pages are given
explicitly (a block that does not fit raises), so the page of every goal is
known when its truth file is written by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import landscape, letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

REGULAR, BOLD = "Helvetica", "Helvetica-Bold"


@dataclass
class Title:
    text: str
    size: float = 16.0


@dataclass
class Heading:
    text: str
    size: float = 12.0


@dataclass
class Para:
    text: str
    indent: bool = False  # first-line indent (case studies)


@dataclass
class Bullets:
    items: list[str]


@dataclass
class Labelled:
    """A bold label run in before its text: "Annual Goal: ..."."""

    label: str
    text: str


@dataclass
class Table:
    """A ruled table; ``headers`` may be empty (a table continued on a new page)."""

    headers: list[str]
    rows: list[list[str]]
    widths: list[float]


@dataclass
class Box:
    """Blocks inside a drawn rectangle (a form's box)."""

    blocks: list[object]


@dataclass
class Gap:
    points: float = 8.0


@dataclass
class Doc:
    name: str
    pages: list[list[object]]
    size: float = 10.0
    spacing: float = 1.3  # leading / size; 2.0 = double spaced
    wide: bool = False  # landscape (slides)
    header: list[str] = field(default_factory=list)  # printed on every page, top
    footer: str | None = "Page {n} of {m}"  # None: no footer
    footer_lines: list[str] = field(default_factory=list)
    watermark: str | None = None
    text_pages: str = "formfeed"  # or "footer": the text file marks pages with the footer only
    text_width: int = 90  # wrap width of the plain-text version
    text_double: bool = False  # a blank line after every wrapped line


class Overflow(Exception):
    pass


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if stringWidth(trial, font, size) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _wrap_chars(text: str, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if len(trial) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


class _Pdf:
    def __init__(self, doc: Doc, path: Path) -> None:
        self.doc = doc
        size = landscape(letter) if doc.wide else letter
        self.w, self.h = size
        self.c = Canvas(str(path), pagesize=size, invariant=1)
        self.left, self.right = 54.0, self.w - 54.0
        self.top, self.bottom = self.h - 60.0, 60.0
        self.y = self.top

    def need(self, height: float) -> None:
        if self.y - height < self.bottom - 0.5:
            raise Overflow(f"{self.doc.name}: page overflows at {self.y:.0f}")

    def text(self, x: float, text: str, font: str, size: float) -> None:
        self.c.setFont(font, size)
        self.c.drawString(x, self.y - size, text)

    def lines(self, lines: list[str], font: str, size: float, x: float, first_x: float | None = None) -> None:
        lead = size * self.doc.spacing
        for k, ln in enumerate(lines):
            self.need(lead)
            self.text(first_x if (k == 0 and first_x is not None) else x, ln, font, size)
            self.y -= lead

    def block(self, b: object, left: float, right: float) -> None:
        s = self.doc.size
        if isinstance(b, Title):
            self.lines(_wrap(b.text, BOLD, b.size, right - left), BOLD, b.size, left)
            self.y -= 4
        elif isinstance(b, Heading):
            self.y -= 4
            self.lines(_wrap(b.text, BOLD, b.size, right - left), BOLD, b.size, left)
            self.y -= 2
        elif isinstance(b, Para):
            ind = 24.0 if b.indent else 0.0
            first = _wrap(b.text, REGULAR, s, right - left - ind)
            head, rest = first[0], " ".join(first[1:])
            lines = [head, *(_wrap(rest, REGULAR, s, right - left) if rest else [])]
            self.lines(lines, REGULAR, s, left, left + ind)
            self.y -= s * 0.5
        elif isinstance(b, Bullets):
            for item in b.items:
                lines = _wrap(item, REGULAR, s, right - left - 16)
                self.need(s * self.doc.spacing)
                self.text(left + 4, "\u2022", REGULAR, s)
                self.lines(lines, REGULAR, s, left + 16)
                self.y -= s * 0.3
        elif isinstance(b, Labelled):
            label = b.label.rstrip() + " "
            lw = stringWidth(label, BOLD, s)
            words = b.text.split()
            first = ""
            while words and stringWidth(f"{first} {words[0]}".strip(), REGULAR, s) <= right - left - lw:
                first = f"{first} {words.pop(0)}".strip()
            self.need(s * self.doc.spacing)
            self.text(left, label, BOLD, s)
            self.text(left + lw, first, REGULAR, s)
            self.y -= s * self.doc.spacing
            if words:
                self.lines(_wrap(" ".join(words), REGULAR, s, right - left), REGULAR, s, left)
            self.y -= s * 0.4
        elif isinstance(b, Table):
            self.table(b, left)
        elif isinstance(b, Box):
            start = self.y
            self.y -= 6
            for inner in b.blocks:
                self.block(inner, left + 6, right - 6)
            self.y -= 2
            self.c.setLineWidth(0.8)
            self.c.rect(left, self.y, right - left, start - self.y)
            self.y -= 8
        elif isinstance(b, Gap):
            self.y -= b.points
        else:
            raise TypeError(b)

    def table(self, t: Table, left: float) -> None:
        s = self.doc.size
        lead = s * 1.25
        xs = [left]
        for w in t.widths:
            xs.append(xs[-1] + w)
        rows = ([(t.headers, BOLD)] if t.headers else []) + [(r, REGULAR) for r in t.rows]
        self.c.setLineWidth(0.6)
        for cells, font in rows:
            wrapped = [_wrap(c, font, s, w - 8) if c else [] for c, w in zip(cells, t.widths, strict=True)]
            height = max(len(w) for w in wrapped) * lead + 8
            self.need(height)
            top = self.y
            for k, lines in enumerate(wrapped):
                yy = top - 4
                for ln in lines:
                    self.c.setFont(font, s)
                    self.c.drawString(xs[k] + 4, yy - s, ln)
                    yy -= lead
            for k in range(len(xs)):
                self.c.line(xs[k], top, xs[k], top - height)
            self.c.line(xs[0], top, xs[-1], top)
            self.c.line(xs[0], top - height, xs[-1], top - height)
            self.y = top - height
        self.y -= 10

    def decorate(self, n: int, m: int) -> None:
        d = self.doc
        y = self.h - 30
        for line in d.header:
            self.c.setFont(REGULAR, 8)
            self.c.drawString(self.left, y, line)
            y -= 11
        y = 40
        for line in [*(d.footer_lines or []), *([d.footer.format(n=n, m=m)] if d.footer else [])]:
            self.c.setFont(REGULAR, 8)
            self.c.drawString(self.left, y, line)
            y -= 11
        if d.watermark:
            self.c.saveState()
            self.c.setFillGray(0.85)
            self.c.setFont(BOLD, 64)
            step = (self.right - self.left - 60) / max(len(d.watermark) - 1, 1)
            for k, ch in enumerate(d.watermark):
                self.c.drawString(self.left + 20 + k * step, self.h - 215 - k * 31, ch)
            self.c.restoreState()

    def render(self) -> None:
        m = len(self.doc.pages)
        for n, page in enumerate(self.doc.pages, 1):
            self.y = self.top - 11 * max(len(self.doc.header) - 1, 0)
            for b in page:
                self.block(b, self.left, self.right)
            self.decorate(n, m)
            self.c.showPage()
        self.c.save()


def write_pdf(doc: Doc, path: Path) -> None:
    _Pdf(doc, path).render()


def _text_block(b: object, doc: Doc) -> list[str]:
    w = doc.text_width
    if isinstance(b, (Title, Heading)):
        return ["", b.text, ""]
    if isinstance(b, Para):
        lines = _wrap_chars(b.text, w - (5 if b.indent else 0))
        if b.indent:
            lines[0] = "     " + lines[0]
        return [*lines, ""]
    if isinstance(b, Bullets):
        out: list[str] = []
        for item in b.items:
            lines = _wrap_chars(item, w - 2)
            out += ["\u2022 " + lines[0], *("  " + ln for ln in lines[1:])]
        return [*out, ""]
    if isinstance(b, Labelled):
        return [*_wrap_chars(f"{b.label.rstrip()} {b.text}", w), ""]
    if isinstance(b, Table):
        out = []
        for row in b.rows:
            for head, cell in zip(b.headers or [""] * len(row), row, strict=True):
                if not cell:
                    continue
                text = f"{head}: {cell}" if head else cell
                out += _wrap_chars(text, w)
            out.append("")
        return out
    if isinstance(b, Box):
        out = []
        for inner in b.blocks:
            out += _text_block(inner, doc)
        return out
    if isinstance(b, Gap):
        return []
    raise TypeError(b)


def _interleave(lines: list[str], word: str) -> list[str]:
    """Put the watermark's letters into lines, one a few lines apart, as a PDF copy does."""
    out = list(lines)
    k, letter_no = 3, 0
    while k < len(out) and letter_no < len(word):
        words = out[k].split(" ")
        if len(words) > 6:
            mid = len(words) // 2
            out[k] = " ".join([*words[:mid], word[letter_no], *words[mid:]])
            letter_no += 1
            k += 4
        else:
            k += 1
    return out


def text_of(doc: Doc) -> str:
    pages: list[str] = []
    m = len(doc.pages)
    for n, page in enumerate(doc.pages, 1):
        lines: list[str] = list(doc.header)
        for b in page:
            lines += _text_block(b, doc)
        if doc.text_double:
            lines = [x for ln in lines for x in ((ln, "") if ln else ("",))]
        if doc.watermark:
            lines = _interleave(lines, doc.watermark)
        lines += doc.footer_lines
        if doc.footer:
            lines += ["", doc.footer.format(n=n, m=m)]
        pages.append("\n".join(lines).strip("\n") + "\n")
    sep = "\f" if doc.text_pages == "formfeed" else "\n"
    return sep.join(pages)


def write_text(doc: Doc, path: Path) -> None:
    path.write_text(text_of(doc), encoding="utf-8")
