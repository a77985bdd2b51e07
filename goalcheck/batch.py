"""``goalcheck batch``: many IEP files -> one table of goals and one table of files.

Work is never lost: each finished document is appended (and flushed to disk)
to a journal ``OUT.journal.jsonl`` beside the output; the final tables are
written from the journal to a temporary file and renamed into place, so a
crash, Ctrl-C or a killed process leaves either the previous complete output
or the new one, and ``--resume`` continues from the journal, skipping files
whose content (sha256) was already analysed.

Documents run in local processes (``--workers N``) or on a Dask cluster
(``--scheduler ADDRESS``); the rows are sorted so the output is the same
whatever the engine. See docs/batch_schema.md for the columns.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import glob
import hashlib
import json
import logging
import multiprocessing
import multiprocessing.connection as mpc
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

import sklearn
import spacy

from .api import analyze_document
from .cli import add_limit_arguments, limits_from_args, warm_up
from .errors import GoalcheckError, MissingDependency, require
from .export import (
    PLAN_COLUMNS,
    PLAN_TYPES,
    ROW_COLUMNS,
    ROW_TYPES,
    goal_rows,
    plan_row,
    redacted_source,
    to_csv,
)
from .ingest.limits import PROCESS_LIMITS, ReadLimits, TimeLimitExceeded, time_limit
from .options import OCR_MODES, PDF_READERS, OcrMode, PdfReader, ocr_mode
from .pipeline import build_nlp, installed_pipeline, pipeline_info
from .profiles import DEFAULT_PROFILE, ProfileError, load_profile, shipped_profiles
from .version import __version__

log = logging.getLogger(__name__)

FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl")
DOCUMENT_SUFFIXES: tuple[str, ...] = (".pdf", ".docx", ".txt")
FILE_COLUMNS: tuple[str, ...] = (
    "path", "document_id", "status", "pages", "goals", "warnings", "error", "seconds", *PLAN_COLUMNS,
)
FILE_TYPES: dict[str, str] = {
    "path": "string", "document_id": "string", "status": "string", "pages": "int",
    "goals": "int", "warnings": "int", "error": "string", "seconds": "float", **PLAN_TYPES,
}
#: Options that change the rows; a journal made with other values cannot be resumed.
#: Options that change the rows; a journal made with other values cannot be resumed.
ANALYSIS_OPTIONS: tuple[str, ...] = (
    "redact_names", "ocr", "rubric", *(f.name for f in fields(ReadLimits) if f.name not in PROCESS_LIMITS),
)
JOURNAL_VERSION = 1
_GLOB_CHARS = frozenset("*?[")
_STARTUP_FAILURES = 3  # workers that die before they are ready: give up, the limits are too tight


@dataclass(frozen=True)
class Options:
    """What each document is analysed with (picklable, sent to every worker)."""

    redact_names: bool = False
    ocr: OcrMode = "auto"
    limits: ReadLimits = field(default_factory=ReadLimits)
    #: The rubric profile's name or file (recorded as its name and version).
    rubric: str = DEFAULT_PROFILE
    password: str | None = field(default=None, repr=False)
    reader: PdfReader = "auto"  # gives the same rows whatever its value, so resuming may change it

    def recorded(self) -> dict[str, Any]:
        """The options as recorded in outputs (never the password)."""
        out: dict[str, Any] = {"redact_names": self.redact_names, "ocr": self.ocr, **self.limits.as_dict()}
        out["rubric"] = load_profile(self.rubric).to_dict()
        out["password_given"] = self.password is not None
        out["reader"] = self.reader
        return out


@dataclass
class FileResult:
    """The outcome of one input file: a row of the files table plus its goal rows."""

    path: str
    document_id: str | None = None
    status: str = "ok"  # ok | error | duplicate
    pages: int | None = None
    goals: int | None = None
    warnings: int | None = None
    error: str | None = None
    seconds: float = 0.0
    rows: list[dict[str, Any]] = field(default_factory=list)
    plan: dict[str, Any] = field(default_factory=dict)  # export.plan_row: plan score, check statuses

    def file_row(self) -> dict[str, Any]:
        row = {c: getattr(self, c) for c in FILE_COLUMNS if c not in PLAN_COLUMNS}
        return {**row, **{c: self.plan.get(c) for c in PLAN_COLUMNS}}


# --------------------------------------------------------------------- inputs


def expand_inputs(specs: Iterable[str], exclude: Iterable[Path] = ()) -> list[str]:
    """File paths from files, directories (recursive), globs and ``@list.txt`` files.

    Directories contribute their .pdf/.docx/.txt entries (a FIFO or broken link
    named so is kept, to be reported; linked folders are not entered); a list file holds one
    path (or glob) per line, ``#`` comments allowed, relative paths taken from
    the current directory and, failing that, from the list file's directory.
    A path that does not exist is kept, so that it becomes an error row.
    The result is de-duplicated and sorted.
    """
    def real(path: Path) -> Path:
        return Path(os.path.realpath(path))  # unlike Path.resolve(), never raises on a link loop

    skip = {real(p) for p in exclude}
    found: dict[Path, str] = {}

    def add(path_text: str) -> None:
        path = Path(path_text)
        resolved = real(path)
        if resolved not in skip and resolved not in found:
            found[resolved] = str(path)

    def one(spec: str, base: Path | None) -> None:
        if spec.startswith("@"):
            list_path = Path(spec[1:])
            try:
                lines = list_path.read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise UsageError(f"cannot read the list file {list_path}: {exc.strerror}") from exc
            for line in lines:
                line = line.strip()
                if line and not line.startswith("#"):
                    one(line, list_path.parent)
            return
        path = Path(spec)
        relative_to_list = base is not None and not path.is_absolute() and not path.exists()
        if relative_to_list and (
            (base / path).exists() or any(c in spec for c in _GLOB_CHARS)  # type: ignore[operator]
        ):
            path = base / path  # type: ignore[operator]
            spec = str(path)
        if path.is_dir():
            for sub in sorted(path.rglob("*")):  # symbolic links to folders are not followed
                if sub.suffix.lower() in DOCUMENT_SUFFIXES and not sub.is_dir():
                    add(str(sub))  # FIFOs, broken links and link loops too: each becomes an error row
        elif any(c in spec for c in _GLOB_CHARS) and not path.exists():
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                log.warning("no file matches %s", spec)
            for m in matches:
                if Path(m).is_dir():
                    one(m, None)
                else:
                    add(m)
        else:
            add(spec)

    for spec in specs:
        one(spec, None)
    return sorted(found.values())


# --------------------------------------------------------------------- one document


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    """Hex sha256 of a file's bytes (streamed)."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def analyze_file(path: str, options: Options) -> FileResult:
    """Analyse one file; every failure becomes an error result, never an exception.

    Example:
        >>> analyze_file("no/such.pdf", Options()).status
        'error'
    """

    started = time.perf_counter()
    result = FileResult(path=path)
    p = Path(path)
    try:
        data: bytes | None = None
        if p.is_file():  # anything else (folder, FIFO, broken link) is refused by read_document, unread
            if p.stat().st_size > options.limits.max_bytes:
                result.document_id = sha256_file(p)
            else:
                data = p.read_bytes()
                result.document_id = hashlib.sha256(data).hexdigest()
        report = analyze_document(
            data if data is not None else p, name=p.name, password=options.password,
            ocr=options.ocr, limits=options.limits, reader=options.reader, rubric=options.rubric,
        )
        report.source = path
        result.rows = goal_rows(
            report, redact_names=options.redact_names, document_id=result.document_id
        )
        for i, row in enumerate(result.rows):
            row["_order"] = i
        result.pages, result.goals = report.pages, len(report.goals)
        result.warnings = len(report.warnings)
        result.plan = plan_row(report)
    except GoalcheckError as exc:
        result.status, result.error = "error", str(getattr(exc, "reason", exc))
    except OSError as exc:
        result.status, result.error = "error", f"cannot read the file: {exc.strerror or exc}"
    except MemoryError:
        limit = options.limits.max_memory_mb
        result.status, result.error = "error", (
            "ran out of memory while reading this file"
            + (f" (the worker limit is --max-memory-mb {limit}; raise it if the machine has more)" if limit else "")
        )
    except Exception as exc:  # one bad file must never stop a batch
        log.error("unexpected %s on one document", type(exc).__name__)
        log.debug("traceback", exc_info=True)
        result.status, result.error = "error", f"internal error ({type(exc).__name__}): {exc}"
    result.seconds = round(time.perf_counter() - started, 3)
    return result


