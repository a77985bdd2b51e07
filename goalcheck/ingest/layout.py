"""Layout helpers shared by the readers: rows, columns, headers, hyphens."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise
from typing import Any

from goalcheck.schema import Line

Word = dict[str, Any]

_DIGITS = re.compile(r"\d+")
_HYPHEN_END = re.compile(r"[A-Za-z]-$")
_LOWER_START = re.compile(r"^[a-z]")


def page_list(pages: list[int]) -> str:
    """'1-3, 7' from [1, 2, 3, 7]."""
    runs: list[list[int]] = []
    for p in sorted(set(pages)):
        if runs and p == runs[-1][-1] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def pages_phrase(pages: list[int]) -> str:
    """'Page 3 is' or 'Pages 1-3, 7 are'."""
    unique = set(pages)
    return f"Page {page_list(pages)} is" if len(unique) == 1 else f"Pages {page_list(pages)} are"


def group_rows(words: list[Word]) -> list[list[Word]]:
    """Words grouped into visual lines (by vertical position), each left to right."""
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows:
            last = rows[-1]
            tol = max(2.0, 0.35 * float(last[0].get("size", 10) or 10))
            if abs(w["top"] - last[0]["top"]) <= tol:
                last.append(w)
                continue
        rows.append([w])
    for row in rows:
        row.sort(key=lambda w: w["x0"])
    return rows


def _chunks(row: list[Word]) -> list[list[Word]]:
    """Split a visual line at wide gaps (column gutters)."""
    out: list[list[Word]] = [[row[0]]]
    for prev, w in pairwise(row):
        size = float(w.get("size", 10) or 10)
        if w["x0"] - prev["x1"] > max(12.0, 1.6 * size):
            out.append([w])
        else:
            out[-1].append(w)
    return out


def _find_gutter(chunks: list[list[Word]], width: float) -> float | None:
    """The x of a two-column gutter, if the page has prose in two columns."""
    spans = [(c[0]["x0"], c[-1]["x1"]) for c in chunks]
    if len(spans) < 12:
        return None
    best: tuple[tuple[int, int], float] | None = None
    x = width * 0.3
    while x <= width * 0.7:
        left = [s for s in spans if s[1] <= x]
        right = [s for s in spans if s[0] >= x]
        crossing = len(spans) - len(left) - len(right)
        if len(left) >= 6 and len(right) >= 6 and crossing <= 0.25 * len(spans):
            lw = sum(b - a for a, b in left) / len(left)
            rw = sum(b - a for a, b in right) / len(right)
            if lw >= 0.2 * width and rw >= 0.2 * width:
                key = (crossing, -min(len(left), len(right)))
                if best is None or key < best[0]:
                    best = (key, x)
        x += 3.0
    return best[1] if best else None


def reading_order(words: list[Word], width: float) -> list[list[Word]]:
    """Word groups, one per output line, in reading order (columns top to bottom)."""
    rows = group_rows(words)
    chunked = [_chunks(r) for r in rows]
    gutter = _find_gutter([c for cs in chunked for c in cs], width)
    if gutter is None:
        return rows
    out: list[list[Word]] = []
    left: list[list[Word]] = []
    right: list[list[Word]] = []
    def flush(before_full_width: bool) -> None:
        tail: list[list[Word]] = []
        if before_full_width and right:
            # Left-only lines below the end of the right column lead into the
            # full-width text that follows (e.g. a heading under both columns).
            right_end = max(r[0]["bottom"] for r in right)
            while left and left[-1][0]["top"] > right_end:
                tail.insert(0, left.pop())
        out.extend(left)
        out.extend(right)
        out.extend(tail)
        left.clear()
        right.clear()

    for chunks in chunked:
        if any(c[0]["x0"] < gutter < c[-1]["x1"] for c in chunks):
            flush(True)
            out.append([w for c in chunks for w in c])
            continue
        lpart = [w for c in chunks if c[-1]["x1"] <= gutter for w in c]
        rpart = [w for c in chunks if c[0]["x0"] >= gutter for w in c]
        if lpart:
            left.append(lpart)
        if rpart:
            right.append(rpart)
    flush(False)
    return out


def _furniture_key(line: Line, height: float) -> tuple[str, str, int] | None:
    if line.in_table or not height:
        return None
    if line.top < 0.12 * height:
        zone = "top"
    elif line.top > 0.85 * height:
        zone = "bottom"
    else:
        return None
    return zone, _DIGITS.sub("#", line.text.lower().strip()), round(line.top / 4)


def drop_headers_footers(lines: list[Line], heights: dict[int, float]) -> list[Line]:
    """Remove lines recurring at the same place on most pages ("Page 3 of 9")."""
    pages = len(heights)
    if pages < 2:
        return lines
    seen: Counter[tuple[str, str, int]] = Counter()
    for key, page in {(_furniture_key(ln, heights.get(ln.page, 0.0)), ln.page) for ln in lines}:
        if key is not None:
            seen[key] += 1
    need = max(2, (pages + 1) // 2)
    drop = {k for k, n in seen.items() if n >= need}
    if not drop:
        return lines
    return [ln for ln in lines if _furniture_key(ln, heights.get(ln.page, 0.0)) not in drop]


def _same_flow(a: Line, b: Line) -> bool:
    if a.in_table != b.in_table:
        return False
    if a.in_table:
        return a.page == b.page and a.top == b.top and a.x0 == b.x0
    return True


def repair_hyphens(lines: list[Line]) -> list[Line]:
    """Join words hyphenated across a line end ("decod-" + "ing ...")."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if i + 1 < len(lines):
            nxt = lines[i + 1]
            if _HYPHEN_END.search(line.text) and _LOWER_START.match(nxt.text) and _same_flow(line, nxt):
                head, _, rest = nxt.text.partition(" ")
                line.text = line.text[:-1] + head
                if rest:
                    nxt.text = rest
                else:
                    out.append(line)
                    i += 2
                    continue
        out.append(line)
        i += 1
    return out


