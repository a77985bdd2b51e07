"""Goals per second of analyze_many (and analyze_goal) on one core, on distinct texts only.

Run: python benchmarks/bench_goals.py [--n 1500] [--runs 3] [--profile]

Every text is analysed once per process: the set is the de-duplicated goals
of training_data/ (goals.jsonl, challenge_goals.jsonl, outside_goals.jsonl;
hand-written, fictional) in a fixed shuffled order, and, only when ``--n``
asks for more, variants of them with other names and numbers (each checked
to be new). Repeating a text would flatter every cache (spaCy's vocabulary,
lexicon lookups), so each run is a fresh process: warm-up on goals outside
the set, then one timed pass (CPU seconds of the process). ``--runs``
processes; the median and best are printed. Target: >= 800 goals/s.

``--profile`` adds, in one more process, the time of each stage (the
tokenizer, every pipeline component, and the conversion into analyses: scores,
explanations, rewrites) and cProfile's top functions.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "training_data"
SOURCES = ("goals.jsonl", "challenge_goals.jsonl", "outside_goals.jsonl")
NAMES = ["Maya", "Jonah", "Priya", "Eli", "Lucía", "Mateo", "Aisha", "Sam", "Noor", "Kenji", "Zoe",
         "Darius", "Ines", "Tomas", "Amara", "Leo", "Hana", "Omar", "Ruby", "Theo"]
WARM_UP = [
    "By June 2027, Maya will read 20 sight words with 90% accuracy.",
    "Given a visual schedule, the student will transition between activities with no more than 2 prompts.",
    "Sam will improve his math skills.",
    "After graduation, Noor will enroll in a culinary program at a community college.",
    "1. Write a five-sentence paragraph with a topic sentence in 4 of 5 trials by May 2027.",
]


def _norm(text: str) -> str:
    return " ".join(text.split())


def distinct_goals(n: int, seed: int = 15) -> tuple[list[str], int]:
    """``n`` distinct goal texts, and how many of them are variants rather than originals."""
    seen: set[str] = set(_norm(t) for t in WARM_UP)
    texts: list[str] = []
    for name in SOURCES:
        path = DATA / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            text = _norm(json.loads(line).get("text", "")) if line.strip() else ""
            if text and text not in seen:
                seen.add(text)
                texts.append(text)
    rnd = random.Random(seed)
    rnd.shuffle(texts)
    originals = texts[:n]
    out = list(originals)
    tries = 0
    while len(out) < n and originals and tries < 50 * n:
        tries += 1
        text = _variant(rnd.choice(originals), rnd)
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out, len(out) - min(len(originals), n)


def _variant(text: str, rnd: random.Random) -> str:
    """The goal with its names and numbers changed (same structure, new text)."""
    names = set(NAMES) & set(re.findall(r"[A-ZÁÉÍÓÚ][a-záéíóú]+", text))
    for name in names:
        text = re.sub(rf"\b{name}\b", rnd.choice(NAMES), text)
    # Counts and percentages of 10 or more move a little; "4 of 5" stays as it is.
    return re.sub(r"\b[1-9]\d{1,2}\b", lambda m: str(int(m.group()) + rnd.randint(1, 9)), text)


def pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    os.environ.setdefault("OMP_NUM_THREADS", "1")


def one_run(n: int, single: int) -> dict[str, float]:
    """One fresh process's figures: analyze_many goals/s over ``n`` distinct texts, and analyze_goal's."""
    pin_one_core()
    from goalcheck import analyze_goal, analyze_many

    t = time.perf_counter()
    analyze_goal(WARM_UP[0])
    startup = time.perf_counter() - t
    analyze_many(WARM_UP[1:])
    goals, variants = distinct_goals(n + single)
    many_texts, single_texts = goals[:n], goals[n:]
    t = time.process_time()
    analyze_many(many_texts)
    many = len(many_texts) / (time.process_time() - t)
    t = time.process_time()
    for g in single_texts:
        analyze_goal(g)
    one = len(single_texts) / max(time.process_time() - t, 1e-9)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"many": many, "single": one, "n": len(many_texts), "variants": variants,
            "startup": startup, "rss_mb": rss}


def stages(n: int) -> None:
    """CPU seconds of each stage of analyze_many over ``n`` distinct goals, then cProfile's top.

    The stages are what ``analyze_many`` runs: the tokenizer (``api.goal_docs``),
    every component of the pipeline (its ``pipe``, as ``nlp.pipe`` calls it) and
    the conversion of the Docs into analyses (``convert.analysis_from_doc``).
    """
    pin_one_core()
    from goalcheck import analyze_goal, analyze_many, api
    from goalcheck.convert import analysis_from_doc
    from goalcheck.pipeline import build_nlp
    from goalcheck.profiles import load_profile

    analyze_goal(WARM_UP[0])
    goals, _ = distinct_goals(2 * n)
    first, second = goals[:n], goals[n:]
    nlp = build_nlp()
    profile = load_profile(None)
    T = time.process_time
    rows: list[tuple[str, float]] = []
    t = T()
    docs = list(api.goal_docs(first))
    rows.append(("tokenizer (goal_docs)", T() - t))
    for name, proc in nlp.pipeline:
        t = T()
        docs = list(proc.pipe(docs, batch_size=64)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        rows.append((name, T() - t))
    t = T()
    for g, d in zip(first, docs, strict=True):
        analysis_from_doc(d, g, profile)
    rows.append(("convert.analysis_from_doc", T() - t))
    total = sum(s for _, s in rows)
    print(f"\nstages over {n} distinct goals ({n / total:.0f} goals/s in all):")
    for name, s in rows:
        print(f"  {name:32} {s * 1e3 / n:7.3f} ms/goal  {100 * s / total:5.1f}%")
    # The machine's speed varies from day to day; the spaCy network (BLAS) is a yardstick:
    # compare goalcheck's own share across runs as a ratio to it.
    network = sum(s for name, s in rows if name in ("tok2vec", "tagger"))
    own = sum(s for name, s in rows if name.startswith(("goalcheck/", "convert.")) or name == "lemmatizer")
    print(f"  goalcheck's own stages {own * 1e3 / n:.3f} ms/goal, spaCy's network {network * 1e3 / n:.3f} "
          f"ms/goal (ratio {own / network:.2f})" if network else "")
    prof = cProfile.Profile()
    prof.enable()
    analyze_many(second)
    prof.disable()
    for key in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats(key).print_stats(30)
        print(out.getvalue())


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=1500, help="distinct goals per analyze_many pass")
    p.add_argument("--single", type=int, default=150, help="further distinct goals through analyze_goal")
    p.add_argument("--runs", type=int, default=3, help="fresh processes (each text once per process)")
    p.add_argument("--profile", action="store_true", help="stage times and cProfile, in one more process")
    p.add_argument("--_child", choices=["run", "stages"], help=argparse.SUPPRESS)
    args = p.parse_args()
    if args._child == "run":
        print(json.dumps(one_run(args.n, args.single)))
        return
    if args._child == "stages":
        stages(args.n)
        return
    results = []
    for _ in range(args.runs):
        out = subprocess.run([sys.executable, __file__, "--_child", "run", "--n", str(args.n),
                              "--single", str(args.single)], capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    r0 = results[0]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{r0['n']} distinct goals per pass ({r0['variants']} of them variants with other names/numbers), "
          f"{args.runs} fresh processes, one core, CPU time; load average {load:.1f}")
    print(f"start-up (pipeline, standards index, first goal): {statistics.median(r['startup'] for r in results):.2f} s")
    many = [r["many"] for r in results]
    single = [r["single"] for r in results]
    print(f"analyze_many: median {statistics.median(many):6.0f} goals/s, best {max(many):6.0f}  (target >= 800)")
    print(f"analyze_goal one at a time: median {statistics.median(single):6.0f} goals/s")
    print(f"max resident set size: {max(r['rss_mb'] for r in results):.0f} MiB")
    if args.profile:
        subprocess.run([sys.executable, __file__, "--_child", "stages", "--n", str(args.n)], check=True)


if __name__ == "__main__":
    main()
