"""Speed and memory of document reading: goalcheck vs bare pdfplumber text extraction.

Usage:
    python benchmarks/bench_documents.py [--pages 12 200] [--repeat 1]

For each size, a generated state-form IEP (``scripts/make_test_ieps.py``'s
``make_long_iep``; a simple reportlab IEP if that script is missing) is read
with ``read_document + find_sections + extract_goals`` (and the whole
``goalcheck.api.analyze_document`` when it exists). Printed: seconds per page,
the time of bare pdfplumber ``page.extract_text()`` over all pages, their
ratio (target <= 1.5) and the tracemalloc peak of the goalcheck pass (target:
flat in page count).
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from goalcheck.extract import extract_goals
from goalcheck.ingest import read_document
from goalcheck.sections import find_sections

logger = logging.getLogger("bench_documents")


def _make_long_iep() -> Callable[[int, Path], Path] | None:
    script = ROOT / "scripts" / "make_test_ieps.py"
    if not script.exists():
        return None
    sys.path.insert(0, str(script.parent))
    spec = importlib.util.spec_from_file_location("make_test_ieps", script)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception:
        logger.warning("could not load %s; using the built-in generator", script, exc_info=True)
        return None
    return getattr(module, "make_long_iep", None)


def _fallback_iep(pages: int, path: Path) -> Path:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter)
    for p in range(pages):
        c.setFont("Helvetica-Bold", 14)
        c.drawString(72, 720, "Annual Goals" if p else "Present Levels of Performance")
        c.setFont("Helvetica", 10)
        for i in range(40):
            c.drawString(72, 690 - 15 * i, f"Goal {p}.{i}: By June 2027, Sam will read {i + 20} words "
                                            "correctly on 3 of 4 weekly probes.")
        c.drawString(72, 30, f"Page {p + 1} of {pages}")
        c.showPage()
    c.save()
    return path


def make_iep(pages: int, folder: Path) -> Path:
    """A generated IEP PDF of at least ``pages`` pages."""
    path = folder / f"long_{pages}.pdf"
    maker = _make_long_iep()
    if maker is not None:
        return Path(maker(pages, path))
    return _fallback_iep(pages, path)


def bare_pdfplumber(path: Path) -> float:
    """Seconds for pdfplumber ``extract_text`` over every page."""
    start = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
    return time.perf_counter() - start


def goalcheck_pass(path: Path) -> tuple[float, int, int]:
    """Seconds for read + sections + goals; page count; goals found."""
    start = time.perf_counter()
    doc = read_document(path, max_pages=10_000, max_bytes=10**10)
    goals = extract_goals(doc, find_sections(doc))
    return time.perf_counter() - start, doc.pages, len(goals)


def analyze_pass(path: Path) -> float | None:
    """Seconds for ``goalcheck.api.analyze_document`` (None if there is none yet)."""
    try:
        from goalcheck.api import analyze_document
    except ImportError:
        return None
    start = time.perf_counter()
    try:
        analyze_document(path)
    except Exception as exc:  # noqa: BLE001 - report, do not die
        print(f"  analyze_document failed: {type(exc).__name__}: {exc}")
        return None
    return time.perf_counter() - start


def peak_memory(path: Path) -> int:
    """tracemalloc peak (bytes) of one goalcheck pass."""
    tracemalloc.start()
    try:
        goalcheck_pass(path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[12, 200])
    parser.add_argument("--repeat", type=int, default=1, help="best of N timings")
    parser.add_argument("--analyze", action="store_true",
                        help="also time api.analyze_document (warm, best of --repeat) and its ratio to bare")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for pages in args.pages:
            path = make_iep(pages, Path(tmp))
            bare = min(bare_pdfplumber(path) for _ in range(args.repeat))
            runs = [goalcheck_pass(path) for _ in range(args.repeat)]
            ours, n_pages, n_goals = min(runs)
            if args.analyze:
                analyze_pass(path)  # warm-up: loads the pipeline, models and standards once
                timed = [analyze_pass(path) for _ in range(args.repeat)]
                full = min((t for t in timed if t is not None), default=None)
            else:
                full = None
            peak = peak_memory(path)
            rows.append((n_pages, n_goals, bare, ours, full, peak))
        print(f"{'pages':>5} {'goals':>5} {'bare s/page':>11} {'ours s/page':>11} {'ratio':>5} "
              f"{'analyze s/page':>14} {'analyze ratio':>13} {'peak MB':>8} {'peak KB/page':>12}")
        for n_pages, n_goals, bare, ours, full, peak in rows:
            full_s = (f"{full / n_pages:14.4f} {full / bare:13.2f}" if full is not None
                      else f"{'-':>14} {'-':>13}")
            print(f"{n_pages:5d} {n_goals:5d} {bare / n_pages:11.4f} {ours / n_pages:11.4f} {ours / bare:5.2f} "
                  f"{full_s} {peak / 1e6:8.1f} {peak / 1e3 / n_pages:12.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