# --------------------------------------------------------------------- engines

Sink = Callable[[FileResult], None]


def _timed_out(path: str, seconds: float) -> FileResult:
    """The error row of a file stopped by the time limit (not journalled: a resumed run tries it again)."""
    return FileResult(path=path, status="error", seconds=seconds,
                      error=TimeLimitExceeded(seconds).reason())


def analyze_within_limit(path: str, options: Options) -> FileResult:
    """``analyze_file`` stopped at the time limit (``timeout``): what every engine runs for a file.

    Works in any thread (a Dask worker's task too); see ``ingest.limits.time_limit``.
    """
    seconds = options.limits.timeout
    try:
        with time_limit(seconds):
            return analyze_file(path, options)
    except TimeLimitExceeded:
        return _timed_out(path, seconds)


def run_serial(paths: list[str], options: Options, sink: Sink) -> None:
    """Analyse files one after the other in this process."""
    if options.limits.timeout:
        warm_up()  # loading the pipeline is not the first document's time
    for path in paths:
        sink(analyze_within_limit(path, options))


#: Python run in a worker process before goalcheck (and so scikit-learn) is imported,
#: which keeps ~100 MB of libraries out of each worker (workers only analyse; the
#: command writes the tables):
#:
#: * pandas is refused: scikit-learn imports pandas, and pandas pyarrow, whenever
#:   they are installed (~60 MB). A module set to None in ``sys.modules`` makes its
#:   import raise ImportError, which scikit-learn handles as "pandas not installed".
#: * scipy.stats and spaCy's command line (typer, weasel, requests, httpx, jinja2...)
#:   are imported on first use (~17 and ~11 MB): scikit-learn imports scipy.stats, and
#:   spaCy ``spacy.cli.info``, at import time, and neither is used to analyse. Each
#:   is a stand-in module: the functions imported from it by name at import time
#:   (``STAND_INS``) import the real module when called; any other name imports it
#:   and is taken from it.
#:
#: Nothing is changed in a process that has already imported scikit-learn or spaCy.
LEAN_IMPORTS = """
import importlib, sys, types

STAND_INS = {"scipy.stats": ("gmean", "rankdata", "spearmanr"), "spacy.cli": (), "spacy.cli.info": ("info",)}

class _Later(types.ModuleType):
    def __getattr__(self, name):
        if name == "__path__":  # only when importlib looks for a submodule: the real package then
            if sys._getframe(1).f_code.co_name == "_find_and_load_unlocked":
                return _real(self.__name__).__path__
            raise AttributeError(name)  # ("from module import name" asks too: not a package)
        if name.startswith("__"):
            raise AttributeError(name)
        if name in STAND_INS[self.__name__]:
            return _stand_in(self.__name__, name)
        return getattr(_real(self.__name__), name)

def _real(module):
    for stub in STAND_INS:  # a package and its submodules are imported together
        if stub == module or stub.startswith(module + ".") or module.startswith(stub + "."):
            if isinstance(sys.modules.get(stub), _Later):
                del sys.modules[stub]
    return importlib.import_module(module)

def _stand_in(module, name):
    def call(*args, **kwargs):
        return getattr(_real(module), name)(*args, **kwargs)
    call.__name__ = call.__qualname__ = name
    call.__module__ = module
    return call

if "sklearn" not in sys.modules and "spacy" not in sys.modules:
    sys.modules.setdefault("pandas", None)
    for module in STAND_INS:
        if module not in sys.modules:
            sys.modules[module] = _Later(module)
"""
#: Undoes the pandas refusal (after warm-up, on a Dask worker other tasks may share).
_ALLOW_PANDAS = """
import sys
if "pandas" in sys.modules and sys.modules["pandas"] is None:
    del sys.modules["pandas"]
"""
#: How a worker process starts: a bare ``python -c`` running LEAN_IMPORTS, not
#: multiprocessing's spawn (which runs the parent's main script again, importing
#: everything first).
_WORKER_BOOT = (
    "import json, sys; sys.path[:] = json.loads(sys.argv[2]); exec(sys.argv[3], {}); "
    "from goalcheck.batch import worker_main; worker_main(int(sys.argv[1]))"
)
#: One process per core: numerical libraries' thread pools only cost memory in a worker.
_WORKER_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
#: A worker stops a file at its time limit itself; one that has not answered this
#: many seconds later (stuck in native code) is killed.
_KILL_GRACE = 10.0


