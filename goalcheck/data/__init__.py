"""Shipped data: Common Core standards, lexicons, patterns and the sample IEP."""

from importlib import resources
from pathlib import Path

#: The bundled fictional sample IEP that the README's first command analyses.
SAMPLE_IEP = Path(str(resources.files("goalcheck").joinpath("data/samples/sample_iep.pdf")))
