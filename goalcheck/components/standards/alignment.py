"""A goal's standards alignment (RUBRIC 4): status, score and why.

A cited code that exists makes a goal ``explicit``; functional goals, and
communication goals not about speaking and listening (RUBRIC 7.10), are
``not_applicable``; an academic goal naming no skill (RUBRIC 7.11) is
``none``; otherwise the closest inferred standard decides: ``inferred``
when its similarity reaches the threshold calibrated on the train split
(:class:`Calibration`), else ``none`` ("no close match"). Each decision is an
:class:`~goalcheck.schema.Evidence` record; :mod:`.notes` says it in plain words.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ...grade import grade_rank
from ...schema import Alignment, Evidence, StandardMatch
from ...scoring import alignment_score
from ..domain import compile_cue, cue_key
from ..measurability import verbs
from .catalogue import grade_span, load_standards, load_vocabulary
from .codes import find_cited_codes
from .retrieval import infer_many, infer_standards

ACADEMIC_DOMAINS = ("reading", "writing", "math")
FUNCTIONAL_DOMAINS = ("social_emotional", "motor", "adaptive", "transition")

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_Cues = list[tuple[str, re.Pattern[str]]]


@dataclass(frozen=True)
class Calibration:
    """Threshold and confidence curves of inferred alignment (``data/standards_threshold.json``,
    written by ``scripts/calibrate_standards.py`` from the train split)."""

    threshold: float
    #: Per place in the list of matches: (similarities, share of right matches).
    curves: tuple[tuple[tuple[float, ...], tuple[float, ...]], ...]

    def confidence(self, similarity: float, rank: int = 0) -> float:
        """Share of right matches on the train split at this similarity and place (0 = best).

        Example:
            >>> Calibration(0.1, (((0.1, 0.5), (0.2, 0.8)),)).confidence(0.3)
            0.5
        """
        xs, ys = self.curves[min(rank, len(self.curves) - 1)]
        return round(float(np.interp(similarity, xs, ys)), 3)


@lru_cache(maxsize=1)
def calibration() -> Calibration:
    """The shipped calibration (loaded once)."""
    path = resources.files("goalcheck") / "data" / "standards_threshold.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    curves = [data["confidence"][k] for k in sorted(data["confidence"], key=int)]
    return Calibration(float(data["threshold"]),
                       tuple((tuple(c["similarity"]), tuple(c["p_correct"])) for c in curves))


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


def _grade_mismatch(best: StandardMatch, grade: str | None) -> Evidence | None:
    """Evidence when the student's grade is outside the grades the standard is written for."""
    g = grade_rank(grade)
    rec = load_standards().get(best.code)
    span = grade_span(rec) if rec is not None else None
    if g is None or span is None or span[0] <= g <= span[1]:
        return None
    return Evidence("alignment", "grade", "alignment.grade_mismatch", "rule", data={
        "code": best.code, "standard_grade": best.grade, "student_grade": grade,
        "below": g > span[1]})


def decided_by_similarity(text: str, domain: str | None, skill_text: str | None = None) -> bool:
    """True when :func:`align` decides the goal by its closest standard's similarity.

    Not for goals citing a code, functional goals and goals naming no skill.

    Example:
        >>> decided_by_similarity("Sam will add fractions with like denominators.", "math")
        True
        >>> decided_by_similarity("Sam will improve math skills.", "math")
        False
    """
    if any(c.exists for c in find_cited_codes(text)) or not _academic(text, domain):
        return False
    return not names_no_skill(skill_text if skill_text is not None else text)


def _academic(text: str, domain: str | None) -> bool:
    """Academic for alignment: not functional, and communication only about SL (RUBRIC 7.10)."""
    return domain not in FUNCTIONAL_DOMAINS and (domain != "communication" or is_sl_goal(text))


