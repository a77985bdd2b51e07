"""Every explanation a user reads, built from the evidence in one place.

Sentences are for a new teacher: what was found, what is missing, and what to
do about it; no rule ids, no internal names, no raw similarity figures. The
``source`` and ``confidence`` of each explanation come from the evidence it
explains, so the JSON output still says which rule, lexicon or model decided.
"""

from __future__ import annotations

import math

from .language import LANGUAGE_NAMES, language_name
from .schema import COMPONENTS, Evidence, Explanation, GoalAnalysis, PlanReview

#: The question each component answers (RUBRIC 2).
COMPONENT_QUESTIONS: dict[str, str] = {
    "timeframe": "by when the goal is to be met",
    "condition": "under what circumstances or with what materials",
    "learner": "who will do it",
    "behavior": "the action a teacher can see or count",
    "criterion": "how well, how much or how often",
    "measurement": "how progress will be measured",
}
#: What to add for a missing component, with an example.
COMPONENT_ADVICE: dict[str, str] = {
    "timeframe": "add the date by which the goal is to be met (e.g. 'By June 2027' or 'by the annual review')",
    "condition": "say under what circumstances or with what materials (e.g. 'given a grade-level passage')",
    "learner": "name the student who will do it",
    "behavior": "name an action a teacher can see or count (read aloud, write, solve, request...)",
    "criterion": "say how well, how much or how often (e.g. 'with 80% accuracy' or 'in 4 of 5 trials')",
    "measurement": "say how progress will be measured (e.g. 'as measured by weekly probes' or 'observation data')",
}
COMPONENT_NAMES: dict[str, str] = {
    "timeframe": "Timeframe", "condition": "Condition", "learner": "Learner",
    "behavior": "Observable behavior", "criterion": "Criterion", "measurement": "Measurement",
}
#: The words users read for each class, alignment status, kind, domain and section id
#: (the CLI, the app and exports all take them from here).
CLASS_LABELS: dict[str, str] = {
    "measurable": "Measurable",
    "partially_measurable": "Partly measurable",
    "not_measurable": "Not measurable",
    "strength_based": "Strength-based",
    "neutral": "Neutral",
    "deficit_based": "Deficit-based",
    "explicit": "Cites a standard",
    "inferred": "Inferred match (see how close)",
    "none": "No close match",
    "not_applicable": "Not applicable (functional goal)",
}
KIND_LABELS: dict[str, str] = {"annual_goal": "Annual goal", "objective": "Objective",
                               "postsecondary_goal": "Postsecondary goal"}
DOMAIN_LABELS: dict[str, str] = {
    "reading": "Reading", "writing": "Writing", "math": "Math",
    "communication": "Communication", "social_emotional": "Social-emotional",
    "motor": "Motor", "adaptive": "Adaptive / daily living", "transition": "Transition",
}
SECTION_LABELS: dict[str, str] = {
    "present_levels": "Present levels", "annual_goals": "Annual goals", "objectives": "Objectives",
    "services": "Services", "accommodations": "Accommodations", "transition": "Transition",
    "other": "Other",
}


