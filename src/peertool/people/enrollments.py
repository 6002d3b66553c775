"""Who is enrolled in a drop-in program, and the program a group belongs to.

A drop-in program has no members: anyone active and enrolled in it
(`participant edit REF --program P`) may attend its open days. An
enrollment is closed, never deleted (`--leave-program P`), so a visit keeps
its context; at most one is open per person and program (a partial unique
index backs this). IML membership stays `group add`: a group-year program
is joined through its group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from peertool import validate
from peertool.db.store import insert, update
from peertool.errors import Conflict, InvalidInput, shown
from peertool.people.scope import resolve_group

if TYPE_CHECKING:
    from collections.abc import Callable

    from peertool.db.connection import Database
    from peertool.people.shapes import ProgramEnrollment
    from peertool.programs import Program
    from peertool.settings import Settings


class Enrollment(TypedDict):
    """What `participant edit` changes in a person's programs: one to join, one to leave (each may be None)."""

    join: Program | None
    leave: str | None


def change_programs(
    db: Database, person: dict[str, Any], change: Enrollment, *, on: str, confirm: Callable[[str], bool] | None = None
) -> list[str]:
    """Leave, then join, as `change` says, from day `on`, in the caller's transaction; returns warnings (visits
    after `on` that `confirm` agreed to take them off)."""
    warnings = leave_program(db, person, change["leave"], on=on, confirm=confirm) if change["leave"] else []
    if change["join"] is not None:
        enroll_in(db, person, change["join"], on=on)
    return warnings


def program_of_group(settings: Settings, db: Database, ref: object) -> Program:
    """The program of the group REF names (an id or its name)."""
    from peertool.programs import group_program

    return group_program(settings, resolve_group(db, ref))


def enroll_in(db: Database, person: dict[str, Any], program: Program, *, on: str) -> None:
    """Enroll an active participant in a drop-in program from `on`, in the caller's transaction."""
    if not program.drop_in:
        raise InvalidInput(
            f"program: {shown(program.name)} is a group-year program; people join it through a group.",
            hint="Add them to one of its groups: peertool group add GROUP REF",
        )
    if person["status"] != "active":
        raise InvalidInput("a discharged participant cannot enroll in a program.")
    if on < person["enrolled_on"]:
        raise InvalidInput(f"date: {on} is before they enrolled on {person['enrolled_on']}.")
    if _open(db, person["id"], program.name) is not None:
        raise Conflict(f"participant {person['id']} is already enrolled in program {shown(program.name)}.")
    last = db.execute(
        "SELECT max(ended_on) FROM program_enrollments WHERE participant_id = ? AND program = ?",
        [person["id"], program.name],
    ).fetchone()[0]
    if last and on <= last:
        raise InvalidInput(f"date: {on} is not after their last enrollment in it ended on {last} (its last day).")
    insert(db, "program_enrollments", {"participant_id": person["id"], "program": program.name, "enrolled_on": on})


def leave_program(
    db: Database, person: dict[str, Any], program: str, *, on: str, confirm: Callable[[str], bool] | None = None
) -> list[str]:
    """End a participant's open enrollment in `program` on `on`, in the caller's transaction.

    Visits to the program's groups after `on` would lose their billed units:
    refused unless `confirm` agrees to take them off those days, as a
    back-dated discharge is (`later_attendance`).
    """
    from peertool.people.later_attendance import off_later_meetings

    name = str(program).strip().lower()
    row = _open(db, person["id"], name)
    if row is None:
        raise InvalidInput(f"participant {person['id']} is not enrolled in program {shown(name)}.")
    if on < row[1]:
        raise InvalidInput(f"date: {on} is before they enrolled in it on {row[1]}.")
    warnings = off_later_meetings(db, person["id"], on, confirm, program=name)
    update(db, "program_enrollments", row[0], {"ended_on": on})
    return warnings


def end_programs(db: Database, pid: int, *, on: str) -> None:
    """End every open enrollment of a person on `on` (a discharge), or on the day it began if that was later."""
    db.execute(
        "UPDATE program_enrollments SET ended_on = CASE WHEN enrolled_on > :on THEN enrolled_on ELSE :on END"
        " WHERE participant_id = :pid AND ended_on IS NULL",
        {"on": on, "pid": pid},
    )


def _open(db: Database, pid: int, program: str) -> tuple[int, str] | None:
    row = db.execute(
        "SELECT id, enrolled_on FROM program_enrollments WHERE participant_id = ? AND program = ? AND ended_on IS NULL",
        [pid, program],
    ).fetchone()
    return (row[0], row[1]) if row else None


def open_programs(db: Database, pid: int) -> list[ProgramEnrollment]:
    """A participant's open enrollments, oldest first."""
    rows = db.execute(
        """SELECT program, enrolled_on FROM program_enrollments
           WHERE participant_id = ? AND ended_on IS NULL ORDER BY enrolled_on, id""",
        [pid],
    )
    return [{"program": program, "enrolled_on": on} for program, on in rows]


def enrolled(db: Database, program: str, on: str) -> list[int]:
    """The ids of participants enrolled in `program` on day `on` (enrolled by then, not yet ended), in order of
    id: who may attend a drop-in day. The enrollment window alone decides: a discharge ends it, so someone
    discharged since still visited a day before."""
    day = validate.date("date", on)
    rows = db.execute(
        """SELECT DISTINCT e.participant_id FROM program_enrollments e
           WHERE e.program = ? AND e.enrolled_on <= ? AND (e.ended_on IS NULL OR e.ended_on >= ?)
           ORDER BY e.participant_id""",
        [program, day, day],
    )
    return [row[0] for row in rows]
