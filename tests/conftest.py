"""Shared fixtures: the real pipeline, loaded once per test session."""

from __future__ import annotations

import pytest

from goalcheck.pipeline import build_nlp


@pytest.fixture(scope="session")
def nlp():
    return build_nlp()
