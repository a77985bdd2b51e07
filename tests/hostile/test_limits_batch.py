"""Limits that stop a file (time, memory) and batches that are killed: nothing else is lost."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from make_corpus import IEP_TEXT, huge_page, iep_docx, iep_pdf, stream_bomb

from goalcheck import batch, cli
from goalcheck.ingest.limits import ReadLimits, TimeLimitExceeded, option, time_limit

ROOT = Path(__file__).resolve().parents[2]
#: Lets the 200,000-character page through, so that reading it takes many seconds (~15 s with
#: pdfplumber; PDFium reads it in ~2 s, too close to any limit a test could use).
SLOW_READ = ["--max-page-chars", "300000", "--reader", "pdfplumber"]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _folder(tmp_path: Path, *, dense: bool = True) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a_plan.txt").write_text(IEP_TEXT)
    if dense:
        (d / "b_dense.pdf").write_bytes(huge_page())
    (d / "c_plan.pdf").write_bytes(iep_pdf())
    return d


# ------------------------------------------------------------------ the limits themselves


def test_every_limit_is_an_option_with_a_default() -> None:
    parser = batch.build_parser()
    args = parser.parse_args(["x", "-o", "r.csv"])
    limits = cli.limits_from_args(args)
    assert limits == ReadLimits()
    for name, value in limits.as_dict().items():
        args = parser.parse_args(["x", "-o", "r.csv", option(name), str(int(value) + 1)])
        assert getattr(cli.limits_from_args(args), name) == int(value) + 1


@pytest.mark.parametrize("bad", ["0", "-5"])
def test_a_limit_must_be_positive(bad: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert batch.main([str(tmp_path), "-o", str(tmp_path / "r.csv"), "--max-pages", bad]) == 2
    assert "max_pages (--max-pages) must be a positive number" in capsys.readouterr().err
    assert cli.main(["analyze", str(tmp_path), "--max-chars", bad]) == 2


def test_time_limit_cannot_be_swallowed_by_except_exception() -> None:
    with pytest.raises(TimeLimitExceeded), time_limit(0.2):
        try:
            time.sleep(5)
        except Exception:  # noqa: BLE001 - what parsers do; the limit must pass through
            pytest.fail("the time limit was caught as an Exception")


def test_time_limit_holds_outside_the_main_thread() -> None:
    """Where SIGALRM cannot reach (a Dask worker's task thread, the app's script thread)."""
    import threading

    seen: list[object] = []

    def work() -> None:
        started = time.monotonic()
        try:
            with time_limit(0.3):
                while time.monotonic() - started < 10:
                    try:
                        sum(range(1000))
                    except Exception:  # noqa: BLE001 - what parsers do; the limit must pass through
                        seen.append("swallowed")
        except TimeLimitExceeded as exc:
            seen.append((exc.seconds, round(time.monotonic() - started)))
        with time_limit(5):  # a block that ends in time: nothing is raised later
            pass
        time.sleep(0.2)
        seen.append("after")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(15)
    assert seen == [(0.3, 0), "after"]


def test_analyze_stops_a_slow_file_and_reads_the_next(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = _folder(tmp_path)
    rc = cli.main(["analyze", str(d / "b_dense.pdf"), str(d / "a_plan.txt"), "--format", "json",
                   *SLOW_READ, "--timeout", "1"])
    out, err = capsys.readouterr()
    assert rc == 1
    assert err.startswith("goalcheck: b_dense.pdf: reading took longer than 1 seconds, so it was stopped; "
                          "if the file is trusted, raise the limit with --timeout 4")
    assert json.loads(out)[0]["summary"]["goals"] >= 2  # JSON is a list, one per file read


def test_serial_batch_stops_a_slow_file_and_goes_on(tmp_path: Path) -> None:
    d = _folder(tmp_path)
    out = tmp_path / "r.csv"
    started = time.monotonic()
    assert batch.main([str(d), "-o", str(out), "--no-progress", *SLOW_READ, "--timeout", "1"]) == 1
    assert time.monotonic() - started < 60
    files = {Path(r["path"]).name: r for r in _rows(tmp_path / "r.files.csv")}
    assert files["b_dense.pdf"]["status"] == "error"
    assert files["b_dense.pdf"]["error"].startswith("reading took longer than 1 seconds")
    assert files["a_plan.txt"]["status"] == "ok" and files["c_plan.pdf"]["status"] == "ok"
    journal = (tmp_path / "r.journal.jsonl").read_text()
    assert "b_dense.pdf" not in journal  # not journalled: --resume tries it again


# ------------------------------------------------------------------ worker processes


@pytest.mark.slow
def test_worker_that_overruns_is_stopped_and_the_rest_finish(tmp_path: Path) -> None:
    d = _folder(tmp_path)
    out = tmp_path / "r.csv"
    assert batch.main([str(d), "-o", str(out), "--no-progress", "--workers", "2", *SLOW_READ,
                       "--timeout", "3"]) == 1
    files = {Path(r["path"]).name: r for r in _rows(tmp_path / "r.files.csv")}
    assert files["b_dense.pdf"]["error"].startswith("reading took longer than 3 seconds")
    assert {files[n]["status"] for n in ("a_plan.txt", "c_plan.pdf")} == {"ok"}


@pytest.mark.slow
@pytest.mark.parametrize("reader", ["pdfplumber", "auto"])
def test_worker_over_its_memory_limit_is_stopped_and_the_rest_finish(reader: str, tmp_path: Path) -> None:
    """A page whose content expands to 2 GB (let through --max-stream-bytes) cannot fit in 1,200 MB.

    pdfminer raises MemoryError (the worker reports it and goes on); PDFium aborts
    the worker process (it is replaced). Either way the file has a clear error row.
    """
    d = _folder(tmp_path, dense=False)
    (d / "b_bomb.pdf").write_bytes(stream_bomb(2000 << 20))
    out = tmp_path / "r.csv"
    assert batch.main([str(d), "-o", str(out), "--no-progress", "--workers", "2", "--reader", reader,
                       "--max-stream-bytes", "4000000000", "--max-memory-mb", "1200"]) == 1
    files = {Path(r["path"]).name: r for r in _rows(tmp_path / "r.files.csv")}
    error = files["b_bomb.pdf"]["error"]
    if reader == "pdfplumber":
        assert error == ("ran out of memory while reading this file (the worker limit is --max-memory-mb 1200; "
                         "raise it if the machine has more)")
    else:
        assert error.startswith("the worker process reading this file was stopped by signal "), error
        assert "it may need more memory than --max-memory-mb 1200" in error
    assert {files[n]["status"] for n in ("a_plan.txt", "c_plan.pdf")} == {"ok"}
    assert {Path(r["file"]).name for r in _rows(out)} == {"a_plan.txt", "c_plan.pdf"}


@pytest.mark.slow
def test_dask_task_over_its_time_limit_gets_an_error_row(tmp_path: Path) -> None:
    from dask.distributed import LocalCluster

    d = _folder(tmp_path)
    out = tmp_path / "r.csv"
    # A worker in this process: its task runs in a thread, as on any Dask worker, where SIGALRM cannot reach.
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        assert batch.main([str(d), "-o", str(out), "--no-progress", "--scheduler", cluster.scheduler_address,
                           *SLOW_READ, "--timeout", "3"]) == 1
    files = {Path(r["path"]).name: r for r in _rows(tmp_path / "r.files.csv")}
    assert files["b_dense.pdf"]["error"].startswith("reading took longer than 3 seconds, so it was stopped"), files
    assert {files[n]["status"] for n in ("a_plan.txt", "c_plan.pdf")} == {"ok"}, files


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads /proc")
def test_a_worker_loads_neither_pandas_nor_pyarrow() -> None:
    """scikit-learn would import both (~60 MB of each worker); the worker has no use for them."""
    worker = batch._Worker(batch.Options())
    try:
        assert worker.conn.poll(120) and worker.conn.recv() is None  # ready: the pipeline is loaded
        maps = Path(f"/proc/{worker.process.pid}/maps").read_text()
        assert "site-packages/spacy" in maps and "site-packages/sklearn" in maps
        assert "site-packages/pandas" not in maps and "site-packages/pyarrow" not in maps
    finally:
        worker.stop()
    assert worker.process.returncode == 0


def test_workers_that_cannot_start_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A memory limit too small to load the language pipeline: a clear error, nothing left behind."""
    d = _folder(tmp_path, dense=False)
    out = tmp_path / "out" / "r.csv"
    assert batch.main([str(d), "-o", str(out), "--no-progress", "--workers", "2",
                       "--max-memory-mb", "60"]) == 2
    err = capsys.readouterr().err
    assert "worker processes die while starting" in err and "--max-memory-mb 60" in err
    assert list(out.parent.iterdir()) == []


