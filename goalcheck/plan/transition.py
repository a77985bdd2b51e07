"""Transition (RUBRIC.md section 8, check 7): the Indicator 13 items a document can show.

Applies to a student of 16 or more (age, date of birth, or grade 11 and up)
or where the document has a transition section or postsecondary goals.
"""

from __future__ import annotations

import re

from goalcheck.schema import GoalAnalysis, PlanCheck, PlanFinding

from .context import PlanContext

_R = re.IGNORECASE
TRANSITION_AGE = 16
_AREAS = {
    "education": re.compile(r"\b(?:education|training|college|universit(?:y|ies)|enroll|certificate|degree|course|classes|"
                            r"program|apprentice(?:ship)?|trade\s+school|technical|campus|financial\s+aid|admissions?)\b", _R),
    "employment": re.compile(r"\b(?:employ(?:ed|ment)?|jobs?|work(?:s|ing)?|career|hired|resume|interviews?|internship|"
                             r"shadow(?:ing)?|vocational|paid|wages?|hours\s+a\s+week|volunteer)\b", _R),
    "independent_living": re.compile(r"\b(?:independent\s+living|live|living|apartment|housing|transportation|bus|"
                                     r"budget|cook(?:ing)?|groceries|laundry|money|bank)\b", _R),
}
_AREA_LABELS = {"education": "education or training", "employment": "employment",
                "independent_living": "independent living"}
_LABEL_AREA = re.compile(r"^\s*(?:(?P<education>education|training|education\s*(?:/|and|&)\s*training|post-?secondary\s+education)"
                         r"|(?P<employment>employment|career)|(?P<independent_living>independent\s+living(?:\s+skills)?))\b", _R)
_ASSESSMENT = re.compile(r"\b(?:transition\s+assessments?|interest\s+(?:inventory|inventories|survey)|career\s+(?:interest|inventory|assessment)s?"
                         r"|vocational\s+(?:assessment|evaluation)|aptitude|situational\s+assessment|work[-\s]site\s+evaluation"
                         r"|transition\s+planning\s+inventory|self-determination\s+(?:scale|assessment)|student\s+interview"
                         r"|adaptive\s+behavior\s+(?:scale|assessment)|preference\s+assessment)\b", _R)
_COURSE = re.compile(r"\b(?:course\s+of\s+study|courses?\s+of\s+study|program\s+of\s+study|(?:diploma|graduation)\s+(?:track|pathway|plan)"
                     r"|courses?\s+(?:planned|needed)|grade\s+(?:9|10|11|12|nine|ten|eleven|twelve)\s*:\s*\w+)\b", _R)
_SERVICE = re.compile(r"\b(?:transition\s+services?|support|will\s+(?:receive|take\s+part|participate|attend|complete|tour|visit|apply|meet|practi[cs]e|be\s+referred)"
                      r"|instruction|community\s+experiences?|related\s+services?|job\s+(?:coach|shadow|shadowing)|travel\s+training"
                      r"|work[-\s]based\s+learning|agency\s+linkage|referr(?:al|ed)|daily\s+living|functional\s+vocational)\b", _R)
_STUDENT_INVITED = re.compile(r"\bstudent\b[^.;]{0,60}\binvit|\binvit[^.;]{0,60}\bstudent\b|\(student\)|\bstudent\s*[:\-–]\s*(?:present|attended|yes)"
                              r"|\bstudent\s+(?:attended|participated|was\s+present)", _R)
_AGENCY = re.compile(r"\b(?:vocational\s+rehabilitation|\bVR\b|\bDVR\b|\bOVR\b|rehabilitation\s+services|developmental\s+disabilit(?:y|ies)\s+(?:services|agency)"
                     r"|outside\s+agenc(?:y|ies)|participating\s+agenc(?:y|ies)|(?:state|county|community)\s+agenc(?:y|ies)|workforce\s+(?:center|board)"
                     r"|independent\s+living\s+center|mental\s+health\s+agency)", _R)
_AGENCY_INVITED = re.compile(r"\b(?:invit|consent)", _R)
_APPLIES = re.compile(r"\btransition\s+(?:plan|services|planning)\b[^.]{0,40}\b(?:appl|requir|begin|develop)", _R)


def _area_of(goal: GoalAnalysis, ctx: PlanContext) -> str | None:
    item = ctx.goal_item(goal)
    labelled = item.text if item is not None else ""
    m = _LABEL_AREA.match(labelled)
    if m:
        return next(k for k, v in m.groupdict().items() if v)
    for key in ("education", "employment", "independent_living"):
        if _AREAS[key].search(goal.text):
            return key
    return None


