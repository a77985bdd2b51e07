"""The `goalcheck` command: parse arguments, call the API, format, exit code.

Exit codes (DESIGN.md): 0 done; 1 some inputs could not be read (reported); 2 bad usage;
130 interrupted (Ctrl-C); 141 the reader of standard output went away (``| head``).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path

from .api import analyze_document, analyze_goal
from .components.text import MAX_GOAL_CHARS
from .errors import GoalcheckError, UnreadableDocument, display_name
from .explain import (
    alignment_words,
    component_lines,
    label,
    match_words,
    plan_score_words,
    score_lines,
    short_code,
    unchanged_rewrite_note,
)
from .export import goal_rows, to_csv
from .ingest.limits import ReadLimits, TimeLimitExceeded, option, time_limit
from .markup import segments
from .options import APP_TIMEOUT, APP_TIMEOUT_VARIABLE, PDF_READERS
from .profiles import DEFAULT_PROFILE, ProfileError, RubricProfile, load_profile, shipped_profiles
from .schema import DocumentReport, GoalAnalysis, PlanReview
from .version import __version__

#: Sub-commands implemented by their own module's ``main(argv) -> int``, with the
#: line the top-level help gives each.
DELEGATED = {
    "batch": "goalcheck.batch",
    "agree": "goalcheck.agree",
    "train": "goalcheck.ml.train",
    "evaluate": "goalcheck.ml.evaluate",
}
COMMAND_HELP = {
    "check": "analyse one goal typed on the command line",
    "analyze": "analyse whole IEP documents (PDF, DOCX, TXT): report, JSON or CSV",
    "batch": "score many IEPs into one table (Parquet, CSV or JSONL), in parallel, resumable",
    "agree": "agreement (Cohen's kappa) between human ratings and goalcheck's",
    "train": "rebuild the learned models in models/ from training_data/",
    "evaluate": "print the models' held-out metrics and ablations",
    "app": "start the app in your browser (this machine only, nothing sent out)",
}
#: Streamlit settings of ``goalcheck app``; the same as .streamlit/config.toml, so
#: the app keeps them from any folder. With an address set, Streamlit does not
#: look up the machine's external IP on an outside host; no usage statistics.
APP_SETTINGS: dict[str, str] = {
    "server.headless": "true",
    "server.showEmailPrompt": "false",
    "server.enableXsrfProtection": "true",
    "server.maxUploadSize": "25",
    "browser.gatherUsageStats": "false",
    "client.showErrorLinks": "false",
    "client.toolbarMode": "minimal",
    "theme.base": "light",
}
COLOURS = {
    "timeframe": "35", "condition": "36", "learner": "34", "behavior": "32",
    "criterion": "33", "measurement": "95", "vague": "31;4", "deficit": "41;97",
}


def _use_colour(stream: object) -> bool:
    return (
        hasattr(stream, "isatty") and stream.isatty()  # type: ignore[union-attr]
        and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
    )


def mark_up(analysis: GoalAnalysis, colour: bool) -> str:
    """The goal with its components marked: colours on a terminal, [tags] otherwise."""
    out = []
    for seg in segments(analysis):
        names = list(seg.components) + (["vague"] if seg.vague else []) + (
            ["deficit"] if seg.deficit is not None else [])
        if not names:
            out.append(seg.text)
        elif colour:
            out.append(f"\x1b[{COLOURS[names[0]]}m{seg.text}\x1b[0m")
        else:
            out.append(f"[{'+'.join(names)}: {seg.text}]")
    return "".join(out)


def format_goal_text(a: GoalAnalysis, colour: bool = False) -> str:
    """Human-readable report of one goal."""
    bold = (lambda s: f"\x1b[1m{s}\x1b[0m") if colour else (lambda s: s)
    lines = [mark_up(a, colour), ""]
    align = a.alignment
    scores = score_lines(a)
    lines += [bold(scores[0])] + [f"  {line}" for line in scores[1:]]
    lines += component_lines(a)
    if a.vague_verbs:
        lines.append("Vague verbs: " + ", ".join(v.text for v in a.vague_verbs))
    if align and align.standards:
        for s in align.standards[:3]:
            how = "cited" if align.status == "explicit" else match_words(s.confidence)
            lines.append(f"Standard: {short_code(s.code)} (grade {s.grade}, {how})")
    elif align and align.status == "none":
        lines.append(f"Standard: none ({alignment_words(a)})")
    lines.append("")
    lines.append(bold("Why"))
    lines += [f"  - {e.detail}" for e in a.explanations]
    if a.rewrite and a.rewrite.text != a.text:
        lines += ["", bold("Suggested rewrite"), "  " + a.rewrite.text]
        lines += [f"  * {c}" for c in a.rewrite.changes]
    elif a.rewrite:
        lines += ["", str(unchanged_rewrite_note(a))]
        blanks = [c for c in a.rewrite.changes if c.startswith("fill in before use: ")]
        lines += [f"  * {c}" for c in blanks]
    return "\n".join(lines)


_STATUS_MARK = {"pass": "pass", "fail": "FAIL", "not_applicable": "n/a "}


def format_plan_text(plan: PlanReview, colour: bool = False) -> str:
    """The plan card: the plan score and each check's status with its findings (page, goal, evidence)."""
    bold = (lambda s: f"\x1b[1m{s}\x1b[0m") if colour else (lambda s: s)
    applicable = [c for c in plan.checks if c.status != "not_applicable"]
    passed = sum(c.status == "pass" for c in applicable)
    lines = [bold(f"Plan review {plan_score_words(plan)}")
             + (f" ({passed} of {len(applicable)} applicable checks pass)" if applicable else "")]
    for c in plan.checks:
        lines.append(f"  [{_STATUS_MARK[c.status]}] {label(c.id)}")
        for f in c.findings:
            where = ", ".join(x for x in (f"p. {f.page}" if f.page else "", f.goal or "") if x)
            lines.append(f"      - {f.message}" + (f" ({where})" if where else ""))
            if f.evidence:
                lines.append(f'        "{f.evidence}"')
    return "\n".join(lines)


