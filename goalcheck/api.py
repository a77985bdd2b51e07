"""The public API: analyze_goal(), analyze_many(), analyze_document().

The app, the CLI and users all enter here. A typed goal goes straight to
analysis; a document is ingested, split into sections and goals, and each goal
analysed in one batch through ``nlp.pipe``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from spacy.tokens import Doc

from .components.base import add, is_english, register_extensions
from .components.text import MAX_GOAL_CHARS, fold_case
from .convert import analysis_from_doc, finish, rules_analysis
from .extract import extract_goals, points_to_goal
from .grade import document_grade
from .ingest import read_document
from .ingest.limits import ReadLimits
from .ml.predict import combined_line_scorer
from .options import OcrMode
from .pipeline import build_nlp, one_blas_thread
from .plan import review_plan
from .profiles import RubricProfile, load_profile
from .schema import COMPONENTS, DocumentReport, Evidence, FormField, Goal, GoalAnalysis
from .sections import find_sections


log = logging.getLogger(__name__)

#: ``progress(stage, done, total)``: how far :func:`analyze_document` is. Stages come in
#: the order of :data:`STAGES`; within one, ``done`` grows from 0 to ``total``.
Progress = Callable[[str, int, int], None]
#: The stages of a document's analysis: pages read (``total`` 0 while a PDF does not say
#: how many it has), lines scored as goal or not, goals analysed, plan checks done.
STAGES = ("reading", "finding goals", "analysing goals", "reviewing the plan")
#: Goals per pass through spaCy's tok2vec network: its intermediate arrays take ~17 KB a
#: token (28 MB for 64 goals, 7 MB for 16) and on one BLAS thread the CPU is the same.
NETWORK_BATCH = 16
#: How many goals are analysed between two progress reports (lines: ``extract.SCORE_BATCH``).
GOALS_PER_REPORT = 64

#: Form-field roles that are measurability components (RUBRIC 2).
FIELD_COMPONENTS = frozenset(COMPONENTS) - {"learner", "behavior"}


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"a goal must be a string, not {type(text).__name__}")
    if not text.strip():
        raise ValueError("the goal text is empty: give the text of one goal")
    return text


def analyze_goal(text: str, *, kind: str | None = None, grade: str | None = None,
                 rubric: str | RubricProfile | None = None) -> GoalAnalysis:
    """Analyse one goal: components, vague verbs, deficits, domain, alignment, scores, rewrite.

    Args:
        text: the goal as written.
        kind: ``annual_goal``, ``objective`` or ``postsecondary_goal``; guessed when None.
        grade: the student's grade ("K", "3", ...), used for the standards grade check.
        rubric: the rubric profile: ``idea`` (default), ``smart``, ``four_part`` or a profile file.

    Raises:
        ValueError: the text is empty.
        ProfileError: the rubric profile is unknown or malformed.

    Example:
        >>> a = analyze_goal("By June 2027, Maya will read 20 sight words with 90% accuracy.")
        >>> a.measurability_class, a.missing
        ('measurable', ['condition', 'measurement'])
        >>> analyze_goal("Maya will read 20 sight words with 90% accuracy.", rubric="smart").measurability_class
        'partially_measurable'
    """
    return analyze_many([text], kinds=[kind], grades=[grade], rubric=rubric)[0]


def analyze_many(
    texts: Iterable[str],
    *,
    kinds: Sequence[str | None] | None = None,
    grades: Sequence[str | None] | None = None,
    rubric: str | RubricProfile | None = None,
    batch_size: int = 64,
) -> list[GoalAnalysis]:
    """Analyse many goals in one pass through ``nlp.pipe`` (much faster than one by one).

    Example:
        >>> [a.measurability_class for a in analyze_many(["Jo will improve reading.", "Read 20 sight words with 90% accuracy by May 2027."])]
        ['not_measurable', 'measurable']
    """
    return _analyze([_check_text(t) for t in texts], kinds, grades, load_profile(rubric),
                    batch_size=batch_size)


def _analyze(texts: list[str], kinds: Sequence[str | None] | None,
             grades: Sequence[str | None] | None, profile: RubricProfile,
             fields: Sequence[Sequence[FormField]] | None = None,
             batch_size: int = 64, progress: Progress | None = None) -> list[GoalAnalysis]:
    """The pipeline over ``texts``, then each goal's form fields, then the conversion.

    Docs are made and dropped a batch at a time, so memory does not grow with
    the number of goals beyond their analyses (a batch of 256 goals costs
    ~100 MB more at its peak than one of 64, and is no faster).
    """
    out = []
    step = min(batch_size, GOALS_PER_REPORT)
    if progress is not None:
        progress("analysing goals", 0, len(texts))
    docs = build_nlp().pipe(goal_docs(texts, kinds, grades), batch_size=batch_size,
                            component_cfg={"tok2vec": {"batch_size": NETWORK_BATCH}})
    with one_blas_thread():
        for i, (text, doc) in enumerate(zip(texts, docs, strict=True)):
            if fields and fields[i] and is_english(doc):
                # After the models: a field is the goal's own component, not something to doubt.
                add(doc, field_evidence(fields[i]))
            out.append(analysis_from_doc(doc, text, profile))
            if progress is not None and (len(out) % step == 0 or len(out) == len(texts)):
                progress("analysing goals", len(out), len(texts))
    return out


def goal_docs(texts: Sequence[str], kinds: Sequence[str | None] | None = None,
              grades: Sequence[str | None] | None = None) -> Iterator[Doc]:
    """Tokenised Docs of goals (ALL CAPS folded, long texts cut), with their kind and grade, made as consumed."""
    register_extensions()
    nlp = build_nlp()
    for i, text in enumerate(texts):
        doc = nlp.make_doc(fold_case(text[:MAX_GOAL_CHARS]))
        doc._.goal_context = {"kind": kinds[i] if kinds and i < len(kinds) else None,
                              "grade": grades[i] if grades and i < len(grades) else None}
        yield doc


#: Components a benchmark that points to its goal takes from that goal (RUBRIC 7.22).
INHERITED = ("behavior", "criterion")


def inherit_from_goal(objective: GoalAnalysis, goal: GoalAnalysis,
                      profile: RubricProfile) -> GoalAnalysis:
    """A pointing benchmark with its goal's behavior and criterion (it keeps its own timeframe)."""
    taken = [Evidence("measurability", c, "from_the_goal", "field", s.start, s.end, 1.0,
                      {"field": "the annual goal", "text": goal.text})
             for c in INHERITED if not objective.components[c].present
             for s in goal.components[c].spans if s.field is None]
    if not taken:
        return objective
    a = rules_analysis(objective.text, objective.evidence + taken)
    a.grade = objective.grade
    return finish(a, profile)


