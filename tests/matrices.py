"""Checks on scipy sparse matrices shared by the tests."""

from __future__ import annotations

from typing import Any


def assert_same_csr(a: Any, b: Any) -> None:
    """``a`` and ``b`` are the same CSR matrix bit for bit: shape, dtype and all three arrays."""
    assert a.format == b.format == "csr" and a.shape == b.shape and a.dtype == b.dtype
    for part in ("indptr", "indices", "data"):
        assert getattr(a, part).tobytes() == getattr(b, part).tobytes(), part
