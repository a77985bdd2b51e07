"""The one span markup of a goal, used by the CLI, the HTML report and the app.

:func:`segments` cuts a goal's text into runs of characters that carry the same
marks: the components whose spans cover them, a vague verb, a deficit span (with
its suggestion). Spans found in a form field (``Span.field``) belong to the
field's text, not the goal's, and are left out here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .schema import COMPONENTS, GoalAnalysis


@dataclass(frozen=True)
class Segment:
    """A run of the goal's text with one set of marks."""

    start: int
    end: int
    text: str
    components: tuple[str, ...] = ()
    vague: bool = False
    deficit: str | None = None  # the suggestion, when the run is deficit wording

    @property
    def marked(self) -> bool:
        return bool(self.components or self.vague or self.deficit is not None)


def char_marks(a: GoalAnalysis) -> list[tuple[frozenset[str], bool, str | None]]:
    """For each character of the goal: its components, vague flag and deficit suggestion."""
    n = len(a.text)
    comps: list[set[str]] = [set() for _ in range(n)]
    vague = [False] * n
    deficit: list[str | None] = [None] * n
    for name in COMPONENTS:
        for s in a.components[name].spans:
            if s.field is None:
                for i in range(max(0, s.start), min(n, s.end)):
                    comps[i].add(name)
    for v in a.vague_verbs:
        for i in range(max(0, v.start), min(n, v.end)):
            vague[i] = True
    for d in a.deficit_spans:
        for i in range(max(0, d.start), min(n, d.end)):
            deficit[i] = d.suggestion or "deficit framing"
    return [(frozenset(comps[i]), vague[i], deficit[i]) for i in range(n)]


def segments(a: GoalAnalysis) -> list[Segment]:
    """The goal's text as consecutive runs of equal marks (components in rubric order).

    Example:
        >>> from goalcheck.schema import Component, Span
        >>> a = GoalAnalysis("Jo will read.")
        >>> a.components["behavior"] = Component(True, [Span(8, 12, "read")])
        >>> [(s.text, s.components) for s in segments(a)]
        [('Jo will ', ()), ('read', ('behavior',)), ('.', ())]
    """
    labels = char_marks(a)
    out: list[Segment] = []
    i = 0
    while i < len(labels):
        j = i
        while j < len(labels) and labels[j] == labels[i]:
            j += 1
        comps, vague, deficit = labels[i]
        out.append(Segment(i, j, a.text[i:j], tuple(c for c in COMPONENTS if c in comps), vague, deficit))
        i = j
    return out