def worker_main(fd: int) -> None:
    """A worker process: limit memory, load the pipeline, then analyse the paths it is sent.

    It talks to the command over the connection ``fd``: it receives
    ``(options, log level)``, answers ``None`` when ready, then a FileResult
    for each path until it receives ``None`` or the connection closes.
    """
    conn = mpc.Connection(fd)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    options, log_level = conn.recv()
    logging.basicConfig(level=log_level)
    limit_memory(options.limits.max_memory_mb)
    try:
        warm_up()
    except MemoryError:
        sys.stderr.write("goalcheck batch: a worker cannot load the language pipeline within "
                         f"--max-memory-mb {options.limits.max_memory_mb}\n")
        os._exit(3)
    gc.collect()
    _trim_heap()
    conn.send(None)  # ready
    while True:
        try:
            path = conn.recv()
        except EOFError:
            return
        if path is None:
            return
        result = analyze_within_limit(path, options)
        try:
            conn.send(result)
        except OSError:  # the command is gone (killed): nothing to report to
            return
        _trim_heap()


def _trim_heap() -> None:
    """Give freed heap memory back to the system (glibc), so one big file does not stay resident."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space (RLIMIT_AS), so that a huge file fails with MemoryError."""
    if megabytes <= 0:
        return
    try:
        import resource

        cap = megabytes << 20
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (cap if hard < 0 else min(cap, hard), hard))
    except (ImportError, ValueError, OSError):
        log.warning("cannot limit worker memory on this system")


