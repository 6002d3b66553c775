"""What a program's activities count for: the report's figures, a person's chart, the de-identified export.

The report counts a group's activities in a period by kind, the people they
reached, and how many were in a mainstream setting: the Independence
Program's exposure to community life, and its path toward mainstream places.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from peertool.vocab import ACTIVITY_KINDS

if TYPE_CHECKING:
    from peertool.db.connection import Database


class ActivityFigures(TypedDict):
    """`report`'s `activities`: the group's activities in the period."""

    by_kind: dict[str, int]  # every kind, in vocab order, 0 when none
    total: int
    people: int  # distinct participants who came to at least one
    mainstream: int
    mainstream_share: float | None  # mainstream / total, None when there were none


class ChartActivity(TypedDict):
    """An activity in a person's chart: never who else came, nor the staff or the place."""

    date: str
    kind: str
    title: str
    mainstream: bool


def figures(db: Database, group_id: int, start: str, end: str) -> ActivityFigures:
    """The group's activities from `start` to `end` (inclusive), counted."""
    by_kind = dict.fromkeys(ACTIVITY_KINDS, 0)
    mainstream = 0
    for kind, count, in_mainstream in db.execute(
        """SELECT kind, count(*), sum(mainstream) FROM activities
           WHERE group_id = ? AND held_on BETWEEN ? AND ? GROUP BY kind""",
        [group_id, start, end],
    ):
        by_kind[kind] = count
        mainstream += in_mainstream
    reached = db.execute(
        """SELECT count(DISTINCT ap.participant_id) FROM activities a
           JOIN activity_people ap ON ap.activity_id = a.id WHERE a.group_id = ? AND a.held_on BETWEEN ? AND ?""",
        [group_id, start, end],
    ).fetchone()[0]
    total = sum(by_kind.values())
    return {
        "by_kind": by_kind,
        "total": total,
        "people": reached,
        "mainstream": mainstream,
        "mainstream_share": round(mainstream / total, 3) if total else None,
    }


def chart_entries(db: Database, pid: int, start: str, end: str) -> list[ChartActivity]:
    """Each activity the person came to from `start` to `end`, oldest first."""
    return [
        {"date": on, "kind": kind, "title": title, "mainstream": bool(mainstream)}
        for on, kind, title, mainstream in db.execute(
            """SELECT a.held_on, a.kind, a.title, a.mainstream FROM activity_people ap
               JOIN activities a ON a.id = ap.activity_id
               WHERE ap.participant_id = ? AND a.held_on BETWEEN ? AND ? ORDER BY a.held_on, a.id""",
            [pid, start, end],
        )
    ]


def people_counts(db: Database) -> dict[int, int]:
    """How many people came to each activity, by its id (an activity nobody was recorded at is absent)."""
    return {
        int(aid): int(count)
        for aid, count in db.execute("SELECT activity_id, count(*) FROM activity_people GROUP BY activity_id")
    }
