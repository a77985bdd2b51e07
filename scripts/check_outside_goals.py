"""Validate training_data/outside_goals.jsonl (goals written in outside styles).

Checks every field and value, that quoted phrases are substrings of the text,
that ids are unique, that each measurability class follows from the
components by RUBRIC v2 (profile ``idea``), and that each style is split
evenly between the ``tune`` and ``heldout`` halves. Prints counts.

    python scripts/check_outside_goals.py [path]
    python scripts/check_outside_goals.py --write-blind-sample

Exit status 1 when any check fails. ``--write-blind-sample`` also writes
training_data/outside_blind_sample.jsonl: 150 items (ids and texts only, no
labels) for a blind second annotator, drawn with a fixed seed and stratified
by style x half. Standard library only.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "training_data" / "outside_goals.jsonl"
BLIND_SAMPLE_PATH = DEFAULT_PATH.with_name("outside_blind_sample.jsonl")
BLIND_SAMPLE_SIZE = 150
BLIND_SAMPLE_SEED = 20261202

FIELDS = (
    "id", "text", "style", "kind", "not_goal_reason", "language", "n_goals",
    "domain", "grade", "components", "vague_verbs", "deficit_phrases",
    "measurability_class", "strength_class", "alignment_status", "half", "note",
)
KINDS = {"annual_goal", "objective", "postsecondary_goal", "transition_activity", "not_goal"}
NOT_GOAL_REASONS = {"wish", "service", "accommodation", "present_levels", "other"}
DOMAINS = {"reading", "writing", "math", "communication", "social_emotional",
           "motor", "adaptive", "transition"}
GRADES = {"PK", "K"} | {str(g) for g in range(1, 13)}
COMPONENTS = ("timeframe", "condition", "learner", "behavior", "criterion", "measurement")
MEASURABILITY = {"measurable", "partially_measurable", "not_measurable"}
STRENGTH = {"strength_based", "neutral", "deficit_based"}
ALIGNMENT = {"explicit", "inferred", "none", "not_applicable"}
FUNCTIONAL = {"social_emotional", "motor", "adaptive", "transition"}
#: tune/heldout split outside_goals.jsonl; "fresh" is the blind set scored once (outside_fresh.jsonl).
HALVES = {"tune", "heldout", "fresh"}
ID_RE = re.compile(r"^[of]\d{4}$")
LANG_RE = re.compile(r"^[a-z]{2}$")


def expected_class(kind: str, components: dict[str, bool]) -> str | None:
    """The class RUBRIC v2 (profile idea) derives for a goal judged by components.

    Postsecondary goals are judged by the Indicator 13 rule, which depends on
    wording (wishes, unspecific outcomes), so only their lower bound is fixed:
    no observable outcome means not measurable. Returns None when the class is
    not determined by the components alone.
    """
    if kind in ("annual_goal", "objective", "transition_activity"):
        if not components["behavior"]:
            return "not_measurable"
        return "measurable" if components["criterion"] else "partially_measurable"
    if kind == "postsecondary_goal" and not components["behavior"]:
        return "not_measurable"
    return None


def check_item(item: dict, line_no: int) -> list[str]:
    """Every problem found in one item, as messages naming the line."""
    where = f"line {line_no} ({item.get('id', '?')})"
    errors: list[str] = []
    missing = [f for f in FIELDS if f not in item]
    extra = [f for f in item if f not in FIELDS]
    if missing or extra:
        return [f"{where}: missing fields {missing}, unknown fields {extra}"]

    def bad(msg: str) -> None:
        errors.append(f"{where}: {msg}")

    text = item["text"]
    if not isinstance(text, str) or not text.strip():
        bad("empty text")
        return errors
    if not isinstance(item["id"], str) or not ID_RE.match(item["id"]):
        bad(f"bad id {item['id']!r}")
    if not isinstance(item["style"], str) or not item["style"]:
        bad("empty style")
    kind = item["kind"]
    if kind not in KINDS:
        bad(f"bad kind {kind!r}")
        return errors
    is_goal = kind != "not_goal"
    english = item["language"] == "en"
    if not isinstance(item["language"], str) or not LANG_RE.match(item["language"]):
        bad(f"bad language {item['language']!r}")
    reason = item["not_goal_reason"]
    if is_goal and reason is not None:
        bad("not_goal_reason set on a goal")
    if not is_goal and reason not in NOT_GOAL_REASONS:
        bad(f"bad not_goal_reason {reason!r}")
    if not isinstance(item["n_goals"], int) or isinstance(item["n_goals"], bool) or item["n_goals"] < 1:
        bad(f"bad n_goals {item['n_goals']!r}")
    domain = item["domain"]
    if is_goal and domain not in DOMAINS:
        bad(f"bad domain {domain!r}")
    if not is_goal and domain is not None:
        bad("domain set on a not_goal")
    if kind in ("postsecondary_goal", "transition_activity") and domain != "transition":
        bad(f"{kind} must have domain transition")
    if item["grade"] is not None and item["grade"] not in GRADES:
        bad(f"bad grade {item['grade']!r}")

    comps = item["components"]
    if not isinstance(comps, dict) or set(comps) != set(COMPONENTS) or not all(
        isinstance(v, bool) for v in comps.values()
    ):
        bad(f"components must be the 6 booleans {COMPONENTS}")
        return errors
    for key in ("vague_verbs", "deficit_phrases"):
        phrases = item[key]
        if not isinstance(phrases, list) or not all(isinstance(p, str) and p for p in phrases):
            bad(f"{key} must be a list of non-empty strings")
            continue
        for phrase in phrases:
            if phrase not in text:
                bad(f"{key} phrase {phrase!r} is not in the text")

    cls, strength, align = item["measurability_class"], item["strength_class"], item["alignment_status"]
    if not is_goal or not english:
        for name, value in (("measurability_class", cls), ("strength_class", strength),
                            ("alignment_status", align)):
            if value is not None:
                bad(f"{name} must be null for a not_goal or a non-English item")
    else:
        if cls not in MEASURABILITY:
            bad(f"bad measurability_class {cls!r}")
        want = expected_class(kind, comps)
        if want is not None and cls != want:
            bad(f"measurability_class {cls!r} but the components give {want!r}")
        if kind == "postsecondary_goal" and cls == "measurable" and not comps["behavior"]:
            bad("a measurable postsecondary goal needs an observable outcome")
        if strength not in STRENGTH:
            bad(f"bad strength_class {strength!r}")
        elif (strength == "deficit_based") != bool(item["deficit_phrases"]):
            bad("strength_class deficit_based iff deficit_phrases is not empty")
        if align not in ALIGNMENT:
            bad(f"bad alignment_status {align!r}")
        elif domain in FUNCTIONAL and align != "not_applicable":
            bad(f"a {domain} goal must be not_applicable for alignment")
        elif domain in ("reading", "writing", "math") and align == "not_applicable":
            bad(f"an academic ({domain}) goal cannot be not_applicable")
    if item["half"] not in HALVES:
        bad(f"bad half {item['half']!r}")
    note = item["note"]
    if note is not None and (not isinstance(note, str) or not note.strip()):
        bad("note must be null or a sentence")
    return errors


def validate(path: Path = DEFAULT_PATH) -> tuple[list[str], dict[str, Counter]]:
    """Check the whole file; return (errors, counts by style/kind/class/half/...)."""
    errors: list[str] = []
    items: list[dict] = []
    for line_no, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            errors.append(f"line {line_no}: blank line")
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"line {line_no}: not JSON ({exc.msg})")
            continue
        if not isinstance(item, dict):
            errors.append(f"line {line_no}: not a JSON object")
            continue
        errors.extend(check_item(item, line_no))
        items.append(item)

    ids = Counter(i.get("id") for i in items)
    errors.extend(f"duplicate id {k}" for k, n in ids.items() if n > 1)
    texts = Counter(i.get("text") for i in items)
    errors.extend(f"duplicate text {k[:60]!r}" for k, n in texts.items() if n > 1)

    by_style: dict[str, Counter] = {}
    for item in items:
        by_style.setdefault(str(item.get("style")), Counter())[item.get("half")] += 1
    for style, halves in sorted(by_style.items()):
        if halves["tune"] + halves["heldout"] and abs(halves["tune"] - halves["heldout"]) > 1:
            errors.append(f"style {style}: halves unbalanced {dict(halves)}")
    halves_total = Counter(i.get("half") for i in items)
    if abs(halves_total["tune"] - halves_total["heldout"]) > 1:
        errors.append(f"halves unbalanced overall {dict(halves_total)}")

    counts = {
        "style": Counter(i.get("style") for i in items),
        "kind": Counter(i.get("kind") for i in items),
        "measurability_class": Counter(str(i.get("measurability_class")) for i in items),
        "strength_class": Counter(str(i.get("strength_class")) for i in items),
        "domain": Counter(str(i.get("domain")) for i in items),
        "language": Counter(i.get("language") for i in items),
        "half": halves_total,
    }
    return errors, counts


def blind_sample(items: list[dict], size: int = BLIND_SAMPLE_SIZE,
                 seed: int = BLIND_SAMPLE_SEED) -> list[dict]:
    """``size`` items as {id, text}, stratified by (style, half), in shuffled order.

    Each stratum gets its proportional share (largest remainder), so every
    style and both halves are represented as in the whole file.
    """
    strata: dict[tuple[str, str], list[dict]] = {}
    for item in items:
        strata.setdefault((item["style"], item["half"]), []).append(item)
    keys = sorted(strata)
    quotas = {k: size * len(strata[k]) / len(items) for k in keys}
    take = {k: int(quotas[k]) for k in keys}
    by_remainder = sorted(keys, key=lambda k: (-(quotas[k] - take[k]), k))
    for k in by_remainder[: size - sum(take.values())]:
        take[k] += 1
    rng = random.Random(seed)
    chosen = [item for k in keys for item in rng.sample(strata[k], take[k])]
    rng.shuffle(chosen)
    return [{"id": item["id"], "text": item["text"]} for item in chosen]


def main(argv: list[str]) -> int:
    write_sample = "--write-blind-sample" in argv
    argv = [a for a in argv if a != "--write-blind-sample"]
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_PATH
    if not path.exists():
        print(f"error: {path} does not exist", file=sys.stderr)
        return 1
    errors, counts = validate(path)
    total = sum(counts["half"].values())
    print(f"{path}: {total} items")
    for name, counter in counts.items():
        print(f"\n{name}:")
        for value, n in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0]))):
            print(f"  {value:<28} {n}")
    for err in errors:
        print(f"ERROR {err}", file=sys.stderr)
    print(f"\n{len(errors)} error(s)")
    if errors:
        return 1
    if write_sample:
        items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        sample = blind_sample(items)
        BLIND_SAMPLE_PATH.write_text(
            "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in sample), encoding="utf-8")
        print(f"wrote {len(sample)} items to {BLIND_SAMPLE_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
