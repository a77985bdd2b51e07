"""Optional OCR of scanned pages with tesseract (``pip install 'goalcheck[ocr]'``)."""

from __future__ import annotations

import logging
import shutil
from functools import lru_cache
from typing import Any

from goalcheck.schema import Line

logger = logging.getLogger(__name__)

OCR_RESOLUTION = 300


@lru_cache(maxsize=1)
def available() -> bool:
    """True when both pytesseract and the tesseract program are installed."""
    try:
        import pytesseract  # noqa: F401
    except ImportError:
        return False
    return shutil.which("tesseract") is not None


def ocr_page(page: Any) -> list[Line]:
    """Lines of a scanned pdfplumber page read by tesseract (empty if OCR fails).

    Positions are converted back to PDF points so that layout rules still apply.
    """
    if not available():
        return []
    import pytesseract

    try:
        image = page.to_image(resolution=OCR_RESOLUTION).original
        data = pytesseract.image_to_data(image, output_type=pytesseract.Output.DICT)
    except Exception:
        logger.warning("OCR failed on page %s", page.page_number, exc_info=True)
        return []
    scale = 72.0 / OCR_RESOLUTION
    rows: dict[tuple[int, int, int], list[int]] = {}
    for i, word in enumerate(data["text"]):
        if word.strip() and float(data["conf"][i]) >= 0:
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            rows.setdefault(key, []).append(i)
    lines: list[Line] = []
    for idxs in rows.values():
        height = max(data["height"][i] for i in idxs) * scale
        lines.append(
            Line(
                text=" ".join(data["text"][i].strip() for i in idxs),
                page=page.page_number,
                x0=round(min(data["left"][i] for i in idxs) * scale, 1),
                top=round(min(data["top"][i] for i in idxs) * scale, 1),
                size=round(height, 1),
            )
        )
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines
