"""Drop-in days: a drop-in program's group records visits, not a roster's attendance.

A drop-in group (the Independence Program, open Monday to Friday) has no
members. On an open day anyone active and enrolled in its program that day
may come (`people.enrollments.enrolled`); a visit is a `--present` mark on
that day's meeting. Nobody is marked absent (who did not come is not a fact
about a place with no roster), there is no size cap and no `--all-present`.
A day is numbered by its calendar month: a drop-in has no program year.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from peertool import validate
from peertool.db.connection import Database
from peertool.errors import InvalidInput, shown
from peertool.people.scope import GroupScope, resolve_group

if TYPE_CHECKING:
    from peertool.program.schedule import Month
    from peertool.programs import Program
    from peertool.settings import Settings


class VisitScope(GroupScope):
    """A drop-in group with the people enrolled in its program on one day: who may visit it then."""

    def __init__(self, db: Database, group: dict[str, Any], program: Program, on: str):
        from peertool.people.enrollments import enrolled

        ids = enrolled(db, program.name, on)
        from peertool.db.ids import marks

        rows = db.query(f"SELECT id, name, name_key FROM participants WHERE id IN ({marks(ids)}) ORDER BY id", ids)
        super().__init__(db, group, [dict(row) for row in rows], on)
        self.program = program

    def member(self, ref: object, option: str = "") -> dict[str, Any]:
        """The enrolled person REF names; someone not enrolled that day is refused, pointing to enrollment."""
        try:
            return super().member(ref, option)
        except InvalidInput:
            raw, name = shown(str(ref).strip()), self.program.name
            raise InvalidInput(
                f"participant {raw} was not enrolled in program {shown(name)} on {self.on}, so cannot visit "
                f"group {self.id} then.",
                hint=self._enroll_hint(ref, raw),
            ) from None

    def _enroll_hint(self, ref: object, raw: str) -> str | None:
        """How to enroll them from that day, when `participant edit --program` would take it: never for someone
        discharged, enrolled before the day they joined, or with an enrollment in the program open or ending
        on or after the day."""
        from peertool.people.scope import resolve_participant

        person = resolve_participant(self.db, ref)
        blocked = self.db.execute(
            """SELECT 1 FROM program_enrollments WHERE participant_id = ? AND program = ?
               AND (ended_on IS NULL OR ended_on >= ?)""",
            [person["id"], self.program.name, self.on],
        ).fetchone()
        if person["status"] != "active" or self.on < person["enrolled_on"] or blocked:
            return None
        return f"Enroll them first: peertool participant edit {raw} --program {self.program.name} --date {self.on}"


def drop_in_program(group: dict[str, Any], settings: Settings) -> Program | None:
    """The group's program when it is a drop-in (`is_drop_in`), else None; a config that made its program the
    other kind since is a config error (`group_program`)."""
    from peertool.programs import group_program, is_drop_in

    program = group_program(settings, group)
    return program if is_drop_in(group) else None


def roster(db: Database, group_ref: object, held_on: str, settings: Settings) -> GroupScope | None:
    """Who may visit a drop-in group on a day (None for a group-year group: its members are its roster)."""
    group = resolve_group(db, group_ref)
    program = drop_in_program(group, settings)
    if program is None:
        return None
    if held_on < group["start_on"]:
        raise InvalidInput(f"date: {held_on} is before group {group['id']} opened on {group['start_on']}.")
    return VisitScope(db, group, program, held_on)


def day_month(group: dict[str, Any], held_on: str, settings: Settings) -> Month:
    """The month and theme a meeting of the group on `held_on` is stored under: for a drop-in, its calendar
    month (1-12) and the program's theme for it (`Open days` when it has none); else its program-year month."""
    from peertool.program.schedule import Month, drop_in_theme, program_month

    program = drop_in_program(group, settings)
    if program is None:
        return program_month(group, held_on, settings)
    number = int(held_on[5:7])
    return Month(number, drop_in_theme(program.themes, number))


def closed_day(group: dict[str, Any], held_on: str, settings: Settings) -> list[str]:
    """A warning when a drop-in group is closed on the day (not an open day, or a skip date). Recorded all the
    same, as a weekly group's meeting on another day is: the visit happened and the record says so."""
    if held_on in settings.skip_dates:
        return [f"{held_on} is a skip date in the config (the drop-in is closed). Recorded all the same."]
    day = validate.WEEKDAYS[dt.date.fromisoformat(held_on).weekday()]
    if day in group["days"].split(","):
        return []
    return [
        f"{held_on} is a {day}; group {shown(group['name'])} is open {group['days'].replace(',', ', ')}. "
        "Recorded all the same."
    ]


def service_code(db: Database, group_id: int, settings: Settings) -> str:
    """The code a group's meetings are billed under: its program's."""
    from peertool.programs import group_program

    return group_program(settings, resolve_group(db, group_id)).service_code


def enrolled_then(person: str, group: str, day: str) -> str:
    """SQL: the group is a drop-in (`programs.is_drop_in`, in SQL) and the person was enrolled in its program on the
    day (a visit is billed)."""
    return f"""EXISTS (SELECT 1 FROM peer_groups dg JOIN program_enrollments pe ON pe.program = dg.program
        WHERE dg.id = {group} AND dg.days IS NOT NULL AND pe.participant_id = {person}
          AND pe.enrolled_on <= {day} AND (pe.ended_on IS NULL OR pe.ended_on >= {day}))"""