def label(value: object) -> str:
    """The human name of a class, kind, domain or section id (``social_emotional`` -> ``Social-emotional``).

    Example:
        >>> label("partially_measurable"), label("postsecondary_goal"), label(None)
        ('Partly measurable', 'Postsecondary goal', 'Not known')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "Not known"
    key = str(value)
    for table in (CLASS_LABELS, KIND_LABELS, DOMAIN_LABELS, SECTION_LABELS):
        if key in table:
            return table[key]
    return key.replace("_", " ").capitalize()
_NOTES: dict[str, str] = {
    "objective_opening_verb": "No student is named: it reads as an objective that opens with its action.",
    "action_after_vague_verb": "The vague verb is followed by an action that can be seen or counted, "
                               "so the goal has an observable behavior.",
    "unlisted_verb": "The action verb is not in goalcheck's verb list; it was taken as observable, "
                     "so check that a teacher could see or count it.",
    "misspelt_observable_verb": "The action verb looks misspelt; it was read as the verb it resembles. "
                                "Correct the spelling.",
    "misspelt_vague_verb": "A verb looks misspelt and reads as a vague verb; correct the spelling.",
    "not_a_word": "The word after 'will' is not an English verb goalcheck knows; check the spelling.",
    "present_tense": "Written in the present tense: judged on the verb as written.",
    "placeholder_learner": "The student is a blank to fill in: write the student's name.",
    "placeholder_behavior": "The action is a blank to fill in: write what the student will do.",
}


def _quote(a: GoalAnalysis, e: Evidence) -> str:
    if e.start is None or e.end is None:
        return ""
    if e.source == "field":
        return str(e.data.get("text", ""))[e.start:e.end]
    return a.text[e.start:e.end]


def _headline(a: GoalAnalysis, profile_name: str) -> Explanation:
    cls = a.measurability_class
    head = f"{CLASS_LABELS[cls]} ({a.measurability_score}/100)"
    if a.kind == "postsecondary_goal":
        why = {
            "measurable": "an outcome that will happen, or not, after high school (Indicator 13)",
            "partially_measurable": "an outcome after high school, but it names nothing specific: "
                                    "say which job, program or living arrangement",
            "not_measurable": "a wish, a plan or an outcome that cannot be counted: state what the "
                              "student will do after high school (enroll in, work at, live in)",
        }[cls]
        return Explanation("measurability", "rule", f"{head}: {why}.", 1.0)
    if cls == "measurable":
        why = "it names an observable behavior and " + (
            "the parts this rubric requires" if len(a.required) > 2 else "a criterion")
    elif cls == "partially_measurable":
        why = "it names an observable behavior, but to be measurable: " + "; ".join(
            COMPONENT_ADVICE[c] for c in a.missing_required)
    else:
        why = ("it names no action a teacher can see or count: name one (read aloud, write, "
               "solve, request...)")
    rubric = "" if profile_name == "idea" else f" under the '{profile_name}' rubric"
    return Explanation("measurability", "rule", f"{head}{rubric}: {why}.", 1.0)


def explain(a: GoalAnalysis) -> list[Explanation]:
    """The explanations of one finished analysis (classes and scores already set)."""
    if a.status == "not_analysed":
        return [Explanation(
            "language", "lexicon",
            f"This goal is in {language_name(a.language)}; goalcheck reads English only, so it was "
            "not analysed. Score it by hand or give an English version.", 0.9)]
    out = [_headline(a, a.rubric.get("name", "idea"))]
    recommended = _missing_recommended(a)
    if recommended:
        out.append(Explanation(
            "measurability", "rule",
            "Recommended (not required for the class, but each costs points): "
            + "; ".join(COMPONENT_ADVICE[c] for c in recommended) + ".", 1.0))
    shown: set[str] = set()
    tips: set[str] = set()
    for e in a.evidence:
        text = _sentence(a, e, shown, tips)
        if text:
            out.append(Explanation(e.dimension if e.dimension != "kind" else "measurability",
                                   e.source, text, e.confidence))
    return out


def missing_parts(a: GoalAnalysis) -> tuple[list[str], list[str]]:
    """The missing components a user is told about: those the rubric profile requires for
    ``measurable``, and those only worth adding; none for a postsecondary goal (judged on
    its outcome) or a goal not analysed.

    Example:
        >>> from goalcheck import analyze_goal
        >>> missing_parts(analyze_goal("Sam will read sight words aloud."))
        (['criterion'], ['timeframe', 'condition', 'measurement'])
    """
    if a.status == "not_analysed" or a.kind == "postsecondary_goal":
        return [], []
    return list(a.missing_required), _missing_recommended(a)


def _missing_recommended(a: GoalAnalysis) -> list[str]:
    """The missing components worth adding though the class does not need them (an objective
    needs no learner; a postsecondary goal is judged on its outcome, not on components)."""
    if a.kind == "postsecondary_goal":
        return []
    return [c for c in a.missing_recommended if c != "learner" or a.kind != "objective"]


def not_analysed_note(a: GoalAnalysis) -> str | None:
    """What to tell the user about a goal goalcheck did not analyse (RUBRIC 7.25), or None."""
    if a.status != "not_analysed":
        return None
    which = f"written in {language_name(a.language)}" if a.language in LANGUAGE_NAMES else "not written in English"
    return (f"Not analysed: this goal seems {which}. goalcheck reads goals written in English "
            "only, so it gives no scores and no rewrite; an English version can be checked.")


def score_lines(a: GoalAnalysis) -> list[str]:
    """The scores and classes of a goal in the words users read, one line each (no ids).

    Example:
        >>> from goalcheck import analyze_goal
        >>> score_lines(analyze_goal("Sam will improve his math skills."))[:2]
        ['Overall 26/100', 'Measurability 10/100: Not measurable']
    """
    note = not_analysed_note(a)
    if note is not None:
        return [note]
    al = a.alignment
    standards = f"{al.score}/100: " if al is not None and al.score is not None else ""
    return [
        f"Overall {a.overall}/100",
        f"Measurability {a.measurability_score}/100: {label(a.measurability_class)}",
        f"Strength-based language {a.strength_score}/100: {label(a.strength_class)}",
        f"Standards alignment {standards}{alignment_words(a)}",
        f"Area: {label(a.domain) if a.domain else 'not known'}; kind: {label(a.kind).lower()}",
    ]


def component_lines(a: GoalAnalysis) -> list[str]:
    """The components found and missing, the missing ones split into those the rubric
    profile requires for ``measurable`` and those it only recommends (RUBRIC 2).

    Example:
        >>> from goalcheck import analyze_goal
        >>> component_lines(analyze_goal("Sam will read 20 sight words with 90% accuracy."))[1:]
        ['Required by the idea rubric: all found (Observable behavior, Criterion)', \
'Recommended, missing (each costs points, not the class): Timeframe, Condition, Measurement']
    """
    if a.status == "not_analysed":
        return []
    names = (lambda cs: ", ".join(COMPONENT_NAMES[c] for c in cs))
    found = [c for c in COMPONENTS if a.present(c)]
    lines = [f"Found: {names(found) or 'none of the six parts'}"]
    if a.kind == "postsecondary_goal":
        if a.missing:
            lines.append(f"Not found: {names(a.missing)} (a postsecondary goal is judged on its outcome "
                         "after high school, not on these parts)")
        return lines
    rubric = f"the {a.rubric.get('name', 'idea')} rubric"
    if a.missing_required:
        lines.append(f"Required by {rubric}, missing: {names(a.missing_required)}")
    elif a.required:
        lines.append(f"Required by {rubric}: all found ({names(a.required)})")
    recommended = _missing_recommended(a)
    if recommended:
        lines.append(f"Recommended, missing (each costs points, not the class): {names(recommended)}")
    return lines


def _sentence(a: GoalAnalysis, e: Evidence, shown: set[str], tips: set[str]) -> str | None:
    quote = _quote(a, e)
    if e.dimension == "measurability":
        if e.label in COMPONENT_QUESTIONS:
            if e.source == "model":
                if e.data.get("present"):
                    return None
                return (f"{COMPONENT_NAMES[e.label]}: goalcheck's trained model doubts the words the "
                        "rules found, so they are not counted; check the wording.")
            if e.label in shown:
                return None
            shown.add(e.label)
            where = f" (in the '{e.data['field']}' field)" if e.source == "field" else ""
            return f"{COMPONENT_NAMES[e.label]}: '{quote}'{where} says {COMPONENT_QUESTIONS[e.label]}."
        if e.label == "vague_verb":
            return (f"'{quote}' is a vague verb: it names no action a teacher can see or count. "
                    "Say what the student will do instead.")
        if e.label == "note" and e.rule == "transition_activity":
            return ("This can be done while still in high school, so it is a transition activity "
                    "or an annual goal, not a postsecondary goal: " + str(e.data.get("reason", "")) + ".")
        if e.label == "note":
            return _NOTES.get(e.rule)
        if e.label == "outcome":
            return str(e.data.get("reason") or "")[:1].upper() + str(e.data.get("reason") or "")[1:] + "."
        if e.label == "placeholder":
            return (f"'{quote}' is a blank to fill in, not a {e.data.get('component', 'component')}: "
                    "replace it with the real value.")
        return None
    if e.dimension == "strength":
        if e.label == "deficit":
            tip = str(e.data.get("suggestion") or "")
            text = f"Deficit wording: '{quote}' describes what the student cannot do or is."
            if tip and tip not in tips:
                tips.add(tip)
                text += f" {tip}"
            return text
        if e.label == "strength_class" and e.source != "model":
            if e.data.get("value") == "neutral":
                return ("It is framed around reducing a behavior, with the replacement behavior "
                        "named: neutral wording.")
            return None
        if e.label == "strength_class" and e.source == "model":
            return (f"goalcheck's trained model reads the wording as "
                    f"{str(e.data.get('value')).replace('_', '-')}.")
        if e.label == "doubt":
            return ("goalcheck's trained model doubts the strength class; read the wording yourself.")
        return None
    if e.dimension == "domain":
        value = str(e.data.get("value", "")).replace("_", "-")
        if e.rule == "cue_words":
            cues = e.data.get("cues") or []
            return f"Area: {value}" + (f" (words such as {', '.join(cues[:4])})." if cues else
                                        " (no telling words found; check it).")
        if e.rule == "cited_standard":
            return f"Area: {value}, from the standard it cites."
        if e.source == "model" and e.data.get("rule_value") != e.data.get("value"):
            return f"Area: {value}, decided by goalcheck's trained model."
        return None
    if e.dimension == "alignment":
        if e.label == "note":
            text = str(e.data.get("text") or "")
            return text[:1].upper() + text[1:] + ("." if text and not text.endswith(".") else "")
        if e.label == "alignment":
            return _alignment_sentence(e)
    return None


def short_code(code: str) -> str:
    """A standard's code as teachers write it ("CCSS.ELA-LITERACY.RF.3.4" -> "RF.3.4")."""
    return code.replace("CCSS.ELA-LITERACY.", "").replace("CCSS.MATH.CONTENT.", "")


