"""goalcheck's Streamlit app: layout only, over goalcheck.api and goalcheck.app_support.

Run with ``streamlit run app.py`` (or ``goalcheck app``). Uploaded files are
read from memory and never written to disk; analyses live in the session.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd
import streamlit as st

from goalcheck import app_support as sup
from goalcheck import export
from goalcheck.api import analyze_document, analyze_goal, analyze_many
from goalcheck.data import SAMPLE_IEP
from goalcheck.errors import GoalcheckError, UnreadableDocument
from goalcheck.pipeline import build_nlp
from goalcheck.schema import COMPONENTS, DocumentReport, GoalAnalysis

MODES = ("Review a plan", "Practice", "Score many")
FILE_TYPES = ["pdf", "docx", "txt"]
KIND_LABELS = {"annual_goal": "Annual goal", "objective": "Objective",
               "postsecondary_goal": "Postsecondary goal"}

st.set_page_config(page_title="goalcheck: IEP goal review", page_icon=":material/fact_check:",
                   layout="wide")
st.html("""<style>
[class*="st-key-card_"] [data-testid="stMetricValue"],
[class*="st-key-gallery_"] [data-testid="stMetricValue"],
.st-key-practice_card [data-testid="stMetricValue"] { font-size: 1.6rem; }
[data-testid="stMetricValue"] { font-weight: 600; }
</style>""")


@st.cache_resource(show_spinner="Loading the language pipeline (once)...")
def pipeline() -> Any:
    """The spaCy pipeline, loaded once per server process."""
    return build_nlp()


@st.cache_data(show_spinner=False)
def gallery_analyses() -> list[tuple[dict[str, str], GoalAnalysis]]:
    """The shipped example goals with their analyses (no user data, safe to cache)."""
    items = sup.load_gallery()
    return list(zip(items, analyze_many([i["goal"] for i in items]), strict=True))


def upload_limit_mb() -> int:
    return int(st.get_option("server.maxUploadSize"))


def analyse_bytes(name: str, data: bytes) -> DocumentReport | str:
    """A report, or the user-facing reason the file could not be read."""
    try:
        return analyze_document(data, name=name, max_bytes=upload_limit_mb() * 1024 * 1024)
    except UnreadableDocument as e:
        return e.reason
    except GoalcheckError as e:
        return str(e)


def file_key(name: str, data: bytes) -> str:
    return f"{name}:{hashlib.sha256(data).hexdigest()}"


def analyse_uploads(files: list[Any], store: dict[str, DocumentReport | str],
                    extra: tuple[str, ...] = ()) -> None:
    """Analyse new uploads into ``store`` with a progress bar; forget removed files."""
    wanted: dict[str, tuple[str, bytes]] = {}
    for f in files or []:
        data = f.getvalue()
        wanted[file_key(f.name, data)] = (f.name, data)
    for k in [k for k in store if k not in wanted and k not in extra]:
        del store[k]
    todo = [(k, v) for k, v in wanted.items() if k not in store]
    if not todo:
        return
    bar = st.progress(0.0, text="Reading files...")
    for i, (k, (name, data)) in enumerate(todo):
        bar.progress(i / len(todo), text=f"Analysing {name} ({i + 1} of {len(todo)})...")
        store[k] = analyse_bytes(name, data)
    bar.empty()


def load_sample(store: dict[str, DocumentReport | str]) -> str:
    data = SAMPLE_IEP.read_bytes()
    key = file_key(SAMPLE_IEP.name, data)
    if key not in store:
        with st.spinner("Analysing the sample IEP..."):
            store[key] = analyse_bytes(SAMPLE_IEP.name, data)
    return key


# ---------------------------------------------------------------- shared views


def show_scores(a: GoalAnalysis) -> None:
    status = a.alignment.status if a.alignment else "not_applicable"
    classes = (None, a.measurability_class, a.strength_class, status)
    cards = sup.score_cards(a)
    for col, (title, value, caption), cls in zip(st.columns(4), cards, classes, strict=True):
        col.metric(title, value)
        colour = sup.CLASS_COLOURS.get(cls or "", "gray")
        col.markdown(f":{colour}[{caption}]" if cls else f":gray[{caption}]")


def show_analysis(a: GoalAnalysis, key: str, *, editable: bool = True) -> None:
    """One goal: highlighted text, scores, why, rewrite with diff, editor."""
    st.markdown(sup.highlight_html(a), unsafe_allow_html=True)
    if a.baseline:
        st.caption(f"Baseline: {a.baseline}")
    show_scores(a)
    if a.missing:
        st.markdown("**Missing:** " + ", ".join(
            f"{sup.COMPONENT_STYLE[c][0].lower()} ({sup.COMPONENT_STYLE[c][2].lower()})"
            for c in a.missing))
    with st.expander("Why these scores"):
        for dim, lines in sup.explanations_by_dimension(a).items():
            st.markdown(f"**{dim.capitalize()}**")
            st.markdown("\n".join(f"- {line}" for line in lines))
        for d in a.deficit_spans:
            st.markdown(f"- Instead of *{d.text}*: {d.suggestion}")
    if a.rewrite and a.rewrite.text.strip() != a.text.strip():
        st.markdown("**Suggested rewrite** (fill in the [brackets])")
        st.markdown(sup.diff_html(a.text, a.rewrite.text), unsafe_allow_html=True)
        if a.rewrite.changes:
            st.caption("Changes: " + "; ".join(a.rewrite.changes))
    else:
        st.success("Measurable and strength-based: no rewrite needed.", icon=":material/check:")
    if editable:
        with st.expander("Edit and re-score"):
            edited = st.text_area("Goal text", value=a.text, key=f"edit_{key}", height=100,
                                  help="Change the goal (for example, paste the rewrite and fill "
                                       "in the brackets); it is scored again when you press "
                                       "Ctrl+Enter or click outside the box.")
            if edited.strip() and edited.strip() != a.text.strip():
                new = analyze_goal(edited, kind=a.kind)
                delta = new.overall - a.overall
                st.markdown(f"**Re-scored:** overall {new.overall} "
                            f"({'+' if delta >= 0 else ''}{delta} from the original), "
                            f"{sup.CLASS_LABELS[new.measurability_class].lower()}, "
                            f"{sup.CLASS_LABELS[new.strength_class].lower()}.")
                st.markdown(sup.highlight_html(new), unsafe_allow_html=True)


def goal_title(a: GoalAnalysis) -> str:
    bits = [f"**{a.id}**" if a.id else "", KIND_LABELS.get(a.kind, a.kind)]
    if a.domain:
        bits.append(a.domain.replace("_", " "))
    if a.page:
        bits.append(f"page {a.page}")
    return " · ".join(b for b in bits if b)


def upload_area(store_key: str, files_key: str, sample_key: str, sample_label: str,
                icon: str | None = None) -> dict[str, DocumentReport | str]:
    """File uploader and sample button; analyses what is new; returns the session's reports."""
    store: dict[str, DocumentReport | str] = st.session_state.setdefault(store_key, {})
    up, sample = st.columns([4, 1], vertical_alignment="center")
    files = up.file_uploader(
        f"IEP files (PDF, DOCX or TXT, up to {upload_limit_mb()} MB each)", type=FILE_TYPES,
        accept_multiple_files=True, key=files_key)
    loaded = f"{sample_key}_loaded"
    if sample.button(sample_label, key=sample_key, icon=icon, width="stretch"):
        st.session_state[loaded] = load_sample(store)
    keep = (st.session_state[loaded],) if loaded in st.session_state else ()
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
            st.error(f"Could not read **{k.rsplit(':', 1)[0]}**: {v}", icon=":material/error:")
    reports = {k: v for k, v in store.items() if isinstance(v, DocumentReport)}
    if not reports:
        return
    names = {k: r.source for k, r in reports.items()}
    chosen = st.selectbox("Plan", list(reports), format_func=names.__getitem__, key="plan") \
        if len(reports) > 1 else next(iter(reports))
    report = reports[chosen]
    plan_summary(report)
    plan_exports(report)
    st.subheader(f"Goals ({len(report.goals)})")
    st.markdown(sup.legend_html(), unsafe_allow_html=True)
    for i, a in enumerate(report.goals):
        with st.container(border=True, key=f"card_{i}"):
            st.markdown(goal_title(a))
            show_analysis(a, key=f"{chosen}_{a.id or i}")


