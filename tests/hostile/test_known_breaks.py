"""Regression tests of breaks found by trying goalcheck as a new user (issue 16, 15.5)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from goalcheck import agree, batch, cli
from goalcheck.data import SAMPLE_IEP
from goalcheck.ingest import read_document
from goalcheck.options import OCR_MODES, ocr_mode

ROOT = Path(__file__).resolve().parents[2]
GOAL = "By June 2027, Maya will read 20 sight words with 90% accuracy."


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}


def _goalcheck(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from goalcheck.cli import main; sys.exit(main())", *args]


# ------------------------------------------------------------------ --no-ocr


def test_no_ocr_reads_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["analyze", "--no-ocr", "--format", "json", str(SAMPLE_IEP)]) == 0
    [report] = json.loads(capsys.readouterr().out)  # always a list, one per file
    assert report["summary"]["goals"] > 0


def test_no_ocr_names_the_skipped_scanned_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pdf_fixtures import image_only_pdf

    scan = tmp_path / "scan.pdf"
    scan.write_bytes(image_only_pdf())
    assert cli.main(["analyze", "--no-ocr", str(scan)]) == 0
    out = capsys.readouterr().out
    assert "Page 1 is scanned" in out and "--no-ocr" in out


@pytest.mark.parametrize("given, mode", [("auto", "auto"), ("never", "never"), ("always", "always"),
                                         ("off", "never"), ("force", "always"), ("NEVER", "never")])
def test_ocr_modes_and_old_names(given: str, mode: str) -> None:
    assert ocr_mode(given) == mode
    read_document(b"Annual Goals", name="x.txt", ocr=given)


def test_bad_ocr_mode_lists_the_valid_ones() -> None:
    with pytest.raises(ValueError, match=", ".join(OCR_MODES)):
        ocr_mode("sometimes")


def test_batch_ocr_option_accepts_the_modes() -> None:
    parser = batch.build_parser()
    assert parser.parse_args(["x", "-o", "r.csv", "--ocr", "never"]).ocr == "never"
    assert parser.parse_args(["x", "-o", "r.csv", "--ocr", "off"]).ocr == "never"


# ------------------------------------------------------------------ broken pipe


def test_check_into_a_closed_pipe_exits_quietly() -> None:
    """The reader is gone before goalcheck writes (as `| head` after its lines)."""
    proc = subprocess.Popen(_goalcheck("check", GOAL), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=_env())
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(120) == cli.EXIT_BROKEN_PIPE
    assert "Traceback" not in err and "BrokenPipe" not in err and err == ""


@pytest.mark.slow
def test_analyze_piped_to_head() -> None:
    cmd = " ".join(f"'{a}'" for a in _goalcheck("analyze", "--format", "json", str(SAMPLE_IEP)))
    proc = subprocess.run(["bash", "-c", f"set -o pipefail; {cmd} | head -c 200"],
                          capture_output=True, env=_env(), timeout=180)
    assert len(proc.stdout) == 200 and proc.stdout.startswith(b"[")
    assert b"Traceback" not in proc.stderr and proc.stderr == b""
    assert proc.returncode in (0, cli.EXIT_BROKEN_PIPE)


# ------------------------------------------------------------------ missing writers


def _hide(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    """Make ``import module`` fail as if the package were not installed."""
    for name in modules:
        monkeypatch.setitem(sys.modules, name, None)


def _docs(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("Annual Goals\n" + GOAL + "\n")
    return d


def test_parquet_without_pyarrow_refused_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    d = _docs(tmp_path)
    calls: list[str] = []
    monkeypatch.setattr(batch, "analyze_file", lambda p, o: calls.append(p))  # must not be called
    _hide(monkeypatch, "pyarrow", "pyarrow.parquet")
    assert batch.main([str(d), "-o", str(tmp_path / "r.parquet"), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert 'pip install "goalcheck[dist]"' in err and "pyarrow" in err
    assert calls == [] and sorted(p.name for p in tmp_path.iterdir()) == ["in"]
    monkeypatch.undo()
    assert batch.main([str(d), "-o", str(tmp_path / "r.csv"), "--no-progress"]) == 0


def test_scheduler_without_dask_refused_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    d = _docs(tmp_path)
    _hide(monkeypatch, "dask", "dask.distributed")
    assert batch.main([str(d), "-o", str(tmp_path / "r.csv"), "--scheduler", "tcp://127.0.0.1:1",
                       "--no-progress"]) == 2
    assert 'pip install "goalcheck[dist]"' in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_unreachable_scheduler_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = _docs(tmp_path)
    monkeypatch.setattr(batch, "versions", lambda: {"goalcheck": "test"})

    def refuse(*args: object) -> None:
        raise batch.UsageError("cannot reach the Dask scheduler at tcp://nowhere:1")

    monkeypatch.setattr(batch, "run_dask", refuse)
    assert batch.main([str(d), "-o", str(tmp_path / "r.csv"), "--scheduler", "tcp://nowhere:1",
                       "--no-progress"]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_journal_of_an_unfinished_run_resumes_in_another_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    d = _docs(tmp_path)
    monkeypatch.setattr(batch, "versions", lambda: {"goalcheck": "test"})
    real_write = batch.write_table

    def disk_full(*args: object, **kw: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(batch, "write_table", disk_full)
    assert batch.main([str(d), "-o", str(tmp_path / "r.parquet"), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "No space left" in err and "--resume" in err and "Traceback" not in err
    monkeypatch.setattr(batch, "write_table", real_write)
    assert batch.main([str(d), "-o", str(tmp_path / "r.csv"), "--no-progress"]) == 2
    assert "--resume" in capsys.readouterr().err
    assert batch.main([str(d), "-o", str(tmp_path / "r.csv"), "--no-progress", "--resume"]) == 0
    assert (tmp_path / "r.csv").read_text().count("\n") == 2  # header + the one goal


def test_unwritable_output_folder_fails_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    d = _docs(tmp_path)
    calls: list[str] = []
    monkeypatch.setattr(batch, "analyze_file", lambda p, o: calls.append(p))
    (tmp_path / "a_file").write_text("x")
    for out in (tmp_path / "a_file" / "r.csv", Path("/proc/goalcheck-test/r.csv"), Path("/proc/r.csv")):
        assert batch.main([str(d), "-o", str(out), "--no-progress"]) == 2
        assert "cannot write in the output folder" in capsys.readouterr().err
    assert calls == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in a read-only folder")
def test_read_only_output_folder_fails_before_any_work(tmp_path: Path) -> None:
    d = _docs(tmp_path)
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        assert batch.main([str(d), "-o", str(ro / "r.csv"), "--no-progress"]) == 2
    finally:
        ro.chmod(0o700)


def test_agree_without_pandas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    human = tmp_path / "human.csv"
    human.write_text("text,measurability_class\n" + GOAL + ",measurable\n")
    _hide(monkeypatch, "pandas")
    assert agree.main([str(human)]) == 2
    err = capsys.readouterr().err
    assert "pandas" in err and 'pip install "goalcheck[dist]"' in err and "Traceback" not in err


def test_agree_parquet_without_pyarrow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    human = tmp_path / "human.csv"
    human.write_text("text\n" + GOAL + "\n")
    _hide(monkeypatch, "pyarrow", "pyarrow.parquet")
    assert agree.main([str(human), str(tmp_path / "machine.parquet")]) == 2
    assert "pyarrow" in capsys.readouterr().err