#: How sure a listed standard is, in words: its calibrated confidence (the share of
#: standards listed at that similarity that were the right one, on the train split;
#: goalcheck/data/standards_threshold.json) at or above each bound.
MATCH_WORDS: tuple[tuple[float, str, str], ...] = (
    (0.7, "close match", ""),
    (0.5, "possible match", "check that it fits the skill"),
    (0.0, "weak match", "check it, or cite the standard the goal works toward"),
)
#: Below the calibrated similarity threshold no standard is listed at all.
NO_CLOSE_MATCH = "no close match"


def match_words(confidence: float) -> str:
    """A listed standard's confidence in plain words.

    Example:
        >>> match_words(0.9), match_words(0.55), match_words(0.2)
        ('close match', 'possible match', 'weak match')
    """
    return next(words for bound, words, _ in MATCH_WORDS if confidence >= bound)


def _match_advice(confidence: float) -> str:
    return next(advice for bound, _, advice in MATCH_WORDS if confidence >= bound)


def alignment_words(a: GoalAnalysis) -> str:
    """A goal's standards alignment as a short phrase (no figures, no internal names).

    "cites a standard", "close match", "possible match", "weak match", "no close match",
    "names no skill" or "not applicable to a functional goal".

    Example:
        >>> from goalcheck import analyze_goal
        >>> alignment_words(analyze_goal("Sam will solve 3.OA.7 facts with 90% accuracy."))
        'cites a standard'
        >>> alignment_words(analyze_goal("Sam will wash his hands before lunch in 4 of 5 days."))
        'not applicable to a functional goal'
    """
    al = a.alignment
    if al is None or al.status == "not_applicable":
        return "not applicable to a functional goal"
    if al.status == "explicit":
        return "cites a standard"
    if al.status == "inferred" and al.standards:
        return match_words(al.standards[0].confidence)
    decision = next((e for e in a.evidence if e.dimension == "alignment" and e.label == "alignment"),
                    None)
    if decision is not None and decision.data.get("reason") == "names_no_skill":
        return "names no skill"
    return NO_CLOSE_MATCH