def plan_summary(report: DocumentReport) -> None:
    s = sup.summarize(report.goals)
    st.subheader(f"{report.source}", divider="gray")
    for w in report.warnings:
        st.warning(w, icon=":material/warning:")
    if not s.goals:
        st.warning("No goals were found in this file. Check that it is an IEP with an annual "
                   "goals section.")
        return
    left, right = st.columns([1, 1], gap="large")
    cols = left.columns(3)
    cols[0].metric("Goals and objectives", s.goals)
    cols[1].metric("Measurable", f"{s.share_measurable:.0%}", help=f"{s.measurable} of {s.goals}")
    cols[2].metric("Mean overall", f"{s.mean_overall:.0f}")
    cols = left.columns(3)
    cols[0].metric("Mean measurability", f"{s.mean_measurability:.0f}")
    cols[1].metric("Mean strength", f"{s.mean_strength:.0f}")
    cols[2].metric("Mean alignment", "n/a" if s.mean_alignment is None
                   else f"{s.mean_alignment:.0f}", help="academic goals only")
    missing = pd.DataFrame({
        "component": [sup.COMPONENT_STYLE[c][0] for c in COMPONENTS],
        "goals missing it": [s.missing[c] for c in COMPONENTS],
    }).sort_values("goals missing it", ascending=False)
    with right:
        st.markdown("**Which components are missing most** (number of goals)")
        st.bar_chart(missing, x="component", y="goals missing it", horizontal=True, height=200,
                     color="#1d4ed8", sort=False, x_label="", y_label="")


