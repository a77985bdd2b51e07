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
from .extract import parse_label, rules_reject
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

#: How a skill named after a vague verb is seen and counted: the first pattern
#: that matches the skill's words (then the goal's domain) gives the action,
#: added as "by <action>" so the writer's words and the skill stay.
SKILL_ACTIONS: tuple[tuple[str, str, str], ...] = (
    # (pattern of the skill's words, the action that shows it, the domain it belongs to)
    # "work on his IEP goals" names no skill: the teacher names the action.
    (r"\biep\b|\bgoals?\b|\bobjectives?\b", "[an observable action on a named skill]", None),
    (r"main idea", "stating the main idea of [a grade-level passage]", "reading"),
    (r"fluen", "reading [a grade-level passage] aloud at [number] words correct per minute",
     "reading"),
    (r"decod|phonic|sight word|letter|sound.?symbol", "reading [target words] aloud", "reading"),
    (r"spell", "spelling [target words]", "writing"),
    (r"handwrit|fine motor|grasp|cutting", "completing [the target motor task]", "motor"),
    (r"writ|paragraph|essay|composition", "writing [a paragraph on a given topic]", "writing"),
    ((r"fact|fraction|comput|calculat|math|number|problem.solv|arithmetic|money|telling time|"
     r"\badd|subtract|multipl|divi"), "solving [number] [problems of the target skill]", "math"),
    (r"articulat|pronunc|speech sound|/\w+/",
     "producing [the target sound] in [words or sentences]", "communication"),
    (r"vocabular|language|express|sentence|communicat|words",
     "using [target words or sentence forms] in [a named activity]", "communication"),
    (r"social|peer|friend|play|turn", "using [a named social skill, e.g. greeting a peer]",
     "social_emotional"),
    (r"confiden|self.?advoca|self.?esteem|speak(?:ing)?\s+up|particip",
     "using [a named skill, e.g. asking for help or sharing an idea]", "social_emotional"),
    (r"organi[sz]|time.?manage|homework|planner",
     "using [a named organization strategy, e.g. a checklist or planner]", "social_emotional"),
    (r"emotion|feeling", ("naming [the feeling] and using [a named coping strategy, e.g. taking "
     "deep breaths]"), "social_emotional"),
    (r"listen", "answering [number] questions about [a passage read aloud]", "communication"),
    (r"anger|behavio|self.?regul|cop|frustrat|calm|attention|focus|impuls",
     "using [a named replacement skill, e.g. asking for a break]", "social_emotional"),
    (r"independen|self.?care|hygien|dress|toilet|routine|daily",
     "completing [the steps of the target routine]", "adaptive"),
    (r"comprehen|understand|story|stories|text|inferen",
     "answering [number] questions about [a grade-level passage]", "reading"),
    (r"reading|read", "reading [a grade-level passage] aloud", "reading"),
)
DOMAIN_SKILL_ACTIONS: dict[str | None, str] = {
    "reading": "answering [number] questions about [a grade-level passage]",
    "writing": "writing [a paragraph on a given topic]",
    "math": "solving [number] [problems of the target skill]",
    "communication": "using [target words or sentence forms] in [a named activity]",
    "social_emotional": "using [a named replacement skill, e.g. asking for a break]",
    "motor": "completing [the target motor task]",
    "adaptive": "completing [the steps of the target routine]",
    "transition": "completing [the target task]",
    None: "[an observable action, e.g. naming, writing or pointing to]",
}
_SKILLS_OBJECT = re.compile(
    r"^\s*(?:(?:his|her|their|the|overall|[\w-]+'s)\s+)*(?:[\w/-]+\s+){0,3}?"
    r"(?:skills?|abilities|ability|knowledge|understanding|awareness|performance|"
    r"competence|proficiency|level)(?:\s+(?:in|of|with|for)\b)?",
    re.IGNORECASE,
)
_PASSIVE = re.compile(r"^(?P<obj>.+?)\s+will\s+be\s+(?P<verb>[a-z]+(?:ed|en|wn|t))\s+by\s+",
                      re.IGNORECASE)