# ------------------------------------------------------------------ killed mid-run, then resumed


def _mixed_folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for i in range(8):
        (d / f"plan{i:02d}.txt").write_text(IEP_TEXT.replace("Tomás", f"Student{i}"))
    (d / "plan_docx.docx").write_bytes(iep_docx())
    (d / "plan_pdf.pdf").write_bytes(iep_pdf())
    (d / "broken.pdf").write_bytes(b"%PDF-1.7\nnot really")
    (d / "empty.txt").write_bytes(b"")
    (d / "copy.txt").write_text(IEP_TEXT.replace("Tomás", "Student3"))  # same content as plan03
    return d


def _table(path: Path, drop: tuple[str, ...] = ()) -> list[dict[str, str]]:
    return [{k: v for k, v in r.items() if k not in drop} for r in _rows(path)]


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_killed_then_resumed_equals_a_clean_run(sig: int, workers: str, tmp_path: Path) -> None:
    d = _mixed_folder(tmp_path)
    clean = tmp_path / "clean" / "r.csv"
    assert batch.main([str(d), "-o", str(clean), "--no-progress"]) == 1

    out = tmp_path / "run" / "r.csv"
    argv = [str(d), "-o", str(out), "--no-progress", "--workers", workers, "--checkpoint-seconds", "0"]
    code = f"import sys; from goalcheck.batch import main; sys.exit(main({argv!r}))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.DEVNULL, env=env)
    journal = out.with_name("r.journal.jsonl")
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if journal.exists() and journal.read_text().count("\n") >= 4:  # header + 3 documents
            break
        time.sleep(0.02)
    os.kill(proc.pid, sig)
    rc = proc.wait(120)
    assert rc in ((130, 0, 1) if sig == signal.SIGINT else (-signal.SIGKILL, 0, 1))
    done_before = journal.read_text().count("\n") - 1
    assert 3 <= done_before
    assert batch.main([str(d), "-o", str(out), "--no-progress", "--resume"]) == 1
    assert _table(out) == _table(clean)  # every goal row, once, in the same order
    seconds = ("seconds",)
    assert _table(out.with_name("r.files.csv"), seconds) == _table(clean.with_name("r.files.csv"), seconds)
    meta = json.loads(out.with_name("r.meta.json").read_text())
    assert meta["complete"] is True
