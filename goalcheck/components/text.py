"""Small text helpers shared by the components."""

from __future__ import annotations

import re

#: Characters of a goal that are analysed; a longer text is cut (and said so).
MAX_GOAL_CHARS = 5000

#: Numbering and bullet remnants that open a goal line ("1.", "Goal #2:", "•", "a)").
PREFIX_RE = re.compile(
    r"""^\s*(?:
        (?:annual\s+)?(?:goal|objective|benchmark|sto|obj\.?|short[-\s]term\s+objective)
            \s*(?:\#\s*)?[0-9]*[a-z]?(?:[.\-][0-9a-z]+)*\s*[:.)\-–]\s*
      | [0-9]{1,2}[a-z]?[.)]\s+
      | [0-9]{1,2}\.[0-9]{1,2}[.)]?\s+
      | [a-h][.)]\s+
      | \([0-9a-h]{1,2}\)\s+
      | [•▪◦·\-–*>]\s*
      | [ivx]{1,4}[.)]\s+
    )+""",
    re.IGNORECASE | re.VERBOSE,
)
OBJECTIVE_PREFIX_RE = re.compile(
    r"^\s*(?:(?:short[-\s]term\s+)?objective|benchmark|sto|obj\.?)\b|^\s*[0-9]{1,2}[a-z][.)]\s|"
    r"^\s*[0-9]{1,2}\.[0-9]{1,2}[.)]?\s",
    re.IGNORECASE,
)


def prefix_length(text: str) -> int:
    """Length of the numbering/bullet prefix that opens ``text`` (0 if none)."""
    m = PREFIX_RE.match(text)
    return m.end() if m else 0


def fold_case(text: str) -> str:
    """Lower-case a mostly upper-case text, keeping every character offset.

    The tagger reads ALL CAPS goals badly; folding them keeps spans valid.
    """
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 8 or sum(c.isupper() for c in letters) < 0.6 * len(letters):
        return text
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