class _Worker:
    """One worker process (see ``_WORKER_BOOT``) and the file it is reading (if any)."""

    def __init__(self, options: Options) -> None:
        self.conn, child = multiprocessing.Pipe()
        env = {**_WORKER_ENV, **os.environ}
        self.process = subprocess.Popen(
            [sys.executable, "-c", _WORKER_BOOT, str(child.fileno()), json.dumps(sys.path), LEAN_IMPORTS],
            pass_fds=(child.fileno(),), env=env, stdin=subprocess.DEVNULL,
        )
        child.close()
        self.conn.send((options, logging.getLogger().level))
        self.ready = False
        self.path: str | None = None
        self.started = 0.0

    def give(self, path: str) -> None:
        self.path, self.started = path, time.monotonic()
        self.conn.send(path)

    def stop(self, *, kill: bool = False) -> None:
        if self.process.poll() is None:
            if kill:
                self.process.kill()
            else:
                with contextlib.suppress(OSError):
                    self.conn.send(None)
                try:
                    self.process.wait(5)
                except subprocess.TimeoutExpired:
                    self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(5)
        self.conn.close()


def _death(code: int | None, memory_mb: int, what: str = "the worker process reading this file") -> str:
    if code is not None and code < 0:
        try:
            how = f"was stopped by signal {-code} ({signal.Signals(-code).name})"
        except ValueError:
            how = f"was stopped by signal {-code}"
    else:
        how = f"exited with code {code}"
    hint = (f"; it may need more memory than --max-memory-mb {memory_mb}, or the file crashes a PDF library"
            if memory_mb else "; the file may crash a PDF library, or the machine ran out of memory")
    return f"{what} {how}{hint}"


def run_processes(paths: list[str], options: Options, sink: Sink, workers: int) -> None:
    """Analyse files in ``workers`` worker processes, each loading the pipeline once.

    Each file's time is counted from when its worker receives it; the worker
    stops a file over ``timeout`` itself, and is killed if it has not answered
    ``_KILL_GRACE`` seconds later. A worker that dies (memory limit, a crash in
    a native library) reports its file as an error and is replaced; the other
    files are not affected.
    """
    limits = options.limits
    deadline = limits.timeout + _KILL_GRACE if limits.timeout else 0.0
    queue = list(reversed(paths))
    pool = [_Worker(options) for _ in range(min(workers, len(paths)))]
    startup_failures = 0
    try:
        while queue or any(w.path for w in pool):
            for w in pool:
                if w.ready and w.path is None and queue:
                    w.give(queue.pop())
            busy = [w.started + deadline - time.monotonic() for w in pool if w.path and deadline]
            mpc.wait([w.conn for w in pool], timeout=max(0.05, min(busy)) if busy else None)
            for w in list(pool):
                dead = False
                try:
                    while w.conn.poll():
                        message = w.conn.recv()
                        if message is None:
                            w.ready = True
                        else:
                            w.path = None
                            sink(message)
                except (EOFError, OSError):
                    dead = True  # the connection closed: the worker ended
                overdue = w.path is not None and deadline and time.monotonic() - w.started > deadline
                if not dead and not overdue:
                    continue
                w.stop(kill=True)
                if overdue:
                    sink(_timed_out(w.path or "", limits.timeout))
                elif w.path is not None:
                    sink(FileResult(path=w.path, status="error", seconds=round(time.monotonic() - w.started, 3),
                                    error=_death(w.process.returncode, limits.max_memory_mb)))
                elif not w.ready:
                    startup_failures += 1
                    if startup_failures >= _STARTUP_FAILURES:
                        raise UsageError(
                            "worker processes die while starting ("
                            + _death(w.process.returncode, limits.max_memory_mb, "the last one").replace(
                                ", or the file crashes a PDF library", "") + ")"
                        )
                pool.remove(w)
                if queue:
                    pool.append(_Worker(options))
                log.warning("a worker process ended; %d workers running", len(pool))
    finally:
        for w in pool:
            w.stop(kill=w.path is not None)


def analyze_on_dask(path: str, options: Options) -> FileResult:
    """A Dask task: ``analyze_within_limit``, then freed heap given back, as a local worker does."""
    result = analyze_within_limit(path, options)
    _trim_heap()  # the task's thread has a heap of its own (glibc), which is not trimmed otherwise
    return result


