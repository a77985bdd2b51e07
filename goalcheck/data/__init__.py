"""Shipped data: Common Core standards, lexicons, patterns and the sample IEP."""

import json
from functools import cache
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