#: "Reading comprehension will improve." / "...will be improved.": a skill as subject.
_SKILL_SUBJECT = re.compile(
    r"^(?P<skill>(?:[A-Z][\w/-]*|[\w/-]+)(?:\s+[\w/-]+){0,4}?)\s+will\s+"
    r"(?:be\s+)?(?P<verb>improve|increase|develop|strengthen|enhance|grow|progress|"
    r"get\s+better)(?:d|ed|n)?\b",
    re.IGNORECASE)
_PARTICIPLES = {"improved": "improve", "increased": "increase", "developed": "develop",
                "strengthened": "strengthen", "enhanced": "enhance"}
_TO_VERB = re.compile(r"^\s*(?:how\s+)?to\s+(?=[a-z])", re.IGNORECASE)
_COPULA = {"be", "become", "get", "have", "is", "are"}
_LOWER_FIRST = {"the", "given", "when", "using", "with", "during", "in", "after", "he", "she",
                "they", "if", "while", "upon", "following", "across", "at", "on", "from", "by"}
_CLAUSE_END = re.compile(r"[,;]|(?<!\.[a-z])\.(?![\da-z])|\s(?:by|within|with|in|as|across|on|"
                         r"during|when|because|so\s+that|e\.g\.)\s")
#: A reason clause says why, not what the student will do; the rewrite leaves it out.
#: Words after a vague verb's skill that still belong to it: the activity of an
#: independence goal ("independent with toileting") or the amount of growth asked
#: for ("increase his reading level by 2 grade levels").
_SKILL_TAIL = re.compile(
    r"\s+(?:(?P<activity>(?:with|in)\s+[a-z-]+ing)\b|(?P<amount>by\s+(?:\d+|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|half|a\s+(?:full\s+)?(?:grade|year))\b[^,;.]*?))"
    r"(?=\s+(?:by|within|in|as|across|on|during|when)\s|[,;]|\.?\s*$)", re.IGNORECASE)
_REASON = re.compile(r",?\s+(?:because|since|so\s+that|in\s+order\s+to)\b[^,;.]*",
                     re.IGNORECASE)
#: Wishes of the team or the family are not goals (RUBRIC 7.23).
_WISH = re.compile(
    r"^\s*(?:the\s+)?(?:iep\s+)?(?:team|parents?|family|mother|father|mom|dad|guardians?|"
    r"teachers?|staff|we|i)\b[^.]{0,40}?\b(?:hopes?|wants?|wish(?:es)?|would\s+like|expects?|"
    r"feels?|believes?|is\s+hopeful|are\s+hopeful)\b", re.IGNORECASE)

PLACEHOLDERS = {
    "timeframe": "By [date]",
    "postsecondary_timeframe": "After [graduation / exit from high school]",
    "condition": "given [condition or materials]",
    "learner": "[Student]",
    "criterion": "with [criterion: accuracy, trials or rate]",
    "measurement": "as measured by [data source, e.g. curriculum-based probes]",
}
#: Criterion and data source suited to each domain (behaviour is observed and
#: counted, not probed with curriculum measures).
DOMAIN_CRITERION: dict[str | None, str] = {
    "social_emotional": "in [number] of [number] observed opportunities",
    "communication": "in [number] of [number] opportunities",
    "motor": "in [number] of [number] trials",
    "adaptive": "in [number] of [number] trials, with [prompt level]",
    "transition": "in [number] of [number] opportunities",
}
DOMAIN_MEASUREMENT: dict[str | None, str] = {
    "reading": "as measured by [data source, e.g. curriculum-based probes]",
    "math": "as measured by [data source, e.g. curriculum-based probes]",
    "writing": "as measured by [data source, e.g. scored writing samples]",
    "social_emotional": "as measured by [data source, e.g. frequency counts from teacher "
                        "observation]",
    "communication": "as measured by [data source, e.g. SLP session data]",
    "motor": "as measured by [data source, e.g. therapist observation checklist]",
    "adaptive": "as measured by [data source, e.g. task-analysis data sheets]",
    "transition": "as measured by [data source, e.g. job-site or task checklists]",
    None: "as measured by [data source, e.g. observation or work samples]",
}
#: A component already marked by an unfilled placeholder (RUBRIC 7.21): the
#: rewrite does not add a second one, it asks for it to be filled in.
_HAS_PLACEHOLDER = {
    "timeframe": re.compile(r"^\s*(?:by|after)\s+\[|\[date|\[graduation", re.IGNORECASE),
    "condition": re.compile(r"\bgiven\s+\[|\[condition", re.IGNORECASE),
    "learner": re.compile(r"\[student\]|\(child'?s name\)|_{3,}", re.IGNORECASE),
    "criterion": re.compile(r"\[criterion|\[number\]|\bXX\s*%|_{3,}\s*%", re.IGNORECASE),
    "measurement": re.compile(r"measured\s+by\s+\[|\[data source", re.IGNORECASE),
}
_PLACEHOLDER = re.compile(r"\[[^\[\]]+\]")