def applies(ctx: PlanContext) -> tuple[bool, str]:
    """Whether transition planning applies, and why (said in the finding)."""
    age = ctx.student.age
    if age is not None and age >= TRANSITION_AGE:
        return True, f"the student is {age}"
    if ctx.postsecondary:
        return True, "the document has postsecondary goals"
    if ctx.in_section("transition"):
        return True, "the document has a transition section"
    if any(_APPLIES.search(it.text) for it in ctx.items):
        return True, "the document says transition planning applies"
    if age is None and ctx.student.grade is not None and ctx.student.grade >= 11:
        return True, f"the student is in grade {ctx.student.grade} (16 or older)"
    return False, (f"the student is {age}" if age is not None else
                   f"the student is in grade {ctx.student.grade}" if ctx.student.grade is not None else
                   "no age, date of birth or grade found")


def check_transition(ctx: PlanContext) -> PlanCheck:
    """Indicator 13 items: postsecondary goals (measurable), assessment, services, courses, goals, invitations."""
    ok, why = applies(ctx)
    if not ok:
        return PlanCheck("transition", "not_applicable",
                         [PlanFinding(f"transition planning does not apply: {why}, no transition section")])
    findings: list[PlanFinding] = []
    post = ctx.postsecondary
    by_area: dict[str, list[GoalAnalysis]] = {}
    for g in post:
        area = _area_of(g, ctx)
        if area:
            by_area.setdefault(area, []).append(g)
        if g.measurability_class != "measurable":
            findings.append(ctx.goal_finding(
                g, f"postsecondary goal {g.id} is {g.measurability_class.replace('_', ' ')}: it names no outcome "
                   f"that will or will not happen after high school", area="transition"))
    for area in ("education", "employment"):
        if area not in by_area:
            findings.append(PlanFinding(f"no postsecondary goal in {_AREA_LABELS[area]} ({why})", area="transition"))
    trans = ctx.in_section("transition")
    everything = ctx.items
    if not any(_ASSESSMENT.search(it.text) for it in everything):
        findings.append(PlanFinding("no age-appropriate transition assessment named (looked for a transition "
                                    "assessment, interest inventory, vocational or situational assessment)",
                                    area="transition"))
    goal_items = {id(ctx.goal_item(g)) for g in ctx.goals if g not in ctx.activities}
    services = [it for it in trans + ctx.in_section("services") if id(it) not in goal_items and _SERVICE.search(it.text)
                and not _COURSE.search(it.text)]
    for area, goals in by_area.items():
        if not any(_AREAS[area].search(it.text) for it in services):
            findings.append(ctx.goal_finding(
                goals[0], f"no transition service or activity for the {_AREA_LABELS[area]} postsecondary goal "
                          f"{goals[0].id}", area="transition"))
    if not any(_COURSE.search(it.text) for it in everything):
        findings.append(PlanFinding("no course of study (the courses or program that lead to the postsecondary goals)",
                                    area="transition"))
    annual = ctx.annual
    for area, goals in by_area.items():
        related = [g for g in annual if _AREAS[area].search(g.text + " " + _heading_of(ctx, g))
                   or (g.domain == "transition" and area != "independent_living")]
        if not related:
            findings.append(ctx.goal_finding(
                goals[0], f"no annual goal related to the {_AREA_LABELS[area]} postsecondary goal {goals[0].id}",
                area="transition"))
    if not any(_STUDENT_INVITED.search(it.text) for it in everything):
        findings.append(PlanFinding("no evidence the student was invited to the meeting", area="transition"))
    agency = next((it for it in everything if _AGENCY.search(it.text)), None)
    if agency is not None and not any(_AGENCY.search(it.text) and _AGENCY_INVITED.search(it.text) for it in everything):
        findings.append(agency.finding("an outside agency is named but no invitation (with consent) to the "
                                       "meeting is recorded", area="transition"))
    return PlanCheck("transition", "fail" if findings else "pass", findings)


def _heading_of(ctx: PlanContext, goal: GoalAnalysis) -> str:
    """The goal's header line ("Annual Goal 2 (supports postsecondary goal: Employment)"), if any."""
    item = ctx.goal_item(goal)
    if item is None:
        return ""
    k = ctx.items.index(item)
    for before in ctx.items[max(0, k - 3):k][::-1]:
        if before.label == "goal_header":
            return before.text
        if before.label != "baseline":
            break
    return ""
