"""What a teacher reads about a goal's alignment: one plain sentence per piece of evidence.

No internal words (rule ids, similarities, snake_case): each sentence says what
was found and, where something is wrong, what to do.
"""

from __future__ import annotations

from ...schema import Evidence, Explanation
from .catalogue import short_code

_DOMAIN_WORDS = {"social_emotional": "social-emotional", "adaptive": "daily living",
                 "transition": "transition", "motor": "motor"}


def _strength(confidence: float) -> str:
    if confidence >= 0.7:
        return "A likely match."
    if confidence >= 0.5:
        return "A possible match: check that it fits the skill."
    return "A weak match: check it, or cite the standard the goal works toward."


def sentence(e: Evidence) -> str:
    """The sentence a teacher reads for one piece of alignment evidence.

    Example:
        >>> sentence(Evidence("alignment", "grade", "alignment.grade_mismatch", "rule", data={
        ...     "code": "CCSS.ELA-LITERACY.RF.3.4", "standard_grade": "3", "student_grade": "10",
        ...     "below": True}))
        'Matched a grade 3 standard (RF.3.4); the student is in grade 10. Check that the goal works toward grade-level standards.'
    """
    d = e.data
    if e.rule == "alignment.cited_code":
        return "Cites the Common Core standard " + ", ".join(map(short_code, d["codes"])) + "."
    if e.rule == "alignment.unknown_code":
        return f"Cites '{d['raw']}', which is not a Common Core standard: check the code."
    if e.rule == "alignment.not_academic":
        if d.get("domain") == "communication":
            return ("A communication goal that is not about speaking and listening: "
                    "Common Core standards do not apply.")
        what = _DOMAIN_WORDS.get(d.get("domain") or "", "functional")
        return f"A {what} goal: Common Core academic standards do not apply."
    if e.rule == "alignment.no_skill":
        return ("Names no particular reading, writing or math skill, so no standard can be "
                "matched. Say which skill, for example 'decode CVC words' or 'add fractions'.")
    if e.rule == "alignment.no_close_match":
        return ("No close match: no Common Core standard is close to the skill this goal names. "
                "If the goal works toward a standard, cite its code (for example RF.3.4).")
    if e.rule == "alignment.inferred":
        return (f"Closest standard: {short_code(d['code'])} (grade {d['grade']}), "
                f"\"{d['statement']}\" {_strength(d['confidence'])}")
    if e.rule == "alignment.grade_mismatch":
        advice = ("Check that the goal works toward grade-level standards." if d["below"] else
                  "Check that the goal fits the student's grade.")
        return (f"Matched a grade {d['standard_grade']} standard ({short_code(d['code'])}); "
                f"the student is in grade {d['student_grade']}. {advice}")
    return e.label  # pragma: no cover - every rule above has its sentence


def explain(evidence: list[Evidence]) -> list[Explanation]:
    """Alignment evidence as the explanations goal reports carry."""
    return [Explanation("alignment", e.source, sentence(e), e.confidence) for e in evidence]
