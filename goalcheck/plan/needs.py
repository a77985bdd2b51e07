"""Needs, services and accommodations (RUBRIC.md section 8, checks 1, 5 and 6).

Areas of need come from ``data/plan/areas.json``: each area has the words
that name it in present levels, the words that name it in a service line and
the goal domains that answer it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from goalcheck.schema import PlanCheck, PlanFinding

from .context import Item, PlanContext, any_of, load, quote

_R = re.IGNORECASE
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])|(?<=;)\s+")
_FREQUENCY = re.compile(
    r"\b(?:daily|weekly|monthly|quarterly|bi-?weekly|yearly|annually|every\s+(?:day|week|other\s+week|month|\d+\s+(?:days|weeks))"
    r"|(?:per|a|each|every|/)\s*(?:day|wk|week|month|mo|session|year|quarter|semester|grading\s+period|marking\s+period|cycle)"
    r"|once|twice|\d+\s*(?:x|times)\b|x\s*\d+|\d+\s+(?:days|sessions)\s+(?:per|a|each|/))", _R)
_DURATION = re.compile(r"\b\d+(?:\.\d+)?\s*(?:-\s*\d+\s*)?(?:minutes?|mins?|min\b|hours?|hrs?|periods?)\b"
                       r"|\b\d+\s*x\s*\d+\b|\b(?:full|half)[\s-]day\b|\ball\s+day\b|\bclass\s+periods?\b", _R)


@dataclass(frozen=True)
class Area:
    key: str
    label: str
    domains: frozenset[str]
    needs: re.Pattern[str]
    services: re.Pattern[str]


@lru_cache(maxsize=1)
def areas() -> tuple[Area, ...]:
    """The areas of ``data/plan/areas.json``."""
    raw = load("areas")["areas"]
    return tuple(Area(k, v["label"], frozenset(v["domains"]), any_of(v["needs"]), any_of(v["services"]))
                 for k, v in raw.items())


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    raw = load("areas")["need_cues"]
    sentence = any_of(raw["sentence"])
    label = re.compile(r"^\s*(?:" + "|".join(f"(?:{p})" for p in raw["concern_labels"]) + r")\s*[:\-–—]", _R)
    return sentence, label


@lru_cache(maxsize=1)
def _service_words() -> tuple[re.Pattern[str], frozenset[str], re.Pattern[str], re.Pattern[str]]:
    raw = load("areas")
    generic = raw["generic_services"]
    return (any_of(generic["patterns"]), frozenset(generic["areas"]), any_of(raw["no_duration_needed"]),
            any_of(raw["service_cues"]))


def areas_named(text: str) -> list[Area]:
    """The areas a sentence names (by the words of present levels)."""
    return list(_areas_named(text))


@lru_cache(maxsize=4096)
def _areas_named(text: str) -> tuple[Area, ...]:
    return _find_areas(text)


def _find_areas(text: str) -> tuple[Area, ...]:
    return tuple(a for a in areas() if a.needs.search(text))


def sentence_areas(ctx: PlanContext, sentence: str) -> tuple[Area, ...]:
    """The areas a present-level sentence names, found once per plan (several checks ask)."""
    memo: dict[str, tuple[Area, ...]] = ctx.memo.setdefault("sentence_areas", {})
    if sentence not in memo:
        memo[sentence] = _find_areas(sentence)
    return memo[sentence]


def _concern_item(item: Item) -> bool:
    label = _cues()[1]
    return bool(label.match(item.text) or label.match(item.title + ":"))


def present_level_sentences(ctx: PlanContext) -> list[tuple[Item, str, bool]]:
    """(item, sentence, is a need) for the present levels and for parent or teacher concern lines."""
    if "present_level_sentences" not in ctx.memo:
        ctx.memo["present_level_sentences"] = _present_level_sentences(ctx)
    return list(ctx.memo["present_level_sentences"])


def _present_level_sentences(ctx: PlanContext) -> list[tuple[Item, str, bool]]:
    cue = _cues()[0]
    goal_items = set(ctx.goal_at.values())
    out: list[tuple[Item, str, bool]] = []
    for k, item in enumerate(ctx.items):
        concern = _concern_item(item)
        if k in goal_items or not (item.section == "present_levels" or concern):
            continue
        for sentence in _SENTENCE.split(item.text):
            out.append((item, sentence, concern or bool(cue.search(sentence))))
    return out


def check_needs(ctx: PlanContext) -> PlanCheck:
    """Each need the present levels name has an annual goal; each goal's area is named there."""
    annual = ctx.annual
    sentences = present_level_sentences(ctx)
    findings: list[PlanFinding] = []
    if not sentences and not annual:
        return PlanCheck("needs_have_goals", "not_applicable",
                         [PlanFinding("no present levels and no annual goals found")])
    if not sentences and not any(g.baseline for g in annual):
        findings.append(PlanFinding("no present levels found: looked for a present-levels section "
                                    "and parent or teacher concerns; the goals are not tied to any stated need"))
    goal_domains = {g.domain for g in annual if g.domain}
    seen: set[str] = set()
    for item, sentence, is_need in sentences:
        if not is_need:
            continue
        for area in sentence_areas(ctx, sentence):
            if area.key in seen:
                continue
            seen.add(area.key)
            if not area.domains & goal_domains:
                where = "a parent or teacher concern names" if _concern_item(item) else "the present levels name"
                findings.append(item.finding(
                    f"{where} a need in {area.label} with no annual goal in that area",
                    area=area.key, evidence=sentence))
    named = {d for _, s, _ in sentences for a in sentence_areas(ctx, s) for d in a.domains}
    for g in annual:
        if not g.domain or g.domain in named:
            continue
        if g.baseline and any(g.domain in a.domains for a in areas_named(g.baseline)):
            continue
        findings.append(ctx.goal_finding(
            g, f"goal {g.id} is in {g.domain.replace('_', '-')}, an area the present levels do not name",
            area=g.domain))
    return PlanCheck("needs_have_goals", "fail" if findings else "pass", findings)


