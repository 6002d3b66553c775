"""The staff who run the program, and who is running peertool now.

The shared contract of issue 28: `Staff`, `staff_defined`,
`current_staff`, `get_staff`, `attributed_staff` and `caseload`. Adding,
editing and ending staff are in `people/staff_records.py`; a group's coach,
in `people/coaches.py`.

With no staff defined peertool behaves as it always has: nothing here is
asked of a database whose `staff` table is empty. The current staff member
is the active one whose `login` is `Database.login()`. On a file that is
`db.users.login_name()`: `PEERTOOL_LOGIN` when set, else the operating-system user,
a convenience, not a security boundary (anyone who can run peertool as the
user can set the variable). On a team database it is the role the server
authenticated (`session_user`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from peertool.errors import InvalidInput, shown

if TYPE_CHECKING:
    from peertool.db.connection import Database
    from peertool.people.shapes import StaffBrief

SUPERVISING = ("supervisor", "director")  # the roles that may supervise a staff member
# The supervisor in charge of the records of staff member `a` (their supervisor joined as `b`), with `:today`:
# their assigned one, unless that one has left (ended on or before today); then none, and any supervisor or
# director who is not the author co-signs, as for an author with no supervisor.
IN_CHARGE = "CASE WHEN b.ended_on IS NULL OR b.ended_on > :today THEN a.supervisor_id END"


class Staff(TypedDict):
    """A staff member: `staff show` (also `staff add`, `edit`, `end`), and an item of `staff list`."""

    id: int
    name: str
    role: str  # coach, supervisor or director
    credential: str
    login: str | None
    supervisor: str | None  # the supervisor's name
    supervisor_id: int | None
    started_on: str
    ended_on: str | None
    active: bool  # not ended, or ended after today


class Caseload(TypedDict):
    """Whose records a staff member answers for: the groups they coach and the people assigned to them; a
    supervisor's adds their supervisees' (and theirs, down the line); a director's is everything."""

    groups: list[int]
    people: list[int]
    team: list[int]  # the staff member and everyone they supervise, down the line (a director: all staff)


class WhoAmI(TypedDict):
    """`staff whoami`: the login peertool goes by, and the active staff member it names (None: nobody)."""

    login: str
    staff: Staff | None


_SELECT = """
    SELECT s.id, s.name, s.role, s.credential, s.login, b.name, s.supervisor_id, s.started_on, s.ended_on
    FROM staff s LEFT JOIN staff b ON b.id = s.supervisor_id
"""
ACTIVE = "(s.ended_on IS NULL OR s.ended_on > :today)"  # ended on a day: gone from that day on


def staff_defined(db: Database) -> bool:
    """Whether any staff member has ever been added: without one, peertool behaves as it did before staff."""
    return db.execute("SELECT 1 FROM staff LIMIT 1").fetchone() is not None


def records(db: Database, where: str = "", params: dict[str, Any] | None = None) -> list[Staff]:
    """Staff as `--json` prints them, in order of id, with `where` (a condition on `s`) applied."""
    from peertool.clock import today_iso

    today = today_iso()
    sql = _SELECT + (f" WHERE {where}" if where else "") + " ORDER BY s.id"
    return [
        {"id": sid, "name": name, "role": role, "credential": credential, "login": login, "supervisor": boss,
         "supervisor_id": boss_id, "started_on": started, "ended_on": ended, "active": ended is None or ended > today}
        for sid, name, role, credential, login, boss, boss_id, started, ended
        in db.execute(sql, {"today": today, **(params or {})})
    ]  # fmt: skip


def get_staff(db: Database, ref: object) -> Staff:
    """The staff member REF names (an id or a name): NotFound (exit 3) for none, Conflict (exit 4) for several."""
    from peertool.db.refs import resolve

    return records(db, "s.id = :id", {"id": resolve(db, "staff", "staff", ref)["id"]})[0]


