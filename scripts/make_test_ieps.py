"""Generate the fictional test IEP corpus and its golden files.

Usage:
    python scripts/make_test_ieps.py [--out tests/corpus] [--only NAME ...]

Every document is drawn from Python data in ``scripts/test_ieps/`` and its
golden ``<name>.golden.json`` is written from the same data, then checked
against the document's own text (pdfplumber / python-docx). Output is
deterministic. All students, schools and staff are fictional.

Benchmarks can make a long IEP quickly::

    from make_test_ieps import make_long_iep
    make_long_iep(200, "/tmp/long.pdf")
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_ieps import state_form
from test_ieps.golden import Golden
from test_ieps.verify import check

log = logging.getLogger("make_test_ieps")
ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
SAMPLE = ROOT / "goalcheck" / "data" / "samples" / "sample_iep.pdf"


def _builders() -> dict[str, Callable[[Path], Golden]]:
    from test_ieps import (
        docx_plan,
        narrative,
        page_break,
        plain,
        scanned,
        services,
        transition,
        two_column,
    )

    return {
        "state_form.pdf": lambda out: state_form.build(state_form.MAYA, out),
        "narrative_district.pdf": narrative.build,
        "page_break.pdf": page_break.build,
        "two_column.pdf": two_column.build,
        "transition.pdf": transition.build,
        "services_grid.pdf": services.build,
        "district_plan.docx": docx_plan.build,
        "scanned.pdf": scanned.build,
        "plain.txt": plain.build,
        "twelve_page.pdf": lambda out: state_form.build(state_form.TWELVE, out),
    }


def make_long_iep(pages: int, path: Path | str) -> Path:
    """Write a long state-form IEP of at least ``pages`` pages (no golden file).

    Args:
        pages: Minimum page count (e.g. 200).
        path: Output PDF path.

    Returns:
        The path written.
    """
    path = Path(path)
    spec = dataclasses.replace(state_form.MAYA, source=path.name)
    state_form.build(spec, path.parent, min_pages=pages)
    return path


def generate(out: Path, only: list[str] | None = None) -> list[str]:
    """Generate documents and goldens into ``out``; return consistency problems."""
    out.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for name, build in _builders().items():
        if only and name not in only:
            continue
        golden = build(out)
        golden.write(out)
        found = check(out / name, golden.to_dict())
        problems += [f"{name}: {p}" for p in found]
        log.info(
            "%s: %d pages, %d goals, %d problems", name, golden.pages, len(golden.goals), len(found)
        )
    return problems


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=CORPUS)
    parser.add_argument("--only", nargs="*", help="document names to (re)build")
    parser.add_argument(
        "--no-sample", action="store_true", help="do not copy state_form.pdf to the bundled sample"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    problems = generate(args.out, args.only)
    for p in problems:
        log.error(p)
    if not args.no_sample and (args.out / "state_form.pdf").exists():
        SAMPLE.parent.mkdir(parents=True, exist_ok=True)
        SAMPLE.write_bytes((args.out / "state_form.pdf").read_bytes())
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
