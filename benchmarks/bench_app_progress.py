"""Progress of a big upload in the app: how soon the bar moves, how often, and the total time.

Usage:
    python benchmarks/bench_app_progress.py [--mb 3] [--goals 300]

Builds a fictional plan of about --mb MB of text (every line different: --goals annual
goals, then present-level notes) and analyses it through the app's upload path
(``app_support.analyse_upload``, no time limit) with a progress callback, in a warm
process. Prints the time to the first report, to the first report that counts work
done, the longest gap between two reports, each stage's time and the total. The app
redraws its bar from the latest report every 0.2 s, so the bar moves as often as the
reports come.
"""

from __future__ import annotations

import argparse
import time

from goalcheck import app_support as sup
from goalcheck.api import analyze_document

TOPICS = ("trains", "whales", "volcanoes", "the moon", "bridges", "insects", "storms", "castles")


def plan_text(megabytes: float, goals: int) -> bytes:
    """A fictional IEP of about ``megabytes`` MB, every line distinct."""
    lines = ["Individualized Education Program", "Student: Ravi Patel    Grade: 4", "Annual Goals"]
    lines += [f"Goal {i}: By June 2027, given a grade {2 + i % 4} passage, Ravi will read aloud {40 + i} words "
              f"correct per minute in {1 + i % 5} of 5 trials, as measured by weekly probes." for i in range(goals)]
    lines.append("Present Levels of Academic Achievement")
    size, i = sum(len(x) + 1 for x in lines), 0
    while size + 200 < megabytes * 1e6:
        note = (f"On day {i}, Ravi read {i % 37 + 3} pages about {TOPICS[i % len(TOPICS)]} with partner "
                f"{i % 11 + 1} and retold {i % 7 + 1} events in order.")
        lines.append(note)
        size += len(note) + 1
        i += 1
    return ("\n".join(lines) + "\n").encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.99, help="size (the character limit is 3,000,000)")
    parser.add_argument("--goals", type=int, default=300)
    args = parser.parse_args()
    analyze_document(b"Annual Goals\nBy May 2027, Jo will read 20 words with 90% accuracy.\n", name="warm.txt")
    data = plan_text(args.mb, args.goals)
    reports: list[tuple[float, str, int, int]] = []
    began = time.perf_counter()
    result = sup.analyse_upload("big_plan.txt", data, timeout=0,
                                progress=lambda s, d, t: reports.append((time.perf_counter() - began, s, d, t)))
    total = time.perf_counter() - began
    if isinstance(result, str):
        raise SystemExit(f"not analysed: {result}")
    times = [r[0] for r in reports]
    first_work = next(r[0] for r in reports if r[2] > 0)
    gaps = [b - a for a, b in zip(times, times[1:])]
    lines = data.count(b"\n")
    print(f"text: {len(data) / 1e6:.2f} MB, {lines:,} lines, {len(result.goals)} goals found")
    print(f"first report: {times[0]:.3f} s; first report of work done: {first_work:.2f} s; "
          f"reports: {len(reports)}; longest gap: {max(gaps):.2f} s; total: {total:.1f} s")
    for stage in dict.fromkeys(r[1] for r in reports):
        at = [r[0] for r in reports if r[1] == stage]
        print(f"  {stage}: {at[0]:.2f} -> {at[-1]:.2f} s ({len(at)} reports)")


if __name__ == "__main__":
    main()
