"""Conditions on a list of ids, for reads that take everyone (None) or some people or groups by id."""

from __future__ import annotations

from collections.abc import Sequence


def marks(ids: Sequence[int]) -> str:
    """One `?` per id (`NULL` for none, which matches nothing), for `column IN (...)`."""
    return ",".join("?" * len(ids)) or "NULL"


def in_ids(column: str, ids: Sequence[int] | None) -> tuple[str, list[int]]:
    """`AND column IN (...)` for these ids, and its parameters; None: no condition, everyone (no list of every id,
    which as long as the database would also pass SQLite's limit on parameters on some builds)."""
    return ("", []) if ids is None else (f"AND {column} IN ({marks(ids)})", list(ids))
