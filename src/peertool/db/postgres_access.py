"""Who may read and write what on a team database: row-level security, enforced by PostgreSQL (issue 29).

Each staff member connects as their own role; `staff.login` names it and `session_user` is who they are, so
nothing the client sends changes it. The policies here decide every row a role sees or writes:

- a coach reads and writes their caseload: the people assigned to them, the groups they coach, and those
  groups' members, with everything recorded about them;
- a supervisor reads the caseloads of everyone they supervise, down the line, and may co-sign there; they
  write their own caseload, and may hand their team's groups and people to another member of the team;
- a director reads everything and writes no record of care (only staff and supervision sessions);
- the tables' owner (who ran `peertool init`) is not bound by the policies: an administrator's role, which
  also creates the staff roles (the server administrator's job: peertool never creates a role).

The policies call a few SECURITY DEFINER functions (`peertool_me()` and those below): they read `staff` and the
caseload links as the owner, so a policy never recurses into another, and each runs once per query (the
`IN (SELECT ...)` form makes PostgreSQL hash its rows). Every statement is idempotent: `db grant --apply` runs
them again after staff are added or leave.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from peertool.db.connection import Database
    from peertool.db.shapes import Access, GrantedStaff

SECURE = "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public"
TODAY = "to_char(current_date, 'YYYY-MM-DD')"  # dates are ISO text, as everywhere in peertool
ACTIVE = f"(s.ended_on IS NULL OR s.ended_on > {TODAY})"

# The functions the policies call. `writing`: the rows one may change, else the rows one may read.
FUNCTIONS = {
    "peertool_me()": f"""RETURNS bigint {SECURE} AS $$
        SELECT s.id FROM staff s WHERE s.login = session_user AND {ACTIVE} $$""",
    "peertool_my_role()": f"""RETURNS text {SECURE} AS $$
        SELECT role FROM staff WHERE id = peertool_me() $$""",
    "peertool_team()": f"""RETURNS SETOF bigint {SECURE} AS $$
        WITH RECURSIVE team(id) AS (
            SELECT peertool_me() UNION SELECT s.id FROM staff s JOIN team t ON s.supervisor_id = t.id WHERE {ACTIVE}
        ) SELECT id FROM team WHERE id IS NOT NULL $$""",
    "peertool_scope(writing boolean)": f"""RETURNS SETOF bigint {SECURE} AS $$
        SELECT peertool_me() WHERE writing AND peertool_my_role() <> 'director'
        UNION ALL SELECT peertool_team() WHERE NOT writing $$""",
    "peertool_groups(writing boolean)": f"""RETURNS SETOF bigint {SECURE} AS $$
        SELECT id FROM peer_groups WHERE NOT writing AND peertool_my_role() = 'director'
        UNION SELECT id FROM peer_groups WHERE coach_id IN (SELECT peertool_scope(writing)) $$""",
    "peertool_people(writing boolean)": f"""RETURNS SETOF bigint {SECURE} AS $$
        SELECT id FROM participants WHERE NOT writing AND peertool_my_role() = 'director'
        UNION SELECT id FROM participants WHERE staff_id IN (SELECT peertool_scope(writing))
        UNION SELECT participant_id FROM memberships WHERE group_id IN (SELECT peertool_groups(writing)) $$""",
    "peertool_records(writing boolean)": f"""RETURNS TABLE (record text, record_id bigint) {SECURE} AS $$
        SELECT 'note', id FROM contact_notes WHERE participant_id IN (SELECT peertool_people(writing))
        UNION ALL SELECT 'review', id FROM reviews WHERE participant_id IN (SELECT peertool_people(writing))
        UNION ALL SELECT 'discharge', id FROM discharges WHERE participant_id IN (SELECT peertool_people(writing))
        UNION ALL SELECT 'meeting', id FROM meetings WHERE group_id IN (SELECT peertool_groups(writing)) $$""",
}


def _people(column: str) -> str:
    return f"{column} IN (SELECT peertool_people({{w}}))"


def _groups(column: str) -> str:
    return f"{column} IN (SELECT peertool_groups({{w}}))"


def _through(column: str, parent: str, condition: str) -> str:
    return f"{column} IN (SELECT id FROM {parent} WHERE {condition})"


_RECORD = "(record, record_id) IN (SELECT * FROM peertool_records({w}))"

# Every table of records, and the condition on a row that puts it in a caseload; `{w}` is `true` for the rows
# one may write, `false` for those one may read.
_SCOPE = "IN (SELECT peertool_scope({w}))"
_MEMBER = f"id IN (SELECT participant_id FROM memberships WHERE {_groups('group_id')})"
# A new or changed person or group is checked by its own links alone: the functions read the table as it was
# before the statement, so they see no row being inserted, and a group as it was before it was handed on.
NEW_ROW = {"participants": f"(staff_id {_SCOPE} OR {_MEMBER})", "peer_groups": f"coach_id {_SCOPE}"}
CASELOAD = {
    "participants": f"({NEW_ROW['participants']} OR {_people('id')})",
    "peer_groups": f"({NEW_ROW['peer_groups']} OR {_groups('id')})",
    **{
        table: _people("participant_id")
        for table in (
            "activity_people",
            "attendance",
            "attendee_notes",
            "connections",
            "contact_notes",
            "discharges",
            "events",
            "goals",
            "measures",
            "outing_people",
            "program_enrollments",
            "reviews",
            "screenings",
            "support",
            "wellness_plans",
        )  # fmt: skip
    },
    **{
        table: _groups("group_id")
        for table in ("activities", "community_contacts", "meetings", "outings", "pairings", "team_breaks")
    },
    "memberships": f"({_groups('group_id')} OR {_people('participant_id')})",
    "goal_updates": _through("goal_id", "goals", _people("participant_id")),
    "screening_answers": _through("screening_id", "screenings", _people("participant_id")),
    "contact_interventions": _through("note_id", "contact_notes", _people("participant_id")),
    "meeting_threads": _through("meeting_id", "meetings", _groups("group_id")),
    "pairing_pairs": _through("pairing_id", "pairings", _groups("group_id")),
    "addenda": _RECORD,
    "signatures": _RECORD,
    "cosign_draws": _RECORD,
}
DIRECTOR = "peertool_my_role() = 'director'"
SUPERVISOR = "peertool_my_role() = 'supervisor'"

# The tables that are not anyone's caseload: (privileges granted, read condition, write condition). None: the
# privilege is granted but no policy needed (read by every staff member, or written by no one but the owner).
SHARED: dict[str, tuple[str, str | None, str | None]] = {
    "staff": ("SELECT, INSERT, UPDATE", "true", DIRECTOR),
    "supervision_sessions": (
        "SELECT, INSERT, UPDATE, DELETE",
        f"{DIRECTOR} OR supervisor_id IN (SELECT peertool_team()) OR supervisee_id IN (SELECT peertool_team())",
        f"{DIRECTOR} OR supervisor_id = peertool_me()",
    ),
    "definitions": ("SELECT, INSERT, UPDATE", "true", "peertool_me() IS NOT NULL"),
    "settings": ("SELECT", None, None),
    "imports": ("SELECT, INSERT", "true", "peertool_me() IS NOT NULL"),  # ids and counts only: `db import`
    "imported_ids": ("SELECT, INSERT", "true", "peertool_me() IS NOT NULL"),
    "peertool_migrations": ("SELECT", None, None),
    # Until the seal moves into the server, peertool seals its rows from the client, and `db import` appends a
    # file's log (never sealed as it is written): the guards keep a sealed row as it is, and refuse every delete.
    "audit": (
        "SELECT, INSERT (at, os_user, command, table_name, record_id, action), UPDATE (os_user, command, digest, hash)",
        None,
        None,
    ),
}
RECORDS = "SELECT, INSERT, UPDATE, DELETE"
# Whose caseload a new group or person is on when the command names no one: the staff member who made it.
DEFAULTS = {"participants": "staff_id", "peer_groups": "coach_id"}


def ident(name: str) -> str:
    """`name` as a quoted SQL identifier (a role, as staff.login spells it)."""
    return '"' + name.replace('"', '""') + '"'


def _policy(table: str, name: str, command: str, using: str | None, check: str | None) -> list[str]:
    clauses = (f" USING ({using})" if using else "") + (f" WITH CHECK ({check})" if check else "")
    return [
        f"DROP POLICY IF EXISTS {name} ON {table}",
        f"CREATE POLICY {name} ON {table} FOR {command}{clauses}",
    ]


def _caseload_policies(table: str, condition: str) -> list[str]:
    """Read the caseload one sees, write the one one keeps; a supervisor co-signs and reassigns in their team."""
    read, write = condition.format(w="false"), condition.format(w="true")
    check = NEW_ROW.get(table, condition)
    update = (write, check.format(w="true"))
    if table in NEW_ROW:  # a supervisor hands their team's groups and people on, within the team they read
        update = (
            f"{write} OR ({SUPERVISOR} AND {read})",
            f"{update[1]} OR ({SUPERVISOR} AND {check.format(w='false')})",
        )
    statements = [
        *_policy(table, "peertool_read", "SELECT", read, None),
        *_policy(table, "peertool_insert", "INSERT", None, check.format(w="true")),
        *_policy(table, "peertool_update", "UPDATE", *update),
        *_policy(table, "peertool_delete", "DELETE", write, None),
    ]
    if table == "signatures":  # a co-signature goes on a record one reads; an author's, on one's own
        statements += _policy(table, "peertool_cosign", "INSERT", None, f"role = 'cosigner' AND {read}")
    if table == "cosign_draws":  # which records need a co-signature: drawn as they are signed, for the supervisor
        statements += _policy(table, "peertool_draw", "INSERT", None, read)
    if table in DEFAULTS:  # a new group or person is on the caseload of whoever makes it
        statements.insert(0, f"ALTER TABLE {table} ALTER COLUMN {DEFAULTS[table]} SET DEFAULT peertool_me()")
    return statements


def _shared_policies(table: str, read: str | None, write: str | None) -> list[str]:
    if read is None:
        return []
    statements = _policy(table, "peertool_read", "SELECT", read, None)
    if write is not None:
        statements += _policy(table, "peertool_insert", "INSERT", None, write)
        statements += _policy(table, "peertool_update", "UPDATE", write, write)
        statements += _policy(table, "peertool_delete", "DELETE", write, None)
    return statements


# The team's audit key, for a database made before the schema made one; drawn by the server, never printed.
AUDIT_KEY = """INSERT INTO settings (key, value)
    SELECT 'audit_key', encode(sha256((gen_random_uuid()::text || gen_random_uuid()::text)::bytea), 'hex')
    WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'audit_key')"""


def policies() -> list[str]:
    """The functions, then row-level security and its policies on every table, in the order to run them."""
    statements = [AUDIT_KEY, *(f"CREATE OR REPLACE FUNCTION {name} {body}" for name, body in FUNCTIONS.items())]
    for table, condition in CASELOAD.items():
        statements += [f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY", *_caseload_policies(table, condition)]
    for table, (_, read, write) in SHARED.items():
        if read is not None:
            statements += [f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY", *_shared_policies(table, read, write)]
    return statements


def grants(roles: Iterable[str]) -> list[str]:
    """What each role (an active staff member's login) is granted; the policies narrow it to their rows."""
    statements = []
    for role in roles:
        who = ident(role)
        statements += [f"GRANT {RECORDS} ON {', '.join(CASELOAD)} TO {who}"]
        statements += [f"GRANT {privileges} ON {table} TO {who}" for table, (privileges, _, _) in SHARED.items()]
        statements += [f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {who}"]
    return statements


def revokes(roles: Iterable[str]) -> list[str]:
    """Take everything back from the roles of staff who left (their rows stay; they read none of them)."""
    return [f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {ident(role)}" for role in roles]


def plan(db: Database, *, apply: bool, owner: bool) -> Access:
    """The policies, and grants for each active staff member whose login is a role (revokes for those who left);
    run as one write when `apply`, which only the `owner` of the tables may do (NotPermitted, 77)."""
    from peertool.clock import today_iso

    today = today_iso()
    rows = db.execute("SELECT name, role, login, ended_on FROM staff ORDER BY id").fetchall()
    logins = [login for _, _, login, _ in rows if login]
    found = {name for (name,) in db.execute("SELECT rolname FROM pg_roles WHERE rolname = ANY(?)", [logins])}
    staff: list[GrantedStaff] = []
    for name, role, login, ended in rows:
        exists = login in found
        staff.append({"name": name, "role": role, "login": login, "exists": exists,
                      "granted": exists and (ended is None or ended > today)})  # fmt: skip
    granted = [str(member["login"]) for member in staff if member["granted"]]
    left = sorted(str(member["login"]) for member in staff if member["exists"] and not member["granted"])
    statements = [*policies(), *revokes(left), *grants(granted)]
    if apply:
        _run(db, statements, owner=owner)
    return {"statements": statements, "staff": staff, "applied": apply}


def _run(db: Database, statements: list[str], *, owner: bool) -> None:
    from peertool.db.store import write
    from peertool.errors import NotPermitted

    if not owner:
        raise NotPermitted(
            f"db grant --apply changes the tables' access rules, which only their owner may do; you are "
            f"connected as {db.audit_user()}.",
            hint="Connect as the role that ran `peertool init`, or run `peertool db grant` and give its output to "
            "the database's administrator.",
        )
    with write(db):
        for statement in statements:
            db.execute(statement)
