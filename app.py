"""goalcheck's Streamlit app: layout only, over goalcheck.api and goalcheck.app_support.

Run with ``goalcheck app`` (or ``streamlit run app.py`` from the checkout, which
reads the same settings from .streamlit/config.toml). Uploaded files are read
from memory and never written to disk; analyses live in the session; the page
and the server make no request to any other host.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

# The page frame and a first message come before the heavy imports (spaCy,
# scikit-learn), so a cold start never shows a blank page.
FAVICON = Path(__file__).resolve().parent / "goalcheck" / "data" / "assets" / "favicon.png"
st.set_page_config(page_title="goalcheck: IEP goal review", page_icon=str(FAVICON),
                   layout="wide")
boot = st.empty()
boot.info("Starting goalcheck: loading its language tools (a few seconds, first start only)...",
          icon=":material/hourglass_top:")

import hashlib
import html
import threading
import time
from typing import Any

import altair as alt
import pandas as pd

from goalcheck import app_support as sup
from goalcheck import export
from goalcheck.api import analyze_goal, analyze_many
from goalcheck.data import SAMPLE_IEP
from goalcheck.explain import (
    grade_warning,
    missing_parts,
    not_analysed_note,
    plan_score_words,
    unchanged_rewrite_note,
)
from goalcheck.pipeline import build_nlp
from goalcheck.profiles import DEFAULT_PROFILE, RubricProfile, load_profile, shipped_profiles
from goalcheck.schema import COMPONENTS, DocumentReport, GoalAnalysis

MODES = ("Review a plan", "Practice", "Score many")
MODE_HELP = {"Review a plan": "Reviewers: one plan, goal by goal",
             "Practice": "Coaches: one goal, examples, rubric",
             "Score many": "Researchers: many files, one table"}
FILE_TYPES = ["pdf", "docx", "txt"]
GOALS_PER_PAGE = 8
GRADES = ("K", *(str(g) for g in range(1, 13)))

# Captions and small print in a darker grey than Streamlit's (AA contrast, 4.5:1).
st.html("""<style>
[class*="st-key-card_"] [data-testid="stMetricValue"],
[class*="st-key-gallery_"] [data-testid="stMetricValue"],
[class*="st-key-practice_card"] [data-testid="stMetricValue"] { font-size: 1.5rem; }
[data-testid="stMetricValue"] { font-weight: 600; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stMetricLabel"], [data-testid="stWidgetLabel"] small { color: #4b5563 !important; }
[data-testid="stMetric"] { min-width: 7.5rem; }
</style>""")


@st.cache_resource(show_spinner=False)
def pipeline() -> Any:
    """The spaCy pipeline, loaded once per server process."""
    return build_nlp()


@st.cache_data(show_spinner=False)
def gallery_analyses(profile_key: str, _profile: RubricProfile
                     ) -> list[tuple[dict[str, str], GoalAnalysis]]:
    """The shipped example goals with their analyses under a profile (no user data, safe to
    cache; ``profile_key`` stands for the profile in the cache key)."""
    items = sup.load_gallery()
    return list(zip(items, analyze_many([i["goal"] for i in items], rubric=_profile), strict=True))


def upload_limit_mb() -> int:
    return int(st.get_option("server.maxUploadSize"))


def redacting() -> bool:
    return bool(st.session_state.get("redact", False))


def profile() -> RubricProfile:
    """The rubric profile chosen in the selector (a user's own file once it is valid)."""
    chosen = st.session_state.get("rubric", DEFAULT_PROFILE)
    if chosen == sup.OWN_PROFILE:
        own = st.session_state.get("own_profile")
        return own if isinstance(own, RubricProfile) else load_profile(DEFAULT_PROFILE)
    return load_profile(chosen)


def analyse_bytes(name: str, data: bytes, progress: Any = None,
                  cancel: threading.Event | None = None) -> DocumentReport | str:
    """A report, or the user-facing reason the file could not be read (app_support.analyse_upload)."""
    return sup.analyse_upload(name, data, max_upload_mb=upload_limit_mb(), timeout=sup.app_timeout(),
                              rubric=profile(), progress=progress, cancel=cancel)


def file_key(name: str, data: bytes) -> str:
    return f"{name}:{hashlib.sha256(data).hexdigest()}"


def analyse_uploads(files: list[Any], store: dict[str, DocumentReport | str],
                    extra: tuple[str, ...] = ()) -> None:
    """Analyse new uploads into ``store`` with a progress bar; forget removed files.

    Each file is analysed in a worker thread that reports its stage (pages read,
    lines scored, goals analysed); this script shows it on the bar, whose share
    per file is its share of the bytes, and counts the seconds.
    """
    wanted: dict[str, tuple[str, bytes]] = {}
    for f in files or []:
        data = f.getvalue()
        wanted[file_key(f.name, data)] = (f.name, data)
    for k in [k for k in store if k not in wanted and k not in extra]:
        del store[k]
    todo = [(k, v) for k, v in wanted.items() if k not in store]
    if not todo:
        return
    total = sum(len(d) for _, (_, d) in todo) or 1
    done = 0
    bar = st.progress(0.0, text="Reading files...")
    for i, (k, (name, data)) in enumerate(todo):
        shown = export.redacted_source(name, k.rsplit(":", 1)[1]) if redacting() else name
        label = f"Analysing {shown} ({i + 1} of {len(todo)}, {len(data) / 1e6:.1f} MB)"
        store[k] = in_background(name, data, bar, label, start=done / total,
                                 share=len(data) / total)
        done += len(data)
    bar.progress(1.0, text="Done.")
    bar.empty()


def in_background(name: str, data: bytes, bar: Any, label: str, *, start: float,
                  share: float) -> DocumentReport | str:
    """Analyse one file in a thread; meanwhile show its stage on ``bar`` (from ``start``
    across ``share``). Past the time limit the thread is told to stop and the file gets
    the time-limit message, so the page never waits on it."""
    result: dict[str, Any] = {}
    state = {"stage": "reading", "done": 0, "total": 0}
    cancel = threading.Event()

    def report(stage: str, done: int, total: int) -> None:
        state.update(stage=stage, done=done, total=total)

    def run() -> None:
        try:
            result["value"] = analyse_bytes(name, data, report, cancel)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the script thread
            result["error"] = exc

    timeout = sup.app_timeout()
    worker = threading.Thread(target=run, daemon=True)
    began = time.monotonic()
    worker.start()
    while worker.is_alive():
        worker.join(0.2)
        spent = time.monotonic() - began
        if timeout and spent > timeout + 5:  # stuck in one long step: stop waiting for it
            cancel.set()
            return sup.timeout_message(timeout)
        stage, done, total = state["stage"], int(state["done"]), int(state["total"])
        bar.progress(start + share * sup.stage_fraction(name, stage, done, total),
                     text=f"{label}: {sup.stage_text(stage, done, total)} ({spent:.0f} s)")
    if "error" in result:
        raise result["error"]
    return result["value"]  # type: ignore[no-any-return]


@st.cache_data(show_spinner=False, max_entries=8)
def sample_report(profile_key: str, timeout: float, _profile: RubricProfile
                  ) -> DocumentReport | str:
    """The shipped sample IEP's analysis under a profile (no user data, so shared by sessions;
    ``profile_key`` stands for the profile in the cache key)."""
    return sup.analyse_upload(SAMPLE_IEP.name, SAMPLE_IEP.read_bytes(), timeout=timeout,
                              rubric=_profile)


def load_sample(store: dict[str, DocumentReport | str]) -> str:
    data = SAMPLE_IEP.read_bytes()
    key = file_key(SAMPLE_IEP.name, data)
    if key not in store:
        with st.spinner("Analysing the sample IEP..."):
            result = sample_report(repr(profile()), sup.app_timeout(), profile())
            if isinstance(result, str):  # e.g. over the time limit on a busy machine: not kept
                sample_report.clear()
            store[key] = result
    return key


def shown_name(key: str, source: str | None = None) -> str:
    """A file's name as shown on screen: neutral when names are hidden."""
    name, digest = key.rsplit(":", 1)
    return export.redacted_source(name, digest) if redacting() else (source or name)


# ---------------------------------------------------------------- shared views


def show_scores(a: GoalAnalysis) -> None:
    st.markdown(sup.scores_html(a), unsafe_allow_html=True)


def show_analysis(a: GoalAnalysis, key: str, *, editable: bool = True) -> None:
    """One goal: highlighted text, scores, why, rewrite with diff, editor."""
    note = not_analysed_note(a)
    if note:
        st.markdown(f'<div class="gc-goal" lang="{a.language or ""}">'
                    f'{html.escape(a.text)}</div>', unsafe_allow_html=True)
        st.warning(note, icon=":material/translate:")
        return
    st.markdown(sup.highlight_html(a), unsafe_allow_html=True)
    if a.baseline:
        st.caption(f"Baseline: {a.baseline}")
    show_scores(a)
    mismatch = grade_warning(a)
    if mismatch:
        st.warning(mismatch, icon=":material/school:")
    required, worth = missing_parts(a)
    for title, parts in (("Needed to be measurable", required), ("Also worth adding", worth)):
        if parts:
            st.markdown(f"**{title}:** " + ", ".join(
                f"{sup.COMPONENT_STYLE[c][0].lower()} ({sup.COMPONENT_STYLE[c][2].lower()})"
                for c in parts))
    with st.expander("Why these scores"):
        for dim, lines in sup.explanations_by_dimension(a).items():
            st.markdown(f"**{dim.capitalize()}**")
            st.markdown("\n".join(f"- {line}" for line in lines))
        for d in a.deficit_spans:
            st.markdown(f"- Instead of *{d.text}*: {d.suggestion}")
    rewrite_view(a)
    if editable:
        with st.expander("Edit and re-score"):
            edited = st.text_area("Goal text", value=a.text, key=f"edit_{key}", height=100,
                                  help="Change the goal (for example, paste the rewrite and fill "
                                       "in the brackets), then press **Re-score**.")
            st.button("Re-score", key=f"rescore_{key}", icon=":material/refresh:")
            if edited.strip() and edited.strip() != a.text.strip():
                new = analyze_goal(edited, kind=a.kind, grade=a.grade, rubric=profile())
                delta = new.overall - a.overall
                st.markdown(f"**Re-scored:** overall {new.overall} "
                            f"({'+' if delta >= 0 else ''}{delta} from the original), "
                            f"{sup.CLASS_LABELS[new.measurability_class].lower()}, "
                            f"{sup.CLASS_LABELS[new.strength_class].lower()}.")
                st.markdown(sup.highlight_html(new), unsafe_allow_html=True)


def rewrite_view(a: GoalAnalysis) -> None:
    """The suggested rewrite as a word diff, what changed, and the blanks to fill in."""
    if a.rewrite is None:
        return
    notes, blanks = sup.rewrite_notes(a.rewrite)
    if a.rewrite.text.strip() != a.text.strip():
        st.markdown("**Suggested rewrite**")
        st.markdown(sup.diff_html(a.text, a.rewrite.text), unsafe_allow_html=True)
        if notes:
            st.caption("Changes: " + "; ".join(notes))
    else:
        note = unchanged_rewrite_note(a) or ""
        if note.startswith("Measurable"):
            st.success(note, icon=":material/check:")
        else:
            st.info(note, icon=":material/info:")
    if blanks:
        st.markdown("**Fill in before use:** " + ", ".join(f"`{b}`" for b in blanks))


def goal_title(a: GoalAnalysis, plain: bool = False) -> str:
    bits = [a.id if plain else f"**{a.id}**" if a.id else "", sup.label(a.kind)]
    if a.domain:
        bits.append(sup.label(a.domain))
    if a.page:
        bits.append(f"page {a.page}")
    return " · ".join(b for b in bits if b)


def card_label(a: GoalAnalysis) -> str:
    """The one-line label of a collapsed goal card: where it is and how it scored."""
    if a.status == "not_analysed":
        return f"{goal_title(a, plain=True)} — not analysed (not in English)"
    return (f"{goal_title(a, plain=True)} — overall {a.overall}, "
            f"{sup.CLASS_LABELS[a.measurability_class].lower()}")


def upload_area(store_key: str, files_key: str, sample_key: str, sample_label: str,
                icon: str | None = None) -> dict[str, DocumentReport | str]:
    """File uploader and sample button; analyses what is new; returns the session's reports."""
    store: dict[str, DocumentReport | str] = st.session_state.setdefault(store_key, {})
    scored_with = st.session_state.get(f"{store_key}_profile")
    if scored_with is not None and scored_with != profile():
        store.clear()  # another rubric: every file is scored again
    st.session_state[f"{store_key}_profile"] = profile()
    row = st.container(horizontal=True, vertical_alignment="center")
    files = row.file_uploader(
        f"IEP files (PDF, DOCX or TXT, up to {upload_limit_mb()} MB each)", type=FILE_TYPES,
        accept_multiple_files=True, key=files_key, width="stretch")
    loaded = f"{sample_key}_loaded"
    if row.button(sample_label, key=sample_key, icon=icon):
        st.session_state[loaded] = load_sample(store)
    keep = (st.session_state[loaded],) if loaded in st.session_state else ()
    if keep and keep[0] not in store:
        load_sample(store)
    analyse_uploads(files, store, extra=keep)
    return store


# ---------------------------------------------------------------- pages


def review_page() -> None:
    st.header("Review a plan")
    st.caption("Upload IEPs to see how measurable, strength-based and standards-aligned "
               "each goal is, with a suggested rewrite.")
    store = upload_area("reports", "review_files", "sample", "Try the sample IEP",
                        icon=":material/description:")
    if not store:
        st.info("Upload an IEP, or click **Try the sample IEP** to see a fictional example.")
        return
    for k, v in store.items():
        if isinstance(v, str):
            reason = v.replace(k.rsplit(":", 1)[0], shown_name(k)) if redacting() else v
            st.error(f"Could not read **{shown_name(k)}**: {reason}", icon=":material/error:")
    reports = {k: v for k, v in store.items() if isinstance(v, DocumentReport)}
    if not reports:
        return
    names = {k: shown_name(k, r.source) for k, r in reports.items()}
    chosen = st.selectbox("Plan", list(reports), format_func=names.__getitem__, key="plan") \
        if len(reports) > 1 else next(iter(reports))
    report = reports[chosen]
    plan_summary(report, names[chosen])
    plan_exports(report, chosen)
    if report.plan is not None:  # RUBRIC 8: the plan card, above the goals; opened on demand
        with st.expander(f"Plan review: {plan_score_words(report.plan)} (the eight plan-level "
                         "checks)"):
            st.markdown(sup.plan_card_html(report), unsafe_allow_html=True)
    goal_cards(report, chosen)


def goal_cards(report: DocumentReport, chosen: str) -> None:
    """The goals as collapsible cards, a page of them at a time."""
    goals = report.goals
    st.subheader(f"Goals ({len(goals)})")
    if not goals:
        return
    st.markdown(sup.legend_html(), unsafe_allow_html=True)
    pages = max(1, -(-len(goals) // GOALS_PER_PAGE))
    bar = st.container(horizontal=True, vertical_alignment="bottom")
    page = 1
    if pages > 1:
        page = int(bar.number_input(f"Page (of {pages}, {GOALS_PER_PAGE} goals each)", 1, pages,
                                    1, key=f"goal_page_{chosen}", width=220))
    expand = bar.toggle("Open every goal", key="expand_all")
    first = (page - 1) * GOALS_PER_PAGE
    for i, a in enumerate(goals[first:first + GOALS_PER_PAGE], start=first):
        with st.expander(card_label(a), expanded=expand or i == first), \
                st.container(key=f"card_{i}"):
            st.markdown(sup.goal_anchor(a) + goal_title(a), unsafe_allow_html=True)
            show_analysis(a, key=f"{chosen}_{a.id or i}")


def plan_summary(report: DocumentReport, name: str) -> None:
    s = sup.summarize(report.goals)
    st.subheader(name, divider="gray")
    for w in report.warnings:
        st.warning(w, icon=":material/warning:")
    if not s.goals:
        st.warning("No goals were found in this file. Check that it is an IEP with an annual "
                   "goals section.")
        return
    left, right = st.columns([1, 1], gap="large")
    with left, st.container(horizontal=True, gap="medium"):
        st.metric("Goals and objectives", s.goals, width="content")
        st.metric("Measurable", f"{s.share_measurable:.0%}", help=f"{s.measurable} of {s.goals}",
                  width="content")
        st.metric("Mean overall", f"{s.mean_overall:.0f}", width="content")
        st.metric("Mean measurability", f"{s.mean_measurability:.0f}", width="content")
        st.metric("Mean strength", f"{s.mean_strength:.0f}", width="content")
        st.metric("Mean alignment", "n/a" if s.mean_alignment is None
                  else f"{s.mean_alignment:.0f}", help="academic goals only", width="content")
    missing = pd.DataFrame({
        "component": [sup.COMPONENT_STYLE[c][0] for c in COMPONENTS],
        "goals missing it": [s.missing[c] for c in COMPONENTS],
    })
    with right:
        bar_chart(missing, "component", "goals missing it",
                  "Which components are missing most")


def bar_chart(frame: pd.DataFrame, category: str, count: str, title: str,
              order: str | None = "-x") -> None:
    """A horizontal bar chart with dark labels, and its data as a sentence below it."""
    chart = alt.Chart(frame, title=alt.Title(title, anchor="start", color="#1f2328",
                                             fontSize=14)).mark_bar(color="#1d4ed8").encode(
        x=alt.X(f"{count}:Q", title=count, axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y(f"{category}:N", title=None, sort=order),
        tooltip=[category, count],
    ).properties(height=30 * len(frame) + 20).configure_axis(
        labelColor="#1f2328", titleColor="#1f2328", labelFontSize=12, titleFontSize=12,
        labelLimit=180)
    words = sup.describe_counts(frame, title, largest_first=order == "-x")
    st.altair_chart(chart, width="stretch", height=30 * len(frame) + 70, alt=words)
    st.caption(words)


def histogram(values: pd.Series, what: str) -> None:
    """Score distribution in bins of 10, with its text alternative."""
    bins = sup.score_bins(values)
    title = f"{what.capitalize()} scores"
    chart = alt.Chart(bins, title=alt.Title(title, anchor="start", color="#1f2328",
                                            fontSize=14)).mark_bar(color="#1d4ed8").encode(
        x=alt.X("scores:N", sort=None, title="score", axis=alt.Axis(labelAngle=-45)),
        y=alt.Y("goals:Q", title="goals", axis=alt.Axis(tickMinStep=1, format="d")),
        tooltip=["scores", "goals"],
    ).properties(height=200).configure_axis(
        labelColor="#1f2328", titleColor="#1f2328", labelFontSize=12, titleFontSize=12)
    words = sup.describe_scores(list(values), what)
    st.altair_chart(chart, width="stretch", alt=words)
    st.caption(words)


def plan_exports(report: DocumentReport, key: str) -> None:
    redact = redacting()
    digest = key.rsplit(":", 1)[1]
    stem = "plan-" + digest[:8] if redact else report.source.rsplit(".", 1)[0]
    row = st.container(horizontal=True, vertical_alignment="center")
    row.markdown("**Export**" + (" (names replaced by [Student])" if redact else ""))
    row.download_button("CSV", sup.rows_to_csv(export.goal_rows(
        report, redact_names=redact, document_id=digest)), f"{stem}_goals.csv", "text/csv",
        key="dl_csv", icon=":material/download:")
    row.download_button("JSON", export.to_json(report, redact_names=redact, document_id=digest),
                        f"{stem}_goals.json", "application/json", key="dl_json",
                        icon=":material/download:")
    row.download_button("Printable report",
                        export.to_html(report, redact_names=redact, document_id=digest),
                        f"{stem}_report.html", "text/html", key="dl_html",
                        icon=":material/print:")


def practice_page() -> None:
    st.header("Practice")
    check, gallery, rubric = st.tabs(["Check a goal", "Gallery", "Rubric"])
    with check:
        st.selectbox("Student's grade (for the standards check)", ("not given", *GRADES),
                     key="practice_grade", width=260,
                     help="With the grade known, a standard of another grade is pointed out.")
        text = st.text_area(
            "Type or paste a goal (or several)", key="practice_text", height=130,
            placeholder="By June 2027, given a grade 3 passage, Maya will read aloud at 90 "
                        "words correct per minute in 3 of 4 trials, as measured by weekly probes.",
            help="Press **Check** (or Ctrl+Enter) to see the feedback. Several goals pasted "
                 "together are scored one by one.")
        st.button("Check", key="practice_check", type="primary", icon=":material/fact_check:")
        goals = sup.practice_goals(text)
        if goals:
            if len(goals) > 1:
                st.markdown(f"**{len(goals)} goals found**, scored one by one.")
            st.markdown(sup.legend_html(), unsafe_allow_html=True)
            grade = st.session_state.get("practice_grade", "not given")
            grade = None if grade == "not given" else grade
            for i, a in enumerate(analyze_many(goals, grades=[grade] * len(goals),
                                               rubric=profile())):
                with st.container(border=True, key=f"practice_card_{i}"):
                    st.markdown(f"**Goal {i + 1}** · " + goal_title(a) if len(goals) > 1
                                else goal_title(a))
                    show_analysis(a, key=f"practice_{i}", editable=False)
        else:
            st.info("Write a goal above and press **Check** to see its components, scores and "
                    "a suggested rewrite.")
    with gallery:
        st.caption("Example goals from weak to strong, each with what it teaches.")
        st.markdown(sup.legend_html(), unsafe_allow_html=True)
        for i, (item, a) in enumerate(gallery_analyses(repr(profile()), profile())):
            with st.expander(f"{item['level']}: {item['title']} — overall {a.overall}",
                             expanded=i == 0), st.container(key=f"gallery_{i}"):
                st.caption(item["lesson"])
                show_analysis(a, key=f"gallery_{i}", editable=False)
    with rubric:
        st.markdown(sup.rubric_text())


def many_page() -> None:
    st.header("Score many")
    st.caption("Score a set of IEPs into one table, one row per goal, for research. "
               "Files are read in memory and not kept after the session.")
    store = upload_area("many", "many_files", "many_sample", "Add the sample IEP")
    if not store:
        st.info("Upload IEP files to build the table.")
        return
    redact = redacting()
    table = pd.DataFrame(sup.table_rows(
        [(k.rsplit(":", 1)[0], v) for k, v in store.items()], redact_names=redact,
        document_ids=[k.rsplit(":", 1)[1] for k in store]))
    errors = table[table["error"].notna()]
    goals = table[table["error"].isna()].drop(columns=["error"])
    row = st.container(horizontal=True, gap="medium")
    row.metric("Files", len(store), width="content")
    row.metric("Goals", len(goals), width="content")
    row.metric("Unreadable files", len(errors), width="content")
    row.metric("Mean overall", f"{goals['overall'].mean():.0f}" if len(goals) else "-",
               width="content")
    for _, e in errors.iterrows():
        st.error(f"Could not read **{e['file']}**: {e['error']}", icon=":material/error:")
    no_goals = [shown_name(k, v.source) for k, v in store.items()
                if isinstance(v, DocumentReport) and not v.goals]
    if no_goals:
        st.warning("No goals were found in " + ", ".join(f"**{n}**" for n in no_goals)
                   + ": check that each is an IEP with an annual goals section.",
                   icon=":material/warning:")
    if goals.empty:
        return
    # A key keeps it open while another file is still being analysed above it.
    with st.expander("Filter the table", expanded=False, icon=":material/filter_list:",
                     key="filter_box"):
        classes = st.multiselect("Measurability", sorted(goals["measurability_class"].dropna()
                                 .unique()), key="f_class", format_func=sup.label)
        domains = st.multiselect("Domain", sorted(goals["domain"].dropna().unique()),
                                 key="f_domain", format_func=sup.label)
        kinds = st.multiselect("Kind", sorted(goals["kind"].dropna().unique()), key="f_kind",
                               format_func=sup.label)
        files = st.multiselect("File", list(dict.fromkeys(goals["file"])), key="f_file")
        overall = st.slider("Overall score", 0, 100, (0, 100), key="f_overall")
        words = st.text_input("Text contains", key="f_text")
    view = sup.filter_table(goals, classes=classes, domains=domains, kinds=kinds, files=files,
                            overall=overall, contains=words)
    tables, charts = st.tabs(["Table", "Charts"])
    with tables:
        st.caption(f"{len(view)} of {len(goals)} goals shown. Click a column header to sort; "
                   "the table scrolls sideways. Downloads keep goalcheck's ids "
                   "(e.g. partially_measurable), as its JSON does.")
        every = st.toggle("Show every column", key="all_columns")
        headers: dict[str, Any] = {c: st.column_config.Column(sup.COLUMN_LABELS.get(c, c))
                                   for c in view.columns}
        headers["overall"] = st.column_config.ProgressColumn(
            "Overall", min_value=0, max_value=100, format="%d")
        st.dataframe(sup.screen_table(view), key="many_table", hide_index=True, width="stretch",
                     column_order=sup.shown_columns(every), column_config=headers)
        st.markdown("**Per file**")
        st.dataframe(sup.file_summary(goals, errors, no_goals), key="file_table",
                     hide_index=True, width="stretch")
    with charts:
        st.caption(f"Charts of the {len(view)} goals the filter shows; each has its figures "
                   "in words below it.")
        if view.empty:
            st.info("No goal passes the filter.")
        else:
            histogram(view["overall"], "overall")
            histogram(view["measurability_score"], "measurability")
            bar_chart(sup.missing_counts(view), "component", "goals missing it",
                      "Components missing")
            bar_chart(sup.domain_counts(view), "domain", "goals", "Domain mix")
            per_file = sup.file_summary(view)[["file", "mean overall"]]
            bar_chart(per_file, "file", "mean overall", "Mean overall score per file")
    downloads("all", sup.records(goals) + sup.records(errors),
              f"Download all rows ({len(goals)} goals"
              + (f", {len(errors)} unreadable files)" if len(errors) else ")"))
    if len(view) != len(goals):
        downloads("filtered", sup.records(view), f"Download filtered rows ({len(view)} goals)")


def downloads(which: str, rows: list[dict[str, Any]], title: str) -> None:
    """CSV and Parquet buttons of one set of rows, labelled with what they hold."""
    row = st.container(horizontal=True, vertical_alignment="center")
    row.markdown(f"**{title}**")
    row.download_button(f"CSV, {which} rows", sup.rows_to_csv(rows),
                        f"goalcheck_goals_{which}.csv", "text/csv", key=f"many_csv_{which}",
                        icon=":material/download:")
    row.download_button(f"Parquet, {which} rows", sup.rows_to_parquet(rows),
                        f"goalcheck_goals_{which}.parquet", "application/octet-stream",
                        key=f"many_parquet_{which}", icon=":material/download:")


def rubric_selector(row: Any) -> None:
    """The rubric profile every view and export uses: a shipped one, or the user's own file."""
    names = [*shipped_profiles(), sup.OWN_PROFILE]
    st.session_state.setdefault("rubric", DEFAULT_PROFILE)
    row.selectbox("Rubric", names, key="rubric", format_func=sup.profile_label, width=300,
                  help="Which parts a goal needs to be measurable, and the points of each part "
                       "(docs/RUBRIC.md). Every page and every export uses it and records it.")
    if st.session_state["rubric"] == sup.OWN_PROFILE:
        upload = st.file_uploader("Your rubric profile (a JSON file like the shipped ones)",
                                  type=["json"], key="own_profile_file")
        if upload is None:
            st.session_state.pop("own_profile", None)
        else:
            own = sup.profile_from_upload(upload.name, upload.getvalue())
            st.session_state["own_profile"] = own
            if isinstance(own, str):
                st.error(f"Could not use **{upload.name}**: {own}", icon=":material/error:")
    st.caption(sup.profile_caption(profile()))


# ---------------------------------------------------------------- frame

pipeline()
boot.empty()

with st.sidebar:
    st.title("goalcheck")
    st.caption("Checks IEP goals against a rubric of measurable, strength-based, "
               "standards-aligned writing.")
    st.caption(f":material/lock: Files stay in this session's memory and are never saved. "
               f"Nothing is sent to any other computer. Upload limit: {upload_limit_mb()} MB "
               f"per file.")

top = st.container(horizontal=True, vertical_alignment="center")
mode = top.radio("Mode", MODES, key="mode", horizontal=True,
                 captions=[MODE_HELP[m] for m in MODES])
top.toggle("Hide student names", key="redact",
           help="Replaces the student's name with [Student] and file names with neutral "
                "ones, on screen and in every export.")
rubric_selector(top)
{"Review a plan": review_page, "Practice": practice_page, "Score many": many_page}[mode]()