def placeholders(text: str) -> list[str]:
    """The blanks a teacher must fill in, in order, each once: the rewrite's brackets, and
    the writer's own blanks ("____", "XX%", "(Child's name)"), named by what they hold.

    Example:
        >>> placeholders("By [date], [Student] will read [number] words, as measured by [data source].")
        ['[date]', '[Student]', '[number]', '[data source]']
        >>> placeholders("Given ____, Jo will read ___ words by [date].")
        ['____ (condition)', '___ (criterion)', '[date]']
    """
    found = []
    for f in find_placeholders(text):
        blank = text[f.start:f.end]
        if blank.startswith("[") or f.label == "placeholder" or f.rule == "role_in_parentheses":
            found.append(blank)
        else:
            found.append(f"{blank} ({f.label})")
    return list(dict.fromkeys(found))


def not_a_goal(text: str) -> str | None:
    """Why a "will" sentence is not a goal to rewrite (a service, support or wish), or None.

    Example:
        >>> not_a_goal("Maya will receive speech therapy 2x30 minutes weekly.")
        'a service, support or placement, not a goal'
    """

    if _WISH.search(text):
        return "a wish of the team or family, not a goal"
    if rules_reject(parse_label(text)[1]):
        return "a service, support or placement, not a goal"
    return None


_IRREGULAR_GERUNDS = {"be": "being", "see": "seeing", "flee": "fleeing", "agree": "agreeing",
                      "dye": "dyeing", "hoe": "hoeing", "ski": "skiing", "lie": "lying",
                      "die": "dying", "tie": "tying", "visit": "visiting", "open": "opening",
                      "enter": "entering", "listen": "listening", "happen": "happening",
                      "shout": "shouting", "cry": "crying"}


def _gerund(verb: str) -> str:
    """``hit`` -> ``hitting``, ``run`` -> ``running``, ``be`` -> ``being``, ``yell`` -> ``yelling``."""
    v = verb.lower()
    if v in _IRREGULAR_GERUNDS:
        return verb[:0] + _IRREGULAR_GERUNDS[v]
    if len(v) <= 2:
        return verb + "ing"
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
        elif d.category == "label" and re.match(r"\s+and\s+(?=will\b)", text[d.end :]):
            # "Zoe is low in math and will ..." -> "Zoe will ...": the label goes.
            joint = re.match(r"\s+and\s+", text[d.end :])
            text = text[: d.start] + text[d.end + (joint.end() if joint else 0) :]
            changes.append(f"left out the label '{span}': describe what the student does now "
                           "in the present levels, not in the goal")
            continue
        else:
            new = "[describe the observed behavior]"
            note = f"replaced the label '{span}' with a placeholder: {d.suggestion}"
        if new is None:
            continue
        text = text[: d.start] + new + text[d.end :]
        changes.append(note)
    return text


#: Why a replacement behavior is named (RUBRIC 7.8), in the words a teacher reads.
_DO_INSTEAD = "a goal says what the student will do instead, so it can be taught and counted"


