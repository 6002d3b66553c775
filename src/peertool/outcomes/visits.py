"""A drop-in group's report: who came and how often, on which days of the week, and how many people each month.

A drop-in program (the Independence Program) has no roster to take an
attendance rate over: its figures are visits (`program.visits`), the
present marks of its open days. `report GROUP` of a drop-in group prints
this instead of the IML report; the group's activities are counted as the
IML report counts them (`outcomes.activities.figures`). A visitor over the
daily cap is warned of on their units that day in every group (a visit
beside an IML meeting), as `note lint` counts them
(`service_units.days_over_cap`).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, TypedDict

from peertool import clock, validate
from peertool.db.connection import Database
from peertool.outcomes.activities import ActivityFigures
from peertool.outcomes.activities import figures as activity_figures
from peertool.outcomes.service_units import cap_warnings
from peertool.people.scope import resolve_group

if TYPE_CHECKING:
    from peertool.settings import Settings


class Visitor(TypedDict):
    """One person's visits in the period, and the days they came."""

    id: int
    name: str
    visits: int
    days: list[str]


class VisitMonth(TypedDict):
    """A calendar month (`YYYY-MM`): its visits and the distinct people who made them."""

    month: str
    visits: int
    visitors: int


# `report` of a drop-in group (a TypedDict call: `from` is a Python keyword).
VisitReport = TypedDict(
    "VisitReport",
    {
        "group": str,
        "group_id": int,
        "program": str,
        "days": list[str],
        "from": str,
        "to": str,
        "visits": int,
        "visitors": int,
        "people": list[Visitor],
        "weekdays": dict[str, int],
        "months": list[VisitMonth],
        "activities": ActivityFigures,
        "warnings": list[str],
    },
)


def build(
    db: Database, group_ref: object, *, settings: Settings, start: str | None = None, end: str | None = None
) -> VisitReport:
    """The drop-in group's visits between start and end (default: from its opening to today)."""
    from peertool.programs import group_program

    group = resolve_group(db, group_ref)
    start = validate.optional_date("from", start) or group["start_on"]
    end = validate.optional_date("to", end) or max(start, clock.today().isoformat())
    validate.not_after(start, end)
    rows = [(pid, name, day) for _, pid, name, day in visit_marks(db, start, end, group["id"])]
    people: dict[int, Visitor] = {}
    for pid, name, day in rows:
        people.setdefault(pid, {"id": pid, "name": name, "visits": 0, "days": []})
        people[pid]["visits"] += 1
        people[pid]["days"].append(day)
    return {
        "group": group["name"],
        "group_id": group["id"],
        "program": group_program(settings, group).name,
        "days": group["days"].split(","),
        "from": start,
        "to": end,
        "visits": len(rows),
        "visitors": len(people),
        "people": sorted(people.values(), key=lambda v: (-v["visits"], v["name"].casefold())),
        "weekdays": _weekdays([day for _, _, day in rows]),
        "months": _months(rows),
        "activities": activity_figures(db, group["id"], start, end),
        "warnings": cap_warnings(db, settings, start, end, {pid: v["name"] for pid, v in people.items()}),
    }


def visit_marks(db: Database, start: str, end: str, group_id: int | None = None) -> list[tuple[int, int, str, str]]:
    """(group id, person id, name, day) of each visit in the period, by person and day: to one drop-in group, or
    to every drop-in group in one pass (the director's view)."""
    return db.execute(
        f"""SELECT m.group_id, p.id, p.name, m.held_on FROM attendance a JOIN meetings m ON m.id = a.meeting_id
           JOIN participants p ON p.id = a.participant_id
           {"" if group_id else "JOIN peer_groups g ON g.id = m.group_id AND g.days IS NOT NULL"}
           WHERE {"m.group_id = :g AND" if group_id else ""} m.held_on BETWEEN :s AND :e AND a.present = 1
           ORDER BY m.group_id, p.id, m.held_on""",
        {"g": group_id, "s": start, "e": end},
    ).fetchall()


def _weekdays(days: list[str]) -> dict[str, int]:
    """Visits by day of the week, all seven, Monday first: stable keys, whichever days had visits."""
    import datetime as dt

    counts = dict.fromkeys(validate.WEEKDAYS, 0)
    for day in days:
        counts[validate.WEEKDAYS[dt.date.fromisoformat(day).weekday()]] += 1
    return counts


def _months(rows: list[tuple[int, str, str]]) -> list[VisitMonth]:
    """Each calendar month with visits: how many, and how many different people made them."""
    months: dict[str, list[int]] = defaultdict(list)
    for pid, _, day in rows:
        months[day[:7]].append(pid)
    return [{"month": m, "visits": len(pids), "visitors": len(set(pids))} for m, pids in sorted(months.items())]
