#!/usr/bin/env python
"""Build the labelled goalcheck training corpus (deterministic).

Writes training_data/goals.jsonl, lines.jsonl, agreement_sample.jsonl and the
counts table of DATASHEET.md; validates every record and exits 1 on error.

Usage:
    python scripts/make_training_data.py [--check]   # --check: validate only, write nothing
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from training_data.ccss import expand, official_codes
from training_data.composer import ACADEMIC, cite, compose
from training_data.markup import parse, shift

from training_data import lines as L

log = logging.getLogger("make_training_data")
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "training_data"
HAND = Path(__file__).resolve().parent / "training_data" / "handwritten"
SEED = 20260517
COMPONENTS = ("timeframe", "condition", "learner", "behavior", "criterion", "measurement")
KINDS = ("annual_goal", "objective", "postsecondary_goal")
MEAS = ("measurable", "partially_measurable", "not_measurable")
STRENGTH = ("strength_based", "neutral", "deficit_based")
DOMAINS = ("reading", "writing", "math", "communication", "social_emotional", "motor", "adaptive", "transition")
STATUSES = ("explicit", "inferred", "none", "not_applicable")
GRADES = ("PK", "K", *[str(g) for g in range(1, 13)], "18-21")
DOM_ABBR = {**{d[:3]: d for d in DOMAINS}, "sel": "social_emotional"}
KIND_ABBR = {"A": "annual_goal", "O": "objective", "P": "postsecondary_goal"}
STATUS_ABBR = {"e": "explicit", "i": "inferred", "n": "none", "x": "not_applicable"}
AFTER_SCHOOL = re.compile(r"after|upon|following|once|leaving|exiting|graduat|post-?secondary|as an adult|complet\w* (of )?(high )?school", re.IGNORECASE)
GOAL_PREFIX = ["1. ", "2. ", "Goal #2: ", "• ", "Annual Goal 3: ", "GOAL 1 - ", "(a) ", "- ", "Goal 4) ", "G1: ", "3) ", "* ", "Measurable Annual Goal: "]
OBJ_PREFIX = ["a) ", "Objective 1.2: ", "Benchmark A: ", "1a. ", "STO 2: ", "Obj. 3 ", "i. ", "• ", "2b) ", "Short-term objective 1: ", "B. ", "- "]


def classes(kind: str, text: str, comps: dict[str, list[list[int]]]) -> str:
    """Measurability class implied by the components (RUBRIC 2)."""
    if not comps["behavior"]:
        return "not_measurable"
    if kind == "postsecondary_goal":
        ok = any(AFTER_SCHOOL.search(text[s:e]) for s, e in comps["timeframe"])
        return "measurable" if ok else "partially_measurable"
    if comps["criterion"] and comps["timeframe"]:
        return "measurable"
    return "partially_measurable"


def build(marked: str, kind: str, grade: str | None, domain: str, codes: list[str], status: str,
          neutral: bool, source: str, prefix: str = "", upper: bool = False, typo_rng: random.Random | None = None) -> dict:
    """Turn a marked goal and its metadata into a corpus record."""
    text, spans = parse(marked)
    if prefix:
        text, spans = prefix + text, shift(spans, len(prefix))
    if upper:
        up = text.upper()
        text = up if len(up) == len(text) else text
    if typo_rng is not None:
        words = [m for m in re.finditer(r"[A-Za-z]{5,}", text)]
        if words:
            w = typo_rng.choice(words)
            i = typo_rng.randrange(w.start() + 1, w.end() - 2)
            text = text[:i] + text[i + 1] + text[i] + text[i + 2:]
    comps = {c: spans[c] for c in COMPONENTS}
    deficit = spans["deficit_spans"]
    return {
        "id": "", "text": text, "kind": kind, "grade": grade, "domain": domain, "components": comps,
        "vague_verbs": spans["vague_verbs"], "deficit_spans": deficit,
        "measurability_class": classes(kind, text, comps),
        "strength_class": "deficit_based" if deficit else ("neutral" if neutral else "strength_based"),
        "ccss": codes, "alignment_status": status, "source": source, "split": "",
    }


def load_handwritten() -> list[dict]:
    """Read scripts/training_data/handwritten/*.txt: ``KIND GRADE DOM STATUS CODES [N] | marked``."""
    out = []
    for path in sorted(HAND.glob("*.txt")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            head, _, marked = line.partition(" | ")
            f = head.split()
            try:
                kind, grade, dom, st, codes = KIND_ABBR[f[0]], f[1], DOM_ABBR[f[2]], STATUS_ABBR[f[3]], f[4]
                full = [] if codes == "-" else [expand(c) for c in codes.split(",")]
                rec = build(marked, kind, None if grade == "?" else grade, dom, full, st, "N" in f[5:], "handwritten")
            except (KeyError, IndexError, ValueError) as exc:
                raise SystemExit(f"{path.name}:{n}: {exc}")
            rec["_where"] = f"{path.name}:{n}"
            out.append(rec)
    return out


def plan(rng: random.Random, hand: list[dict], total: int) -> list[tuple[str, str, str, str]]:
    """Choose (domain, kind, measurability, strength) for each composed goal."""
    per_dom = total // len(DOMAINS)
    items = []
    for d in DOMAINS:
        for _ in range(per_dom):
            r = rng.random()
            kind = "objective" if r < 0.22 else "annual_goal"
            if d == "transition" and r > 0.35:
                kind = "postsecondary_goal"
            m = rng.choices(MEAS, weights=(0.45, 0.30, 0.25))[0]
            neutral_ok = d in ("social_emotional", "communication", "adaptive", "motor", "transition") and m != "not_measurable" and kind != "postsecondary_goal"
            w_neutral = {"social_emotional": 0.45, "communication": 0.2, "adaptive": 0.2, "motor": 0.1, "transition": 0.1}.get(d, 0) if neutral_ok else 0
            s = rng.choices(STRENGTH, weights=(1 - 0.28 - w_neutral, w_neutral, 0.28))[0]
            items.append((d, kind, m, s))
    return items


def composed_goals(rng: random.Random, hand: list[dict], total: int, seen: set[str]) -> list[dict]:
    out = []
    for d, kind, m, s in plan(rng, hand, total):
        for _ in range(20):
            g = compose(rng, d, kind, m, s)
            marked = g["marked"]
            status, codes = g["status"], g["codes"]
            if codes and rng.random() < 0.14:
                c = cite(codes[0], rng)
                marked = rng.choice([f"{marked[:-1]} ({c}).", f"{c}: {marked}", f"{marked} [Standard: {c}]", f"{marked} Aligned to {c}."])
                status = "explicit"
            if rng.random() < 0.07:
                marked = marked + rng.choice([" Baseline: 40% accuracy in September.", " (Baseline: currently 2 of 10.)",
                                              " This goal supports access to the general curriculum.", " Progress will be reported quarterly."])
            prefix = ""
            if rng.random() < 0.3:
                prefix = rng.choice(OBJ_PREFIX if kind == "objective" else GOAL_PREFIX)
            rec = build(marked, kind, g["grade"], d, codes, status, g["neutral"], "composed", prefix,
                        upper=rng.random() < 0.05, typo_rng=rng if rng.random() < 0.07 else None)
            if rec["text"] not in seen:
                seen.add(rec["text"])
                out.append(rec)
                break
    return out


def validate(recs: list[dict]) -> list[str]:
    """Check every record; return a list of error strings."""
    errs: list[str] = []
    codes = official_codes()
    ids = set()
    for r in recs:
        w = r.get("_where", r["id"])
        t = r["text"]
        if r["id"] in ids:
            errs.append(f"{w}: duplicate id")
        ids.add(r["id"])
        if r["kind"] not in KINDS or r["domain"] not in DOMAINS or r["grade"] not in (*GRADES, None):
            errs.append(f"{w}: bad kind/domain/grade")
        if r["measurability_class"] not in MEAS or r["strength_class"] not in STRENGTH or r["alignment_status"] not in STATUSES:
            errs.append(f"{w}: bad class")
        if set(r["components"]) != set(COMPONENTS):
            errs.append(f"{w}: components keys")
        for name, spans in [*r["components"].items(), ("vague_verbs", r["vague_verbs"]), ("deficit_spans", r["deficit_spans"])]:
            prev = -1
            for s, e in sorted(spans):
                if not (0 <= s < e <= len(t)):
                    errs.append(f"{w}: {name} span out of range")
                elif t[s:e] != t[s:e].strip() or not t[s:e].strip():
                    errs.append(f"{w}: {name} span {t[s:e]!r} has edge spaces")
                if s < prev:
                    errs.append(f"{w}: overlapping {name} spans")
                prev = e
        if r["measurability_class"] != classes(r["kind"], t, r["components"]):
            errs.append(f"{w}: measurability class inconsistent")
        if (r["strength_class"] == "deficit_based") != bool(r["deficit_spans"]):
            errs.append(f"{w}: strength class inconsistent")
        for c in r["ccss"]:
            if c not in codes:
                errs.append(f"{w}: unknown code {c}")
        st, d = r["alignment_status"], r["domain"]
        if d in ("social_emotional", "motor", "adaptive", "transition") and st != "not_applicable":
            errs.append(f"{w}: functional domain must be not_applicable")
        if st in ("explicit", "inferred") and not r["ccss"]:
            errs.append(f"{w}: {st} without codes")
        if st in ("none", "not_applicable") and r["ccss"]:
            errs.append(f"{w}: codes with status {st}")
        if d in ACADEMIC and st == "not_applicable":
            errs.append(f"{w}: academic goal not_applicable")
        if r["kind"] == "postsecondary_goal" and d != "transition":
            errs.append(f"{w}: postsecondary outside transition")
    return errs


def assign_split(recs: list[dict], key) -> None:
    """Deterministic stratified ~20% test split."""
    strata: dict[tuple, list[dict]] = {}
    for r in recs:
        strata.setdefault(key(r), []).append(r)
    for group in strata.values():
        group.sort(key=lambda r: hashlib.sha1(("split" + r["text"]).encode()).hexdigest())
        n_test = round(0.2 * len(group))
        for i, r in enumerate(group):
            r["split"] = "test" if i < n_test else "train"


def band(g: str | None) -> str:
    if g is None:
        return "unknown"
    if g in ("PK", "K", "1", "2"):
        return "PK-2"
    if g == "18-21":
        return "18-21"
    n = int(g)
    return "3-5" if n <= 5 else ("6-8" if n <= 8 else "9-12")


def table(title: str, counter: Counter, order=None) -> str:
    keys = order or sorted(counter)
    rows = [f"| {k} | {counter.get(k, 0)} |" for k in keys if counter.get(k, 0)]
    return f"**{title}**\n\n| value | goals |\n|---|---|\n" + "\n".join(rows) + "\n"


def counts_md(goals: list[dict], lines: list[dict]) -> str:
    parts = [f"Goals: {len(goals)}; lines: {len(lines)}.\n"]
    parts.append(table("Domain", Counter(g["domain"] for g in goals), list(DOMAINS)))
    parts.append(table("Kind", Counter(g["kind"] for g in goals), list(KINDS)))
    parts.append(table("Measurability class", Counter(g["measurability_class"] for g in goals), list(MEAS)))
    parts.append(table("Strength class", Counter(g["strength_class"] for g in goals), list(STRENGTH)))
    parts.append(table("Alignment status", Counter(g["alignment_status"] for g in goals), list(STATUSES)))
    parts.append(table("Grade band", Counter(band(g["grade"]) for g in goals), ["PK-2", "3-5", "6-8", "9-12", "18-21", "unknown"]))
    parts.append(table("Grade", Counter(g["grade"] or "unknown" for g in goals), [*GRADES, "unknown"]))
    parts.append(table("Source", Counter(g["source"] for g in goals)))
    parts.append(table("Split (goals)", Counter(g["split"] for g in goals)))
    parts.append(table("Goals with CCSS codes", Counter("with codes" if g["ccss"] else "without" for g in goals)))
    parts.append(table("Line label", Counter(x["label"] for x in lines), ["annual_goal", "objective", "not_goal"]))
    parts.append(table("Line context", Counter(x["context"] for x in lines)))
    parts.append(table("Split (lines)", Counter(x["split"] for x in lines)))
    return "\n".join(parts)


def dump(path: Path, recs: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="validate only")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    rng = random.Random(SEED)
    hand = load_handwritten()
    seen = {r["text"] for r in hand}
    comp = composed_goals(rng, hand, max(1720 - len(hand), 1300), seen)
    goals = hand + comp
    rng.shuffle(goals)
    for i, g in enumerate(goals, 1):
        g["id"] = f"g{i:05d}"
    errs = validate(goals)
    for g in goals:
        g.pop("_where", None)
    assign_split(goals, lambda r: (r["domain"], r["measurability_class"]))
    lines = L.make_lines(random.Random(SEED + 1), seen)
    line_errs = L.validate(lines)
    assign_split(lines, lambda r: (r["label"], r["context"]))
    errs += line_errs
    if errs:
        for e in errs[:50]:
            log.error(e)
        log.error("%d errors", len(errs))
        return 1
    if args.check:
        log.info("ok: %d goals, %d lines", len(goals), len(lines))
        return 0
    OUT.mkdir(exist_ok=True)
    dump(OUT / "goals.jsonl", goals)
    dump(OUT / "lines.jsonl", lines)
    arng = random.Random(SEED + 2)
    sample = []
    for d in DOMAINS:
        pool = sorted((g for g in goals if g["domain"] == d), key=lambda g: g["id"])
        sample += arng.sample(pool, 25)
    sample.sort(key=lambda g: g["id"])
    dump(OUT / "agreement_sample.jsonl", [{"id": g["id"], "text": g["text"]} for g in sample])
    ds = OUT / "DATASHEET.md"
    if ds.exists():
        s = ds.read_text(encoding="utf-8")
        a, b = "<!-- counts:start -->", "<!-- counts:end -->"
        if a in s and b in s:
            s = s[: s.index(a) + len(a)] + "\n" + counts_md(goals, lines) + s[s.index(b):]
            ds.write_text(s, encoding="utf-8")
    log.info("wrote %d goals, %d lines", len(goals), len(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
