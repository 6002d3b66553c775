"""Person-centered outcomes for a group over a period, every figure traceable.

Each rate comes with its numerator and denominator, so a coach can check it
against `meeting list`, `goal list` and `outing list`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from peertool import clock, validate
from peertool.db.connection import Database
from peertool.outcomes import recovery
from peertool.outcomes.activities import ActivityFigures
from peertool.outcomes.activities import figures as activity_figures
from peertool.outcomes.contact_counts import ContactCounts, contact_counts, face_to_face_warnings
from peertool.outcomes.outing_kinds import empty_counts
from peertool.outcomes.outings import outing_counts, ready_solo_suggestions
from peertool.outcomes.recovery import Attainment, Change, GroupRecovery, PeriodGoal
from peertool.outcomes.reliance import Reliance, reliance
from peertool.outcomes.service_units import (
    CodeUnits,
    MonthUnits,
    by_code,
    by_month,
    cap_warnings,
    coded,
    member_on,
    service_records,
)
from peertool.people.connections import Ties
from peertool.people.reviews import next_reviews
from peertool.people.scope import load_group
from peertool.program.schedule import Month, group_program, year_bounds

if TYPE_CHECKING:
    from peertool.outcomes.shapes import Suggestions
    from peertool.settings import Settings

TOP_THREADS = 5


class Rate(TypedDict):
    """A rate with its numerator and denominator, so it can be checked."""

    present: int
    recorded: int
    rate: float | None


class MonthRate(TypedDict):
    month: int
    theme: str
    present: int
    recorded: int
    rate: float | None


class ThreadCount(TypedDict):
    tag: str
    count: int
    last: str


class ReportPerson(TypedDict):
    """One person's figures for the period, and their measured recovery (`outcomes.recovery`)."""

    id: int
    name: str
    status: str
    stage: str
    attendance: Rate
    goals: dict[str, int]  # set, achieved
    outings: dict[str, int]  # partner, solo, group, with_coach (`outcomes.outing_kinds`)
    next_review: str | None
    units: list[MonthUnits]
    units_by_code: list[CodeUnits]  # the same units by billing line (`service_units.by_code`)
    measures: list[Change]
    connections: Ties | None
    attainment: Attainment


# `report` (a TypedDict call: `from` is a Python keyword).
Report = TypedDict(
    "Report",
    {
        "group": str,
        "group_id": int,
        "from": str,
        "to": str,
        "participants": list[ReportPerson],
        "recovery": GroupRecovery,
        "months": list[MonthRate],
        "threads": list[ThreadCount],
        "suggestions": "Suggestions",
        "contacts": ContactCounts,
        "activities": ActivityFigures,
        "reliance": list[Reliance],
        "warnings": list[str],
    },
)


def build(
    db: Database, group_ref: object, *, settings: Settings, start: str | None = None, end: str | None = None
) -> Report:
    """The group's outcomes between start and end (default: its program year up to today, never the future)."""
    scope = load_group(db, group_ref)
    months = group_program(scope.group, settings)
    first, last = year_bounds(months)
    start = validate.optional_date("from", start) or first.isoformat()
    end = validate.optional_date("to", end) or max(start, min(last, clock.today()).isoformat())
    people = _people(db, scope.id)
    counts = outing_counts(db, scope.id, start=start, end=end)
    attendance = _attendance(db, scope.id, start, end)
    goals = _goals(recovery.goals_in_period(db, [p["id"] for p in people], start, end))
    due = next_reviews(db, people, settings.review_interval_days)
    active = [p for p in people if p["status"] == "active"]
    lines = coded(service_records(db, settings, (start, end), scope.id, None), settings)
    units, codes = by_month(line[:4] for line in lines), by_code(lines)
    measured = recovery.build(db, settings, [p["id"] for p in people], start, end)
    contacts = contact_counts(db, settings, scope.id, start, end)
    return {
        "group": scope.name,
        "group_id": scope.id,
        "from": start,
        "to": end,
        "participants": [
            {
                "id": p["id"],
                "name": p["name"],
                "status": p["status"],
                "stage": p["stage"],
                "attendance": rate(*attendance.get(p["id"], (0, 0))),
                "goals": goals.get(p["id"], {"set": 0, "achieved": 0}),
                "outings": counts.get(p["id"]) or empty_counts(),
                "next_review": due[p["id"]] if p["status"] == "active" else None,
                "units": units.get(p["id"], []),
                "units_by_code": codes.get(p["id"], []),
                **measured["people"][p["id"]],
            }
            for p in people
        ],
        "recovery": measured["group"],
        "months": _months(db, scope.id, months, start, end),
        "threads": _threads(db, scope.id, start, end),
        "suggestions": {
            "ready_solo": ready_solo_suggestions(active, outing_counts(db, scope.id), settings.solo_outings_for_ready)
        },
        "contacts": contacts,
        "activities": activity_figures(db, scope.id, start, end),
        "reliance": reliance(db, scope.id, people, start, end, measured["people"]),
        "warnings": cap_warnings(db, settings, start, end, {p["id"]: p["name"] for p in people})
        + face_to_face_warnings(contacts)
        + recovery.unclassified_warnings(db, [p["id"] for p in people], start, end),
    }


