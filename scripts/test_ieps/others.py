"""Write the 'IEPs written by others' documents (PDF + text) and check them against their truth files.

Usage:
    python -m test_ieps.others [--out tests/extraction_corpus]   (run from scripts/)

The truth files in tests/extraction_truth/ are written by hand; this script
only checks that each truth goal's first words stand on its stated page of
both the PDF (pdfplumber) and the text file (pages split at form feeds, or
after "Page N of M" lines).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from .others_docs import ALL
from .others_render import write_pdf, write_text

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "extraction_corpus"
TRUTH = ROOT / "tests" / "extraction_truth"


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def text_pages(text: str) -> list[str]:
    """A text file's pages: split at form feeds, else after each 'Page N of M' line."""
    if "\f" in text:
        return text.split("\f")
    pages, cur = [], []
    for line in text.split("\n"):
        cur.append(line)
        if re.fullmatch(r"\s*page\s+\d+\s+of\s+\d+\s*", line, re.IGNORECASE):
            pages.append("\n".join(cur))
            cur = []
    if any(x.strip() for x in cur):
        pages.append("\n".join(cur))
    return pages


def check(name: str, pages: list[str], truth: dict) -> list[str]:
    problems = []
    if len(pages) != truth["pages"]:
        problems.append(f"{name}: {len(pages)} pages, truth says {truth['pages']}")
    # A watermark letter may sit inside a goal's words; compare without single capitals.
    # (in a PDF, table cells side by side interleave: there, all the words must be on the page)
    toks = [_tokens(re.sub(r"(?<= )[A-HJ-Z](?= )", "", p)) for p in pages]
    loose = name.endswith(".pdf")
    for i, goal in enumerate(truth["goals"]):
        want = _tokens(goal["start"])
        page = toks[goal["page"] - 1] if goal["page"] <= len(toks) else []
        joined = " ".join(page)
        words = set(page) | {w for t in page for w in (t[:-1], t[1:])}  # a watermark letter glued to a word
        if (" ".join(want) not in joined) and not (loose and set(want) <= words):
            problems.append(f"{name}: goal {i} {goal['start']!r} not on page {goal['page']}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    import pdfplumber

    problems: list[str] = []
    for doc in ALL:
        pdf, txt = args.out / f"{doc.name}.pdf", args.out / f"{doc.name}.txt"
        write_pdf(doc, pdf)
        write_text(doc, txt)
        truth_path = TRUTH / f"{doc.name}.json"
        if not truth_path.exists():
            problems.append(f"{doc.name}: no truth file")
            continue
        truth = json.loads(truth_path.read_text("utf-8"))
        with pdfplumber.open(pdf) as p:
            problems += check(pdf.name, [pg.extract_text() or "" for pg in p.pages], truth)
        problems += check(txt.name, text_pages(txt.read_text("utf-8")), truth)
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
