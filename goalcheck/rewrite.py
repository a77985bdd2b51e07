"""The suggested rewrite of a goal (RUBRIC.md section 6).

Rules: keep the writer's words; fill each missing component with a bracketed
placeholder (never an invented fact); replace a leading vague verb with an
observable verb suited to the domain; rephrase deficit spans; keep the
learner's name; a measurable, strength-based goal comes back unchanged.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .components.measurability import find_placeholders
from .components.strength import find_deficits
from .components.text import prefix_length
from .schema import GoalAnalysis, Rewrite, Span

#: Observable verb suited to each domain, and the placeholder object used when
#: the vague verb's object names no task ("improve reading skills").
DOMAIN_ACTIONS: dict[str | None, tuple[str, str, str]] = {
    # domain: (verb for a skills object, placeholder object, verb phrase keeping the object)
    "reading": ("read aloud", "[a grade-level passage]", "answer questions about"),
    "writing": ("write", "[sentences or a paragraph on the target skill]", "write about"),
    "math": ("solve", "[problems of the target skill]", "solve problems involving"),
    "communication": ("use", "[target words or phrases]", "use"),
    "social_emotional": ("use", "[a named replacement skill]", "use"),
    "motor": ("complete", "[the target motor task]", "perform"),
    "adaptive": ("complete", "[the steps of the target routine]", "complete"),
    "transition": ("complete", "[the target task]", "complete"),
    None: ("[observable action]", "", "[observable action]"),
}
_SKILLS_OBJECT = re.compile(
    r"^\s*(?:(?:his|her|their|the|overall|[\w-]+'s)\s+)*(?:[\w/-]+\s+){0,3}?"
    r"(?:skills?|abilities|ability|knowledge|understanding|awareness|performance|"
    r"competence|proficiency|level)(?:\s+(?:in|of|with|for)\b)?",
    re.IGNORECASE,
)
_PASSIVE = re.compile(r"^(?P<obj>.+?)\s+will\s+be\s+[a-z]+(?:ed|en|wn|t)\s+by\s+", re.IGNORECASE)
_TO_VERB = re.compile(r"^\s*(?:how\s+)?to\s+(?=[a-z])", re.IGNORECASE)
_COPULA = {"be", "become", "get", "have", "is", "are"}
_LOWER_FIRST = {"the", "given", "when", "using", "with", "during", "in", "after", "he", "she",
                "they", "if", "while", "upon", "following", "across", "at", "on", "from"}
_CLAUSE_END = re.compile(r"[,;]|\.(?!\d)|\s(?:by|within|with|in|as|across|on|during|when)\s")

PLACEHOLDERS = {
    "timeframe": "By [date]",
    "postsecondary_timeframe": "After [graduation / exit from high school]",
    "condition": "given [condition or materials]",
    "learner": "[Student]",
    "criterion": "with [criterion: accuracy, trials or rate]",
    "measurement": "as measured by [data source, e.g. curriculum-based probes]",
}


def _gerund(verb: str) -> str:
    v = verb.lower()
    if v.endswith("ie"):
        return verb[:-2] + "ying"
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    if (len(v) in (3, 4) and v[-1] not in "aeiouwxy" and v[-2] in "aeiou" and v[-3] not in "aeiou"):
        return verb + verb[-1] + "ing"
    return verb + "ing"


def _rephrase_deficits(text: str, analysis: GoalAnalysis, changes: list[str]) -> str:
    """Apply the deficit lexicon's replacements, right to left so offsets stay valid.

    The deficits are found again because ``text`` may already differ from the goal.
    """

    if not analysis.deficit_spans:
        return text
    for d in sorted(find_deficits(text).deficits, key=lambda d: d.start, reverse=True):
        span = text[d.start : d.end]
        if d.category == "negative_only_target":
            new, note = _replacement_behavior(text, d.start, d.end)
        elif d.replace is not None:
            new, note = d.replace, f"rephrased '{span}' as '{d.replace}'"
        else:
            new = "[describe the observed behavior]"
            note = f"replaced the label '{span}' with a placeholder: {d.suggestion}"
        if new is None:
            continue
        text = text[: d.start] + new + text[d.end :]
        changes.append(note)
    return text


def _replacement_behavior(text: str, start: int, end: int) -> tuple[str | None, str]:
    span = text[start:end]
    low = span.lower()
    if low.startswith(("will reduce", "will decrease", "will lessen", "will minimize")):
        return None, ""  # handled below: a replacement clause is appended
    m = re.match(r"will\s+(?:not|never)\s+(\w+)", span, re.IGNORECASE)
    if m:
        new = f"will [replacement behavior] instead of {_gerund(m.group(1))}"
        return new, f"named a replacement behavior instead of '{span}' (RUBRIC 7.8)"
    m = re.match(r"will\s+(?:refrain\s+from|stop|cease|quit|avoid|eliminate|no\s+longer|discontinue)", span, re.IGNORECASE)
    if m:
        return "will [replacement behavior] instead of", f"named a replacement behavior instead of '{span}' (RUBRIC 7.8)"
    return "will [replacement behavior] instead of having", f"named a replacement behavior instead of '{span}'"


def _replace_vague(text: str, analysis: GoalAnalysis, changes: list[str]) -> str:
    """Replace the vague verb that leads the action with an observable verb."""
    if analysis.present("behavior") or not analysis.vague_verbs:
        return text
    v = analysis.vague_verbs[0]
    skills_verb, placeholder, object_verb = DOMAIN_ACTIONS.get(analysis.domain, DOMAIN_ACTIONS[None])
    passive = _PASSIVE.match(text)
    learner = analysis.components["learner"].spans
    if passive and learner and learner[0].start == passive.end():
        # "Writing skills will be improved by Carlos": say it in the active voice.
        agent, obj = learner[0], passive.group("obj")
        whole = _SKILLS_OBJECT.match(obj)
        action = (f"{skills_verb} {placeholder}" if whole and whole.end() >= len(obj.rstrip())
                  else f"{object_verb} {obj[:1].lower() + obj[1:]}")
        changes.append(f"rewrote the passive, vague '{text[: agent.end]}' as an action of {agent.text}: "
                       f"'{action}'")
        return f"{agent.text} will {action}{text[agent.end :]}"
    verb_text = text[v.start : v.end]
    rest = text[v.end :]
    to = _TO_VERB.match(rest)
    skills = _SKILLS_OBJECT.match(rest)
    first_word = verb_text.split()[0].lower()
    if to:  # "will learn to decode" -> "will decode"
        new_text = text[: v.start] + rest[to.end() :]
        changes.append(f"removed the vague verb '{verb_text}' so the action itself is the behavior")
        return new_text
    if skills or first_word in _COPULA:
        end = v.end + (skills.end() if skills else _clause_length(rest))
        new = f"{skills_verb} {placeholder}".strip()
        why = f"'{skills_verb}' is an observable action for {analysis.domain or 'this'} goals"
        changes.append(f"replaced '{text[v.start:end].strip()}' with '{new}': {why}")
        return text[: v.start] + new + text[end:]
    changes.append(
        f"replaced the vague verb '{verb_text}' with '{object_verb}': an action a teacher can see and count"
    )
    return text[: v.start] + object_verb + text[v.end :]


def _clause_length(rest: str) -> int:
    m = _CLAUSE_END.search(rest, 1)
    return m.start() if m else len(rest.rstrip(". "))


def _lower_first(body: str) -> str:
    word = body.split(" ", 1)[0]
    if word.lower() in _LOWER_FIRST and word[:1].isupper() and not word.isupper():
        return body[0].lower() + body[1:]
    return body


def rewrite_goal(analysis: GoalAnalysis) -> Rewrite:
    """Suggest a rewrite of an analysed goal; a good goal comes back unchanged.

    Example:
        >>> from goalcheck import analyze_goal
        >>> analyze_goal("Maya will improve reading skills.").rewrite.text
        'By [date], given [condition or materials], Maya will read aloud [a grade-level passage] with [criterion: accuracy, trials or rate], as measured by [data source, e.g. curriculum-based probes].'
    """
    text = analysis.text
    if analysis.measurability_class == "measurable" and analysis.strength_class == "strength_based":
        return Rewrite(text=text, changes=[])
    changes: list[str] = []
    # RUBRIC 7.21: a placeholder is not the component, but one is enough: never add a second.
    held = {p.label for p in find_placeholders(text)}

    def lacks(component: str) -> bool:
        return not analysis.present(component) and component not in held

    shift = len(text) - len(text[prefix_length(text) :].lstrip())
    shifted = _shift(analysis, shift)
    body = shifted.text
    insert_at = _learner_slot(shifted) if "learner" not in held else None
    body = _replace_vague(body, shifted, changes)
    if insert_at is not None:
        rest = body[insert_at:]
        if rest[:1].isupper() and not rest.split(" ", 1)[0].isupper():
            rest = rest[0].lower() + rest[1:]
        body = body[:insert_at] + f"{PLACEHOLDERS['learner']} will " + rest
        changes.append("added [Student] as the learner")
    body = _rephrase_deficits(body, shifted, changes)
    if re.search(r"\bwill\s+(?:reduce|decrease|lessen|minimize)\b", body, re.IGNORECASE) and not re.search(
        r"\b(?:instead|by\s+using|replac)", body, re.IGNORECASE
    ):
        body = body.rstrip(". ") + " by using [a named replacement behavior]."
        changes.append("named a replacement behavior for the reduction target (RUBRIC 7.8)")
    body = body.rstrip()
    final = body[-1] if body.endswith((".", "!", "?")) else "."
    body = body.rstrip(".!? ")
    postsecondary = analysis.kind == "postsecondary_goal"
    if not postsecondary and lacks("criterion"):
        body = _insert_before_measurement(body, analysis, PLACEHOLDERS["criterion"])
        changes.append("added [criterion] placeholder: how well, how much or how often")
    if not postsecondary and lacks("measurement"):
        body = f"{body}, {PLACEHOLDERS['measurement']}"
        changes.append("added [data source] placeholder: how progress will be measured")
    prefix = []
    if lacks("timeframe"):
        key = "postsecondary_timeframe" if postsecondary else "timeframe"
        prefix.append(PLACEHOLDERS[key])
        changes.append("added [date] placeholder: by when" if not postsecondary else "added an after-school timeframe placeholder")
    if not postsecondary and lacks("condition"):
        prefix.append(PLACEHOLDERS["condition"])
        changes.append("added [condition] placeholder: under what circumstances or with what materials")
    if prefix:
        body = ", ".join(prefix) + ", " + _lower_first(body)
    new_text = body + final
    return Rewrite(text=new_text, changes=changes) if changes else Rewrite(text=text, changes=[])


def _learner_slot(body_analysis: GoalAnalysis) -> int | None:
    """Where "[Student] will" goes in a goal without a learner: before its first action."""
    if body_analysis.present("learner"):
        return None
    starts = [s.start for s in body_analysis.components["behavior"].spans if s.start >= 0]
    starts += [v.start for v in body_analysis.vague_verbs]
    if not starts:
        return None
    at = min(starts)
    before = body_analysis.text[:at].rstrip()
    if re.search(r"\b(?:will|shall|to)$", before, re.IGNORECASE):
        return None
    return at


def _insert_before_measurement(body: str, analysis: GoalAnalysis, phrase: str) -> str:
    m = re.search(r",?\s+(?:as\s+)?(?:measured|evidenced|documented|monitored|assessed)\s+(?:by|through|using|via)\b", body, re.IGNORECASE)
    if m:
        return body[: m.start()] + " " + phrase + body[m.start() :]
    return f"{body} {phrase}"


def _shift(analysis: GoalAnalysis, shift: int) -> GoalAnalysis:
    """The analysis with spans made relative to the goal's body (prefix removed)."""


    def moved(spans: list[Span]) -> list[Span]:
        return [Span(s.start - shift, s.end - shift, s.text) for s in spans if s.start >= shift]

    components = {
        name: replace(c, spans=moved(c.spans)) for name, c in analysis.components.items()
    }
    return replace(
        analysis,
        text=analysis.text[shift:],
        vague_verbs=moved(analysis.vague_verbs),
        components=components,
    )