def field_evidence(fields: Sequence[FormField]) -> list[Evidence]:
    """A goal's form fields that hold a component (its measurement, criterion, target date...)."""
    return [Evidence("measurability", f.role, "form_field", "field", 0, len(f.text), 1.0,
                     {"field": f.label, "text": f.text})
            for f in fields if f.role in FIELD_COMPONENTS and f.text.strip()]


def analyze_document(
    source: str | Path | bytes,
    *,
    name: str | None = None,
    password: str | None = None,
    max_pages: int | None = None,
    max_bytes: int | None = None,
    ocr: OcrMode | str = "auto",
    limits: ReadLimits | None = None,
    reader: str = "auto",
    rubric: str | RubricProfile | None = None,
    previous: str | Path | bytes | DocumentReport | None = None,
    plan: bool = True,
    progress: Progress | None = None,
) -> DocumentReport:
    """Analyse a whole IEP (PDF, DOCX or text): sections, goals with their analyses, warnings.

    ``limits`` bounds what one file may cost (pages, bytes, characters, zip
    ratio...; see ``goalcheck.ingest.limits.ReadLimits``); ``max_pages`` and
    ``max_bytes`` override its fields of the same name.

    ``reader`` chooses how PDF pages are read ("auto", "pdfium", "pdfplumber";
    see ``goalcheck.ingest.read_document``); the goals are the same with each.

    With ``plan`` (the default) the report carries the plan-level review
    (RUBRIC.md section 8, ``report.plan``); ``previous``, last year's IEP of the
    same student (a file or its report), adds the recycled-goals check.

    ``progress(stage, done, total)``, when given, is called as the work goes on:
    after each PDF page (``"reading"``), each batch of distinct lines
    scored (``"finding goals"``), each :data:`GOALS_PER_REPORT` goals analysed
    (``"analysing goals"``) and in the plan review (``"reviewing the plan"``: first with
    ``total`` 0, then each batch of present-level sentences read, of goals' baselines found,
    and each check; see :func:`goalcheck.plan.review_context`).
    An exception it raises (e.g. a time limit) stops the analysis and reaches the caller.

    Raises:
        UnreadableDocument: the file is not a readable IEP (the message says why and what to do).
        ProfileError: the rubric profile is unknown or malformed.

    Example:
        >>> from goalcheck.data import SAMPLE_IEP
        >>> report = analyze_document(SAMPLE_IEP)
        >>> report.summary["goals"] > 0
        True
    """
    profile = load_profile(rubric)
    if progress is not None:
        progress("reading", 0, 0)
    document = read_document(
        source, name=name, password=password, max_pages=max_pages, max_bytes=max_bytes, ocr=ocr,
        limits=limits, reader=reader,
        on_page=None if progress is None else (lambda done, total: progress("reading", done, total)),
    )
    sections = find_sections(document)
    goals = extract_goals(
        document, sections, scorer=combined_line_scorer,
        on_lines=None if progress is None else (lambda done, total: progress("finding goals", done, total)))
    grade = document_grade(line.text for line in document.lines)
    flat: list[tuple[str, str | None, Goal]] = []
    for gi, goal in enumerate(goals):
        flat.append((f"g{gi + 1}", None, goal))
        for oi, obj in enumerate(goal.objectives):
            flat.append((f"g{gi + 1}.{oi + 1}", f"g{gi + 1}", obj))
    analyses = _analyze([g.text for _, _, g in flat], [g.kind for _, _, g in flat],
                        [grade] * len(flat), profile, [g.fields for _, _, g in flat],
                        progress=progress)
    by_id = {gid: a for (gid, _, _), a in zip(flat, analyses, strict=True)}
    for i, (gid, parent, goal) in enumerate(flat):
        if parent is not None and points_to_goal(goal.text):
            analyses[i] = inherit_from_goal(analyses[i], by_id[parent], profile)
    for (gid, parent, goal), a in zip(flat, analyses, strict=True):
        a.id, a.parent = gid, parent
        a.page, a.section, a.baseline = goal.page, goal.section, goal.baseline
    report = DocumentReport(
        source=document.source, pages=document.pages, sections=sections,
        goals=analyses, warnings=list(document.warnings), rubric=profile.to_dict(),
    )
    if plan:
        if progress is not None:
            progress("reviewing the plan", 0, 0)
        if previous is not None and not isinstance(previous, DocumentReport):
            previous = analyze_document(previous, max_pages=max_pages, max_bytes=max_bytes, ocr=ocr,
                                        limits=limits, reader=reader, rubric=profile, plan=False)
        report.plan = review_plan(
            document, sections, analyses, previous=previous,
            progress=None if progress is None else (lambda done, total: progress("reviewing the plan", done, total)))
    return report
