"""Tests of goalcheck.batch: inputs, journal, resume, outputs, engines, interruption."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest

from goalcheck import batch
from goalcheck.batch import FILE_COLUMNS, FileResult, Options, expand_inputs, main
from goalcheck.export import ROW_COLUMNS

CORPUS = Path(__file__).parent / "corpus"
SMALL = ("plain.txt", "two_column.pdf", "services_grid.pdf")


# --------------------------------------------------------------------- helpers


def _fake_analyze(path: str, options: Options) -> FileResult:
    """A fast stand-in for analyze_file: one goal row per non-empty line; 'BAD' is unreadable."""
    p = Path(path)
    if not p.is_file():
        return FileResult(path=path, status="error", error="no such file")
    data = p.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(b"BAD"):
        return FileResult(path=path, document_id=digest, status="error", error="unreadable")
    lines = [ln for ln in data.decode().splitlines() if ln.strip()]
    rows: list[dict[str, Any]] = [
        {**dict.fromkeys(ROW_COLUMNS), "document_id": digest, "file": path, "text": ln,
         "goal_id": f"g{i + 1}", "page": 1, "overall": len(ln), "_order": i}
        for i, ln in enumerate(lines)
    ]
    return FileResult(path=path, document_id=digest, pages=1, goals=len(rows), warnings=0,
                      rows=rows)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace the analysis with _fake_analyze; returns the list of paths analysed."""
    calls: list[str] = []

    def counting(path: str, options: Options) -> FileResult:
        calls.append(path)
        return _fake_analyze(path, options)

    monkeypatch.setattr(batch, "analyze_file", counting)
    monkeypatch.setattr(batch, "versions", lambda: {"goalcheck": "test"})
    return calls


def _docs(tmp: Path, n: int, bad: int = 0) -> Path:
    d = tmp / "in"
    (d / "sub").mkdir(parents=True, exist_ok=True)
    for i in range(n):
        folder = d / "sub" if i % 2 else d
        (folder / f"doc{i:02d}.txt").write_text(f"goal A of {i}\ngoal B of {i}\n")
    for i in range(bad):
        (d / f"bad{i}.pdf").write_bytes(b"BAD" + bytes([i]))
    return d


def _read(path: Path) -> pd.DataFrame:
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    if path.suffix == ".csv":
        return pd.read_csv(path, keep_default_na=False, dtype=str)
    return pd.read_json(path, lines=True, dtype=False)


# --------------------------------------------------------------------- inputs


def test_expand_inputs_dirs_globs_lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = _docs(tmp_path, 4, bad=1)
    (d / "notes.md").write_text("not an IEP")
    listing = tmp_path / "list.txt"
    listing.write_text("# my plans\nin/doc00.txt\n\nin/sub/*.txt\nmissing.pdf\n")
    monkeypatch.chdir(tmp_path)
    assert expand_inputs(["in"]) == sorted(
        ["in/bad0.pdf", "in/doc00.txt", "in/doc02.txt", "in/sub/doc01.txt", "in/sub/doc03.txt"]
    )
    assert expand_inputs(["in/**/doc0[13].txt"]) == ["in/sub/doc01.txt", "in/sub/doc03.txt"]
    assert expand_inputs(["@list.txt", "in/doc00.txt"]) == [
        "in/doc00.txt", "in/sub/doc01.txt", "in/sub/doc03.txt", "missing.pdf",
    ]
    assert expand_inputs(["in"], exclude=[Path("in/doc00.txt")])[1] == "in/doc02.txt"


def test_list_file_paths_relative_to_the_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _docs(tmp_path, 2)
    (tmp_path / "in" / "list.txt").write_text("doc00.txt\n")
    monkeypatch.chdir(tmp_path.parent)
    assert expand_inputs([f"@{tmp_path}/in/list.txt"]) == [str(tmp_path / "in" / "doc00.txt")]


