"""Typed option values shared by the API, the CLI, batch and the app.

Each option is a ``Literal`` type with its tuple of valid values and one
validation helper that names the valid values in its error.

Example:
    >>> ocr_mode("never")
    'never'
    >>> ocr_mode("off")  # the name used before version 2
    'never'
"""

from __future__ import annotations

from typing import Literal, cast, get_args

__all__ = ["OCR_MODES", "OcrMode", "ocr_mode"]

#: How scanned pages (images without a text layer) are handled:
#: "auto" OCRs them when tesseract is installed, "always" tries OCR and warns
#: when it cannot, "never" skips them (with a warning naming the pages).
OcrMode = Literal["auto", "always", "never"]
OCR_MODES: tuple[OcrMode, ...] = get_args(OcrMode)
_OCR_ALIASES: dict[str, OcrMode] = {"off": "never", "force": "always"}


def ocr_mode(value: str) -> OcrMode:
    """The OCR mode named by ``value`` (the old names "off"/"force" are accepted).

    Raises:
        ValueError: ``value`` is not an OCR mode; the message lists the valid ones.
    """
    name = str(value).strip().lower()
    name = _OCR_ALIASES.get(name, name)
    if name not in OCR_MODES:
        raise ValueError(f"ocr must be one of {', '.join(OCR_MODES)}, not {value!r}")
    return cast(OcrMode, name)
