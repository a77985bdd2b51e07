"""A goal's standards alignment (RUBRIC 4): status, score and why.

A cited code that exists makes a goal ``explicit``; functional goals, and
communication goals not about speaking and listening (RUBRIC 7.10), are
``not_applicable``; an academic goal naming no skill (RUBRIC 7.11) is
``none``; otherwise the closest inferred standard decides between
``inferred`` and ``none``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ...grade import grade_rank, parse_grade
from ...schema import Alignment, Explanation, StandardMatch
from ...scoring import alignment_score
from ..domain import compile_cue, cue_key
from ..measurability import verbs
from .catalogue import grade_span, load_standards, load_vocabulary, short_code
from .codes import find_cited_codes
from .retrieval import infer_many, infer_standards

#: Minimum cosine similarity for an ``inferred`` alignment (chosen on the train
#: split of training_data/goals.jsonl, see :func:`.evaluation.choose_threshold`).
THRESHOLD = 0.12

ACADEMIC_DOMAINS = ("reading", "writing", "math")
FUNCTIONAL_DOMAINS = ("social_emotional", "motor", "adaptive", "transition")

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_Cues = list[tuple[str, re.Pattern[str]]]


@lru_cache(maxsize=1)
def _cues() -> tuple[_Cues, _Cues]:
    """Speaking-and-listening cues and clinical (speech therapy) cues."""
    data: dict[str, Any] = load_vocabulary()
    sl = [(cue_key(c), compile_cue(c)) for c in data.get("sl_cues", [])]
    clinical = [(cue_key(c), compile_cue(c)) for c in data.get("clinical_cues", [])]
    return sl, clinical


def _has_cue(text: str, cues: _Cues) -> bool:
    low = text.lower()
    return any((not key or key in low) and pat.search(text) for key, pat in cues)


def is_sl_goal(text: str) -> bool:
    """True when a communication goal is about Speaking and Listening (RUBRIC 7.10).

    Example:
        >>> is_sl_goal("will take turns in a conversation with a peer")
        True
        >>> is_sl_goal("will produce /r/ in words with 80% accuracy")
        False
    """
    sl, clinical = _cues()
    return _has_cue(text, sl) and not _has_cue(text, clinical)


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    """Words that name no skill: the vocabulary's generic words, stop words, vague verbs."""
    vague = {w for phrase in verbs().vague for w in phrase.split()}
    generic = load_vocabulary()["generic_words"]["words"]
    return frozenset(generic) | ENGLISH_STOP_WORDS | vague | {"will", "shall"}


def names_no_skill(text: str) -> bool:
    """True when every word of ``text`` but names is generic ("Jo will improve math skills").

    Example:
        >>> names_no_skill("Sam will solve problems."), names_no_skill("Sam will solve two-step word problems.")
        (True, False)
    """
    if find_cited_codes(text):
        return False
    generic = _generic_words()
    for m in _WORD.finditer(text):
        word = m.group(0)
        if word[0].isupper() and word[1:].islower() and word.lower() not in generic and (
            word.lower() not in verbs().observable
        ):
            continue  # a name ("Maya"); a capitalised verb or common word is still judged
        if word.lower() not in generic:
            return False
    return True


def _grade_note(best: StandardMatch, grade: str | None) -> Explanation | None:
    """A note when the matched standard is more than one grade below the student's."""
    g = grade_rank(grade)
    rec = load_standards().get(best.code)
    if g is None or rec is None or not rec["grades"]:
        return None
    top = (grade_span(rec) or (0, 0))[1]
    if g - top <= 1:
        return None
    return Explanation(
        "alignment", "rule",
        f"the closest standard {short_code(best.code)} is a grade {best.grade} standard, more than "
        f"one grade below the goal's grade {grade}; check that the goal is ambitious enough",
        1.0,
    )


