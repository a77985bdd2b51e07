#!/usr/bin/env python
"""Inter-annotator agreement between goals.jsonl and the blind second annotation.

Joins ``training_data/agreement_second.jsonl`` (second annotator, labelled blind
from ``agreement_sample.jsonl``) with the first annotator's labels by goal text,
computes raw agreement and Cohen's kappa per label, prints the table and
rewrites the "Inter-annotator agreement" section of ANNOTATION_GUIDE.md between
its markers.

The corpus is regenerated whenever handwritten goals are added, which renumbers
ids and recomposes the composed goals; the first annotator's labels are
therefore looked up by text, first in the working-tree goals.jsonl and then in
goals.jsonl at ``--ref`` (the commit the sample was drawn from).

Usage:
    python scripts/agreement.py [--ref COMMIT] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import subprocess
import sys
from collections import Counter
from pathlib import Path

from sklearn.metrics import cohen_kappa_score

log = logging.getLogger("agreement")
ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "training_data"
SECOND = DATA / "agreement_second.jsonl"
GOALS = DATA / "goals.jsonl"
GUIDE = DATA / "ANNOTATION_GUIDE.md"
# goals.jsonl as it was when agreement_sample.jsonl was drawn (before issue 4's extra goals).
REF = "4dc911373040b74f40aa8c453dc9c7e7cf3dc511"
START, END = "<!-- agreement:start -->", "<!-- agreement:end -->"
COMPONENTS = ("timeframe", "condition", "learner", "behavior", "criterion", "measurement")
CLASS_LABELS = ("measurability_class", "strength_class", "domain", "alignment_status", "kind")

# Written by the second annotator after reading the disagreement listing below.
DISCUSSION = """\
Agreement is high on everything the rubric decides from the text (timeframe,
behavior, strength class: no disagreement; criterion, measurement, classes,
alignment: kappa above 0.9). Most of the corpus is composed from fragments whose
labels follow the rubric by construction, so these figures are an upper bound
for real IEP text. The disagreements, and the reading this guide now prescribes:

- **kind** (kappa lowest): the composer draws `objective` at random, and many
  composed objectives read exactly like annual goals (g00239 "Wei will try to
  complete a job application ...", g01042 "ELA L 3.2e: By mid-year, ... Emma
  ... will spell ..."); the second annotator, reading only the text, called them
  annual goals. Rule: kind follows the text's cues (RUBRIC 7.14: "1a.",
  "Objective 1.2", "Benchmark A", "STO"), and a goal with no cue is
  `annual_goal`. The composer should give composed objectives an objective cue
  (or no subject); until then do not train or evaluate kind on composed goals.
  "(a)" (g00941) is a lettered item under a goal and marks an objective, like
  "1a.".
