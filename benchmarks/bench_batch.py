"""Benchmark of goalcheck batch: documents/s with 1 and 2 workers, memory, stage times.

Usage:
    python benchmarks/bench_batch.py [--n 200] [--dir /tmp/goalcheck-bench] [--repeat 5]

Generates N fictional state-form IEPs (once; reused from --dir), then prints:
- documents/s with 1 and with 2 worker processes (steady state: from the first
  finished document to the last, so pool start-up is reported apart), and the
  scaling ratio (target >= 1.7 on 2 cores);
- the peak resident memory of a worker;
- the CPU time of each stage (parse, NLP, models, scoring, write) for the
  12-page test IEP end to end (target < 1 s of one core).
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import multiprocessing
import os
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from goalcheck import api, batch, export

log = logging.getLogger("bench_batch")
FIRST_NAMES = ("Ava", "Ben", "Cleo", "Dev", "Esme", "Finn", "Gia", "Hugo", "Iris", "Jules",
               "Kai", "Lena", "Milo", "Nora", "Omar", "Pia", "Quinn", "Rosa", "Sami", "Theo")


# --------------------------------------------------------------------- corpus


def _renamed(value: Any, old: str, new: str) -> Any:
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, list):
        return [_renamed(v, old, new) for v in value]
    if isinstance(value, tuple):
        return tuple(_renamed(v, old, new) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{
            f.name: _renamed(getattr(value, f.name), old, new) for f in dataclasses.fields(value)
        })
    return value


def make_corpus(n: int, out: Path) -> list[Path]:
    """N fictional state-form IEPs (two layouts, other names, other goal subsets)."""
    from test_ieps import state_form

    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20270601)
    paths = []
    for i in range(n):
        path = out / f"iep_{i:04d}.pdf"
        paths.append(path)
        if path.exists():
            continue
        base = state_form.MAYA if i % 3 else state_form.TWELVE
        first = base.student.split()[0]
        spec = _renamed(base, first, FIRST_NAMES[i % len(FIRST_NAMES)])
        goals = list(spec.goals)
        keep = rng.randint(max(1, len(goals) - 2), len(goals))
        spec = dataclasses.replace(spec, source=path.name, goals=goals[:keep])
        state_form.build(spec, out)
    return paths


# --------------------------------------------------------------------- throughput


def _analyze_with_rss(
    path: str, options: batch.Options
) -> tuple[batch.FileResult, int, float, float]:
    cpu = time.process_time()
    result = batch.analyze_file(path, options)
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return result, rss_kib, time.perf_counter(), time.process_time() - cpu


def throughput(paths: list[Path], workers: int) -> dict[str, float]:
    """Documents/s over ``workers`` spawned processes, with start-up measured apart."""
    ctx = multiprocessing.get_context("spawn")
    started = time.perf_counter()
    done: list[float] = []
    rss = 0
    cpu = 0.0
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx,
                             initializer=batch._init_worker, initargs=(logging.WARNING,)) as pool:
        for result, rss_kib, at, secs in pool.map(_analyze_with_rss, [str(p) for p in paths],
                                            [batch.Options()] * len(paths)):
            if result.status != "ok":
                log.warning("%s: %s", result.path, result.error)
            done.append(at)
            rss = max(rss, rss_kib)
            cpu += secs
    wall = time.perf_counter() - started
    done.sort()
    # Steady state: the last len-workers documents finished after the first `workers` ones.
    steady = done[-1] - done[workers - 1] if len(done) > workers else float("nan")
    return {
        "workers": workers,
        "docs": len(paths),
        "wall_s": wall,
        "startup_s": done[0] - started,
        "docs_per_s": (len(done) - workers) / steady if steady > 0 else float("nan"),
        "docs_per_s_wall": len(done) / wall,
        "peak_rss_mib": rss / 1024,
        "cpu_per_doc_s": cpu / len(done),
        # CPU the workers got while working, of what `workers` idle cores would give.
        "utilisation": cpu / ((done[-1] - done[0] + cpu / len(done)) * workers),
    }


# --------------------------------------------------------------------- stages


class _Timer:
    """Wraps module functions and adds up the CPU time spent in each."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = {}
        self._undo: list[Callable[[], None]] = []

    def wrap(self, module: Any, name: str, stage: str) -> None:
        original = getattr(module, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            t = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                self.cpu[stage] = self.cpu.get(stage, 0.0) + time.process_time() - t

        setattr(module, name, timed)
        self._undo.append(lambda: setattr(module, name, original))

    def restore(self) -> None:
        for undo in reversed(self._undo):
            undo()


def stage_times(path: Path, repeat: int) -> dict[str, float]:
    """Median CPU seconds per stage of one document, end to end (after a warm-up run)."""
    import goalcheck.extract
    import goalcheck.ingest
    import goalcheck.sections

    batch.warm_up()
    api.analyze_document(path)
    runs: list[dict[str, float]] = []
    for _ in range(repeat):
        timer = _Timer()
        timer.wrap(goalcheck.ingest, "read_document", "parse: read")
        timer.wrap(goalcheck.sections, "find_sections", "parse: sections")
        timer.wrap(goalcheck.extract, "extract_goals", "parse: goals")
        timer.wrap(api, "analyze_many", "_analyze")
        timer.wrap(api, "_apply_models", "models")
        timer.wrap(api, "_finish", "scoring + rewrite")
        t0 = time.process_time()
        try:
            report = api.analyze_document(path)
        finally:
            timer.restore()
        t1 = time.process_time()
        rows = export.goal_rows(report, document_id="x")
        export.to_csv(rows)
        export.to_json(report)
        export.to_html(report)
        t2 = time.process_time()
        cpu = timer.cpu
        cpu["nlp"] = cpu.pop("_analyze") - cpu.get("models", 0.0) - cpu.get("scoring + rewrite", 0.0)
        cpu["write (rows, csv, json, html)"] = t2 - t1
        cpu["total"] = t2 - t0
        cpu["goals"] = len(report.goals)
        cpu["pages"] = report.pages
        runs.append(cpu)
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


# --------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="documents to generate (default 200)")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/goalcheck-bench"))
    parser.add_argument("--repeat", type=int, default=5, help="runs of the stage timing")
    parser.add_argument("--skip-throughput", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")

    t = time.perf_counter()
    paths = make_corpus(args.n, args.dir)
    print(f"corpus: {len(paths)} fictional IEPs in {args.dir} ({time.perf_counter() - t:.1f} s)")

    if not args.skip_throughput:
        one = throughput(paths, 1)
        two = throughput(paths, 2)
        for r in (one, two):
            print(f"{r['workers']} worker(s): {r['docs_per_s']:.2f} docs/s steady "
                  f"({r['docs_per_s_wall']:.2f} docs/s wall incl. {r['startup_s']:.1f} s start-up), "
                  f"peak RSS per worker {r['peak_rss_mib']:.0f} MiB, "
                  f"{r['cpu_per_doc_s']:.2f} CPU s/doc, core utilisation {r['utilisation']:.0%}")
        ratio = two["docs_per_s"] / one["docs_per_s"]
        print(f"scaling ratio 1 -> 2 workers: {ratio:.2f} (target >= 1.7); "
              f"load average now {os.getloadavg()[0]:.1f} (other jobs on the cores lower it)")

    twelve = ROOT / "tests" / "corpus" / "twelve_page.pdf"
    stages = stage_times(twelve, args.repeat)
    print(f"\n{twelve.name}: {stages.pop('pages'):.0f} pages, {stages.pop('goals'):.0f} goals; "
          f"median CPU seconds of {args.repeat} runs:")
    total = stages.pop("total")
    for name, secs in stages.items():
        print(f"  {name:<32}{secs:7.3f}")
    print(f"  {'end to end':<32}{total:7.3f}  (target < 1 s of one core)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