def rate(present: int, recorded: int) -> Rate:
    """Present over recorded, to three places (None when nothing was recorded)."""
    return {"present": present, "recorded": recorded, "rate": round(present / recorded, 3) if recorded else None}


def _people(db: Database, group_id: int) -> list[dict[str, Any]]:
    """Everyone who has been a member of the group."""
    return [
        dict(row)
        for row in db.query(
            """SELECT DISTINCT p.id, p.name, p.status, p.stage, p.enrolled_on FROM memberships m
               JOIN participants p ON p.id = m.participant_id WHERE m.group_id = ? ORDER BY p.id""",
            [group_id],
        )
    ]


# An attendance mark counts only for a meeting held while its person was a member of the group.
_MEMBER_THEN = member_on("a.participant_id", "m.group_id", "m.held_on")


def _attendance(db: Database, group_id: int, start: str, end: str) -> dict[int, tuple[int, int]]:
    return attendance_marks(db, start, end, group_id).get(group_id, {})


def attendance_marks(
    db: Database, start: str, end: str, group_id: int | None = None
) -> dict[int, dict[int, tuple[int, int]]]:
    """Per group and person, the marks (present, recorded) at meetings held in the period while the person was a
    member: of one group, or of every group in one pass (the director's view)."""
    rows = db.execute(
        f"""SELECT m.group_id, a.participant_id, sum(a.present), count(*) FROM attendance a
            JOIN meetings m ON m.id = a.meeting_id
            WHERE {"m.group_id = :g AND" if group_id else ""} m.held_on BETWEEN :s AND :e AND {_MEMBER_THEN}
            GROUP BY m.group_id, a.participant_id""",
        {"g": group_id, "s": start, "e": end},
    )
    found: dict[int, dict[int, tuple[int, int]]] = {}
    for gid, pid, present, recorded in rows:
        found.setdefault(gid, {})[pid] = (present, recorded)
    return found


def _goals(goals: list[PeriodGoal]) -> dict[int, dict[str, int]]:
    """Per person: the goals they had in the period (`set`), and how many of them were achieved at its end."""
    found: dict[int, dict[str, int]] = {}
    for goal in goals:
        counts = found.setdefault(goal["participant_id"], {"set": 0, "achieved": 0})
        counts["set"] += 1
        counts["achieved"] += goal["status"] == "achieved"
    return found


def _months(db: Database, group_id: int, months: list[Month], start: str, end: str) -> list[MonthRate]:
    rows = db.execute(
        f"""SELECT m.month, sum(a.present), count(a.present) FROM meetings m
            LEFT JOIN attendance a ON a.meeting_id = m.id AND {_MEMBER_THEN}
            WHERE m.group_id = ? AND m.held_on BETWEEN ? AND ? GROUP BY m.month""",
        [group_id, start, end],
    )
    by_month = {month: (present or 0, recorded) for month, present, recorded in rows}
    return [
        {"month": m.month, "theme": m.theme, **rate(*by_month.get(m.month, (0, 0)))}
        for m in months
        if str(m.start) <= end and str(m.end) >= start
    ]


def _threads(db: Database, group_id: int, start: str, end: str) -> list[ThreadCount]:
    rows = db.execute(
        """SELECT t.tag, count(*), max(m.held_on) FROM meeting_threads t JOIN meetings m ON m.id = t.meeting_id
           WHERE m.group_id = ? AND m.held_on BETWEEN ? AND ? GROUP BY t.tag
           ORDER BY count(*) DESC, max(m.held_on) DESC, t.tag LIMIT ?""",
        [group_id, start, end, TOP_THREADS],
    )
    return [{"tag": tag, "count": count, "last": last} for tag, count, last in rows]
