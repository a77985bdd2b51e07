"""Whole-document speed: goalcheck analyze vs bare pdfplumber text extraction, side by side.

Usage:
    python benchmarks/bench_documents.py [--repeat 3] [--pages 12 200] [--profile]

Pinned to one core. For every PDF of the test corpus (tests/corpus), in one
process and interleaved round by round so that the load of the machine hits
all of them alike:

* bare: pdfplumber ``page.extract_text()`` of every page (the yardstick);
* before: ``analyze_document(reader="pdfplumber")`` (pdfminer parses every page);
* after: ``analyze_document()`` (the default reader, "auto": PDFium).

Times are CPU seconds of this process and its children (tesseract, for the
scanned page), best of ``--repeat`` rounds; the figure of merit is the median
over the corpus of analyze / bare (target <= 1.0, moonshot 0.5). Then where the
time goes (read, sections, extract, analyze_many, as a share of bare), and, for
generated state-form IEPs of ``--pages`` pages, seconds per page and the
tracemalloc peak of reading (flat in page count).
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import io
import os
import pstats
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "tests" / "corpus"


def pin_one_core() -> str:
    """Run on one core (the lowest one allowed); returns a note for the output."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity here)"
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # tesseract: one thread, like everything else
    return f"pinned to core {core}"


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed(run: Callable[[], Any]) -> float:
    start = cpu_seconds()
    run()
    return cpu_seconds() - start


