"""Literals a regex match must contain: a sound pre-test that skips hopeless searches.

:func:`required_literals` reads a compiled pattern's parse tree and returns a
set of lower-case ASCII strings such that every match of the pattern contains
at least one of them (compared in lower case), or None when it cannot tell.
A sequence needs each of its parts, so the most selective part is chosen; an
alternation needs one of its branches' literals; an optional part needs
nothing. :func:`may_match` applies the test. It only says "no" when the
pattern provably cannot match, and only for ASCII text (Unicode case folding
lets a few non-ASCII letters match ASCII ones), so searching only when it says
"maybe" finds exactly the matches a plain search finds.
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

Needs = frozenset[str]
_DIGITS: Needs = frozenset("0123456789")
_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT} | ({C.POSSESSIVE_REPEAT} if hasattr(C, "POSSESSIVE_REPEAT") else set())
#: A set with more members than this is not worth testing (the search is as cheap).
MAX_MEMBERS = 400


def _ascii_char(code: int) -> str | None:
    ch = chr(code)
    return ch.lower() if ch.isascii() else None


def _better(a: Needs | None, b: Needs | None) -> Needs | None:
    """The more selective of two necessary sets (longer shortest member, then fewer members)."""
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b, key=lambda s: (min(map(len, s)), -len(s)))


def _char_set(items: list[tuple[Any, Any]]) -> Needs | None:
    """The characters a character class can match, when finite and ASCII."""
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            ch = _ascii_char(av)
            if ch is None:
                return None
            out.add(ch)
        elif op is C.RANGE and av[1] - av[0] < 30 and av[1] < 128:
            out.update(chr(c).lower() for c in range(av[0], av[1] + 1))
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            out.update(_DIGITS)
        else:  # NEGATE, other categories, wide ranges
            return None
    return frozenset(out)


def _needs(seq: Any) -> Needs | None:
    """What every match of the parsed sequence ``seq`` contains (None: unknown)."""
    best: Needs | None = None
    run = ""
    for op, av in seq:
        if op is C.LITERAL:
            ch = _ascii_char(av)
            if ch is not None:
                run += ch
                continue
        if run:
            best, run = _better(best, frozenset([run])), ""
        if op is C.IN:
            best = _better(best, _char_set(av))
        elif op is C.SUBPATTERN:
            best = _better(best, _needs(av[-1]))
        elif op in _REPEATS and av[0] >= 1:
            best = _better(best, _needs(av[2]))
        elif op is C.BRANCH:
            branches = [_needs(alt) for alt in av[1]]
            if all(b is not None for b in branches):
                best = _better(best, frozenset().union(*branches))  # type: ignore[arg-type]
        elif hasattr(C, "ATOMIC_GROUP") and op is C.ATOMIC_GROUP:
            best = _better(best, _needs(av))
        # AT, ASSERT, ASSERT_NOT, ANY, NOT_LITERAL, CATEGORY, GROUPREF...: nothing required
    if run:
        best = _better(best, frozenset([run]))
    return best


def required_literals(pattern: re.Pattern[str]) -> Needs | None:
    """Lower-case ASCII strings one of which every match of ``pattern`` contains, or None.

    Example:
        >>> sorted(required_literals(re.compile(r"\\b(?:percent|%)", re.I)))
        ['%', 'percent']
    """
    try:
        needs = _needs(P.parse(pattern.pattern, pattern.flags))
    except (re.error, RecursionError, TypeError, ValueError):
        return None
    if not needs or "" in needs or len(needs) > MAX_MEMBERS:
        return None
    return needs


def may_match(needs: Needs | None, low: str | None) -> bool:
    """False only if a pattern needing ``needs`` cannot match the text whose lower case is ``low``.

    ``low`` is None for a non-ASCII text, which is always searched.
    """
    if needs is None or low is None:
        return True
    return any(n in low for n in needs)


def present_literals(literals: tuple[str, ...], low: str | None) -> frozenset[str] | None:
    """Which of ``literals`` the text whose lower case is ``low`` contains (None: non-ASCII).

    One pass for many patterns: ``may_match_present(needs, present)`` then answers
    exactly what ``may_match(needs, low)`` would, for any ``needs`` within ``literals``.
    """
    if low is None:
        return None
    return frozenset(lit for lit in literals if lit in low)


def may_match_present(needs: Needs | None, present: frozenset[str] | None) -> bool:
    """:func:`may_match` given :func:`present_literals` of a set holding ``needs``."""
    return needs is None or present is None or not needs.isdisjoint(present)


def literals_of(patterns: list[re.Pattern[str]]) -> tuple[str, ...]:
    """Every literal the patterns' pre-tests use, for :func:`present_literals`."""
    out: set[str] = set()
    for pattern in patterns:
        out |= needs_of(pattern) or set()
    return tuple(sorted(out))


def ascii_lower(text: str) -> str | None:
    """``text`` in lower case if it is ASCII (the pre-test's domain), else None."""
    return text.lower() if text.isascii() else None


#: Pattern (by id, with the pattern itself to rule out a reused id) -> its literals.
#: Keyed by id because hashing a compiled pattern hashes its whole program each time.
_NEEDS: dict[int, tuple[re.Pattern[str], Needs | None]] = {}


def needs_of(pattern: re.Pattern[str]) -> Needs | None:
    """:func:`required_literals` of a long-lived pattern, worked out once."""
    entry = _NEEDS.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        entry = _NEEDS[id(pattern)] = (pattern, required_literals(pattern))
    return entry[1]


def search(pattern: re.Pattern[str], text: str, low: str | None = None) -> re.Match[str] | None:
    """``pattern.search(text)``, skipped when ``text`` lacks the literals every match needs.

    ``low``: ``ascii_lower(text)`` when the caller already has it.
    """
    needs = needs_of(pattern)
    if needs is not None:
        if low is None:
            low = ascii_lower(text)
        if not may_match(needs, low):
            return None
    return pattern.search(text)
