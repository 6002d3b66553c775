"""Adding, editing and ending staff members; each change is audited like every other record.

A supervisor is an active staff member whose role is supervisor or
director, never the person themselves, and never someone they supervise
down the line (no cycles). A member who leaves is ended, never deleted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peertool import validate
from peertool.db.refs import name_key, twin_key
from peertool.db.store import insert, update, write
from peertool.errors import Conflict, InvalidInput, shown
from peertool.people.staff import SUPERVISING, Staff, active_staff, get_staff
from peertool.vocab import STAFF_ROLES

if TYPE_CHECKING:
    from peertool.db.connection import Database
    from peertool.people.shapes import Named


class StaffAdded(Staff):
    """`staff add`: the member, and the groups whose free-text coach named them, now linked to them."""

    linked: list[Named]


class StaffChanged(Staff):
    """`staff edit` and `staff end`: the member, and what to look at (supervisees or groups left without one)."""

    warnings: list[str]


def _clean(raw: dict[str, Any]) -> dict[str, Any]:
    """Check the fields given (a key present is given; a login of '' clears it); return them as stored."""
    out: dict[str, Any] = {}
    if "name" in raw:
        name = validate.name("name", raw["name"])
        if name.isdigit():
            raise InvalidInput(f"name: {shown(name)} is all digits, which reads as an id; give a name.")
        out["name"], out["name_key"] = name, name_key(name)
    if "role" in raw:
        out["role"] = validate.choice("role", raw["role"], STAFF_ROLES)
    if "credential" in raw:  # e.g. CPS, CPRS, LCSW: printed after the name
        out["credential"] = validate.no_controls(
            "credential", validate.required_text("credential", raw["credential"], max_len=100)
        )
    if "login" in raw:
        login = validate.no_controls("login", validate.text("login", raw["login"], max_len=100))
        if login is not None and any(ch.isspace() for ch in login):
            raise InvalidInput(f"login: {shown(login)} has a space; give the user name they log in with.")
        out["login"] = login
    return out


def _refuse_taken(db: Database, fields: dict[str, Any], member_id: int | None = None) -> None:
    """A name (one that reads the same: `twin_key`) or a login another staff member already has is a conflict
    (exit 4). Logins compare exactly, as the operating system compares them."""
    others = db.execute("SELECT name, login FROM staff WHERE id <> coalesce(?, 0)", [member_id]).fetchall()
    twin = twin_key(fields["name"]) if "name" in fields else None
    for name, login in others:
        if twin is not None and twin_key(name) == twin:
            raise Conflict(f"staff member {name} already has that name.", hint="Give another, or edit theirs.")
        if fields.get("login") is not None and login == fields["login"]:
            raise Conflict(f"staff member {name} already has the login {shown(login)}.",
                           hint="Give another, or edit theirs.")  # fmt: skip


def _supervisor(db: Database, ref: str, member_id: int | None) -> int:
    """The id of the supervisor REF names: an active supervisor or director, not the member, not below them."""
    boss = active_staff(db, ref, "supervisor")
    if member_id is not None:  # the circle first: making the supervisor one (the role hint) would not help
        above = boss["id"]
        while above is not None:  # up the line from the new supervisor: the member must not be there
            if above == member_id:
                raise InvalidInput(f"supervisor: {boss['name']} is supervised by them (directly or down the line), "
                                   "or is them; supervision cannot go round in a circle.")  # fmt: skip
            above = db.execute("SELECT supervisor_id FROM staff WHERE id = ?", [above]).fetchone()[0]
    if boss["role"] not in SUPERVISING:
        raise InvalidInput(f"supervisor: {boss['name']} is a {boss['role']}; a supervisor or director supervises.",
                           hint=f"Make them one first: peertool staff edit {boss['id']} --role supervisor")  # fmt: skip
    return boss["id"]


def add_staff(db: Database, name: str, *, role: str, credential: str, login: str | None = None,
              supervisor: str | None = None, on: str | None = None) -> StaffAdded:  # fmt: skip
    """Add a staff member from date `on` (default today); groups whose free-text coach is their name are linked."""
    from peertool.people.coaches import link_groups
    from peertool.people.staff import records

    row = _clean({"name": name, "role": role, "credential": credential, "login": login})
    row["started_on"] = validate.date_or_today("date", on)
    with write(db):
        _refuse_taken(db, row)
        row["supervisor_id"] = _supervisor(db, supervisor, None) if supervisor is not None else None
        member_id = insert(db, "staff", row)
        linked = link_groups(db, member_id, row["name_key"])
    return {**records(db, "s.id = :id", {"id": member_id})[0], "linked": linked}


def edit_staff(db: Database, ref: object, changes: dict[str, Any]) -> StaffChanged:
    """Change the fields given (`supervisor`: a REF, or '' for none); the audit log keeps every change."""
    fields = _clean({key: changes[key] for key in ("name", "role", "credential", "login") if key in changes})
    if not fields and "supervisor" not in changes:
        raise InvalidInput("nothing to change; give --name, --role, --credential, --login or --supervisor.")
    with write(db):
        member = get_staff(db, ref)
        _refuse_taken(db, fields, member["id"])
        if "supervisor" in changes:
            wanted = changes["supervisor"]
            fields["supervisor_id"] = _supervisor(db, wanted, member["id"]) if wanted else None
        team = _supervisees(db, member["id"])
        if fields.get("role", member["role"]) not in SUPERVISING and team:
            raise InvalidInput(f"role: {member['name']} supervises {', '.join(team)}; only a supervisor or director "
                               "does.", hint="Give them another supervisor first: peertool staff edit NAME "
                               "--supervisor OTHER")  # fmt: skip
        update(db, "staff", member["id"], fields)
        if "name" in fields:  # a linked group's coach text follows the name, for a database read without staff
            db.execute("UPDATE peer_groups SET coach = ? WHERE coach_id = ?", [fields["name"], member["id"]])
    return {**get_staff(db, member["id"]), "warnings": []}


def end_staff(db: Database, ref: object, *, on: str) -> StaffChanged:
    """End a staff member's service on date `on`; their row and every record naming them stay.

    `warnings` names whom they still supervise and the groups they still
    coach, which need someone new.
    """
    day = validate.date("date", on)
    with write(db):
        member = get_staff(db, ref)
        if member["ended_on"] is not None:
            raise Conflict(f"{member['name']} already left the staff on {member['ended_on']}.")
        if day < member["started_on"]:
            raise InvalidInput(f"date: {day} is before they started on {member['started_on']}.")
        update(db, "staff", member["id"], {"ended_on": day})
        warnings = [
            f"{member['name']} supervised {name}: give them a new supervisor with "
            f"`peertool staff edit {shown(name)} --supervisor NAME`."
            for name in _supervisees(db, member["id"])
        ]
        warnings += [f"{member['name']} coached group {name} (id {gid}): give it a new coach with "
                     f"`peertool group edit {gid} --coach NAME`."
                     for gid, name in db.execute("SELECT id, name FROM peer_groups WHERE coach_id = ? ORDER BY id",
                                                 [member["id"]])]  # fmt: skip
    return {**get_staff(db, member["id"]), "warnings": warnings}


def _supervisees(db: Database, member_id: int) -> list[str]:
    """The names of the active staff member_id supervises."""
    from peertool.clock import today_iso
    from peertool.people.staff import ACTIVE

    sql = f"SELECT s.name FROM staff s WHERE s.supervisor_id = :id AND {ACTIVE} ORDER BY s.id"
    return [name for (name,) in db.execute(sql, {"id": member_id, "today": today_iso()})]


def list_staff(db: Database, *, every: bool = False) -> list[Staff]:
    """The active staff (`every`: those who left too), in order of id."""
    from peertool.clock import today_iso
    from peertool.people.staff import ACTIVE, records

    return records(db) if every else records(db, ACTIVE, {"today": today_iso()})