def grade_warning(a: GoalAnalysis) -> str | None:
    """The sentence saying the matched standard is not of the student's grade, or None
    (only when the student's grade is known)."""
    for e in a.evidence:
        if e.dimension == "alignment" and e.label == "note" and e.rule == "alignment.grade_mismatch":
            return _sentence(a, e, set(), set())
    return None


def _alignment_sentence(e: Evidence) -> str | None:
    status = e.data.get("status")
    standards = e.data.get("standards") or []
    if status == "explicit":
        return "Cites " + ", ".join(f"{short_code(m['code'])} ({m['statement']})" for m in standards) + "."
    if status == "inferred" and standards:
        m = standards[0]
        confidence = float(m.get("confidence", 0.0))
        advice = _match_advice(confidence)
        words = match_words(confidence).capitalize() + (f" ({advice})" if advice else "")
        return f"{words}: {short_code(m['code'])}, grade {m['grade']}: {m['statement']}"
    if status == "none" and e.data.get("reason") == "names_no_skill":
        return ("It names no particular reading, writing or math skill, so no standard can be "
                "matched: say which skill (e.g. 'decode CVC words' or 'add fractions').")
    if status == "none":
        return ("No close match among the Common Core standards: name the skill more precisely, "
                "or cite the standard the goal works toward.")
    if status == "not_applicable":
        domain = str(e.data.get("domain") or "functional").replace("_", "-")
        return f"Academic standards do not apply to a {domain} goal."
    return None


