"""Rubric profiles (RUBRIC.md section 2): the class rule per kind of goal and the weights, as data.

A profile is a JSON file: ``name``, ``version``, ``description``,
``measurable_requires`` (kind -> the components the class ``measurable``
needs), ``recommended`` (components reported as recommendations when absent)
and ``weights`` (component -> points, summing to 100). Shipped profiles live in
``goalcheck/data/profiles/``; a user names one of them or gives a path.
Postsecondary goals are always judged by the Indicator 13 rule, whatever the
profile (RUBRIC 2).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .options import COMPONENTS

DEFAULT_PROFILE = "idea"
_KINDS = ("annual_goal", "objective")


class ProfileError(ValueError):
    """A rubric profile that does not exist or is malformed."""


@dataclass(frozen=True)
class RubricProfile:
    """One rubric profile: which components make a goal measurable, and their weights."""

    name: str
    version: str
    description: str
    measurable_requires: dict[str, tuple[str, ...]]
    recommended: tuple[str, ...]
    weights: dict[str, int]

    def requires(self, kind: str) -> tuple[str, ...]:
        """The components ``measurable`` requires for a goal of ``kind`` (objectives default to annual goals)."""
        return self.measurable_requires.get(kind) or self.measurable_requires["annual_goal"]

    def to_dict(self) -> dict[str, str]:
        """How outputs record the profile."""
        return {"name": self.name, "version": self.version}


def shipped_profiles() -> list[str]:
    """Names of the profiles that come with goalcheck.

    Example:
        >>> shipped_profiles()
        ['four_part', 'idea', 'smart']
    """
    folder = resources.files("goalcheck").joinpath("data/profiles")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json"))


def _parse(raw: Any, origin: str) -> RubricProfile:
    def bad(why: str) -> ProfileError:
        return ProfileError(f"rubric profile {origin} is malformed: {why}")

    if not isinstance(raw, dict):
        raise bad("it must be a JSON object")
    for key in ("name", "measurable_requires", "weights"):
        if key not in raw:
            raise bad(f"the key {key!r} is missing")
    requires = raw["measurable_requires"]
    if not isinstance(requires, dict) or "annual_goal" not in requires:
        raise bad("'measurable_requires' must map 'annual_goal' (and optionally 'objective') to components")
    parsed: dict[str, tuple[str, ...]] = {}
    for kind, comps in requires.items():
        if kind not in _KINDS:
            raise bad(f"unknown kind {kind!r} in 'measurable_requires' (use {', '.join(_KINDS)}; "
                      "postsecondary goals follow Indicator 13 in every profile)")
        if not isinstance(comps, list) or not comps or any(c not in COMPONENTS for c in comps):
            raise bad(f"'measurable_requires.{kind}' must be a non-empty list of: {', '.join(COMPONENTS)}")
        if "behavior" not in comps:
            raise bad(f"'measurable_requires.{kind}' must include 'behavior' (RUBRIC 2)")
        parsed[kind] = tuple(comps)
    weights = raw["weights"]
    if not isinstance(weights, dict) or set(weights) != set(COMPONENTS):
        raise bad(f"'weights' must give points to exactly: {', '.join(COMPONENTS)}")
    if any(not isinstance(v, int) or v < 0 for v in weights.values()) or sum(weights.values()) != 100:
        raise bad("'weights' must be non-negative whole numbers summing to 100")
    recommended = raw.get("recommended", [])
    if not isinstance(recommended, list) or any(c not in COMPONENTS for c in recommended):
        raise bad(f"'recommended' must be a list of: {', '.join(COMPONENTS)}")
    return RubricProfile(
        name=str(raw["name"]), version=str(raw.get("version", "1")),
        description=str(raw.get("description", "")), measurable_requires=parsed,
        recommended=tuple(recommended), weights={c: int(weights[c]) for c in COMPONENTS},
    )


@lru_cache(maxsize=32)
def _load(name_or_path: str) -> RubricProfile:
    if name_or_path in shipped_profiles():
        text = resources.files("goalcheck").joinpath(f"data/profiles/{name_or_path}.json").read_text(
            encoding="utf-8")
        return _parse(json.loads(text), f"'{name_or_path}'")
    path = Path(name_or_path)
    if path.suffix.lower() != ".json" and not path.exists():
        raise ProfileError(
            f"unknown rubric profile {name_or_path!r}: use one of {', '.join(shipped_profiles())}, "
            "or the path of a profile JSON file")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ProfileError(f"cannot read rubric profile file {path}: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise ProfileError(f"rubric profile {path} is not a UTF-8 text file") from None
    return parse_profile(text, str(path))


def parse_profile(text: str | bytes, origin: str = "file") -> RubricProfile:
    """A profile from the text of a profile JSON file (e.g. one uploaded in the app).

    ``origin`` names the file in error messages.

    Raises:
        ProfileError: not UTF-8, not JSON, or not a valid profile (the message says what is wrong).

    Example:
        >>> parse_profile('{"name": "mine"}', "mine.json")
        Traceback (most recent call last):
        ...
        goalcheck.profiles.ProfileError: rubric profile mine.json is malformed: the key 'measurable_requires' is missing
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ProfileError(f"rubric profile {origin} is not a UTF-8 text file") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        raise ProfileError(f"rubric profile {origin} is not valid JSON: {e.msg} (line {e.lineno})") from None
    return _parse(raw, origin)


def load_profile(profile: str | RubricProfile | None = None) -> RubricProfile:
    """The profile named (or at a path), the default ``idea`` when None.

    Raises:
        ProfileError: unknown name, unreadable or malformed file (the message names the valid profiles).

    Example:
        >>> load_profile().requires("annual_goal")
        ('behavior', 'criterion')
        >>> load_profile("smart").requires("objective")
        ('behavior', 'criterion', 'timeframe')
    """
    if isinstance(profile, RubricProfile):
        return profile
    return _load(profile or DEFAULT_PROFILE)
