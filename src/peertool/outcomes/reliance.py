"""Decreasing reliance, measured: for each person and month, outings by kind, individual contact minutes with
staff, and connections by setting at the month's end.

The model's progress is a person relying less on the coach, the partner and
the group ("decrease their reliance on their peer partner, the group and the
coach"): outings moving from with-coach to partner to solo, fewer minutes of
one-to-one contact, more connections, mainstream ones above all. Each figure
is read once for the whole group (one query each), never per person-month;
the outing kinds follow `outcomes.outing_kinds` and the connections are
`connections.by_month` as the report already counted them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from peertool.outcomes.contact_counts import GROUP_NOTES
from peertool.outcomes.outing_kinds import COUNT_KEYS, empty_counts, kind_sql
from peertool.people.connections import MonthEnd, Ties, counted, month_ends
from peertool.vocab import OutingKind

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from peertool.db.connection import Database


class RelianceMonth(TypedDict):
    """One person's month: outings by kind (`with_coach`, `partner`, `group`, `solo`), the minutes of their own
    contact notes, and their connections active at the month's end by setting."""

    month: str  # YYYY-MM
    outings: dict[str, int]
    contact_minutes: int
    connections: MonthEnd


class Reliance(TypedDict):
    """`report`'s `reliance`: one person's months of the period, in order."""

    id: int
    name: str
    months: list[RelianceMonth]


class _Measured(TypedDict):
    connections: Ties | None


def reliance(
    db: Database,
    group_id: int,
    people: Sequence[Mapping[str, Any]],
    start: str,
    end: str,
    measured: Mapping[int, _Measured],
) -> list[Reliance]:
    """Each person's (`id`, `name`) months from start to end, only those, from the group's outings and contact
    notes, and the connections already counted at each month's end (`measured`: `recovery.build`'s people for the
    same period)."""
    ends = month_ends(start, end)
    outings = _outings(db, group_id, start, end)
    minutes = _minutes(db, group_id, start, end)
    return [
        {
            "id": p["id"],
            "name": p["name"],
            "months": [
                {
                    "month": day[:7],
                    "outings": outings.get((p["id"], day[:7])) or empty_counts(),
                    "contact_minutes": minutes.get((p["id"], day[:7]), 0),
                    "connections": _connections(measured[p["id"]]["connections"], day),
                }
                for day in ends
            ],
        }
        for p in people
    ]


def _outings(db: Database, group_id: int, start: str, end: str) -> dict[tuple[int, str], dict[str, int]]:
    """Per (person, month): the group's outings by kind, by the one kind rule."""
    found: dict[tuple[int, str], dict[str, int]] = {}
    rows = db.execute(
        f"""SELECT op.participant_id, substr(o.held_on, 1, 7), {kind_sql("o")}, count(*) FROM outings o
            JOIN outing_people op ON op.outing_id = o.id
            WHERE o.group_id = ? AND o.held_on BETWEEN ? AND ? GROUP BY 1, 2, 3""",
        [group_id, start, end],
    )
    for pid, month, kind, n in rows:
        found.setdefault((pid, month), empty_counts())[COUNT_KEYS[OutingKind(kind)]] += n
    return found


def _minutes(db: Database, group_id: int, start: str, end: str) -> dict[tuple[int, str], int]:
    """Per (person, month): the minutes of their individual contact notes while a member of the group (the
    notes `report`'s contacts count; group meetings and community education are not individual contact)."""
    rows = db.execute(
        f"""SELECT n.participant_id, substr(n.noted_on, 1, 7), sum(coalesce(n.minutes, 0)) {GROUP_NOTES}
            GROUP BY 1, 2""",
        {"group": group_id, "start": start, "end": end},
    )
    return {(pid, month): total for pid, month, total in rows}


def _connections(ties: Ties | None, month_end: str) -> MonthEnd:
    """The person's connections at this month's end, as `connections.by_month` counted them (none: zero)."""
    found = next((m for m in ties["by_month"] if m["month_end"] == month_end), None) if ties else None
    return found or {"month_end": month_end, **counted(0, 0, 0)}