def format_document_text(report: DocumentReport, colour: bool = False) -> str:
    """Human-readable report of one document."""
    s = report.summary
    lines = [
        (f"{report.source}: {report.pages} pages, {s['goals']} goals, "
         f"{s['measurable']} measurable, mean overall "
         f"{'n/a' if s['mean_overall'] is None else s['mean_overall']}"),
    ]
    lines += [f"  warning: {w}" for w in report.warnings]
    lines.append("Sections: " + ("; ".join(
        f"{label(sec.kind)} (p. {sec.page_start}-{sec.page_end})" for sec in report.sections)
        or "none found"))
    if report.plan is not None:
        lines += ["", format_plan_text(report.plan, colour)]
    for g in report.goals:
        section = label(g.section) if g.section else ""
        where = f"p. {g.page}, {section}" if g.page and section else f"p. {g.page}" if g.page else section
        lines += ["", "=" * 72, f"{g.id or ''} {label(g.kind)}" + (f" ({where})" if where else "")]
        if g.baseline:
            lines.append(f"Baseline: {g.baseline}")
        lines.append(format_goal_text(g, colour))
    return "\n".join(lines)


def _rubric_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rubric", default=DEFAULT_PROFILE, metavar="NAME|FILE",
                   help=f"rubric profile: {', '.join(shipped_profiles())} or a profile JSON file "
                   f"(default {DEFAULT_PROFILE}; see docs/RUBRIC.md)")