def _replacement_behavior(text: str, start: int, end: int) -> tuple[str | None, str]:
    span = text[start:end]
    low = span.lower()
    if low.startswith(("will reduce", "will decrease", "will lessen", "will minimize")):
        return None, ""  # handled below: a replacement clause is appended
    m = re.match(r"will\s+have\s+(zero|no|0)\b", span, re.IGNORECASE)
    if m:  # "will have zero referrals": the count of events is the criterion; keep it
        new = f"will [replacement behavior] and have {m.group(1)}"
        return new, f"named a replacement behavior beside '{span}': {_DO_INSTEAD}"
    m = re.match(r"will\s+(?:not|never)\s+(\w+)", span, re.IGNORECASE)
    if m:
        new = f"will [replacement behavior] instead of {_gerund(m.group(1))}"
        return new, f"named a replacement behavior instead of '{span}': {_DO_INSTEAD}"
    m = re.match(r"will\s+(?:refrain\s+from|stop|cease|quit|avoid|eliminate|no\s+longer|discontinue)", span, re.IGNORECASE)
    if m:
        return ("will [replacement behavior] instead of",
                f"named a replacement behavior instead of '{span}': {_DO_INSTEAD}")
    return "will [replacement behavior] instead of having", f"named a replacement behavior instead of '{span}'"


def _skill_action(skill: str, domain: str | None) -> str:
    """The observable action that shows ``skill``: from its own words, else the domain's."""
    for pattern, action, _ in SKILL_ACTIONS:
        if re.search(pattern, skill, re.IGNORECASE):
            return action
    return DOMAIN_SKILL_ACTIONS.get(domain, DOMAIN_SKILL_ACTIONS[None])


def _measure_domain(text: str, domain: str | None) -> str | None:
    """The domain whose criterion and data source fit: the one of the action the rewrite
    added (it names the skill), else the goal's."""
    for _, action, skill_domain in SKILL_ACTIONS:
        if action in text:
            return skill_domain
    if "replacement behavior]" in text:  # a behaviour to replace is observed and counted
        return "social_emotional"
    return domain


def _replace_vague(text: str, analysis: GoalAnalysis, changes: list[str]) -> str:
    """Make the action observable when a vague verb leads it (RUBRIC 6 and 7.3).

    "will learn to decode" -> "will decode"; otherwise the writer's words stay and
    the action that shows the skill is added: "will improve her reading
    comprehension" -> "... by answering [number] questions about [a grade-level passage]".
    """
    if analysis.present("behavior") or not analysis.vague_verbs:
        return text

    negatives = [d for d in find_deficits(text).deficits if d.category == "negative_only_target"]
    leading = [v for v in analysis.vague_verbs
               if not any(d.start <= v.start < d.end for d in negatives)]
    if not leading:
        return text
    v = leading[0]
    passive = _PASSIVE.match(text)
    learner = analysis.components["learner"].spans
    if passive and learner and learner[0].start == passive.end():
        # "Writing skills will be improved by Carlos": say it in the active voice.
        agent, obj = learner[0], passive.group("obj")
        verb = _PARTICIPLES.get(passive.group("verb").lower(), "improve")
        skill = obj[:1].lower() + obj[1:] if not obj[:2].isupper() else obj
        action = _skill_action(skill, analysis.domain)
        changes.append(f"rewrote the passive '{text[: agent.end]}' with {agent.text} as the "
                       f"subject, and added how it will be seen: 'by {action}'")
        return f"{agent.text} will {verb} {skill} by {action}{text[agent.end :]}"
    verb_text = text[v.start : v.end]
    rest = text[v.end :]
    to = _TO_VERB.match(rest)
    if to or re.search(r"\bto$", verb_text):  # "will learn to decode" -> "will decode"
        cut = v.end + (to.end() if to else 0)
        before = text[: v.start]
        # "Kim plans to attend" -> "Kim will attend": the verb keeps its "will".
        will = "" if not before.strip() or re.search(
            r"\b(?:will|shall|can|must|should|to)\s*$", before, re.IGNORECASE) else "will "
        changes.append(f"removed the vague '{verb_text.strip()}' so the action itself is the "
                       "behavior")
        return before + will + text[cut:].lstrip()
    ger = re.match(r"\s+(\w+ing)\b", rest)
    if ger and _WISH_VERB.fullmatch(verb_text.strip()) and ger.group(1).lower() in _OUTCOME_VERBS:
        # "will consider living on her own someday" -> "will live on her own"
        base = _OUTCOME_VERBS[ger.group(1).lower()]
        changes.append(f"stated the wish '{verb_text.strip()} {ger.group(1)}' as what the "
                       f"student will do: '{base}'")
        return text[: v.start] + base + _SOMEDAY.sub("", rest[ger.end():])
    end = _clause_length(rest)
    by = " by "
    tail = _SKILL_TAIL.match(rest, end)
    if tail and re.search(r"independen\w*$", rest[:end]) and tail.group("activity"):
        end = tail.end()  # "become independent with toileting": the skill goes on
    elif tail and tail.group("amount"):
        end, by = tail.end(), ", as shown by "  # "increase ... by 2 grade levels"
    skill = rest[:end].strip()
    action = _skill_action(f"{verb_text} {skill}", analysis.domain)
    if re.search(r"\bby\s+(?:\[|\w+ing\b[^.;]*\[)", rest):
        return text  # the action is named already; only its blanks are left to fill
    head = text[: v.end] + rest[:end].rstrip()
    if not skill:
        changes.append(f"added how '{verb_text}' will be seen: 'by {action}'")
    else:
        changes.append(f"kept '{verb_text} {skill}' and added how it will be seen and counted: "
                       f"'{by.strip(', ')} {action}'")
    return f"{head}{by}{action}{rest[end:]}"