def unchanged_rewrite_note(a: GoalAnalysis) -> str | None:
    """What to say when the suggested rewrite is the goal itself, or None when there is a
    rewrite to show (or none at all: a goal not analysed). A goal is called measurable and
    strength-based only when it is.

    Example:
        >>> from goalcheck import analyze_goal
        >>> unchanged_rewrite_note(analyze_goal("Maya will receive speech therapy 2x30 minutes weekly."))
        'No rewrite: this is a service, support or placement, not a goal.'
    """
    rw = a.rewrite
    if rw is None or rw.text.strip() != a.text.strip():
        return None
    notes = [c for c in rw.changes if not c.startswith("fill in before use: ")]
    if notes:
        return notes[0][:1].upper() + notes[0][1:] + "."
    if len(notes) < len(rw.changes):
        return "No other change: fill in its blanks, then check it again."
    good = a.measurability_class == "measurable" and a.strength_class in ("strength_based",
                                                                            "neutral")
    if good and a.strength_class == "strength_based":
        return "Measurable and strength-based: no rewrite needed."
    if good:
        return "Measurable, with neutral wording: no rewrite needed."
    return ("No rewrite suggested: goalcheck cannot tell what to add here; see why it scored as it "
            "did above.")


def plan_score_words(plan: PlanReview) -> str:
    """A plan review's score as shown: ``17/100``, or not scored when no check applies (a
    file with no goals and no services has nothing to check; 0/100 would blame it).

    Example:
        >>> from goalcheck.schema import PlanCheck
        >>> plan_score_words(PlanReview([PlanCheck("transition", "not_applicable")]))
        'not scored (no check applies to this file)'
    """
    if all(c.status == "not_applicable" for c in plan.checks):
        return "not scored (no check applies to this file)"
    return f"{plan.score}/100"