def _profile(args: argparse.Namespace) -> RubricProfile | None:
    """The profile named by ``--rubric``, or None after printing why it cannot be used."""
    try:
        return load_profile(args.rubric)
    except ProfileError as exc:
        print(f"goalcheck: {exc}", file=sys.stderr)
        return None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="goalcheck",
        description="Scores IEP goals for measurability, strength-based language and "
        "standards alignment, and suggests rewrites. Everything runs on this machine.",
        epilog="Run 'goalcheck COMMAND --help' for a command's options. Exit codes: 0 done; "
        "1 some inputs could not be read (each is reported); 2 bad usage.",
    )
    p.add_argument("--version", action="version", version=f"goalcheck {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    c = sub.add_parser("check", help=COMMAND_HELP["check"], description=COMMAND_HELP["check"])
    c.add_argument("text", help="the goal text (quote it)")
    c.add_argument("--format", choices=["text", "json"], default="text",
                   help="text for people (default) or json, the same fields as goalcheck analyze")
    c.add_argument("--kind", choices=["annual_goal", "objective", "postsecondary_goal"],
                   help="what the text is, if known (default: told from its words)")
    c.add_argument("--grade", help="the student's grade (K, 1-12), for the standards check")
    _rubric_option(c)
    a = sub.add_parser(
        "analyze", help=COMMAND_HELP["analyze"],
        description="Analyse whole IEP documents. --format json prints a JSON list with one "
        "document per file read (even for one file); --format csv prints one row per goal "
        "with the file's path as given and its sha256 as document_id.")
    a.add_argument("files", nargs="+", type=Path, metavar="FILE", help="IEP files (PDF, DOCX, TXT)")
    a.add_argument("--format", choices=["text", "json", "csv"], default="text",
                   help="text for people (default), json (a list, one document per file) or "
                   "csv (one row per goal)")
    a.add_argument("-o", "--output", type=Path, help="write here instead of standard output")
    a.add_argument("--password", help="password of an encrypted PDF")
    a.add_argument("--no-ocr", action="store_true", help="never OCR scanned pages")
    add_limit_arguments(a, skip=("max_memory_mb",))
    a.add_argument("--reader", choices=PDF_READERS, default="auto",
                   help="how PDF pages are read: auto (PDFium, pdfplumber where needed; default), "
                   "pdfium or pdfplumber; the goals are the same")
    _rubric_option(a)
    a.add_argument("--previous", type=Path, metavar="LAST_YEAR",
                   help="last year's IEP of the same student: adds the recycled-goals check (one FILE only)")
    for name in DELEGATED:
        sub.add_parser(name, help=COMMAND_HELP[name], add_help=False)
    sub.add_parser("app", help=COMMAND_HELP["app"], add_help=False)
    return p


def warm_up() -> None:
    """Load the pipeline, models and data now (a small plan), so that no file's time limit pays for it."""
    analyze_document(b"Annual Goals\nBy May 2027, the student will read 20 words with 90% accuracy.\n",
                     name="warm-up.txt")


def add_limit_arguments(parser: argparse.ArgumentParser, skip: Sequence[str] = ()) -> None:
    """One option per ReadLimits field (``--max-pages``...), in a group of their own."""
    group = parser.add_argument_group("limits", "what one file may cost; a refusal names the option to raise")
    for f in fields(ReadLimits):
        if f.name not in skip:
            group.add_argument(option(f.name), type=type(f.default), default=None, metavar="N",
                               help=f"{f.metadata['help']} (default {f.default:,})")


def _app_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="goalcheck app",
        description="Start goalcheck's app and open it at http://ADDRESS:PORT in a browser. "
        "It serves this machine only unless --address says otherwise; uploaded files stay "
        "in memory, and neither the page nor the server contacts any other host.",
    )
    p.add_argument("--port", type=int, default=8501, help="port to serve on (8501)")
    p.add_argument("--address", default="localhost",
                   help="address to serve on (localhost); 0.0.0.0 serves your network too")
    p.add_argument("--max-upload-mb", type=int, default=25,
                   help="largest file the uploader takes, in MB (25)")
    p.add_argument("--timeout", type=float, default=APP_TIMEOUT, metavar="SECONDS",
                   help=f"stop analysing one file after this many seconds, with a message "
                   f"({APP_TIMEOUT:g}; 0: no limit)")
    return p


def app_command(args: argparse.Namespace, app: Path) -> list[str]:
    """The ``streamlit run`` command line of ``goalcheck app``, with every privacy setting."""
    settings = {**APP_SETTINGS, "server.port": str(args.port), "server.address": args.address,
                "browser.serverAddress": args.address,
                "server.maxUploadSize": str(args.max_upload_mb)}
    return [sys.executable, "-m", "streamlit", "run", str(app),
            *(f"--{k}={v}" for k, v in settings.items())]




def app_environment(args: argparse.Namespace) -> dict[str, str]:
    """The app server's environment: this one, with the app's time limit per file."""
    return {**os.environ, APP_TIMEOUT_VARIABLE: f"{args.timeout:g}"}


def limits_from_args(args: argparse.Namespace) -> ReadLimits:
    """The ReadLimits given on the command line (defaults for the others).

    Raises:
        ValueError: a limit is not a positive number; the message names the option.
    """
    return ReadLimits().replace(**{f.name: getattr(args, f.name, None) for f in fields(ReadLimits)})


