"""Service units summed: per person and month for the report and the chart, and per day against the cap.

Units are counted on each record (a meeting attended, a contact) and then
added up, never from summed minutes: that is how a claim counts them.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypedDict

from peertool.db.connection import Database
from peertool.program.attendance import MINUTES_SQL

if TYPE_CHECKING:
    from peertool.settings import Settings

# (participant id, date, "group" or "individual", units)
Service = tuple[int, str, str, float]


class MonthUnits(TypedDict):
    """A person's units in one month (`YYYY-MM`): group, individual and both."""

    month: str
    group: float
    individual: float
    total: float


def services(db: Database, settings: "Settings", *, start: str, end: str, group_id: int | None = None) -> list[Service]:
    """Every unit-bearing record in the period: meetings attended (of one group, if given) and contacts (of
    that group's members, if given)."""
    members = "AND n.participant_id IN (SELECT participant_id FROM memberships WHERE group_id = :g)"
    rows = db.execute(
        f"""SELECT a.participant_id, m.held_on, 'group', {MINUTES_SQL} FROM attendance a
            JOIN meetings m ON m.id = a.meeting_id
            WHERE a.present = 1 AND m.held_on BETWEEN :s AND :e {"AND m.group_id = :g" if group_id else ""}
            UNION ALL
            SELECT n.participant_id, n.noted_on, 'individual', n.minutes FROM contact_notes n
            WHERE n.minutes IS NOT NULL AND n.noted_on BETWEEN :s AND :e {members if group_id else ""}""",
        {"s": start, "e": end, "g": group_id},
    )
    return [(pid, day, kind, settings.units(minutes) or 0) for pid, day, kind, minutes in rows]


def by_month(records: Iterable[Service]) -> dict[int, list[MonthUnits]]:
    """Each person's group, individual and total units in each month with any, oldest first."""
    months: dict[int, dict[str, MonthUnits]] = defaultdict(dict)
    for pid, day, kind, units in records:
        month = months[pid].setdefault(day[:7], {"month": day[:7], "group": 0, "individual": 0, "total": 0})
        if kind == "group":
            month["group"] += units
        else:
            month["individual"] += units
        month["total"] += units
    return {pid: [found[key] for key in sorted(found)] for pid, found in months.items()}


def over_cap(records: Iterable[Service], cap: int | None) -> list[tuple[int, str, float]]:
    """(person, day, units) for each day a person's units, group and individual together, pass the cap."""
    if cap is None:
        return []
    days: dict[tuple[int, str], float] = defaultdict(float)
    for pid, day, _, units in records:
        days[(pid, day)] += units
    return sorted(((pid, day, total) for (pid, day), total in days.items() if total > cap), key=lambda d: d[1:])
