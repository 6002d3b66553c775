"""A group's coach: free text in a database with no staff (as before), a staff member once there are staff.

`peer_groups.coach_id` links a group to the staff member who coaches it;
`peer_groups.coach` keeps their name as text, so a group reads the same
to anything that knows no staff. A group made before staff, whose text
names a staff member added later, is linked when they are added
(`link_groups`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peertool.db.refs import name_key

if TYPE_CHECKING:
    from peertool.db.connection import Database
    from peertool.people.shapes import Named, StaffBrief

# The columns a group's row carries for its linked coach (`group show`, `group list`): LEFT JOIN staff c.
COACH_COLUMNS = "c.name AS coach_name, c.credential AS coach_credential"


def coach_fields(db: Database, coach: object) -> dict[str, Any]:
    """The group columns `--coach` sets: the text alone without staff; with staff, an active staff member (any
    role) by id or name, whose id is linked and whose name becomes the text ('' unlinks)."""
    from peertool.people.staff import active_staff, staff_defined

    if not staff_defined(db):
        return {"coach": coach}
    if coach is None:
        return {"coach": None, "coach_id": None}
    member = active_staff(db, coach, "coach")
    return {"coach": member["name"], "coach_id": member["id"]}


def coach_columns(db: Database, coach_id: int | None) -> dict[str, Any]:
    """COACH_COLUMNS for one group (`group show`), or nothing when it has no linked coach."""
    if coach_id is None:
        return {}
    name, credential = db.execute("SELECT name, credential FROM staff WHERE id = ?", [coach_id]).fetchone()
    return {"coach_name": name, "coach_credential": credential}


def coach_of(row: dict[str, Any]) -> StaffBrief | None:
    """A group row's linked coach, read from COACH_COLUMNS; None when it has none."""
    if not row.get("coach_name"):
        return None
    return {"id": row["coach_id"], "name": row["coach_name"], "credential": row["coach_credential"]}


def link_groups(db: Database, member_id: int, key: str) -> list[Named]:
    """Link each group with no linked coach whose free-text coach is the name `key` (name_key) to staff member
    `member_id`, inside the caller's transaction; return the groups linked."""
    rows = db.execute("SELECT id, name, coach FROM peer_groups WHERE coach IS NOT NULL AND coach_id IS NULL "
                      "ORDER BY id").fetchall()  # fmt: skip
    linked: list[Named] = [{"id": gid, "name": name} for gid, name, coach in rows if name_key(coach) == key]
    db.executemany("UPDATE peer_groups SET coach_id = ? WHERE id = ?", [(member_id, g["id"]) for g in linked])
    return linked