#: Words printed across pages as watermarks; their letters end up inside lines of text.
WATERMARK_WORDS = ("DRAFT", "SAMPLE", "COPY", "CONFIDENTIAL", "VOID", "EXAMPLE", "PREVIEW", "SPECIMEN",
                   "DUPLICATE", "UNOFFICIAL")
_STRAY_CAPITAL = re.compile(r"(?<=[a-z0-9,;'’)]) ([A-HJ-Z])(?= [a-z0-9(])")


def drop_watermark_letters(text: str) -> str:
    """Remove a watermark's letters copied into the text ("the central T idea").

    Single capital letters standing between lower-case words are removed when,
    read in order, they spell a watermark word (at least three letters of
    DRAFT, SAMPLE, ...); other single capitals are kept.

    Example:
        >>> drop_watermark_letters("reads widely D about\\nabout R 15 words\\nafter a A grade 4")
        'reads widely about\\nabout 15 words\\nafter a grade 4'
    """
    found = list(_STRAY_CAPITAL.finditer(text))
    letters = "".join(m.group(1) for m in found)
    if len(letters) < 3:
        return text
    if not any(letters in word * (len(letters) // len(word) + 2) for word in WATERMARK_WORDS):
        return text
    out, last = [], 0
    for m in found:
        out.append(text[last:m.start()])
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def _light(color: Any) -> bool:
    """A fill colour lighter than mid grey (grey, RGB or CMYK tuples as pdfplumber gives them)."""
    if color is None:
        return False
    values = list(color) if isinstance(color, (list, tuple)) else [color]
    try:
        nums = [float(v) for v in values]
    except (TypeError, ValueError):
        return False
    if len(nums) == 4:  # CMYK: light when little ink
        return max(nums) < 0.5
    return bool(nums) and min(nums) > 0.5


def is_watermark_char(char: dict[str, Any], body_size: float) -> bool:
    """A letter of a watermark: far bigger than the page's text and light, or rotated and big."""
    size = float(char.get("size", 0) or 0)
    if not body_size or size < 2.0 * body_size:
        return False
    return (size >= 3.0 * body_size and _light(char.get("non_stroking_color"))) or not char.get("upright", True)


def without_watermark(page: Any) -> Any:
    """A pdfplumber page without its watermark letters (see :func:`is_watermark_char`)."""
    sizes = sorted(float(c.get("size", 0) or 0) for c in page.chars if c.get("text", "").strip())
    if not sizes:
        return page
    body = sizes[len(sizes) // 2]
    if not any(is_watermark_char(c, body) for c in page.chars):
        return page
    return page.filter(lambda obj: obj.get("object_type") != "char" or not is_watermark_char(obj, body))