- **learner**: when the goal clause has no subject but a preceding deficit
  sentence names the student (g00061 "Ximena cannot work cooperatively ...
  With a visual timer, enhance cooperation ..."; g01416 "Student is attention
  seeking. Unpack his backpack ..."), the first annotator left learner absent,
  the second marked the name. Rule: learner is the subject of the goal clause
  only; a name in a present-levels, deficit or "because" clause is not a learner
  span (g00037 marks "they", not "the student" of "Because the student is low
  in keyboarding").
- **domain, motor vs adaptive**: opening lunch containers, buttoning and
  fasteners (g00025, g00400, g01448, g01629) were motor for the first annotator
  and adaptive for the second. Rule: manipulating a fastener, container or tool
  is `motor` (a fine-motor target); completing a self-care routine (eat lunch,
  put on and zip a coat, brush teeth, use the toilet) is `adaptive`.
- **domain, communication vs social_emotional**: saying "help please" instead
  of crying (g00514, g00670), taking turns in a conversation (g01194) and
  initiating a greeting (g01240). Rule: when the target is a message (a
  spoken, signed or AAC request, greeting, comment or conversational turn) the
  domain is `communication`, even when it replaces a problem behavior;
  `social_emotional` is for regulation, compliance and behavior targets.
- **domain, name tracing** (g01198, g01231): writing for the first annotator,
  motor for the second. Rule, as in the borderline table ("Jonah will write his
  name legibly"): writing or tracing one's name is `writing` with status `none`;
  letter formation, sizing and spacing as OT targets are `motor`.
- **criterion, counts in the object**: "name two accommodations" (g00912) and
  "button three buttons" (g01000) were no criterion for the first annotator.
  RUBRIC 7.4 counts amounts of performance ("write 3 sentences"), so both have
  a criterion; fixed skill phrases with a number ("button three buttons") should
  be reworded in the fragments ("button the buttons on a shirt") when no count
  is meant.
- **measurement, instruments inside criteria**: "scoring 3/4 on a summary
  rubric" (g00522), "on 4 of 5 quizzes" (g01216), "in 3 of 4 weekly
  observations" (g00430), "in 4 of 5 samples" (g00530) had no measurement for
  the first annotator. RUBRIC 7.7: an instrument named in the criterion (rubric,
  quiz, probe, observation, work sample) is also a measurement span.
- **condition**: settings are conditions ("at a community work site" g00112,
  "in class" g00244), and so is "using her AAC device" (g00879, RUBRIC 7.17);
  the object of the verb is not ("reading aloud 1st grade text" g00217), nor is
  "using and, but, or so" (g00530), which names content, not a tool or
  strategy. A material the action is done on ("on an analog clock", g01118) is a
  condition.
- **alignment**: typing a paragraph (g00037, keyboarding) is `inferred`
  against W.x.6, which names keyboarding; a skill named only in the deficit
  sentence does not align a goal whose own clause names none (g01228 "will
  enhance literacy skills": `none`).
"""


def first_labels(rec: dict) -> dict[str, str]:
    """Flatten a goals.jsonl record to the compared labels (presence as "yes"/"no")."""
    out = {c: "yes" if rec["components"][c] else "no" for c in COMPONENTS}
    out.update({k: rec[k] for k in CLASS_LABELS})
    return out


def second_labels(rec: dict) -> dict[str, str]:
    """Flatten an agreement_second.jsonl record the same way."""
    out = {c: "yes" if rec["components"][c] else "no" for c in COMPONENTS}
    out.update({k: rec[k] for k in CLASS_LABELS})
    return out


def read_jsonl(text: str) -> list[dict]:
    """Parse JSON lines, skipping blank ones."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def load_reference(ref: str) -> dict[str, dict]:
    """First-annotator records keyed by text: working tree first, then ``ref``."""
    by_text: dict[str, dict] = {}
    try:
        old = subprocess.run(["git", "show", f"{ref}:training_data/goals.jsonl"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
        by_text.update({r["text"]: r for r in read_jsonl(old)})
    except (subprocess.CalledProcessError, FileNotFoundError):
        log.warning("could not read goals.jsonl at %s; using the working tree only", ref)
    if GOALS.exists():
        by_text.update({r["text"]: r for r in read_jsonl(GOALS.read_text(encoding="utf-8"))})
    return by_text


def kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa; NaN when it is undefined (a single category overall)."""
    if len(set(a) | set(b)) < 2:
        return math.nan
    return float(cohen_kappa_score(a, b))


def compare(pairs: list[tuple[dict, dict]]) -> list[dict]:
    """One row per label: n, raw agreement, kappa and the commonest confusions."""
    rows = []
    for label in (*COMPONENTS, *CLASS_LABELS):
        a = [first_labels(f)[label] for f, _ in pairs]
        b = [second_labels(s)[label] for _, s in pairs]
        conf = Counter((x, y) for x, y in zip(a, b) if x != y)
        examples: dict[tuple[str, str], list[str]] = {}
        for (_, s), x, y in zip(pairs, a, b):
            if x != y:
                examples.setdefault((x, y), []).append(s["id"])
        rows.append({
            "label": label, "n": len(a), "agree": sum(x == y for x, y in zip(a, b)) / len(a),
            "kappa": kappa(a, b), "confusions": conf.most_common(),
            "examples": examples,
        })
    return rows


def table_md(rows: list[dict]) -> str:
    """Markdown table of the agreement rows."""
    out = ["| label | n | raw agreement | Cohen's kappa | commonest disagreements (first -> second: count) |",
           "|---|---|---|---|---|"]
    for r in rows:
        k = "n/a" if math.isnan(r["kappa"]) else f"{r['kappa']:.2f}"
        conf = "; ".join(f"{x} -> {y}: {n}" for (x, y), n in r["confusions"][:3]) or "none"
        out.append(f"| {r['label']} | {r['n']} | {r['agree']:.1%} | {k} | {conf} |")
    return "\n".join(out)


def section_md(rows: list[dict], n_sample: int, n_joined: int, n_old: int) -> str:
    """The generated body of the guide's agreement section."""
    head = (
        f"`agreement_sample.jsonl` held {n_sample} goal ids and texts (25 per domain, fixed seed) "
        "without labels. A second annotator labelled them blind with this guide and RUBRIC.md "
        "(component presence, classes, domain, alignment status, kind) in "
        "`agreement_second.jsonl`; `python scripts/agreement.py` joins them with the first "
        f"annotator's labels by text ({n_joined} of {n_sample} joined, {n_old} of them from "
        f"goals.jsonl at commit {REF[:7]}, the version the sample was drawn from: regenerating "
        "the corpus renumbers ids and recomposes composed goals) and rewrites this section. "
        "Goal ids below are those of `agreement_second.jsonl`. Kappa is Cohen's kappa "
        "(scikit-learn); components are compared as present/absent, not as spans (span F1 "
        "is not measured yet)."
    )
    parts = [head, "", table_md(rows)]
    if DISCUSSION.strip():
        parts += ["", DISCUSSION.strip()]
    return "\n".join(parts)


def rewrite_guide(body: str) -> None:
    """Replace the text between the agreement markers (adding them if missing)."""
    s = GUIDE.read_text(encoding="utf-8")
    if START not in s or END not in s:
        title = "## Inter-annotator agreement"
        if title not in s:
            raise SystemExit(f"{GUIDE.name}: no '{title}' section")
        i = s.index(title) + len(title)
        nxt = s.find("\n## ", i)
        nxt = len(s) if nxt < 0 else nxt
        s = s[:i] + f"\n{START}\n{END}\n" + s[nxt:]
    s = s[: s.index(START) + len(START)] + "\n" + body + "\n" + s[s.index(END):]
    GUIDE.write_text(s, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref", default=REF, help="commit whose goals.jsonl the sample was drawn from")
    ap.add_argument("--no-write", action="store_true", help="print only; leave ANNOTATION_GUIDE.md alone")
    ap.add_argument("--examples", action="store_true", help="list the ids of every disagreement")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    second = read_jsonl(SECOND.read_text(encoding="utf-8"))
    current = {r["text"] for r in read_jsonl(GOALS.read_text(encoding="utf-8"))} if GOALS.exists() else set()
    ref = load_reference(args.ref)
    pairs = [(ref[s["text"]], s) for s in second if s["text"] in ref]
    missing = len(second) - len(pairs)
    if missing:
        log.warning("%d second-annotation goals have no first-annotator record", missing)
    if not pairs:
        log.error("nothing to compare")
        return 1
    n_old = sum(s["text"] not in current for _, s in pairs)
    rows = compare(pairs)
    print(table_md(rows))
    if args.examples:
        for r in rows:
            for (x, y), ids in r["examples"].items():
                print(f"{r['label']}: {x} -> {y}: {' '.join(ids)}")
    if not args.no_write:
        rewrite_guide(section_md(rows, len(second), len(pairs), n_old))
        log.info("rewrote the agreement section of %s", GUIDE.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