def _skill_subject(text: str, changes: list[str]) -> str | None:
    """ "Reading comprehension will improve." -> "[Student] will improve reading comprehension." """
    m = _SKILL_SUBJECT.match(text)
    if not m:
        return None
    skill = m.group("skill")
    if skill.split()[0].lower() in {"he", "she", "they", "student", "the", "will", "by", "given"}:
        return None
    verb = m.group("verb").lower()
    verb = "get better at" if verb.startswith("get") else verb
    skill_low = skill[:1].lower() + skill[1:] if not skill[:2].isupper() else skill
    changes.append(f"made the student the subject: '{skill}' is what the student works on, "
                   "not who acts")
    return f"{PLACEHOLDERS['learner']} will {verb} {skill_low}{text[m.end():]}"


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

    A service, support or wish gets no rewrite (its one change says why); a
    component already marked by an unfilled placeholder is not added twice; the
    last change lists the brackets to fill in.

    Example:
        >>> from goalcheck import analyze_goal
        >>> analyze_goal("Maya will improve reading skills.").rewrite.text
        'By [date], given [condition or materials], Maya will improve reading skills by reading [a grade-level passage] aloud with [criterion: accuracy, trials or rate], as measured by [data source, e.g. curriculum-based probes].'
    """
    text = analysis.text
    if analysis.status == "not_analysed":
        return Rewrite(text=text, changes=[])
    why_not = not_a_goal(text)
    if why_not:
        return Rewrite(text=text, changes=[f"no rewrite: this is {why_not}"])
    good = analysis.measurability_class == "measurable" and analysis.strength_class == "strength_based"
    if good and not placeholders(text):
        return Rewrite(text=text, changes=[])
    changes: list[str] = []
    shift = len(text) - len(text[prefix_length(text) :].lstrip())
    shifted = _shift(analysis, shift)
    body = shifted.text
    insert_at = _learner_slot(shifted)
    if analysis.kind == "postsecondary_goal":
        body = _postsecondary_wish(body, changes)  # not "by <action>": an outcome after school
    else:
        body = _replace_vague(body, shifted, changes)
    has_learner = analysis.present("learner") or bool(_HAS_PLACEHOLDER["learner"].search(body))
    if insert_at is not None and not has_learner:
        rest = body[insert_at:]
        if rest[:1].isupper() and not rest.split(" ", 1)[0].isupper():
            rest = rest[0].lower() + rest[1:]
        body = body[:insert_at] + f"{PLACEHOLDERS['learner']} will " + rest
        changes.append("added [Student] as the learner")
    elif not has_learner and re.match(r"will\b", body, re.IGNORECASE):
        body = f"{PLACEHOLDERS['learner']} will" + body[4:]
        changes.append("added [Student] as the learner")
    elif not has_learner:
        subject = _skill_subject(body, changes)
        body = subject if subject is not None else body
    reason = _REASON.search(body)
    if reason:
        body = body[: reason.start()] + body[reason.end() :]
        changes.append(f"left out the reason '{reason.group(0).strip(', ')}': a goal says what "
                       "the student will do, not why")
    body = _rephrase_deficits(body, shifted, changes)
    if re.search(r"\bwill\s+(?:reduce|decrease|lessen|minimize)\b", body, re.IGNORECASE) and not re.search(
        r"\b(?:instead|by\s+using|replac)", body, re.IGNORECASE
    ):
        body = body.rstrip(". ") + " by using [a named replacement behavior]."
        changes.append(f"named a replacement behavior for what is to be reduced: {_DO_INSTEAD}")
    body = body.rstrip()
    final = body[-1] if body.endswith((".", "!", "?")) else "."
    body = body.rstrip(".!? ")
    postsecondary = analysis.kind == "postsecondary_goal"
    if postsecondary and analysis.measurability_class != "measurable":
        body = _postsecondary_outcome(body, changes)
    domain = _measure_domain(body, _domain_of(analysis))

    # RUBRIC 7.21: a placeholder is not the component, but one is enough: never add a second.
    held = {p.label for p in find_placeholders(text)}  # the writer's own blanks

    def missing(component: str) -> bool:
        return (not analysis.present(component) and component not in held
                and not _HAS_PLACEHOLDER[component].search(body))

    if not postsecondary and missing("criterion"):
        phrase = DOMAIN_CRITERION.get(domain, PLACEHOLDERS["criterion"])
        body = _insert_before_measurement(body, analysis, phrase)
        changes.append("added a [criterion] placeholder: how well, how much or how often")
    if not postsecondary and missing("measurement"):
        body = f"{body}, {DOMAIN_MEASUREMENT.get(domain, DOMAIN_MEASUREMENT[None])}"
        changes.append("added a [data source] placeholder: how progress will be measured")
    prefix = []
    if missing("timeframe"):
        key = "postsecondary_timeframe" if postsecondary else "timeframe"
        prefix.append(PLACEHOLDERS[key])
        changes.append("added [date] placeholder: by when" if not postsecondary else "added an after-school timeframe placeholder")
    if not postsecondary and missing("condition"):
        condition = PLACEHOLDERS["condition"]
        changes.append("added [condition] placeholder: under what circumstances or with what materials")
        lead = _leading_timeframe(body, analysis, shift)
        if lead and not prefix:
            body = f"{body[:lead]}, {condition}, {body[lead:].lstrip(', ')}"
        else:
            prefix.append(condition)
    if prefix:
        body = ", ".join(prefix) + ", " + _lower_first(body)
    new_text = _tidy(body + final)
    new_text = new_text[:1].upper() + new_text[1:]
    if not changes and new_text.strip() == text.strip():
        new_text = text
    blanks = placeholders(new_text)
    if blanks:
        changes.append("fill in before use: " + ", ".join(blanks))
    return Rewrite(text=new_text, changes=changes)


#: Outcomes after high school that name nothing specific (RUBRIC 2, Indicator 13), at the
#: end of the goal's clause, and what makes each one countable.
_GENERIC_OUTCOMES: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(rx + r"(?=\s*(?:$|[,;]|\b(?:and|after|upon|within|once)\b))", re.IGNORECASE),
     words, what)
    for rx, words, what in (
        ((r"\b(?:go|going)\s+to\s+(?:a\s+)?(?:college|university|school|trade\s+school)"
         r"|\battend\s+(?:a\s+)?(?:college|university|trade\s+school|community\s+college)"),
         " and enroll in [a named program] at [a named college or training provider]",
         "the program and the college"),
        ((r"\b(?:work|be\s+employed|get\s+a\s+job|find\s+a\s+job|have\s+a\s+job|"
         r"obtain\s+employment|gain\s+employment|find\s+employment)"),
         " as [a named job] at [a named employer or kind of workplace]", "the job and the workplace"),
        (r"\blive\s+(?:independently|on\s+(?:his|her|their)\s+own|alone|on\s+campus)",
         " in [a named setting, e.g. an apartment with a roommate]", "where the student will live"),
    ))


#: A wish or plan in a postsecondary goal (RUBRIC 2, 7.12), and the verb after it.
_POSTSECONDARY_WISH = re.compile(
    r"\b(?:will\s+)?(?P<wish>consider|explore|think\s+about|look\s+into|(?:hope|plan|want|try)\s+to"
    r"|plans\s+to|hopes\s+to|wants\s+to|would\s+like\s+to|intends\s+to|"
    r"(?:is|are)\s+interested\s+in|continue\s+to\s+(?:learn\s+about|explore))\s+(?P<verb>[a-z]+)",
    re.IGNORECASE)
#: A wish that names no action of its own: "will consider living", "will think about joining".
_WISH_VERB = re.compile(r"consider|think\s+about|explore|look\s+into", re.IGNORECASE)
#: The verbs of outcomes after high school, from their -ing form.
_OUTCOME_VERBS = {"living": "live", "working": "work", "attending": "attend", "enrolling": "enroll",
                  "going": "go", "getting": "get", "finding": "find", "becoming": "become",
                  "studying": "study", "taking": "take", "joining": "join", "using": "use",
                  "obtaining": "obtain", "applying": "apply", "moving": "move", "earning": "earn",
                  "completing": "complete", "entering": "enter", "pursuing": "pursue"}
#: "someday", "one day": no time at all; the after-school timeframe says when.
_SOMEDAY = re.compile(r"\s+(?:someday|some\s+day|one\s+day|eventually|in\s+the\s+future)\b",
                      re.IGNORECASE)


def _postsecondary_wish(body: str, changes: list[str]) -> str:
    """A wish made an outcome: "will consider living on her own" -> "will live on her own",
    "plans to attend college" -> "will attend college" (a wish is not measurable, RUBRIC 2)."""
    m = _POSTSECONDARY_WISH.search(body)
    if m:
        verb, wish = m.group("verb"), m.group("wish")
        base = verb if re.search(r"to$", wish, re.IGNORECASE) else _OUTCOME_VERBS.get(
            verb.lower())
        if base is not None:
            body = body[: m.start()] + "will " + base + body[m.end():]
            changes.append(f"stated the wish '{m.group(0)}' as an outcome: 'will {base}'")
    later = _SOMEDAY.search(body)
    if later:
        body = body[: later.start()] + body[later.end():]
        changes.append(f"left out '{later.group(0).strip()}': the after-school timeframe says when")
    return body


def _postsecondary_outcome(body: str, changes: list[str]) -> str:
    """Make an outcome after high school specific: which program, job or place (Indicator 13).

    "After high school, Sam will work." -> "... Sam will work as [a named job] at [...]".
    An outcome goalcheck cannot make specific is left as written, with what to state.
    """
    for rx, words, what in _GENERIC_OUTCOMES:
        m = rx.search(body)
        if m and words.strip() in body:
            return body  # made specific already (the rewrite checked again)
        if m:
            changes.append(f"made '{m.group(0)}' specific: name {what}")
            return body[: m.end()] + words + body[m.end():]
    if not any(c.startswith("stated the wish") for c in changes):
        changes.append("state an outcome after high school that will happen, or not: enroll in, "
                       "work at or live in a named program, job or place")
    return body


def _domain_of(analysis: GoalAnalysis) -> str | None:
    """The goal's domain, or None when its action is a blank (a goal-bank template,
    "____ will ____"): no one domain's measurement then fits."""
    if any(f.label == "behavior" for f in find_placeholders(analysis.text)):
        return None
    return analysis.domain


def _leading_timeframe(body: str, analysis: GoalAnalysis, shift: int) -> int | None:
    """End of a timeframe that opens the goal ("By June 2027, ..."), or None."""
    for s in analysis.components["timeframe"].spans:
        start, end = s.start - shift, s.end - shift
        if start == 0 and body[:end] == s.text:
            return end
    return None


#: ".," not after an abbreviation ("e.g.,"): the dot comes first so the search skips to dots.
_DOT_COMMA = re.compile(r"\.(?<!\b[a-z]\.[a-z]\.)(?<!\be\.g\.)(?<!\bi\.e\.)\s*,")
_COMMA_COMMA = re.compile(r",\s*,")
_SPACE_PUNCT = re.compile(r"\s+([,.;])")
_SPACES = re.compile(r"\s{2,}")


def _tidy(text: str) -> str:
    """Punctuation a rewrite can leave behind: ".," ",," " ," and double spaces."""
    text = _DOT_COMMA.sub(",", text)
    text = _COMMA_COMMA.sub(",", text)
    text = _SPACE_PUNCT.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


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
