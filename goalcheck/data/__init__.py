"""Shipped data: Common Core standards, lexicons, patterns and the sample IEP."""

import json
import re
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

#: The bundled fictional sample IEP that the README's first command analyses.
SAMPLE_IEP = Path(str(resources.files("goalcheck").joinpath("data/samples/sample_iep.pdf")))


@cache
def load_patterns(name: str) -> dict[str, Any]:
    """A pattern file of ``goalcheck/data/patterns/`` (e.g. ``"form_fields"``), parsed once."""
    path = Path(str(resources.files("goalcheck").joinpath(f"data/patterns/{name}.json")))
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def form_fields() -> dict[str, Any]:
    """The form-field names by role and what a criterion or a timeframe looks like (form_fields.json)."""
    return load_patterns("form_fields")


#: The components found by regular expressions (the others need the tagger).
REGEX_COMPONENTS = ("timeframe", "criterion", "measurement", "condition")


@lru_cache(maxsize=1)
def component_patterns() -> dict[str, list[tuple[str, re.Pattern[str], dict[str, Any]]]]:
    """The one home of what a timeframe, criterion, measurement or condition looks like.

    ``measurability.json``'s patterns with their macros expanded, compiled: used by
    the measurability component and by goal-line detection alike.
    """
    raw = load_patterns("measurability")
    macros: dict[str, str] = raw["macros"]

    def expand(rx: str) -> str:
        for _ in range(3):  # macros may use macros
            for name, value in macros.items():
                rx = rx.replace("{" + name + "}", value)
        return rx

    return {label: [(p["id"], re.compile(expand(p["regex"]), re.IGNORECASE), p) for p in raw[label]]
            for label in REGEX_COMPONENTS}


def component_look(label: str) -> re.Pattern[str]:
    """One regular expression matching wherever any pattern of ``label`` matches."""
    return re.compile("|".join(f"(?:{rx.pattern})" for _, rx, _ in component_patterns()[label]),
                      re.IGNORECASE)