def bare_pdfplumber(path: Path) -> None:
    """pdfplumber ``extract_text`` over every page (the yardstick)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()


def make_long_iep(pages: int, folder: Path) -> Path:
    """A generated state-form IEP of at least ``pages`` pages (scripts/make_test_ieps.py)."""
    script = ROOT / "scripts" / "make_test_ieps.py"
    sys.path.insert(0, str(script.parent))
    spec = importlib.util.spec_from_file_location("make_test_ieps", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return Path(module.make_long_iep(pages, folder / f"long_{pages}.pdf"))


def phases(path: Path, reader: str) -> dict[str, float]:
    """CPU seconds of each step of analyze_document (as api.analyze_document runs them;
    the plan review, which analyze_document also runs, is the remainder)."""
    from goalcheck.api import analyze_many
    from goalcheck.grade import document_grade
    from goalcheck.extract import extract_goals
    from goalcheck.ingest import read_document
    from goalcheck.ml.predict import combined_line_scorer
    from goalcheck.sections import find_sections

    out: dict[str, float] = {}
    t = cpu_seconds()
    doc = read_document(path, reader=reader)
    out["read"] = cpu_seconds() - t
    t = cpu_seconds()
    sections = find_sections(doc)
    out["sections"] = cpu_seconds() - t
    t = cpu_seconds()
    goals = extract_goals(doc, sections, scorer=combined_line_scorer)
    out["extract"] = cpu_seconds() - t
    flat = [g for goal in goals for g in (goal, *goal.objectives)]
    t = cpu_seconds()
    if flat:
        grade = document_grade(line.text for line in doc.lines)
        analyze_many([g.text for g in flat], kinds=[g.kind for g in flat], grades=[grade] * len(flat))
    out["analyze_many"] = cpu_seconds() - t
    return out


def corpus_table(paths: list[Path], repeat: int) -> None:
    from goalcheck.api import analyze_document

    runs: dict[str, Callable[[Path], Any]] = {
        "bare": bare_pdfplumber,
        "before": lambda p: analyze_document(p, reader="pdfplumber"),
        "after": lambda p: analyze_document(p),
    }
    for p in paths:  # warm-up: pipeline, models, standards, fonts
        for run in runs.values():
            run(p)
    best: dict[tuple[str, str], float] = {}
    for _ in range(repeat):
        for p in paths:
            for name, run in runs.items():
                t = timed(lambda run=run, p=p: run(p))
                key = (p.name, name)
                best[key] = min(best.get(key, float("inf")), t)
    print(f"{'document':24} {'pages':>5} {'bare ms':>8} {'before ms':>9} {'ratio':>6} {'after ms':>8} {'ratio':>6}")
    before_r, after_r = [], []
    import pdfplumber

    for p in paths:
        with pdfplumber.open(p) as pdf:
            n = len(pdf.pages)
        bare, before, after = (best[(p.name, k)] for k in ("bare", "before", "after"))
        before_r.append(before / bare)
        after_r.append(after / bare)
        print(f"{p.name:24} {n:5d} {bare * 1e3:8.1f} {before * 1e3:9.1f} {before / bare:6.2f} "
              f"{after * 1e3:8.1f} {after / bare:6.2f}")
    print(f"median analyze / bare pdfplumber: before {statistics.median(before_r):.2f}, "
          f"after {statistics.median(after_r):.2f}  (target <= 1.0, moonshot 0.5)")

    print("\nwhere the time goes (after; best of rounds; share of bare pdfplumber):")
    print(f"{'document':24} {'read':>6} {'sections':>8} {'extract':>8} {'analyze_many':>12}")
    shares: dict[str, list[float]] = {}
    for p in paths:
        parts: dict[str, float] = {}
        for _ in range(repeat):
            for k, v in phases(p, "auto").items():
                parts[k] = min(parts.get(k, float("inf")), v)
        bare = best[(p.name, "bare")]
        for k, v in parts.items():
            shares.setdefault(k, []).append(v / bare)
        print(f"{p.name:24} " + " ".join(f"{parts[k] / bare:{w}.2f}" for k, w in
                                         (("read", 6), ("sections", 8), ("extract", 8), ("analyze_many", 12))))
    print(f"{'median':24} " + " ".join(f"{statistics.median(shares[k]):{w}.2f}" for k, w in
                                       (("read", 6), ("sections", 8), ("extract", 8), ("analyze_many", 12))))


def long_documents(pages: list[int], repeat: int) -> None:
    from goalcheck.api import analyze_document
    from goalcheck.ingest import read_document

    print(f"\n{'pages':>5} {'bare s/page':>11} {'read plumber':>12} {'read auto':>9} {'analyze auto':>12} "
          f"{'read peak MB':>12} {'KB/page':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in pages:
            path = make_long_iep(n, Path(tmp))
            big = {"max_pages": 100_000}
            got = {name: min(timed(lambda run=run: run()) for _ in range(repeat)) for name, run in {
                "bare": lambda: bare_pdfplumber(path),
                "plumber": lambda: read_document(path, reader="pdfplumber", **big),
                "auto": lambda: read_document(path, **big),
                "analyze": lambda: analyze_document(path, **big),
            }.items()}
            tracemalloc.start()
            doc = read_document(path, **big)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            pp = doc.pages
            print(f"{pp:5d} {got['bare'] / pp:11.4f} {got['plumber'] / pp:12.4f} {got['auto'] / pp:9.4f} "
                  f"{got['analyze'] / pp:12.4f} {peak / 1e6:12.1f} {peak / 1e3 / pp:8.1f}")


def profile(path: Path) -> None:
    from goalcheck.api import analyze_document

    prof = cProfile.Profile()
    prof.enable()
    for _ in range(3):
        analyze_document(path)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(25)
    print(out.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best of them counts")
    parser.add_argument("--pages", type=int, nargs="*", default=[12, 200],
                        help="also time generated IEPs of these page counts")
    parser.add_argument("--profile", type=Path, nargs="?", const=CORPUS / "state_form.pdf",
                        help="print a cProfile of analyze_document on this PDF")
    args = parser.parse_args(argv)
    note = pin_one_core()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{note}; load average {load:.1f} (other work on the machine: ratios are measured side by side)")
    from goalcheck.api import analyze_goal

    t = time.perf_counter()
    analyze_goal("By June 2027, Maya will read 20 sight words with 90% accuracy.")
    print(f"start-up (pipeline, models, standards): {time.perf_counter() - t:.1f} s wall\n")
    corpus_table(sorted(CORPUS.glob("*.pdf")), args.repeat)
    if args.pages:
        long_documents(args.pages, args.repeat)
    if args.profile:
        profile(args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
