"""Compose labelled goals from the fragment lists (labels by construction)."""

from __future__ import annotations

import random
import re

from . import fragments as F
from .ccss import expand

ACADEMIC = ("reading", "writing", "math")
ORD = {"K": "kindergarten", "1": "1st-grade", "2": "2nd-grade", "3": "3rd-grade"}
NEUTRAL_NEG: dict[str, list[tuple[str, str]]] = {
    "communication": [("grabbing items", "{B:request} the item using {pos} AAC device"),
                      ("crying to get attention", "{B:say} \"help please\""),
                      ("pointing without words", "{B:name} the item needed")],
    "adaptive": [("waiting for an adult to start", "{B:check} {pos} picture schedule"),
                 ("leaving {pos} tray on the table", "{B:carry} {pos} tray to the return window")],
    "motor": [("using a fisted grasp", "{B:hold} {pos} pencil with a tripod grasp")],
    "transition": [("skipping work shifts", "{B:call} {pos} supervisor to report an absence")],
}
POST: dict[str, list[str]] = {
    "B": ["{B:enroll} in the culinary arts program at {cc}", "{B:attend} {cc} and {B:take} classes toward an associate degree",
          "{B:work} part-time as a stock clerk at a grocery store", "{B:obtain} competitive employment in the automotive field",
          "{B:live} in a supported apartment with a roommate", "{B:complete} a certified nursing assistant training program",
          "{B:work} full-time in landscaping", "{B:enroll} in a 4-year university and {B:major} in biology",
          "{B:use} public transportation to get to work", "{B:participate} in a supported employment program",
          "{B:live} at home with family and {B:manage} {pos} own medication schedule",
          "{B:complete} an apprenticeship in electrical work", "{B:join} the Army", "{B:cook} simple meals for {pos}self",
          "{B:volunteer} at the animal shelter", "{B:apply} for jobs in retail", "{B:enroll} in an adult day program",
          "{B:work} in a customized employment setting at a local hospital", "{B:attend} a vocational training program in welding"],
    "T": ["After graduation", "Upon completion of high school", "Within 6 months of leaving school",
          "After high school", "Following graduation", "Within one year of exiting high school",
          "Upon graduating from high school", "After exiting the 18-21 program", "Once {pron} graduates"],
    "V": ["{V:consider} going to college", "{V:explore} careers in health care", "{V:think about} living on {pos} own",
          "{V:continue to learn about} life skills", "{V:consider} a job working with animals",
          "{V:explore} options for vocational school", "{V:learn about} jobs in the community",
          "{V:become} more independent as an adult"],
}
MEAS_KEYS: dict[str, tuple[str, ...]] = {
    "reading": ("DIBELS", "AIMSweb", "running", "Acadience", "easyCBM", "curriculum", "probes", "charted", "informal", "benchmark", "graph"),
    "writing": ("work samples", "rubric", "charted", "curriculum", "informal", "benchmark", "teacher records"),
    "math": ("work samples", "easyCBM", "AIMSweb", "curriculum", "charted", "probes", "benchmark", "graph"),
    "communication": ("SLP", "observation", "frequency", "data sheet", "staff", "graph"),
    "social_emotional": ("observation", "frequency", "behavior log", "point sheet", "data sheet", "staff"),
    "motor": ("OT", "PT", "observation", "work samples", "data sheet"),
    "adaptive": ("task analysis", "data sheet", "observation", "staff", "teacher records"),
    "transition": ("job coach", "observation", "teacher records", "rubric", "data sheet"),
}
CC = ["Valley Community College", "Riverside Technical College", "the local community college", "Lakeshore Tech",
      "North Metro Community College", "a 2-year college"]
CITE = ["full", "mixed", "short", "nocluster", "spaced", "standard"]


def _grade_code(tpl: str, grade: str) -> str:
    g = grade
    if grade in ("9", "10"):
        g = "9-10"
    elif grade in ("11", "12", "18-21"):
        g = "11-12"
    elif grade == "PK":
        g = "K"
    return expand(tpl.replace("{g}", g))


def cite(code: str, rng: random.Random) -> str:
    """Write a full normalised code in one of the citation forms seen in IEPs."""
    form = rng.choice(CITE)
    ela = code.startswith("CCSS.ELA-LITERACY.")
    short = code.split(".", 2)[2] if ela else code[len("CCSS.MATH.CONTENT."):]
    if ela and short.count(".") == 3:  # RF.1.3.B -> RF.1.3b
        short = short[: short.rfind(".")] + short[-1].lower()
    if form == "full":
        return code
    if form == "mixed":
        return ("CCSS.ELA-Literacy." if ela else "CCSS.Math.Content.") + short
    if form == "nocluster" and not ela:
        parts = short.split(".")
        if len(parts) >= 4 and len(parts[2]) == 1:
            return ".".join(parts[:2] + parts[3:])
    if form == "spaced" and ela:
        p = short.split(".")
        return f"ELA {p[0]} {'.'.join(p[1:])}"
    if form == "standard":
        return "standard " + short
    return short