def active_staff(db: Database, ref: object, field: str) -> Staff:
    """The staff member REF names, who must not have ended (exit 1): only they make or coach records."""
    member = get_staff(db, ref)
    if not member["active"]:
        raise InvalidInput(f"{field}: {member['name']} left the staff on {member['ended_on']}.",
                           hint="Name an active staff member (`peertool staff list`).")  # fmt: skip
    return member


def current_staff(db: Database) -> Staff | None:
    """The active staff member whose login is `db.login()`, or None."""
    from peertool.clock import today_iso

    found = records(db, f"s.login = :login AND {ACTIVE}", {"login": db.login(), "today": today_iso()})
    return found[0] if found else None


def whoami(db: Database) -> WhoAmI:
    """`staff whoami`: the login peertool goes by and the staff member it names."""
    return {"login": db.login(), "staff": current_staff(db)}


def attributed_staff(db: Database, name: str | None) -> int | None:
    """The id of the staff member a record is made by: `--staff NAME` when given, else the current member.

    None when no staff is defined (peertool as before). With staff defined
    and neither, InvalidInput (exit 1) says how to name one.
    """
    if not staff_defined(db):
        return None
    if name is not None:
        return active_staff(db, name, "staff")["id"]
    member = current_staff(db)
    if member is None:
        raise unknown_login(db, "this record names no one", "Name who made it with --staff NAME, or give")
    return member["id"]


def unknown_login(db: Database, so: str, hint: str = "Give") -> InvalidInput:
    """The error for a login no active staff member has, saying what that leaves undone (`so`); `hint` starts
    the advice, which ends by saying how to give the login."""
    return InvalidInput(
        f"no active staff member has the login {shown(db.login())}, so {so}.",
        hint=f"{hint} yours with `peertool staff edit NAME --login LOGIN` (on a team database LOGIN is your "
        "database role; on a file, your user name or PEERTOOL_LOGIN).",
    )


def assigned_to(db: Database, staff_id: int | None) -> StaffBrief | None:
    """The staff member a participant is assigned to (`participants.staff_id`), as `participant show` has it;
    None: on no one's caseload."""
    return None if staff_id is None else briefs(db, {staff_id})[staff_id]


def briefs(db: Database, ids: set[int]) -> dict[int, StaffBrief]:
    """The staff members with these ids, as records name them."""
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    rows = db.execute(f"SELECT id, name, credential FROM staff WHERE id IN ({marks})", sorted(ids))
    return {sid: {"id": sid, "name": name, "credential": credential} for sid, name, credential in rows}


_TEAM = f"""
    WITH RECURSIVE team(id) AS (
        SELECT CAST(:id AS BIGINT) UNION SELECT s.id FROM staff s JOIN team t ON s.supervisor_id = t.id WHERE {ACTIVE}
    )
"""


def caseload(db: Database, staff_id: int) -> Caseload:
    """The groups and people staff member `staff_id` answers for (see `Caseload`), ids in order.

    A supervisor's team is followed down the line (a supervisor of
    supervisors answers for theirs too); ended staff are not followed.
    """
    from peertool.clock import today_iso

    row = db.execute("SELECT role FROM staff WHERE id = ?", [staff_id]).fetchone()
    if row is None:
        from peertool.db.refs import not_found

        raise not_found(str(staff_id), "staff")
    if row[0] == "director":
        groups = db.execute("SELECT id FROM peer_groups ORDER BY id")
        people = db.execute("SELECT id FROM participants ORDER BY id")
        team = db.execute("SELECT id FROM staff ORDER BY id")
    else:
        params = {"id": staff_id, "today": today_iso()}
        groups = db.execute(
            _TEAM + "SELECT id FROM peer_groups WHERE coach_id IN (SELECT id FROM team) ORDER BY id", params
        )
        people = db.execute(
            _TEAM + "SELECT id FROM participants WHERE staff_id IN (SELECT id FROM team) ORDER BY id", params
        )
        team = db.execute(_TEAM + "SELECT id FROM team ORDER BY id", params)
    return {"groups": [gid for (gid,) in groups], "people": [pid for (pid,) in people],
            "team": [sid for (sid,) in team]}  # fmt: skip