@pytest.mark.parametrize(
    "argv",
    [
        ["x.pdf"],  # no -o
        ["x.pdf", "-o", "out.xlsx"],
        ["x.pdf", "-o", "out.csv", "--workers", "0"],
        ["x.pdf", "-o", "out.csv", "--workers", "2", "--scheduler", "tcp://h:1"],
        ["x.pdf", "-o", "out.csv", "--resume", "--overwrite"],
        ["@no-such-list.txt", "-o", "out.csv"],
        ["--bogus"],
    ],
)
def test_bad_usage_exits_2(argv: list[str], tmp_path: Path, fake: list[str],
                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert fake == []


# --------------------------------------------------------------------- outputs


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_outputs_rows_files_meta(fmt: str, tmp_path: Path, fake: list[str]) -> None:
    d = _docs(tmp_path, 3, bad=1)
    out = tmp_path / "out" / f"results.{fmt}"
    rc = main([str(d), str(tmp_path / "missing.pdf"), "-o", str(out), "--no-progress",
               "--password", "s3cret"])
    assert rc == 1  # some inputs unreadable
    rows = _read(out)
    files = _read(tmp_path / "out" / f"results.files.{fmt}")
    assert list(rows.columns) == list(ROW_COLUMNS)
    assert list(files.columns) == list(FILE_COLUMNS)
    assert len(rows) == 6 and len(files) == 5
    assert dict(files["status"].value_counts()) == {"ok": 3, "error": 2}
    assert list(rows["goal_id"]) == ["g1", "g2"] * 3
    meta = json.loads((tmp_path / "out" / "results.meta.json").read_text())
    assert meta["complete"] is True and meta["rows"] == 6 and meta["files"] == 5
    assert meta["options"]["redact_names"] is False and meta["options"]["password_given"]
    assert "s3cret" not in (tmp_path / "out" / "results.journal.jsonl").read_text() + str(meta)
    if fmt == "parquet":
        schema = pq.read_schema(out)
        assert json.loads(schema.metadata[b"goalcheck"])["rows"] == 6
        assert str(schema.field("overall").type) == "int64"


def test_all_readable_exits_0(tmp_path: Path, fake: list[str]) -> None:
    d = _docs(tmp_path, 2)
    assert main([str(d), "-o", str(tmp_path / "r.csv"), "--no-progress"]) == 0


def test_refuses_to_overwrite_an_earlier_run(tmp_path: Path, fake: list[str]) -> None:
    d = _docs(tmp_path, 2)
    out = str(tmp_path / "r.csv")
    assert main([str(d), "-o", out, "--no-progress"]) == 0
    assert main([str(d), "-o", out, "--no-progress"]) == 2
    assert main([str(d), "-o", out, "--no-progress", "--overwrite"]) == 0
    assert len(fake) == 4


def test_duplicate_content_counted_once(tmp_path: Path, fake: list[str]) -> None:
    d = _docs(tmp_path, 2)
    shutil.copy(d / "doc00.txt", d / "copy.txt")
    out = tmp_path / "r.csv"
    assert main([str(d), "-o", str(out), "--no-progress"]) == 0
    files = _read(tmp_path / "r.files.csv").set_index("path")
    assert files.loc[str(d / "doc00.txt"), "status"] == "duplicate"
    assert files.loc[str(d / "copy.txt"), "status"] == "ok"
    assert len(_read(out)) == 4


# --------------------------------------------------------------------- journal and resume


def test_resume_skips_done_files_by_content(tmp_path: Path, fake: list[str]) -> None:
    d = _docs(tmp_path, 4, bad=1)
    out = tmp_path / "r.parquet"
    first = [str(d / "doc00.txt"), str(d / "sub" / "doc01.txt"), str(d / "bad0.pdf")]
    assert main([*first, "-o", str(out), "--no-progress"]) == 1
    (d / "doc00.txt").rename(d / "renamed.txt")  # same content, new name: still done
    fake.clear()
    assert main([str(d), "-o", str(out), "--no-progress", "--resume"]) == 1
    assert sorted(fake) == [str(d / "doc02.txt"), str(d / "sub" / "doc03.txt")]
    resumed = _read(out)
    fresh_out = tmp_path / "fresh.parquet"
    assert main([str(d), "-o", str(fresh_out), "--no-progress"]) == 1
    fresh = _read(fresh_out)
    cols = [c for c in ROW_COLUMNS if c != "file"]
    pd.testing.assert_frame_equal(resumed[cols], fresh[cols])


def test_resume_refuses_other_options(tmp_path: Path, fake: list[str]) -> None:
    d = _docs(tmp_path, 1)
    out = str(tmp_path / "r.csv")
    assert main([str(d), "-o", out, "--no-progress"]) == 0
    assert main([str(d), "-o", out, "--no-progress", "--resume", "--redact-names"]) == 2


def test_torn_journal_line_is_ignored(tmp_path: Path, fake: list[str]) -> None:
    d = _docs(tmp_path, 3)
    out = tmp_path / "r.jsonl"
    assert main([str(d), "-o", str(out), "--no-progress"]) == 0
    journal = tmp_path / "r.journal.jsonl"
    lines = journal.read_text().splitlines(keepends=True)
    journal.write_text("".join(lines[:-1]) + lines[-1][: len(lines[-1]) // 2])  # crash mid-line
    fake.clear()
    assert main([str(d), "-o", str(out), "--no-progress", "--resume"]) == 0
    assert len(fake) == 1 and len(_read(out)) == 6


def test_interrupt_writes_finished_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        fake: list[str]) -> None:
    d = _docs(tmp_path, 4)
    real = batch.analyze_file

    def stop_at_third(path: str, options: Options) -> FileResult:
        if len(fake) == 2:
            raise KeyboardInterrupt
        return real(path, options)

    monkeypatch.setattr(batch, "analyze_file", stop_at_third)
    out = tmp_path / "r.parquet"
    assert main([str(d), "-o", str(out), "--no-progress"]) == 130
    assert len(_read(out)) == 4
    assert json.loads((tmp_path / "r.meta.json").read_text())["complete"] is False
    monkeypatch.setattr(batch, "analyze_file", real)
    assert main([str(d), "-o", str(out), "--no-progress", "--resume"]) == 0
    assert len(_read(out)) == 8


def test_checkpoint_rewrites_outputs_during_a_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  fake: list[str]) -> None:
    d = _docs(tmp_path, 3)
    out = tmp_path / "r.csv"
    seen: list[int] = []
    real = batch.analyze_file

    def watching(path: str, options: Options) -> FileResult:
        if out.exists():
            seen.append(len(_read(out)))
        return real(path, options)

    monkeypatch.setattr(batch, "analyze_file", watching)
    assert main([str(d), "-o", str(out), "--no-progress", "--checkpoint-seconds", "0"]) == 0
    assert seen == [2, 4]


# --------------------------------------------------------------------- the real analysis


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("corpus")
    for name in SMALL:
        shutil.copy(CORPUS / name, d / name)
    (d / "broken.pdf").write_bytes(b"%PDF-1.7\n garbage that is not a PDF")
    (d / "picture.docx").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    return d


@pytest.fixture(scope="module")
def serial_run(small_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("serial") / "r.parquet"
    assert main([str(small_corpus), "-o", str(out), "--no-progress", "--redact-names"]) == 1
    return out


def test_real_batch(serial_run: Path, small_corpus: Path) -> None:
    from goalcheck.api import analyze_document

    rows = _read(serial_run)
    files = _read(serial_run.with_name("r.files.parquet"))
    # Redacted: every file is named by the start of its content's id.
    errors = files[files["status"] == "error"].set_index("path")["error"]
    ids = {n: hashlib.sha256((small_corpus / n).read_bytes()).hexdigest()[:8] for n in ("broken.pdf", "picture.docx")}
    assert "not a readable PDF" in errors[f"document-{ids['broken.pdf']}.pdf"]
    assert "PNG" in errors[f"document-{ids['picture.docx']}.docx"]
    files = files.set_index("document_id", drop=False)
    for name in SMALL:
        report = analyze_document(small_corpus / name)
        digest = hashlib.sha256((small_corpus / name).read_bytes()).hexdigest()
        assert files.loc[digest, "goals"] == len(report.goals)
        suffix = Path(name).suffix
        assert files.loc[digest, "path"] == f"document-{digest[:8]}{suffix}"
        # Redacted rows carry the same neutral file name; the document id links them to files.
        mine = rows[rows["document_id"] == digest]
        assert set(mine["file"]) == {f"document-{digest[:8]}{suffix}"}
        assert list(mine["goal_id"]) == [g.id for g in report.goals]
        assert list(mine["overall"]) == [g.overall for g in report.goals]
    assert not rows["text"].str.contains("Maya").any()
    meta = json.loads(serial_run.with_name("r.meta.json").read_text())
    assert meta["versions"]["pipeline_version"] == "3.8.0"
    assert len(meta["versions"]["pipeline_sha256"]) == 64


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_redacted_batch_never_writes_or_logs_a_file_name(fmt: str, tmp_path: Path,
                                                         caplog: pytest.LogCaptureFixture,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 14: with --redact-names no output names the files (their names carry the child's)."""
    d = tmp_path / "Torres family"
    d.mkdir()
    plan = (CORPUS / "plain.txt").read_text(encoding="utf-8")
    (d / "Maya_Torres_IEP.txt").write_text(plan, encoding="utf-8")
    (d / "maya torres (copy).txt").write_text(plan, encoding="utf-8")  # a duplicate
    (d / "torres-2026.pdf").write_bytes(b"%PDF-1.7\n not a PDF")  # an error row
    (d / "Maya link.pdf").symlink_to(d / "nowhere.pdf")  # unreadable, no content id
    out = tmp_path / "out" / f"r.{fmt}"
    assert main([str(d), "-o", str(out), "--no-progress", "--redact-names", "--checkpoint-seconds", "0"]) == 1
    written = sorted(out.parent.iterdir())
    assert {p.name for p in written} == {f"r.{fmt}", f"r.files.{fmt}", "r.meta.json", "r.journal.jsonl"}
    seen = "".join(p.read_bytes().decode("utf-8", "replace") for p in written if p.suffix != ".parquet")
    for p in written:
        if p.suffix == ".parquet":
            seen += _read(p).to_csv() + json.dumps(pq.read_schema(p).metadata[b"goalcheck"].decode())
    seen += capsys.readouterr().err + caplog.text
    for name in ("Maya", "Torres", "maya", "torres", str(d)):
        assert name not in seen
    files = _read(out.with_name(f"r.files.{fmt}"))
    paths = list(files["path"])
    assert len(set(paths)) == 4 and all(p.startswith("document-") for p in paths)
    assert dict(zip(files["status"], files["path"], strict=True)).keys() == {"ok", "duplicate", "error"}
    duplicate = files[files["status"] == "duplicate"].iloc[0]
    assert duplicate["error"] == f"same content as document-{duplicate['document_id'][:8]}.txt"
    assert set(_read(out)["file"]) == {f"document-{duplicate['document_id'][:8]}.txt"}


def test_analyze_file_never_raises(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    for name in ("empty.txt", "absent.pdf"):
        r = batch.analyze_file(str(tmp_path / name), Options())
        assert r.status == "error" and r.error and r.rows == []


def test_versions_are_read_without_loading_the_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command records the same versions from the files as from a loaded pipeline."""
    def refuse(model: str | None = None) -> None:
        raise AssertionError("versions() loaded the pipeline")

    with monkeypatch.context() as m:
        m.setattr(batch, "build_nlp", refuse)
        from_files = batch.versions()
    monkeypatch.setattr(batch, "installed_pipeline", lambda: None)  # as if not a package: loaded
    loaded = batch.versions()
    assert from_files == loaded
    assert from_files["pipeline_components"][:4] == ["tok2vec", "tagger", "goalcheck/tag_map", "lemmatizer"]


@pytest.mark.slow
def test_processes_and_dask_give_the_serial_rows(serial_run: Path, small_corpus: Path,
                                                 tmp_path: Path) -> None:
    from dask.distributed import Client, LocalCluster

    serial = _read(serial_run)
    out = tmp_path / "procs.parquet"
    argv = [str(small_corpus), "--no-progress", "--redact-names"]
    assert main([*argv, "-o", str(out), "--workers", "2"]) == 1
    pd.testing.assert_frame_equal(_read(out), serial)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        out = tmp_path / "dask.parquet"
        assert main([*argv, "-o", str(out), "--scheduler", cluster.scheduler_address]) == 1
        with Client(cluster) as client:  # pandas kept out while goalcheck loaded, allowed again after
            state = client.run(eval, "[m in __import__('sys').modules for m in ('goalcheck', 'pandas', 'pyarrow')]")
        assert list(state.values()) == [[True, False, False]]
    pd.testing.assert_frame_equal(_read(out), serial)
    assert json.loads((tmp_path / "dask.meta.json").read_text())["engine"].startswith("dask:")


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_killed_process_leaves_valid_output(sig: int, tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    for i in range(12):
        (d / f"plan{i:02d}.txt").write_text(
            (CORPUS / "plain.txt").read_text() + f"\nPlan number {i}.\n")
    out = tmp_path / "r.csv"
    argv = [str(d), "-o", str(out), "--no-progress", "--checkpoint-seconds", "0"]
    code = f"import sys; from goalcheck.batch import main; sys.exit(main({argv!r}))"
    cmd = [sys.executable, "-c", code]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    journal = tmp_path / "r.journal.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if journal.exists() and journal.read_text().count("\n") >= 3:
            break
        time.sleep(0.05)
    os.kill(proc.pid, sig)
    rc = proc.wait(60)
    assert rc == (130 if sig == signal.SIGINT else -signal.SIGKILL)
    if out.exists():  # whatever is there is a complete, readable table
        assert 0 < len(_read(out)) < 12 * 6
    assert main([str(d), "-o", str(out), "--no-progress", "--resume"]) == 0
    files = _read(tmp_path / "r.files.csv")
    assert len(files) == 12 and set(files["status"]) == {"ok"}
    assert len(_read(out)) == 12 * int(files["goals"].astype(int).iloc[0])
