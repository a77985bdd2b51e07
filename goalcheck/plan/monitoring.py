"""Progress monitoring (RUBRIC.md section 8, check 4).

Each annual goal says how progress is measured (its measurement component,
or a measurement field in its block) and how often progress is reported to
the family (in its block, or one document-level statement for all goals).
"""

from __future__ import annotations

import re

from goalcheck.schema import PlanCheck, PlanFinding

from .context import Item, PlanContext

_R = re.IGNORECASE
_MEASURE_FIELD = re.compile(
    r"^\s*(?:(?:how\s+)?progress\s+(?:will\s+be\s+|is\s+)?(?:measured|monitored)|measured\s+by|evaluation(?:\s+(?:method|procedure|criteria))?s?"
    r"|method\s+of\s+(?:measurement|evaluation)|data\s+collection|assessment\s+method|measurement)\b", _R)
_MEASURE_WORDS = re.compile(
    r"\b(?:as\s+measured\s+by|measured\s+(?:by|through|with|using)|data\s+(?:will\s+be\s+)?(?:collected|recorded|charted)"
    r"|probes?|running\s+records?|work\s+samples?|observation(?:s|\s+data)?|rubrics?|checklists?|data\s+sheets?"
    r"|curriculum[-\s]based|CBM|graph(?:ed)?|charted|tally|frequency\s+counts?|teacher[-\s]made\s+tests?|logs?)\b", _R)
_REPORT = re.compile(
    r"\b(?:progress\s+(?:will\s+be\s+|is\s+)?(?:reported|shared|sent|communicated)|progress\s+reports?|report(?:ed|s)?\s+(?:to|on)"
    r"|reports?\s+of\s+progress|(?:parents?|family|guardians?)\s+will\s+(?:receive|be\s+(?:informed|sent|given))|sent\s+home"
    r"|report\s+cards?|reporting)\b", _R)
_OFTEN = re.compile(
    r"\b(?:quarterly|each\s+quarter|every\s+(?:\d+|nine|six|twelve)\s+weeks|each\s+(?:grading|marking|reporting)\s+period"
    r"|(?:with|at\s+the\s+same\s+time\s+as|when)\s+(?:the\s+)?(?:general\s+education\s+)?report\s+cards?"
    r"|(?:two|three|four|\d)\s+times\s+(?:a|per|each)\s+(?:year|semester)|monthly|weekly|bi-?weekly|each\s+(?:trimester|semester|term|month|week)"
    r"|trimester|semester|annually|every\s+(?:month|week)|at\s+(?:the\s+end\s+of\s+)?each\s+\w+\s+period|per\s+(?:quarter|trimester|semester))\b", _R)


_FIELD = re.compile(r"^\s*[A-Za-z][\w /()-]{0,40}:\s*\S")


def _reports(item: Item) -> bool:
    return bool(_REPORT.search(item.text) and _OFTEN.search(item.text))


def _goal_field(item: Item) -> bool:
    """A field of a goal's form ("Progress reported: quarterly", a table cell), not a free sentence."""
    return bool(item.cells) or bool(_FIELD.match(item.text)) or item.label == "other"


def check_progress_monitoring(ctx: PlanContext) -> PlanCheck:
    """Each annual goal: how progress is measured and how often it is reported to the family."""
    annual = ctx.annual
    if not annual:
        return PlanCheck("progress_monitoring", "not_applicable", [PlanFinding("no annual goals found")])
    blocks = {g.id: ctx.block(g) for g in annual}
    goal_fields = {id(it) for b in blocks.values() for k, it in enumerate(b) if k == 0 or _goal_field(it)}
    document_level = next((it for it in ctx.items if id(it) not in goal_fields and _reports(it)), None)
    findings: list[PlanFinding] = []
    failed = False
    for g in annual:
        block = blocks[g.id]
        measured = g.present("measurement") or any(
            _MEASURE_FIELD.match(it.text) or (it is not block[0] and _MEASURE_WORDS.search(it.text)) or
            any(_MEASURE_FIELD.match(k) and v.strip() for k, v in it.cells.items())
            for it in block)
        reported = any((k == 0 or _goal_field(it)) and (
            _reports(it) or any(_REPORT.search(c) and _OFTEN.search(v) for c, v in it.cells.items()))
            for k, it in enumerate(block))
        missing = []
        if not measured:
            missing.append("how progress is measured")
        if not reported and document_level is None:
            missing.append("how often progress is reported to the family")
        if missing:
            failed = True
            findings.append(ctx.goal_finding(g, f"goal {g.id} does not say {' or '.join(missing)}", area=g.domain))
    if document_level is not None:
        findings.append(document_level.finding(
            "reporting to the family: the document-level statement covers every goal without its own"))
    return PlanCheck("progress_monitoring", "fail" if failed else "pass", findings)