@dataclass(frozen=True)
class Service:
    item: Item
    domains: frozenset[str]
    has_frequency: bool
    has_duration: bool
    needs_duration: bool


def services(ctx: PlanContext) -> list[Service]:
    """The service lines of the services sections (and the transition services), with what they serve."""
    generic, generic_areas, no_duration, cue = _service_words()
    out: list[Service] = []
    for item in ctx.in_section("services", "transition"):
        text = item.text
        specific = [a for a in areas() if a.services.search(text)]
        served = set(specific)
        if not specific and generic.search(text):
            served = {a for a in areas() if a.key in generic_areas}
        if item.section == "transition" and not served:
            continue  # transition sections list goals, courses and assessments as well as services
        if not (served or cue.search(text) or _FREQUENCY.search(text) or _DURATION.search(text)):
            continue  # a note, not a service line
        if item.label in {"goal", "objective", "postsecondary", "baseline"}:
            continue
        domains = frozenset(d for a in served for d in a.domains)
        out.append(Service(item, domains, bool(_FREQUENCY.search(text)), bool(_DURATION.search(text)),
                           not no_duration.search(text)))
    return out


def check_services(ctx: PlanContext) -> PlanCheck:
    """Each goal area has a service; each service says how often and how long."""
    annual = ctx.annual
    listed = [s for s in services(ctx) if s.item.section == "services"]
    all_services = services(ctx)
    if not annual and not listed:
        return PlanCheck("services", "not_applicable", [PlanFinding("no annual goals and no services found")])
    findings: list[PlanFinding] = []
    if not listed:
        findings.append(PlanFinding("no services listed: looked for a services section with service lines"))
    for s in listed:
        missing = [w for w, ok in (("frequency (how often)", s.has_frequency),
                                   ("duration (how long)", s.has_duration or not s.needs_duration)) if not ok]
        if missing:
            findings.append(s.item.finding(f"service line gives no {' and no '.join(missing)}"))
    served = {d for s in all_services for d in s.domains}
    if listed:
        for g in annual:
            if g.domain and g.domain not in served:
                label = next((a.label for a in areas() if a.key == g.domain), g.domain)
                findings.append(ctx.goal_finding(
                    g, f"goal {g.id} ({label}) has no {label} service in the services listed", area=g.domain))
    return PlanCheck("services", "fail" if findings else "pass", findings)


@lru_cache(maxsize=1)
def _vague() -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    raw = load("accommodations")
    return any_of(raw["vague"]), tuple(re.compile(p) for p in raw["triggers"])


def vague_phrase(text: str) -> str | None:
    """The vague phrase of an accommodation with no trigger ("as needed"), or None when it is specific.

    Example:
        >>> vague_phrase("Breaks as needed.")
        'as needed'
        >>> vague_phrase("A 5-minute break when Jo puts her head down.") is None
        True
    """
    vague, triggers = _vague()
    m = vague.search(text)
    if not m:
        return None
    rest = vague.sub(" ", text)
    if any(t.search(rest) for t in triggers):
        return None
    return m.group(0)


def check_accommodations(ctx: PlanContext) -> PlanCheck:
    """Accommodations say when they apply: "as needed", "when appropriate" with no trigger are flagged."""
    listed = [it for it in ctx.in_section("accommodations")
              if len(it.text.split()) >= 2 and it.label not in {"goal", "objective"}]
    if not listed:
        return PlanCheck("accommodations", "not_applicable",
                         [PlanFinding("no accommodations listed (looked for an accommodations section)")])
    findings = []
    for it in listed:
        phrase = vague_phrase(it.text)
        if phrase:
            findings.append(it.finding(f"vague accommodation: '{phrase}' with no trigger saying when it applies",
                                       evidence=quote(it.text)))
    return PlanCheck("accommodations", "fail" if findings else "pass", findings)
