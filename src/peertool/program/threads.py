"""Recurring threads: what the group keeps bringing up.

A thread scores by how often and how recently it came up: each mention
counts 0.5 ** (days before the newest mention / 28), a half-life of four
weeks, so a thread from last week outranks one mentioned as often three
months ago. Measuring from the newest mention (not from today) keeps the
scores readable: 1.0 is one mention at the latest meeting, and the order is
the same whatever day it is asked.
"""

import datetime as dt
from collections.abc import Sequence
from typing import TypedDict

from peertool.clock import today_iso
from peertool.db.connection import Database

HALF_LIFE_DAYS = 28


class Thread(TypedDict):
    """An item of `threads`: a tag, how often and when it last came up, and its score."""

    tag: str
    count: int
    last: str
    score: float


def rank(mentions: Sequence[tuple[str, str]]) -> list[Thread]:
    """(date, tag) mentions ranked by score; each with its count and last date."""
    if not mentions:
        return []
    newest = dt.date.fromisoformat(max(held_on for held_on, _ in mentions))
    found: dict[str, Thread] = {}
    for held_on, tag in mentions:
        days = (newest - dt.date.fromisoformat(held_on)).days
        entry = found.setdefault(tag, {"tag": tag, "count": 0, "last": held_on, "score": 0.0})
        entry["count"] += 1
        entry["last"] = max(entry["last"], held_on)
        entry["score"] += 0.5 ** (days / HALF_LIFE_DAYS)
    for entry in found.values():
        entry["score"] = round(entry["score"], 3)
    return sorted(found.values(), key=lambda e: (-e["score"], -e["count"], e["tag"]))


def group_threads(db: Database, group_id: int, *, since: str | None = None, until: str | None = None) -> list[Thread]:
    """The group's threads from meetings in [since, until] (until defaults to today), ranked."""
    rows = db.execute(
        """SELECT m.held_on, t.tag FROM meeting_threads t JOIN meetings m ON m.id = t.meeting_id
           WHERE m.group_id = ? AND m.held_on >= ? AND m.held_on <= ?""",
        [group_id, since or "0000-00-00", until or today_iso()],
    ).fetchall()
    return rank(rows)


def threads_of(db: Database, group_ref: object, *, since: str | None = None) -> list[Thread]:
    """`peertool threads GROUP [--since D]`: the group's threads, ranked."""
    from peertool import validate
    from peertool.people.scope import resolve_group

    since = validate.optional_date("since", since)
    return group_threads(db, resolve_group(db, group_ref)["id"], since=since)