def _check(args: argparse.Namespace) -> int:

    profile = _profile(args)
    if profile is None:
        return 2
    try:
        analysis = analyze_goal(args.text, kind=args.kind, grade=args.grade, rubric=profile)
    except ValueError as exc:
        print(f"goalcheck: {exc}", file=sys.stderr)
        return 2
    if len(args.text) > MAX_GOAL_CHARS:
        print(f"goalcheck: warning: the goal is {len(args.text):,} characters long; only the first "
              f"{MAX_GOAL_CHARS:,} were analysed. A goal is one or two sentences: to check a whole "
              "plan, save it to a file and run: goalcheck analyze FILE", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(analysis.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_goal_text(analysis, _use_colour(sys.stdout)))
    return 0


def _analyze(args: argparse.Namespace) -> int:

    profile = _profile(args)
    if profile is None:
        return 2
    reports: list[DocumentReport] = []
    read: list[tuple[Path, str]] = []  # (path as given, sha256) of each report
    failed = 0
    try:
        limits = limits_from_args(args)
    except ValueError as exc:
        print(f"goalcheck: {exc}", file=sys.stderr)
        return 2
    if limits.timeout:
        warm_up()
    previous: DocumentReport | None = None
    if args.previous is not None:
        if len(args.files) != 1:
            print("goalcheck: --previous compares one IEP with last year's: give one FILE", file=sys.stderr)
            return 2
        try:
            previous = analyze_document(args.previous, password=args.password,
                                        ocr="never" if args.no_ocr else "auto", limits=limits,
                                        rubric=profile, reader=args.reader, plan=False)
        except UnreadableDocument as exc:
            print(f"goalcheck: --previous: {exc}", file=sys.stderr)
            return 1
        except OSError as exc:
            print(f"goalcheck: --previous {args.previous}: cannot open the file ({exc.strerror or exc})",
                  file=sys.stderr)
            return 1
    for path in args.files:
        try:
            with time_limit(limits.timeout):
                report = analyze_document(
                    path, password=args.password, ocr="never" if args.no_ocr else "auto", limits=limits, rubric=profile,
                    reader=args.reader, previous=previous,
                )
            read.append((path, _sha256(path)))
            reports.append(report)
        except UnreadableDocument as exc:
            failed += 1
            print(f"goalcheck: {exc}", file=sys.stderr)
        except TimeLimitExceeded as exc:
            failed += 1
            print(f"goalcheck: {display_name(path.name)}: {exc.reason()}", file=sys.stderr)
        except OSError as exc:
            failed += 1
            print(f"goalcheck: {display_name(str(path))}: cannot open the file ({exc.strerror or exc})",
                  file=sys.stderr)
    colour = args.output is None and _use_colour(sys.stdout)
    if args.format == "json":
        # Always a list, one document per file read, so scripts need one code path.
        out = json.dumps([r.to_dict() for r in reports], indent=2, ensure_ascii=False)
    elif args.format == "csv":

        rows = []
        for r, (path, digest) in zip(reports, read, strict=True):
            r.source = str(path)
            rows += goal_rows(r, document_id=digest)
        out = to_csv(rows)
    else:
        out = "\n\n".join(format_document_text(r, colour) for r in reports)
    if args.output:
        try:
            args.output.write_text(out + "\n", encoding="utf-8")
        except OSError as exc:
            print(f"goalcheck: cannot write {args.output} ({exc.strerror or exc})", file=sys.stderr)
            return 2
    elif out:
        print(out)
    return 1 if failed else 0


def _app(argv: Sequence[str]) -> int:
    try:
        args = _app_parser().parse_args(list(argv))
    except SystemExit as exc:
        return int(exc.code or 0)
    app = Path(__file__).resolve().parent.parent / "app.py"
    if not app.exists():
        print("goalcheck: app.py not found next to the package; run from a checkout",
              file=sys.stderr)
        return 2
    try:
        importlib.import_module("streamlit")
    except ImportError:
        print("goalcheck: the app needs Streamlit: pip install 'goalcheck[app]'", file=sys.stderr)
        return 2
    if args.timeout < 0:
        print("goalcheck: --timeout must be 0 (no limit) or a number of seconds", file=sys.stderr)
        return 2
    server = subprocess.Popen(app_command(args, app), env=app_environment(args))

    def stop(signum: int, frame: object) -> None:  # pass a stop on to the server, never orphan it
        server.terminate()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


def _sha256(path: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


EXIT_INTERRUPTED = 128 + signal.SIGINT
EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``goalcheck`` command.

    A closed standard output (``goalcheck check ... | head``) ends the command
    quietly with 141, as a tool killed by SIGPIPE; Ctrl-C ends it with 130.
    """
    try:
        code = _main(argv)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        _discard_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        sys.stderr.write("\ngoalcheck: interrupted\n")
        return EXIT_INTERRUPTED


def _discard_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout is not a real file (tests)
        pass


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in DELEGATED:
        module = importlib.import_module(DELEGATED[argv[0]])
        return int(module.main(argv[1:]))
    if argv and argv[0] == "app":
        return _app(argv[1:])
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "analyze":
            return _analyze(args)
    except GoalcheckError as exc:
        print(f"goalcheck: {exc}", file=sys.stderr)
        return 2
    parser.print_help()
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
