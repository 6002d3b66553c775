"""Who made a record: the staff member each contact, meeting, activity, outing, review, discharge and measure
names (`staff_id`, migration 0027).

A record is attributed when it is made, inside the writer's transaction:
to `--staff NAME` where a coach records for a colleague, else to the
current staff member (`people.staff.attributed_staff`). With no staff
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

# The staff member a record's row names, for a SELECT that has the record as `alias`: JOIN_STAFF.format(alias=...)
JOIN_STAFF = "LEFT JOIN staff st ON st.id = {alias}.staff_id"
STAFF_COLUMNS = "st.name AS staff_name, st.credential AS staff_credential"


def attribute(db: Database, row: dict[str, Any], staff: str | None, *, text: bool = False) -> dict[str, Any]:
    """`row` with the `staff_id` of who makes it (`--staff NAME`, else the current member); unchanged when no
    staff is defined, where a name is refused unless `text` (it was free text before staff). Refuses (exit 1) a
    name that is not an active staff member, or nobody to attribute."""
    from peertool.people.staff import attributed_staff, staff_defined

    if staff is not None and not text and not staff_defined(db):
        raise InvalidInput(
            "staff: no staff are defined, so a record names no one.",
            hint="Add the team with `peertool staff add NAME --role coach --credential TEXT`.",
        )
    staff_id = attributed_staff(db, staff)
    return row if staff_id is None else {**row, "staff_id": staff_id}


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