def _fill(s: str, ctx: dict[str, str]) -> str:
    for k, v in ctx.items():
        s = s.replace("{" + k + "}", v)
    return s


def _cap(s: str) -> str:
    """Capitalise the first letter of plain text inside possible markup."""
    m = re.search(r"[A-Za-z\[]", re.sub(r"\{[A-Z]:", lambda x: "\0" * len(x.group()), s))
    if not m:
        return s
    i = m.start()
    return s[:i] + s[i].upper() + s[i + 1:]


def compose(rng: random.Random, domain: str, kind: str, meas: str, strength: str) -> dict:
    """Compose one goal; returns a dict with ``marked`` text and metadata."""
    if kind == "postsecondary_goal":
        return _post(rng, meas, strength)
    skills = F.SKILLS[domain]
    skill = rng.choice(skills)
    grades, verb, rest, topic, tpl, pools, extra = skill
    grade = rng.choice(grades)
    with_learner = rng.random() < (0.9 if kind == "annual_goal" else 0.3)
    if rng.random() < 0.72:
        name, pos = rng.choice(F.NAMES)
    else:
        name, pos = rng.choice(F.GENERIC_LEARNERS)
    pron = {"her": "she", "his": "he"}.get(pos, "they")
    ctx = {"pos": pos, "pron": pron, "gl": rng.choice([ORD.get(grade, f"grade {grade}"), "grade-level"]),
           "wcpm": str(F.WCPM.get(grade, 100) + rng.choice([-10, -5, 0, 0, 5])), "cc": rng.choice(CC)}
    codes: list[str] = []
    if tpl and grade != "18-21":
        codes = [_grade_code(tpl, grade)]
    cond = _fill(rng.choice(F.CONDITIONS[domain]), ctx)
    crit_pool = [c for p in pools for c in F.CRITERIA[p]] + list(extra) * 2
    crit = _fill(rng.choice(crit_pool), ctx)
    tf = rng.choice(F.TIMEFRAMES if kind == "annual_goal" else F.TIMEFRAMES[:12] + F.OBJ_TIMEFRAMES)
    meas_txt = rng.choice([m for m in F.MEASUREMENTS if any(k in m for k in MEAS_KEYS[domain])])
    has = {"C": rng.random() < 0.7, "M": rng.random() < 0.45 and "{M:" not in crit}
    if meas == "measurable":
        has.update(T=True, R=True)
    elif meas == "partially_measurable":
        r = rng.random()
        has.update(T=r < 0.5, R=0.5 <= r < 0.85)
    else:
        has.update(T=rng.random() < 0.6, R=rng.random() < 0.35)
    subj = f"{{L:{name}}}" if with_learner else ""
    status = "not_applicable"
    if domain in ACADEMIC:
        status = "inferred" if codes else "none"
    elif domain == "communication" and codes:
        status = "inferred"
    # the action
    neg_tail = ""
    if meas == "not_measurable":
        if rng.random() < 0.5:
            vv = rng.choice(F.VAGUE["topic"])
            general = rng.random() < 0.3
            obj = _fill(rng.choice(F.TOPIC_VAGUE_GENERAL[domain]), ctx) if general else (pos + " " + topic if rng.random() < 0.5 and vv in ("improve", "increase", "strengthen", "build", "develop", "enhance", "show growth in") else topic)
            if general:
                codes, status = [], ("none" if status in ("inferred", "none") else status)
            action = f"{{V:{vv}}} {obj}"
        elif rng.random() < 0.75:
            vv = rng.choice(F.VAGUE["verb"])
            action = f"{{V:{vv}}} to {verb} {_fill(rest, ctx)}"
        else:
            action = f"{{V:become}} {rng.choice(F.BECOME[domain])}"
            codes, status = [], ("none" if status in ("inferred", "none") else status)
    else:
        action = f"{{B:{verb}}} {_fill(rest, ctx)}"
    pre = ""
    if strength == "neutral":
        negs = NEUTRAL_NEG.get(domain)
        if domain == "social_emotional" or not negs:
            _, nobj, repl = rng.choice(F.NEGATIVES)
        else:
            nobj, repl = rng.choice(negs)
        repl, nobj = _fill(repl, ctx), _fill(nobj, ctx)
        if rng.random() < 0.6:
            pre = f"instead of {nobj}, "
            action = repl
        else:
            action = f"{repl} instead of {nobj}"
        if domain not in ACADEMIC:
            codes, status = [], "not_applicable"
    elif strength == "deficit_based":
        r = rng.random()
        if domain == "social_emotional" and meas != "not_measurable" and r < 0.55:
            action = _fill(rng.choice(F.NEGATIVES)[0], ctx)
            crit = rng.choice(F.NEG_CRITERIA) if rng.random() < 0.7 else crit
            neg_tail = "neg"
        elif r < 0.8:
            pre_tpl = rng.choice(F.DEFICIT_PREFIX)
            lname = name if name not in ("He", "She", "They") else "The student"
            if not pre_tpl.startswith("{L0}") and lname.startswith("The "):
                lname = lname.lower()
            pre = _fill(pre_tpl, {**ctx, "L0": lname, "verb": verb, "rest": _fill(rest, ctx), "topic": topic})
        else:
            lab = rng.choice(F.LABEL_DEFICITS)
            if with_learner and name not in ("He", "She", "They", "STUDENT"):
                subj = f"{{L:{name}}}, who {{D:{lab}}},"
            else:
                pre = f"Student {{D:{lab}}}. "
    # assemble
    parts_c = f"{{C:{cond}}}" if has["C"] else ""
    parts_r = crit if has["R"] else ""
    parts_t = f"{{T:{tf}}}" if has["T"] else ""
    parts_m = f"{{M:{meas_txt}}}" if has["M"] else ""
    will = "will " if not action.startswith("{D:will") else ""
    core = f"{subj} {will}{action}" if subj else f"{will if rng.random() < 0.3 or action.startswith('{D:will') else ''}{action}"
    core = core.strip()
    order = rng.random()
    segs: list[str]
    if pre.startswith("instead"):
        core = pre + core
        pre = ""
    if order < 0.35:
        segs = [parts_t + ("," if parts_t else ""), parts_c + ("," if parts_c else ""), core, parts_r, (", " + parts_m) if parts_m else ""]
    elif order < 0.6:
        segs = [parts_c + ("," if parts_c else ""), core, parts_r, parts_t, (", " + parts_m) if parts_m else ""]
    elif order < 0.8:
        segs = [parts_t + ("," if parts_t else ""), core, parts_r, parts_c, (", " + parts_m) if parts_m else ""]
    else:
        segs = [core, parts_c, parts_r, (", " + parts_m) if parts_m else "", parts_t]
    body = " ".join(s for s in segs if s).replace(" ,", ",")
    body = re.sub(r",(\s*,)+", ",", body).strip().rstrip(",")
    body = _cap(body) + "."
    for gen in ("The student", "They", "He", "She", "The learner"):
        tag = "{L:" + gen + "}"
        if tag in body and not body.startswith(tag):
            body = body.replace(tag, "{L:" + gen[0].lower() + gen[1:] + "}")
    if pre:
        if pre.endswith(", ") and (body.startswith("{T:") or body.startswith("{C:")):
            body = body[:3] + body[3].lower() + body[4:]
        body = _cap(pre) + body
    return {"marked": body, "grade": grade, "domain": domain, "kind": kind, "codes": codes,
            "status": status, "neutral": strength == "neutral", "topic": topic}