def plan_exports(report: DocumentReport) -> None:
    redact = bool(st.session_state.get("redact", False))
    stem = report.source.rsplit(".", 1)[0]
    if redact:
        stem = "plan"
    row = st.container(horizontal=True, vertical_alignment="center")
    row.markdown("**Export**" + (" (names replaced by [Student])" if redact else ""))
    row.download_button("CSV", sup.rows_to_csv(export.goal_rows(report, redact_names=redact)),
                        f"{stem}_goals.csv", "text/csv", key="dl_csv", icon=":material/download:")
    row.download_button("JSON", export.to_json(report, redact_names=redact),
                        f"{stem}_goals.json", "application/json", key="dl_json",
                        icon=":material/download:")
    row.download_button("Printable report", export.to_html(report, redact_names=redact),
                        f"{stem}_report.html", "text/html", key="dl_html",
                        icon=":material/print:")


def practice_page() -> None:
    st.header("Practice")
    check, gallery, rubric = st.tabs(["Check a goal", "Gallery", "Rubric"])
    with check:
        text = st.text_area(
            "Type or paste one goal", key="practice_text", height=110,
            placeholder="By June 2027, given a grade 3 passage, Maya will read aloud at 90 "
                        "words correct per minute in 3 of 4 trials, as measured by weekly probes.",
            help="Feedback appears when you press Ctrl+Enter or click outside the box.")
        if text.strip():
            a = analyze_goal(text)
            st.markdown(sup.legend_html(), unsafe_allow_html=True)
            with st.container(border=True, key="practice_card"):
                st.markdown(goal_title(a))
                show_analysis(a, key="practice", editable=False)
        else:
            st.info("Write a goal above to see its components, scores and a suggested rewrite.")
    with gallery:
        st.caption("Example goals from weak to strong, each with what it teaches.")
        st.markdown(sup.legend_html(), unsafe_allow_html=True)
        for i, (item, a) in enumerate(gallery_analyses()):
            with st.container(border=True, key=f"gallery_{i}"):
                st.markdown(f"**{item['level']}: {item['title']}**")
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
    redact = bool(st.session_state.get("redact", False))
    table = pd.DataFrame(sup.table_rows(
        [(k.rsplit(":", 1)[0], v) for k, v in store.items()], redact_names=redact,
        document_ids=[k.rsplit(":", 1)[1] for k in store]))
    errors = table[table["error"].notna()]
    goals = table[table["error"].isna()].drop(columns=["error"])
    c = st.columns(4)
    c[0].metric("Files", len(store))
    c[1].metric("Goals", len(goals))
    c[2].metric("Unreadable files", len(errors))
    c[3].metric("Mean overall", f"{goals['overall'].mean():.0f}" if len(goals) else "-")
    for _, e in errors.iterrows():
        st.error(f"Could not read **{e['file']}**: {e['error']}", icon=":material/error:")
    if goals.empty:
        return
    with st.expander("Filter", expanded=False, icon=":material/filter_list:"):
        f1, f2, f3 = st.columns(3)
        classes = f1.multiselect("Measurability", sorted(goals["measurability_class"].dropna()
                                 .unique()), key="f_class")
        domains = f2.multiselect("Domain", sorted(goals["domain"].dropna().unique()),
                                 key="f_domain")
        kinds = f3.multiselect("Kind", sorted(goals["kind"].dropna().unique()), key="f_kind")
        overall = st.slider("Overall score", 0, 100, (0, 100), key="f_overall")
        words = st.text_input("Text contains", key="f_text")
    view = sup.filter_table(goals, classes=classes, domains=domains, kinds=kinds,
                            overall=overall, contains=words)
    st.caption(f"{len(view)} of {len(goals)} goals shown. Click a column header to sort.")
    every = st.toggle("Show every column", key="all_columns")
    st.dataframe(view, key="many_table", hide_index=True, width="stretch",
                 column_order=None if every else sup.TABLE_COLUMNS,
                 column_config={"overall": st.column_config.ProgressColumn(
                     "overall", min_value=0, max_value=100, format="%d")})
    out = sup.records(view) + sup.records(errors)
    d1 = d2 = st.container(horizontal=True)
    d1.download_button("Download CSV", sup.rows_to_csv(out), "goalcheck_goals.csv", "text/csv",
                       key="many_csv", icon=":material/download:")
    d2.download_button("Download Parquet", sup.rows_to_parquet(out), "goalcheck_goals.parquet",
                       "application/octet-stream", key="many_parquet",
                       icon=":material/download:")


# ---------------------------------------------------------------- frame

with st.sidebar:
    st.title("goalcheck")
    st.caption("Checks IEP goals against a rubric of measurable, strength-based, "
               "standards-aligned writing.")
    mode = st.radio("Mode", MODES, key="mode", captions=[
        "Reviewers: one plan, goal by goal", "Coaches: one goal, examples, rubric",
        "Researchers: many files, one table"])
    st.divider()
    st.toggle("Replace student names with [Student] in exports", key="redact")
    st.caption(f":material/lock: Files stay in this session's memory and are never saved. "
               f"No usage statistics are sent. Upload limit: {upload_limit_mb()} MB per file.")

pipeline()
{"Review a plan": review_page, "Practice": practice_page, "Score many": many_page}[mode]()