def run_dask(paths: list[str], options: Options, sink: Sink, address: str) -> None:
    """Analyse files on a Dask distributed cluster (workers must see the same paths)."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError as exc:
        raise UsageError(
            "--scheduler needs Dask distributed: pip install 'goalcheck[dist]'"
        ) from exc
    try:
        client = Client(address, timeout=30)
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        client.run(exec, LEAN_IMPORTS, {})  # on fresh workers, before goalcheck is imported there
        try:
            client.run(warm_up)
        finally:
            client.run(exec, _ALLOW_PANDAS, {})
        futures = [client.submit(analyze_on_dask, path, options, pure=False) for path in paths]
        paths_by_key = {f.key: p for f, p in zip(futures, paths, strict=True)}
        try:
            for fut in as_completed(futures):
                try:
                    result = fut.result()
                except Exception as exc:  # noqa: BLE001  worker lost, task erred
                    result = FileResult(path=paths_by_key[fut.key], status="error",
                                        error=f"the Dask task failed: {type(exc).__name__}: {exc}")
                finally:
                    fut.release()  # else its worker keeps the result (~0.1 MB) until the run ends
                sink(result)
        except BaseException:
            client.cancel(futures)
            raise
    finally:
        client.close()


# --------------------------------------------------------------------- journal and outputs


class UsageError(Exception):
    """Bad command-line usage (exit code 2)."""


@dataclass(frozen=True)
class OutputPaths:
    """The files written for an output path ``OUT``: rows, files table, meta, journal."""

    rows: Path
    files: Path
    meta: Path
    journal: Path
    fmt: str

    @classmethod
    def for_output(cls, out: Path) -> OutputPaths:
        fmt = out.suffix.lower().lstrip(".")
        if fmt not in FORMATS:
            raise UsageError(
                f"cannot tell the output format of {out}: name it .parquet, .csv or .jsonl"
            )
        stem = out.with_suffix("")
        return cls(
            rows=out, files=Path(f"{stem}.files.{fmt}"), meta=Path(f"{stem}.meta.json"),
            journal=Path(f"{stem}.journal.jsonl"), fmt=fmt,
        )


class Journal:
    """Append-only JSONL of finished documents; one line each, flushed and fsynced."""

    def __init__(self, path: Path, header: dict[str, Any], *, resume: bool) -> None:
        self.path = path
        self.done: dict[str, FileResult] = {}
        self.added = 0  # results written by this run
        self.created = not (resume and path.exists())
        if not self.created:
            old_header, results = read_journal(path)
            _check_compatible(old_header, header)
            for r in results:
                if r.document_id:
                    self.done[r.document_id] = r
            self._fh: TextIO = path.open("a", encoding="utf-8")
        else:
            self._fh = path.open("w", encoding="utf-8")
            self._write({"journal": JOURNAL_VERSION, **header})

    def _write(self, obj: dict[str, Any]) -> None:
        self._fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def add(self, result: FileResult) -> None:
        """Record a finished document (errors without a content hash are not journalled)."""
        if result.document_id and result.status != "duplicate":
            self._write({"result": asdict(result)})
            self.added += 1

    def close(self) -> None:
        self._fh.close()


def read_journal(path: Path) -> tuple[dict[str, Any], list[FileResult]]:
    """The header and results of a journal; a torn last line (a crash mid-write) is ignored."""
    header: dict[str, Any] = {}
    results: list[FileResult] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                log.warning("%s: ignoring an incomplete line %d", path, n + 1)
                continue
            if n == 0:
                header = obj
            elif "result" in obj:
                results.append(FileResult(**obj["result"]))
    return header, results


def _check_compatible(old: dict[str, Any], new: dict[str, Any]) -> None:
    diffs = [
        f"{k}: {old.get('options', {}).get(k)!r} then, {new['options'][k]!r} now"
        for k in ANALYSIS_OPTIONS
        if old.get("options", {}).get(k) != new["options"][k]
    ]
    for k in ("goalcheck", "pipeline_version", "data_sha256"):
        if old.get("versions", {}).get(k) != new["versions"].get(k):
            diffs.append(f"{k}: {old.get('versions', {}).get(k)} then, {new['versions'].get(k)} now")
    def model_hashes(header: dict[str, Any]) -> dict[str, Any]:
        models = header.get("versions", {}).get("models", {})
        return {k: m.get("sha256") for k, m in models.items() if isinstance(m, dict)}

    if model_hashes(old) != model_hashes(new):
        diffs.append("the trained models in models/ changed")
    if diffs:
        raise UsageError(
            "cannot resume: the earlier run used other settings ("
            + "; ".join(diffs) + "). Run again with the same options, or without --resume "
            "and with --overwrite to start again."
        )


def _atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        write(tmp)
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _arrow_table(rows: list[dict[str, Any]], columns: tuple[str, ...], types: dict[str, str],
                 meta: dict[str, Any]) -> Any:
    import pyarrow as pa

    arrow_types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(),
                   "bool": pa.bool_()}
    schema = pa.schema([(c, arrow_types[types[c]]) for c in columns])
    schema = schema.with_metadata({"goalcheck": json.dumps(meta)})
    return pa.Table.from_pydict({c: [r.get(c) for r in rows] for c in columns}, schema=schema)


def write_table(path: Path, fmt: str, rows: list[dict[str, Any]], columns: tuple[str, ...],
                types: dict[str, str], meta: dict[str, Any]) -> None:
    """Write rows atomically as parquet (with ``goalcheck`` schema metadata), csv or jsonl."""

    def write(tmp: Path) -> None:
        if fmt == "parquet":
            import pyarrow.parquet as pq

            pq.write_table(_arrow_table(rows, columns, types, meta), tmp)
        elif fmt == "csv":

            tmp.write_text(to_csv(rows, columns), encoding="utf-8")
        else:
            with tmp.open("w", encoding="utf-8") as fh:
                for r in rows:
                    fh.write(json.dumps({c: r.get(c) for c in columns}, ensure_ascii=False) + "\n")

    _atomic_write(path, write)


class PathLabels:
    """How the outputs name each input file: its path, or with ``--redact-names`` a neutral name.

    A file name often carries the child's name ("maya_torres_iep.pdf"), so a
    redacted run never writes or logs a path: a file read is called
    ``document-<start of its id>.pdf`` (as its goal rows' ``file``), one that
    could not be read ``document-unread-<its place in the input list>.pdf``.
    """

    def __init__(self, paths: list[str], *, redact: bool) -> None:
        self.redact = redact
        self._place = {p: i for i, p in enumerate(paths, 1)}

    def __call__(self, path: str, document_id: str | None) -> str:
        if not self.redact:
            return path
        if document_id:
            return redacted_source(path, document_id)
        return redacted_source(path).replace("document", f"document-unread-{self._place.get(path, 0)}", 1)

    def scrub(self, text: str | None, path: str, label: str) -> str | None:
        """``text`` (an error message) without the file's path or name."""
        if not self.redact or not text:
            return text
        for name in sorted({path, Path(path).name, os.path.realpath(path)}, key=len, reverse=True):
            text = text.replace(name, label)
        return text

    def public(self, result: FileResult) -> FileResult:
        """A copy of ``result`` fit to be written or logged."""
        if not self.redact:
            return result
        label = self(result.path, result.document_id)
        return FileResult(**{**asdict(result), "path": label,
                             "error": self.scrub(result.error, result.path, label)})


def assemble(paths: list[str], results: dict[str, FileResult],
             labels: PathLabels | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Goal rows and file rows in a deterministic order, from results keyed by input path.

    A document whose content was already seen under another path (in this run
    or a resumed one) contributes its goal rows once; later paths are marked
    ``duplicate``. ``labels`` names the files (see PathLabels; default: their paths).
    """
    labels = labels or PathLabels(paths, redact=False)
    file_rows: list[dict[str, Any]] = []
    goal_rows_out: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    used: set[str] = set()
    for path in paths:
        r = results.get(path)
        if r is None:
            continue
        label = labels(path, r.document_id)
        if label in used:  # a duplicate, redacted: tell the rows apart
            label = next(f"{Path(label).stem}-{n}{Path(label).suffix}" for n in range(2, len(paths) + 2)
                         if f"{Path(label).stem}-{n}{Path(label).suffix}" not in used)
        used.add(label)
        if r.document_id and r.status == "ok" and r.document_id in seen:
            r = FileResult(path=path, document_id=r.document_id, status="duplicate",
                           pages=r.pages, goals=r.goals, warnings=r.warnings, plan=r.plan,
                           error=f"same content as {seen[r.document_id]}", seconds=0.0)
        elif r.document_id and r.status == "ok":
            seen[r.document_id] = label
            goal_rows_out.extend(
                {k: v for k, v in row.items() if k != "_order"}
                for row in sorted(r.rows, key=lambda row: row.get("_order", 0))
            )
        file_rows.append({**r.file_row(), "path": label, "error": labels.scrub(r.error, path, label)})
    return goal_rows_out, file_rows


# --------------------------------------------------------------------- reproducibility


def _sha256_tree(root: Path, pattern: str = "**/*") -> str:
    h = hashlib.sha256()
    for p in sorted(root.glob(pattern)):
        if p.is_file() and "__pycache__" not in p.parts:
            h.update(str(p.relative_to(root)).encode())
            h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def versions() -> dict[str, Any]:
    """goalcheck, spaCy, the English pipeline and the shipped data and models, with hashes.

    Read from the installed files: the command does not load the pipeline just to
    record it (the workers do); only a pipeline that is not an installed package is loaded.
    """
    installed = installed_pipeline()
    if installed is None:
        nlp = build_nlp()
        model_dir, english, components = getattr(nlp, "path", None), nlp.meta, list(nlp.pipe_names)
    else:
        model_dir, english, components = installed
    info = pipeline_info(english)
    pkg = Path(__file__).resolve().parent
    models: dict[str, Any] = {}
    for meta_dir in (pkg / "models", pkg.parent / "models"):
        for meta in sorted(meta_dir.glob("*.meta.json")):
            try:
                models[meta.name.removesuffix(".meta.json")] = json.loads(meta.read_text("utf-8"))
            except (OSError, ValueError) as exc:
                models[meta.name] = {"error": str(exc)}
    return {
        "goalcheck": __version__,
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "scikit_learn": sklearn.__version__,
        "pipeline": info.get("pipeline"),
        "pipeline_version": info.get("pipeline_version"),
        "pipeline_components": components,
        "pipeline_sha256": _sha256_tree(Path(model_dir)) if model_dir else None,
        "data_sha256": _sha256_tree(pkg / "data"),
        "models": models,
    }


# --------------------------------------------------------------------- command line


def build_parser() -> argparse.ArgumentParser:
    """The ``goalcheck batch`` argument parser."""
    p = argparse.ArgumentParser(
        prog="goalcheck batch",
        description="Analyse many IEPs into one table of goals (one row per goal) and a "
        "table of files. Columns: docs/batch_schema.md.",
    )
    p.add_argument("inputs", nargs="+", metavar="PATH",
                   help="files, directories (searched recursively for .pdf/.docx/.txt), "
                   "globs ('plans/**/*.pdf'), or @list.txt (one path per line)")
    p.add_argument("-o", "--output", required=True, type=Path,
                   help="results.parquet, results.csv or results.jsonl; the files table, "
                   "meta and journal are written beside it")
    engine = p.add_mutually_exclusive_group()
    engine.add_argument("--workers", type=int, default=1,
                        help="local worker processes (default 1: in this process)")
    engine.add_argument("--scheduler", metavar="ADDRESS",
                        help="a Dask scheduler, e.g. tcp://10.0.0.5:8786 (workers must see "
                        "the same file paths)")
    again = p.add_mutually_exclusive_group()
    again.add_argument("--resume", action="store_true",
                       help="continue an interrupted run: skip files already analysed "
                       "(same content)")
    again.add_argument("--overwrite", action="store_true",
                       help="discard an earlier run's results and journal")
    p.add_argument("--redact-names", action="store_true",
                   help="replace the student's name with [Student] in the output")
    p.add_argument("--password", help="password of encrypted PDFs (never recorded)")
    add_limit_arguments(p)
    p.add_argument("--rubric", default=DEFAULT_PROFILE, metavar="NAME|FILE",
                   help=f"rubric profile: {', '.join(shipped_profiles())} or a profile JSON file "
                   f"(default {DEFAULT_PROFILE}; recorded in the outputs)")
    p.add_argument("--ocr", type=ocr_mode, choices=OCR_MODES, default="auto",
                   help="scanned pages: auto (OCR when tesseract is installed), always, never")
    p.add_argument("--reader", choices=PDF_READERS, default="auto",
                   help="how PDF pages are read: auto (PDFium, pdfplumber where needed), pdfium, "
                   "pdfplumber; the rows are the same")
    p.add_argument("--checkpoint-seconds", type=float, default=60.0,
                   help="rewrite the output tables at most this often during a run (default 60)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run ``goalcheck batch``; returns 0 (all read), 1 (some unreadable), 2 (bad usage).

    An interrupted run (Ctrl-C, SIGTERM) writes what is finished and returns 130.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    try:
        return _run(args)
    except UsageError as exc:
        sys.stderr.write(f"goalcheck batch: error: {exc}\n")
        return 2


def _run(args: argparse.Namespace) -> int:
    if args.workers < 1:
        raise UsageError("--workers must be 1 or more")
    try:
        limits = limits_from_args(args)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    out = OutputPaths.for_output(args.output)
    check_dependencies(out.fmt, scheduler=args.scheduler)
    check_writable(out.rows.parent)
    if not args.resume and not args.overwrite:
        if out.rows.exists():
            raise UsageError(
                f"{out.rows} already exists: add --resume to continue that run, "
                "or --overwrite to start again"
            )
        if out.journal.exists():
            raise UsageError(
                f"an earlier run's journal {out.journal} exists (that run did not finish): "
                "add --resume to continue it (in any output format), or --overwrite to start again"
            )
    try:
        load_profile(args.rubric)
    except ProfileError as exc:
        raise UsageError(str(exc)) from None
    options = Options(redact_names=args.redact_names, ocr=args.ocr, limits=limits, rubric=args.rubric,
                      password=args.password, reader=args.reader)
    paths = expand_inputs(args.inputs, exclude=(out.rows, out.files, out.meta, out.journal))
    if not paths:
        raise UsageError("no input files found")
    engine = (f"dask:{args.scheduler}" if args.scheduler
              else f"processes:{args.workers}" if args.workers > 1 else "serial")
    labels = PathLabels(paths, redact=options.redact_names)
    header = {"options": options.recorded(), "versions": versions()}
    journal = Journal(out.journal, header, resume=args.resume)
    started = datetime.now(UTC)

    results: dict[str, FileResult] = {}
    todo: list[str] = []
    for path in paths:
        cached = _resumable(path, journal.done)
        if cached is not None:
            results[path] = cached
        else:
            todo.append(path)
    if args.resume:
        log.info("resuming: %d of %d files already done", len(results), len(paths))

    def write_outputs(complete: bool) -> None:
        rows, files = assemble(paths, results, labels)
        meta = {
            "goalcheck_batch": 1, **header, "engine": engine,
            "inputs": ["[redacted]"] * len(args.inputs) if options.redact_names else args.inputs,
            "files": len(files), "rows": len(rows),
            "complete": complete, "started": started.isoformat(timespec="seconds"),
            "written": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        write_table(out.rows, out.fmt, rows, ROW_COLUMNS, ROW_TYPES, meta)
        write_table(out.files, out.fmt, files, FILE_COLUMNS, FILE_TYPES, meta)
        _atomic_write(out.meta, lambda tmp: tmp.write_text(json.dumps(meta, indent=2) + "\n",
                                                           encoding="utf-8"))

    bar = _progress(len(paths), initial=len(results), disable=args.no_progress)
    last_checkpoint = time.monotonic()

    def sink(result: FileResult) -> None:
        nonlocal last_checkpoint
        journal.add(labels.public(result))
        results[result.path] = result
        if result.status == "error":
            shown = labels.public(result)
            log.warning("%s: %s", shown.path, shown.error)
        bar.update(1)
        if time.monotonic() - last_checkpoint > args.checkpoint_seconds:
            write_outputs(complete=False)
            last_checkpoint = time.monotonic()

    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    interrupted = refused = False
    try:
        if not todo:
            pass
        elif args.scheduler:
            run_dask(todo, options, sink, args.scheduler)
        elif args.workers > 1:
            run_processes(todo, options, sink, args.workers)
        else:
            run_serial(todo, options, sink)
    except KeyboardInterrupt:
        interrupted = True
        sys.stderr.write("\ngoalcheck batch: interrupted; writing the files finished so far\n")
    except UsageError:
        refused = True
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
        bar.close()
        journal.close()
        if refused and journal.created and not journal.added:
            journal.path.unlink(missing_ok=True)  # nothing done: leave nothing behind
        else:
            try:
                write_outputs(complete=not interrupted and len(results) == len(paths))
            except OSError as exc:
                raise UsageError(
                    f"cannot write {out.rows} ({exc.strerror or exc}); the finished documents are "
                    f"kept in {out.journal}: fix the problem and run again with --resume "
                    "(any output format)"
                ) from None
    errors = sum(r.status == "error" for r in results.values())
    sys.stderr.write(
        f"goalcheck batch: {len(results)} of {len(paths)} files, {errors} unreadable; "
        f"wrote {out.rows} and {out.files}\n"
    )
    if interrupted:
        return 130
    return 1 if errors else 0


def check_dependencies(fmt: str, *, scheduler: str | None = None) -> None:
    """Refuse, before any work, a run whose writer or engine is not installed.

    Raises:
        UsageError: the message names the install command.
    """
    try:
        if fmt == "parquet":
            require("pyarrow.parquet", purpose="writing .parquet",
                    install='pip install "goalcheck[dist]" (or pip install pyarrow), '
                    "or write .csv or .jsonl instead")
        if scheduler:
            require("dask.distributed", purpose="--scheduler",
                    install='pip install "goalcheck[dist]"')
    except MissingDependency as exc:
        raise UsageError(str(exc)) from None


def check_writable(folder: Path) -> None:
    """Create ``folder`` if needed and prove a file can be written in it, before any work.

    Raises:
        UsageError: the folder cannot be created or written.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder, prefix=".goalcheck-probe-"):
            pass
    except OSError as exc:
        raise UsageError(
            f"cannot write in the output folder {folder} ({exc.strerror or exc}); "
            "choose another -o path or fix the folder's permissions"
        ) from None


def _resumable(path: str, done: dict[str, FileResult]) -> FileResult | None:
    """The journalled result for a path whose current content was already analysed."""
    if not done:
        return None
    p = Path(path)
    try:
        digest = sha256_file(p) if p.is_file() else None
    except OSError:
        return None
    prior = done.get(digest) if digest else None
    if prior is None:
        return None
    return FileResult(**{**asdict(prior), "path": path})


def _raise_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, *, initial: int, disable: bool) -> Any:
    if disable:
        return _NoBar()
    try:
        from tqdm import tqdm
    except ImportError:
        return _NoBar()
    return tqdm(total=total, initial=initial, unit="file", file=sys.stderr, dynamic_ncols=True,
                smoothing=0.1)


def iter_results(journal: Path) -> Iterator[FileResult]:
    """The results recorded in a journal (for scripts that inspect a running batch)."""
    yield from read_journal(journal)[1]
