"""Who made a record: the staff member each contact, meeting, activity, outing, review, discharge and measure
names (`staff_id`, migration 0027).

A record is attributed when it is made, inside the writer's transaction:
to `--staff NAME` where a coach records for a colleague, else to the
current staff member (`people.staff.attributed_staff`). A colleague is
named for a day they were on staff (started on or before it, not left by
it), so the paper notes of someone who has since left can still be
entered, and nobody is named for a day before they started. The current
member is taken as they are: they are the one at the keyboard, and a start
date is often just the day the team was entered in peertool. With no staff
defined nothing is attributed and the row is written as it always was,
and `--staff NAME` is refused (exit 1) but where it was free text before
staff (an activity's). An edit keeps the record's attribution: who
documented care is evidence, so no edit rewrites it; a record attributed
in error is deleted and made again with `--staff NAME` (both audited).
Readers join the staff table once (`JOIN_STAFF`, `STAFF_COLUMNS`) and name
the member with `made_by`, so a list never asks for its staff row by row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peertool.errors import InvalidInput

if TYPE_CHECKING:
    from collections.abc import Sequence

    from peertool.db.connection import Database
    from peertool.people.shapes import StaffBrief
    from peertool.people.staff import Staff

# Each kind's own date, as its row is written: the day a colleague named with `--staff` must have been on staff.
_DATES = ("noted_on", "held_on", "taken_on", "reviewed_on", "discharged_on")

# The staff member a record's row names, for a SELECT that has the record as `alias`: JOIN_STAFF.format(alias=...)
JOIN_STAFF = "LEFT JOIN staff st ON st.id = {alias}.staff_id"
STAFF_COLUMNS = "st.name AS staff_name, st.credential AS staff_credential"


def attribute(db: Database, row: dict[str, Any], staff: str | None, *, text: bool = False) -> dict[str, Any]:
    """`row` with the `staff_id` of who makes it (`--staff NAME`, else the current member); unchanged when no
    staff is defined, where a name is refused unless `text` (it was free text before staff). Refuses (exit 1) a
    colleague not on staff on the row's date (an active one when it has none), or nobody to attribute."""
    from peertool.people.staff import attributed_staff, staff_defined

    if staff is not None and not text and not staff_defined(db):
        raise InvalidInput(
            "staff: no staff are defined, so a record names no one.",
            hint="Add the team with `peertool staff add NAME --role coach --credential TEXT`.",
        )
    day = next((row[key] for key in _DATES if row.get(key)), None)
    if staff is not None and day is not None and staff_defined(db):
        return {**row, "staff_id": on_staff(db, staff, day)["id"]}
    staff_id = attributed_staff(db, staff)
    return row if staff_id is None else {**row, "staff_id": staff_id}


def on_staff(db: Database, ref: object, day: str) -> Staff:
    """The staff member REF names, who was on staff on `day` (exit 1 otherwise, with their dates)."""
    from peertool.people.staff import get_staff

    member = get_staff(db, ref)
    ended = member["ended_on"]
    if member["started_on"] <= day and (ended is None or day < ended):
        return member
    left = f", left {ended}" if ended else ""
    raise InvalidInput(f"staff: {member['name']} was not on staff on {day} (started {member['started_on']}{left}).",
                       hint="Name who made it that day (`peertool staff list --all`).")  # fmt: skip


def made_by(row: dict[str, Any]) -> StaffBrief | None:
    """The staff member a row read with STAFF_COLUMNS names (`{id, name, credential}`); None: no one."""
    return made_by_values([row.get("staff_id"), row.get("staff_name"), row.get("staff_credential")])


def made_by_values(values: Sequence[Any]) -> StaffBrief | None:
    """The staff member named by a row's `staff_id` and STAFF_COLUMNS, read in that order; None: no one."""
    staff_id, name, credential = values
    return None if staff_id is None else {"id": staff_id, "name": name, "credential": credential}


def made_by_id(db: Database, staff_id: int | None) -> StaffBrief | None:
    """The staff member with this id, as a record names them; None for None."""
    from peertool.people.staff import briefs

    return None if staff_id is None else briefs(db, {staff_id})[staff_id]
