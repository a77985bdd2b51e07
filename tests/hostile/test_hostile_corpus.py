"""Every kind of hostile input (make_corpus.py) through each way in: CLI (text and JSON),
the API with bytes, the app's upload path and batch. Nothing crashes, hangs, runs,
fetches or is lost; every refusal says why and what to do.
"""

from __future__ import annotations

import ast
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from make_corpus import LISTENER, Kind, build, kinds

from goalcheck import batch, cli
from goalcheck.api import analyze_document
from goalcheck.errors import GoalcheckError, UnreadableDocument, display_name
from goalcheck.schema import DocumentReport

ROOT = Path(__file__).resolve().parents[2]
IS_ROOT = os.geteuid() == 0
ALL = kinds(Path("/nonexistent"))  # for the parameter ids only
FAST = [k for k in ALL if not k.slow]
SLOW = [k for k in ALL if k.slow]


def _param(k: Kind) -> Any:
    marks = [pytest.mark.slow] if k.slow else []
    if k.root_skips:
        marks.append(pytest.mark.skipif(IS_ROOT, reason="root can read any file"))
    return pytest.param(k.key, marks=marks, id=k.key)


BYTES_KINDS = [_param(k) for k in ALL if not k.file_only]
EVERY_KIND = [_param(k) for k in ALL]


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where active content would leave its marker (it must never appear)."""
    return tmp_path_factory.mktemp("work")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, work: Path) -> dict[str, tuple[Kind, Path]]:
    folder = tmp_path_factory.mktemp("hostile")
    out = {}
    for k in kinds(work):
        if k.slow:
            continue
        out[k.key] = (k, build(k, folder))
    (folder / "up").symlink_to("..")  # a link to the parent folder: batch must not loop
    return out


def _kind(corpus: dict[str, tuple[Kind, Path]], work: Path, key: str,
          tmp_path: Path) -> tuple[Kind, Path]:
    if key in corpus:
        return corpus[key]
    k = next(k for k in kinds(work) if k.key == key)  # a slow kind: built for this test only
    return k, build(k, tmp_path)


def _check_report(report: dict[str, Any] | DocumentReport, k: Kind, message: str) -> None:
    data = report if isinstance(report, dict) else report.to_dict()
    warnings = data["warnings"]
    if message:
        assert any(w.startswith(message) for w in warnings), warnings
    else:
        assert warnings == []
    assert data["summary"]["goals"] >= k.min_goals


# ------------------------------------------------------------------ the API, with bytes


@pytest.mark.parametrize("key", BYTES_KINDS)
def test_api_with_bytes(key: str, corpus: dict[str, tuple[Kind, Path]], work: Path, tmp_path: Path) -> None:
    k, path = _kind(corpus, work, key, tmp_path)
    outcome, message = k.expected("api")
    data = path.read_bytes()
    if outcome == "error":
        with pytest.raises(UnreadableDocument) as err:
            analyze_document(data, name=k.name, **k.options)
        assert err.value.reason.startswith(message), err.value.reason
        assert str(err.value).startswith(f"{display_name(k.name)}: ")
    else:
        _check_report(analyze_document(data, name=k.name, **k.options), k, message)


# ------------------------------------------------------------------ the command line


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("key", EVERY_KIND)
def test_cli_analyze(key: str, fmt: str, corpus: dict[str, tuple[Kind, Path]], work: Path, tmp_path: Path,
                     capsys: pytest.CaptureFixture[str]) -> None:
    k, path = _kind(corpus, work, key, tmp_path)
    outcome, message = k.expected("cli")
    rc = cli.main(["analyze", str(path), "--format", fmt, *k.cli_options()])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    if outcome == "error":
        assert rc == 1
        assert err.startswith(f"goalcheck: {display_name(k.name)}: {message}"), err
        assert err.count("\n") == 1  # one line, even for a name with a newline in it
        assert out.strip() in ("", "[]")
    else:
        assert rc == 0 and err == ""
        if fmt == "json":
            [report] = json.loads(out)  # always a list, one document per file read
            _check_report(report, k, message)
        else:
            head = out.splitlines()[0]
            assert head.startswith(f"{k.name.splitlines()[0]}") or "\n" in k.name
            if message:
                assert f"  warning: {message}" in out


# ------------------------------------------------------------------ the app's upload path


def _app_upload() -> Callable[[str, bytes], DocumentReport | str]:
    """The function the app calls for an uploaded file: from app_support if it is there,
    else app.py's own ``analyse_bytes``, compiled from app.py's source without Streamlit."""
    from goalcheck import app_support

    for name in ("analyse_upload", "analyse_bytes", "read_upload"):
        if hasattr(app_support, name):
            return getattr(app_support, name)  # type: ignore[no-any-return]
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "analyse_bytes")
    namespace: dict[str, Any] = {
        "analyze_document": analyze_document, "UnreadableDocument": UnreadableDocument,
        "GoalcheckError": GoalcheckError, "DocumentReport": DocumentReport,
        "upload_limit_mb": lambda: 200,  # Streamlit's default server.maxUploadSize
    }
    exec(compile(ast.Module(body=[node], type_ignores=[]), "app.py", "exec"), namespace)  # noqa: S102
    return namespace["analyse_bytes"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("key", BYTES_KINDS)
def test_app_upload(key: str, corpus: dict[str, tuple[Kind, Path]], work: Path, tmp_path: Path) -> None:
    k, path = _kind(corpus, work, key, tmp_path)
    outcome, message = k.expected("app")
    result = _app_upload()(k.name, path.read_bytes())
    if outcome == "error":
        assert isinstance(result, str) and result.startswith(message), result
    else:
        assert isinstance(result, DocumentReport), result
        _check_report(result, k, message)


# ------------------------------------------------------------------ batch


@pytest.fixture(scope="module")
def batch_run(corpus: dict[str, tuple[Kind, Path]], tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    import csv

    folder = next(iter(corpus.values()))[1].parent
    out = tmp_path_factory.mktemp("batch") / "r.csv"
    rc = batch.main([str(folder), "-o", str(out), "--no-progress"])
    assert rc == 1  # some files unreadable, and reported
    with out.with_name("r.files.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    paths = [r["path"] for r in rows]
    assert len(paths) == len(set(paths))  # nothing twice (the link to the parent folder is not followed)
    return {r["path"]: r for r in rows}


@pytest.mark.parametrize("key", [_param(k) for k in FAST])
def test_batch(key: str, corpus: dict[str, tuple[Kind, Path]], batch_run: dict[str, dict[str, str]]) -> None:
    k, path = corpus[key]
    outcome, message = k.expected("batch")
    if k.key == "folder":  # a folder named .pdf is searched like any folder
        row = batch_run[str(path / "inside.txt")]
        assert row["status"] in ("ok", "duplicate") and int(row["goals"]) >= 2
        return
    row = batch_run[str(path)]
    if outcome == "error":
        assert row["status"] == "error" and row["error"].startswith(message), row
    else:
        assert row["status"] in ("ok", "duplicate"), row
        assert int(row["goals"]) >= k.min_goals
        assert (int(row["warnings"]) > 0) == bool(message)


def test_batch_loses_no_file(corpus: dict[str, tuple[Kind, Path]], batch_run: dict[str, dict[str, str]]) -> None:
    expected = {str(p) for k, p in corpus.values() if k.key != "folder"} | {str(corpus["folder"][1] / "inside.txt")}
    assert set(batch_run) == expected


# ------------------------------------------------------------------ nothing runs, nothing is fetched


def test_nothing_ran_or_was_fetched(corpus: dict[str, tuple[Kind, Path]], work: Path,
                                    batch_run: dict[str, dict[str, str]]) -> None:
    """After every path above: the active PDF's JavaScript, launch action and embedded file never
    ran or were written out, and the DOCX's external image, template and link were never fetched."""
    folder = corpus["active"][1].parent
    assert not (work / "ACTIVE-CONTENT-RAN").exists()
    for where in (folder, work, Path.cwd()):
        assert not list(where.rglob("payload.sh"))
    assert LISTENER.connections() == 0


# ------------------------------------------------------------------ `check` with odd goals


def test_check_empty_goal(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", ""]) == 2
    assert cli.main(["check", " \n\t "]) == 2
    err = capsys.readouterr().err
    assert err.count("goalcheck: the goal text is empty") == 2 and "Traceback" not in err


def test_check_10000_character_goal(capsys: pytest.CaptureFixture[str]) -> None:
    goal = ("By June 2027, Tomás will read 20 sight words with 90% accuracy on weekly probes. " * 130)[:10_000]
    assert cli.main(["check", goal, "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err.startswith("goalcheck: warning: the goal is 10,000 characters long; only the first")
    assert json.loads(out)["measurability"]["class"] == "measurable"


def test_docs_table_is_up_to_date() -> None:
    """docs/hostile_input.md shows the expectations these tests check (regenerate with --write-doc)."""
    from make_corpus import DOC, doc_table, render_table

    assert doc_table(DOC.read_text(encoding="utf-8")) == render_table(ALL)