def align(
    text: str, domain: str | None, grade: str | None = None,
    matches: list[StandardMatch] | None = None, skill_text: str | None = None,
) -> tuple[Alignment, list[Explanation]]:
    """Standards alignment of one goal (RUBRIC.md section 4) and why.

    A cited code that does not exist is reported and ignored. ``matches``:
    inferred standards already computed (see :func:`align_many`);
    ``skill_text``: the part of the goal naming its skill, for RUBRIC 7.11.

    Example:
        >>> align("Sam will solve 3.OA.7 facts", "math")[0].status
        'explicit'
    """
    grade = grade or parse_grade(text)
    notes: list[Explanation] = []
    cited: list[StandardMatch] = []
    standards = load_standards()
    for c in find_cited_codes(text):
        if c.exists and c.code is not None:
            if all(s.code != c.code for s in cited):
                rec = standards[c.code]
                cited.append(StandardMatch(c.code, rec["grade"], rec["statement"], 1.0))
        else:
            notes.append(Explanation(
                "alignment", "pattern",
                f"cited standard '{c.raw}' ({c.code}) was not found in the Common Core "
                "standards; check the code", 1.0))
    if cited:
        notes.append(Explanation(
            "alignment", "pattern",
            "cites " + ", ".join(short_code(s.code) for s in cited), 1.0))
        note = _grade_note(cited[0], grade)
        return Alignment("explicit", alignment_score("explicit"), cited), notes + (
            [note] if note else [])
    if domain in FUNCTIONAL_DOMAINS or (domain == "communication" and not is_sl_goal(text)):
        notes.append(Explanation(
            "alignment", "rule",
            f"{(domain or '').replace('_', ' ')} goal: academic standards do not apply", 1.0))
        return Alignment("not_applicable", None, []), notes
    if names_no_skill(skill_text if skill_text is not None else text):
        notes.append(Explanation(
            "alignment", "lexicon",
            "names no particular reading, writing or math skill (RUBRIC 7.11): "
            "say which skill, e.g. 'decode CVC words' or 'add fractions'", 0.8))
        return Alignment("none", 0, []), notes
    if matches is None:
        matches = infer_standards(text, domain, grade, k=3)
    best = matches[0].similarity if matches else 0.0
    if best >= THRESHOLD:
        top = matches[0]
        notes.append(Explanation(
            "alignment", "model",
            f"closest standard {short_code(top.code)} (similarity {best:.2f}): {top.statement}",
            round(min(1.0, 0.5 + (best - THRESHOLD)), 3)))
        note = _grade_note(top, grade)
        kept = [m for m in matches if m.similarity >= THRESHOLD]
        return Alignment("inferred", alignment_score("inferred", best), kept), notes + (
            [note] if note else [])
    notes.append(Explanation(
        "alignment", "model",
        "names no skill that matches a Common Core standard closely enough "
        f"(best similarity {best:.2f} < {THRESHOLD:.2f})",
        round(min(1.0, 0.5 + (THRESHOLD - best)), 3)))
    return Alignment("none", 0, []), notes


def align_many(
    texts: list[str], domains: list[str | None], grades: list[str | None],
    skill_texts: list[str | None] | None = None,
) -> list[tuple[Alignment, list[Explanation]]]:
    """Batched :func:`align`: one similarity product for all goals.

    ``skill_texts``: each goal's text with its timeframe, condition, criterion,
    measurement and learner blanked out, so that RUBRIC 7.11's "names no
    skill" test reads only the skill.
    """
    grades = [g or parse_grade(t) for g, t in zip(grades, texts)]
    # Functional goals never use the inferred matches: infer only for the others.
    wanted = [i for i, d in enumerate(domains) if d not in FUNCTIONAL_DOMAINS]
    found = infer_many([texts[i] for i in wanted], [domains[i] for i in wanted],
                       [grades[i] for i in wanted], k=3) if wanted else []
    inferred: list[list[StandardMatch] | None] = [None] * len(texts)
    for i, matches in zip(wanted, found, strict=True):
        inferred[i] = matches
    skills = skill_texts or [None] * len(texts)
    return [align(t, d, g, m, k) for t, d, g, m, k in zip(texts, domains, grades, inferred, skills)]