def _post(rng: random.Random, meas: str, strength: str) -> dict:
    name, pos = rng.choice(F.NAMES) if rng.random() < 0.8 else rng.choice(F.GENERIC_LEARNERS[:3])
    pron = {"her": "she", "his": "he"}.get(pos, "they")
    ctx = {"pos": pos, "pron": pron, "cc": rng.choice(CC)}
    grade = rng.choice(["11", "12", "18-21", "18-21", "10"])
    crit = ""
    if meas == "not_measurable":
        act = _fill(rng.choice(POST["V"]), ctx)
        if act.startswith("{V:consider}") and rng.random() < 0.3:
            body = f"{{L:{name}}} {{V:hopes to}} work with animals"
        else:
            body = f"{{L:{name}}} will {act}"
        if rng.random() < 0.5:
            body = f"{{T:{_fill(rng.choice(POST['T']), ctx)}}}, " + body
    else:
        act = _fill(rng.choice(POST["B"]), ctx)
        if rng.random() < 0.25:
            crit = " " + rng.choice(["{R:for at least 20 hours per week}", "{R:earning a C or better in each course}",
                                     "{R:with no more than weekly check-ins from a support coordinator}"])
        if meas == "measurable":
            tf = _fill(rng.choice(POST["T"]), ctx)
            body = (f"{{T:{tf}}}, {{L:{name}}} will {act}{crit}" if rng.random() < 0.7
                    else f"{{L:{name}}} will {act}{crit} {{T:{tf[0].lower() + tf[1:] if not tf.startswith('Once') else 'once ' + pron + ' graduates'}}}")
        else:
            body = f"{{L:{name}}} will {act}{crit}"
            if rng.random() < 0.35:
                body = f"{{T:{rng.choice(F.TIMEFRAMES)}}}, " + body
    if strength == "deficit_based":
        body = rng.choice([f"Although {{L:{name}}} {{D:cannot}} read well, ", f"Because {{L:{name}}} {{D:is low functioning}}, "]) + body[0].lower() + body[1:] if body.startswith("{T") else f"Even though {name.split()[0]} {{D:struggles with}} reading, " + body
    body = _cap(body) + "."
    return {"marked": body, "grade": grade, "domain": "transition", "kind": "postsecondary_goal", "codes": [],
            "status": "not_applicable", "neutral": False, "topic": "postsecondary"}