def align(
    text: str, domain: str | None, grade: str | None = None,
    matches: list[StandardMatch] | None = None, skill_text: str | None = None,
) -> tuple[Alignment, list[Evidence]]:
    """Standards alignment of one goal (RUBRIC.md section 4) and the evidence for it.

    ``grade``: the student's grade, for the grade check. A cited code
    that does not exist is reported and ignored. ``matches``: inferred
    standards already computed (see :func:`align_many`); ``skill_text``: the
    part of the goal naming its skill, for RUBRIC 7.11. :func:`.notes.explain`
    turns the evidence into sentences.

    Example:
        >>> alignment, evidence = align("Sam will solve 3.OA.7 facts", "math")
        >>> alignment.status, [e.rule for e in evidence]
        ('explicit', ['alignment.cited_code'])
    """
    evidence: list[Evidence] = []
    cited: list[StandardMatch] = []
    standards = load_standards()
    for c in find_cited_codes(text):
        if c.exists and c.code is not None:
            if all(s.code != c.code for s in cited):
                rec = standards[c.code]
                cited.append(StandardMatch(c.code, rec["grade"], rec["statement"], 1.0, 1.0))
        else:
            evidence.append(Evidence("alignment", "unknown_code", "alignment.unknown_code",
                                     "pattern", c.start, c.end, data={"raw": c.raw, "code": c.code}))
    if cited:
        evidence.append(Evidence("alignment", "explicit", "alignment.cited_code", "pattern",
                                 data={"codes": [s.code for s in cited]}))
        mismatch = _grade_mismatch(cited[0], grade)
        return (Alignment("explicit", alignment_score("explicit"), cited),
                evidence + ([mismatch] if mismatch else []))
    if not _academic(text, domain):
        evidence.append(Evidence("alignment", "not_applicable", "alignment.not_academic", "rule",
                                 data={"domain": domain}))
        return Alignment("not_applicable", None, []), evidence
    if names_no_skill(skill_text if skill_text is not None else text):
        evidence.append(Evidence("alignment", "none", "alignment.no_skill", "lexicon",
                                 confidence=0.8, data={"domain": domain}))
        return Alignment("none", 0, []), evidence
    cal = calibration()
    if matches is None:
        matches = infer_standards(text, domain, grade, k=3)
    best = matches[0].similarity if matches else 0.0
    kept = [replace(m, confidence=cal.confidence(m.similarity, rank))
            for rank, m in enumerate(matches) if m.similarity >= cal.threshold]
    figures = {"similarity": round(best, 3), "threshold": cal.threshold,
               "code": matches[0].code if matches else None,
               "grade": matches[0].grade if matches else None, "student_grade": grade}
    if not kept:
        evidence.append(Evidence("alignment", "none", "alignment.no_close_match", "model",
                                 confidence=1.0 - cal.confidence(best), data=figures))
        return Alignment("none", 0, []), evidence
    top = kept[0]
    evidence.append(Evidence("alignment", "inferred", "alignment.inferred", "model",
                             confidence=top.confidence,
                             data={**figures, "confidence": top.confidence,
                                   "statement": top.statement}))
    mismatch = _grade_mismatch(top, grade)
    return (Alignment("inferred", alignment_score("inferred", best), kept),
            evidence + ([mismatch] if mismatch else []))


def align_many(
    texts: list[str], domains: list[str | None], grades: list[str | None],
    skill_texts: list[str | None] | None = None,
) -> list[tuple[Alignment, list[Evidence]]]:
    """Batched :func:`align`: one similarity product for all goals.

    ``skill_texts``: each goal's text with its timeframe, condition, criterion,
    measurement and learner blanked out, so that RUBRIC 7.11's "names no
    skill" test reads only the skill.
    """
    # Functional goals never use the inferred matches: infer only for the others.
    wanted = [i for i, d in enumerate(domains) if d not in FUNCTIONAL_DOMAINS]
    found = infer_many([texts[i] for i in wanted], [domains[i] for i in wanted],
                       [grades[i] for i in wanted], k=3) if wanted else []
    inferred: list[list[StandardMatch] | None] = [None] * len(texts)
    for i, matches in zip(wanted, found, strict=True):
        inferred[i] = matches
    skills = skill_texts or [None] * len(texts)
    return [align(t, d, g, m, k) for t, d, g, m, k in zip(texts, domains, grades, inferred, skills)]
