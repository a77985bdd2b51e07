"""Inline span markup for hand-labelled goals.

``{T:By June 2027}, {L:Maya} will {B:read aloud} ...`` -> plain text and spans.
Tags (nestable): T timeframe, C condition, L learner, B behavior, R criterion,
M measurement, V vague verb, D deficit span.
"""

from __future__ import annotations

TAGS: dict[str, str] = {
    "T": "timeframe",
    "C": "condition",
    "L": "learner",
    "B": "behavior",
    "R": "criterion",
    "M": "measurement",
    "V": "vague_verbs",
    "D": "deficit_spans",
}


def parse(marked: str) -> tuple[str, dict[str, list[list[int]]]]:
    """Strip the markup and return ``(text, {label: [[start, end], ...]})``.

    Raises:
        ValueError: unbalanced braces or an unknown tag.
    """
    out: list[str] = []
    spans: dict[str, list[list[int]]] = {name: [] for name in TAGS.values()}
    stack: list[tuple[str, int]] = []
    pos = 0
    i = 0
    while i < len(marked):
        ch = marked[i]
        if ch == "{" and i + 2 < len(marked) and marked[i + 2] == ":":
            tag = marked[i + 1]
            if tag not in TAGS:
                raise ValueError(f"unknown tag {tag!r} in {marked!r}")
            stack.append((tag, pos))
            i += 3
            continue
        if ch == "}":
            if not stack:
                raise ValueError(f"unbalanced '}}' in {marked!r}")
            tag, start = stack.pop()
            spans[TAGS[tag]].append([start, pos])
            i += 1
            continue
        out.append(ch)
        pos += 1
        i += 1
    if stack:
        raise ValueError(f"unclosed tag in {marked!r}")
    for v in spans.values():
        v.sort()
    return "".join(out), spans


def shift(spans: dict[str, list[list[int]]], offset: int) -> dict[str, list[list[int]]]:
    """Shift every span by ``offset`` characters (after a prefix is added)."""
    return {k: [[s + offset, e + offset] for s, e in v] for k, v in spans.items()}
