"""The director's view (`report --all`): every group's figures over one period, and the total.

Each figure comes from the function the group's own report uses
(`outcomes.report.attendance_marks`, `outcomes.visits.visit_marks`,
`outcomes.recovery`, `outcomes.service_units.services`), read for all
groups in a pass where the query allows it and one indexed read per group
where it does not, never a whole group report per group.

A group's people are those in it at some time in the period: members of an
IML group, or people enrolled in a drop-in group's program. Retention is,
of those, how many are still in it at the period's end and not discharged
then. The total counts each person once (retained if still in any group of
the scope), and adds the units and marks of the groups, which never share
a record.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypedDict

from peertool import clock, validate
from peertool.db.connection import Database
from peertool.outcomes import instruments as kit
from peertool.outcomes.recovery import Change, GroupChange, PeriodGoal, goals_in_period, group_measures, measure_changes
from peertool.outcomes.report import Rate, attendance_marks, rate
from peertool.outcomes.service_units import Service, services
from peertool.outcomes.visits import visit_marks

if TYPE_CHECKING:
    from peertool.settings import Settings


class Retention(TypedDict):
    """Of the people in a group at some time in the period, how many are still in it, not discharged, at its end."""

    people: int
    retained: int
    rate: float | None


class Goals(TypedDict):
    """Goals people had in the period (`set`, as the group report counts them) and how many were achieved."""

    set: int
    achieved: int


class Units(TypedDict):
    """Service units billed in the period: the group line, the individual line, and both."""

    group: float
    individual: float
    total: float


class Figures(TypedDict):
    """One group's figures, or the total's (a drop-in's `attendance` is None: it has no roster to take a rate of)."""

    people: int
    attendance: Rate | None
    visits: int
    visitors: int
    retention: Retention
    goals: Goals
    measures: list[GroupChange]
    units: Units
    cosign_rate: float | None


class GroupHead(TypedDict):
    group: str
    group_id: int
    program: str
    drop_in: bool


class GroupFigures(GroupHead, Figures):
    """A row of the director's view: the group, and its figures."""


# `report --all` (a TypedDict call: `from` is a Python keyword): the period, the total's figures, each group's.
Period = TypedDict("Period", {"from": str, "to": str})


class Director(Period, Figures):
    groups: list[GroupFigures]


class _Group:
    """What one group's figures are made from: its people in the period, and who of them was retained."""

    def __init__(self, head: GroupHead, start_on: str) -> None:
        self.head = head
        self.start_on = start_on
        self.people: set[int] = set()
        self.retained: set[int] = set()


def build(
    db: Database,
    *,
    settings: Settings,
    start: str | None = None,
    end: str | None = None,
    group_ids: Iterable[int] | None = None,
) -> Director:
    """Every group's figures (or those of `group_ids`, a caseload's) from start (default: the first group's start)
    to end (default: today)."""
    groups = _groups(db, settings, group_ids)
    first = min((g.start_on for g in groups.values()), default=clock.today().isoformat())
    start = validate.optional_date("from", start) or first
    end = validate.optional_date("to", end) or max(start, clock.today().isoformat())
    validate.not_after(start, end)
    _people_in_period(db, groups, start, end)
    marks = attendance_marks(db, start, end)
    visits: dict[int, list[int]] = {}
    for gid, pid, _, _ in visit_marks(db, start, end):
        visits.setdefault(gid, []).append(pid)
    known = kit.load(settings)
    rows: list[GroupFigures] = []
    changes: dict[int, list[Change]] = {}
    goals: dict[int, PeriodGoal] = {}
    units: list[Service] = []
    for gid, group in groups.items():
        ids = sorted(group.people)
        group_changes = measure_changes(db, known, ids, start, end)
        group_goals = goals_in_period(db, ids, start, end)
        group_units = services(db, settings, start=start, end=end, group_id=gid)
        changes.update(group_changes)
        goals.update((g["id"], g) for g in group_goals)
        units += group_units
        present = marks.get(gid, {}).values()
        figures = _figures(group.people, group.retained, present, visits.get(gid, []), group_changes, group_goals,
                           group_units, drop_in=group.head["drop_in"])  # fmt: skip
        figures["cosign_rate"] = cosign_rate(db, ids, start, end)
        rows.append({**group.head, **figures})
    people = set().union(*(g.people for g in groups.values()))
    retained = set().union(*(g.retained for g in groups.values()))
    every_mark = [m for gid in groups for m in marks.get(gid, {}).values()]
    every_visit = [pid for gid in groups for pid in visits.get(gid, [])]
    total = _figures(people, retained, every_mark, every_visit, changes, list(goals.values()), units, drop_in=False)
    total["cosign_rate"] = cosign_rate(db, sorted(people), start, end)
    if not any(not g.head["drop_in"] for g in groups.values()):
        total["attendance"] = None
    return {"from": start, "to": end, **total, "groups": rows}


def _figures(
    people: set[int],
    retained: set[int],
    marks: Iterable[tuple[int, int]],
    visitors: list[int],
    changes: dict[int, list[Change]],
    goals: list[PeriodGoal],
    units: list[Service],
    *,
    drop_in: bool,
) -> Figures:
    """The figures of a group, or of the total, from what was read for it."""
    marks = list(marks)
    group_units = sum(u for _, _, line, u in units if line == "group")
    individual = sum(u for _, _, line, u in units if line != "group")
    return {
        "people": len(people),
        "attendance": None if drop_in else rate(sum(p for p, _ in marks), sum(r for _, r in marks)),
        "visits": len(visitors),
        "visitors": len(set(visitors)),
        "retention": {
            "people": len(people),
            "retained": len(retained),
            "rate": round(len(retained) / len(people), 3) if people else None,
        },
        "goals": {"set": len(goals), "achieved": sum(1 for g in goals if g["status"] == "achieved")},
        "measures": group_measures(changes),
        "units": {"group": group_units, "individual": individual, "total": group_units + individual},
        "cosign_rate": None,
    }


def cosign_rate(db: Database, people: list[int], start: str, end: str) -> float | None:
    """Of the people's records signed in the period that needed a co-signature, the share co-signed (None: none
    needed one, as in a database with no supervision policy)."""
    from peertool.outcomes import supervision

    return supervision.cosign_rate(db, people, start, end)


def _groups(db: Database, settings: Settings, group_ids: Iterable[int] | None) -> dict[int, _Group]:
    """Every group (or those given), by name: its program, and whether it is a drop-in."""
    from peertool.programs import group_program

    wanted = None if group_ids is None else set(group_ids)
    found: dict[int, _Group] = {}
    for row in db.query("SELECT id, name, program, start_on, days FROM peer_groups ORDER BY name_key, id"):
        if wanted is None or row["id"] in wanted:
            program = group_program(settings, row)
            head: GroupHead = {"group": row["name"], "group_id": row["id"], "program": program.name,
                               "drop_in": program.drop_in}  # fmt: skip
            found[row["id"]] = _Group(head, row["start_on"])
    return found


# SQL: the person (a column) is not discharged at the day (a parameter), or was readmitted by then.
_NOT_DISCHARGED = """NOT EXISTS (SELECT 1 FROM discharges d WHERE d.participant_id = {person}
    AND d.discharged_on <= :e AND (d.readmitted_on IS NULL OR d.readmitted_on > :e))"""


def _people_in_period(db: Database, groups: dict[int, _Group], start: str, end: str) -> None:
    """Fill each group's people in the period (members, or enrolled in a drop-in's program), and who of them is
    still in it at the period's end, not discharged: one pass over memberships and one over enrollments."""
    rows = db.execute(
        f"""SELECT ms.group_id, ms.participant_id,
                  (ms.left_on IS NULL OR ms.left_on > :e) AND {_NOT_DISCHARGED.format(person="ms.participant_id")}
            FROM memberships ms WHERE ms.joined_on <= :e AND (ms.left_on IS NULL OR ms.left_on > :s)
            UNION ALL
            SELECT g.id, pe.participant_id,
                  (pe.ended_on IS NULL OR pe.ended_on > :e) AND {_NOT_DISCHARGED.format(person="pe.participant_id")}
            FROM peer_groups g JOIN program_enrollments pe ON pe.program = g.program
            WHERE g.days IS NOT NULL AND pe.enrolled_on <= :e AND (pe.ended_on IS NULL OR pe.ended_on >= :s)""",
        {"s": start, "e": end},
    )
    for gid, pid, retained in rows:
        if gid in groups:
            groups[gid].people.add(pid)
            if retained:
                groups[gid].retained.add(pid)
