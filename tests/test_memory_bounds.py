"""Whole-document analysis works in bounded batches, so memory stays flat in page count (issue 15.4).

The figures (peak RSS for 50, 200 and 500 pages) are printed by benchmarks/bench_batch.py;
these tests pin the behaviour that keeps them flat.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from goalcheck import api, extract


@dataclass
class _Unit:
    text: str
    section: object | None = None


def test_line_scorer_is_called_in_bounded_batches_and_once_per_distinct_line() -> None:
    sizes: list[int] = []

    def score(text: str, kind: str) -> tuple[str, float]:
        raise AssertionError("every line should come from the batch call")

    def many(texts: list[str], kinds: list[str]) -> list[tuple[str, float]]:
        sizes.append(len(texts))
        return [("annual_goal" if "will" in t else "not_goal", 0.9) for t in texts]

    score.many = many  # type: ignore[attr-defined]
    section = SimpleNamespace(kind="annual_goals")
    lines = [f"Line {i}: Sam will read {i} words." for i in range(extract.SCORE_BATCH * 2 + 7)]
    units = [_Unit(t, section) for t in lines] + [_Unit(lines[0], section)] * 50  # a repeated line
    scored = extract._batched(score, units)
    assert sizes == [extract.SCORE_BATCH, extract.SCORE_BATCH, 7]
    assert scored(lines[-1], "annual_goals") == ("annual_goal", 0.9)


def test_goal_docs_are_made_as_the_pipeline_consumes_them() -> None:
    made = api.goal_docs(["Sam will read 20 words.", "Ada will add fractions."], ["annual_goal", None])
    first = next(made)  # a generator: nothing is tokenised before it is asked for
    assert first.text == "Sam will read 20 words." and first._.goal_context["kind"] == "annual_goal"
    assert [d.text for d in made] == ["Ada will add fractions."]


def test_worker_imports_leave_out_pandas_scipy_stats_spacy_cli_and_python_docx() -> None:
    """What LEAN_IMPORTS keeps out of a worker (docs/scaling.md), and that what it defers still works."""
    import subprocess
    import sys

    from goalcheck.batch import LEAN_IMPORTS

    code = (
        "import sys; exec(sys.argv[1], {}); import goalcheck.batch; "
        "heavy = ('pandas', 'pyarrow', 'docx', 'lxml', 'scipy.stats._stats_py', 'typer', 'weasel', 'requests'); "
        "print(sorted(m for m in heavy if sys.modules.get(m) is not None)); "
        # A stand-in function, another name, a submodule: each imports the real module.
        "from sklearn._loss.link import gmean; print(gmean([1.0, 4.0])); "
        "import scipy.stats; print(scipy.stats.rankdata([3, 1, 2]).tolist()); "
        "import spacy.cli.download; import spacy; print(spacy.info.__module__, type(sys.modules['spacy.cli']).__name__)"
    )
    done = subprocess.run([sys.executable, "-c", code, LEAN_IMPORTS], capture_output=True, text=True,
                          check=True, timeout=120)
    assert done.stdout.splitlines() == ["[]", "2.0", "[3.0, 1.0, 2.0]", "spacy.cli.info module"]
