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

from typing import TYPE_CHECKING, NamedTuple

from peertool.db.postgres_draw import DRAW_KEY

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from peertool.db.connection import Database
    from peertool.db.shapes import Access, GrantedStaff

# pg_temp last: a role's own temporary table named like one of these must never stand in for it.
SEARCH_PATH = "SET search_path = pg_catalog, public, pg_temp"
SECURE = f"LANGUAGE sql STABLE SECURITY DEFINER {SEARCH_PATH}"
TODAY = "to_char(current_date, 'YYYY-MM-DD')"  # dates are ISO text, as everywhere in peertool
ACTIVE = f"(s.ended_on IS NULL OR s.ended_on > {TODAY})"

# The functions the policies call. `writing`: the rows one may change, else the rows one may read. A person
# stays readable by the coach of every group they were ever in (a signed meeting keeps its whole roster), and
# writable only while they are in it.
FUNCTIONS = {
    "peertool_me()": f"""RETURNS bigint {SECURE} AS $$
        SELECT s.id FROM public.staff s WHERE s.login = session_user AND {ACTIVE} $$""",
    "peertool_my_role()": f"""RETURNS text {SECURE} AS $$
        SELECT role FROM public.staff WHERE id = peertool_me() $$""",
    "peertool_signer()": f"""RETURNS text {SECURE} AS $$
        SELECT name || ', ' || credential FROM public.staff WHERE id = peertool_me() $$""",
    "peertool_team()": f"""RETURNS SETOF bigint {SECURE} AS $$
        WITH RECURSIVE team(id) AS (
            SELECT peertool_me()
            UNION SELECT s.id FROM public.staff s JOIN team t ON s.supervisor_id = t.id WHERE {ACTIVE}
        ) SELECT id FROM team WHERE id IS NOT NULL $$""",
    "peertool_scope(writing boolean)": f"""RETURNS SETOF bigint {SECURE} AS $$
        SELECT peertool_me() WHERE writing AND peertool_my_role() <> 'director'
        UNION ALL SELECT peertool_team() WHERE NOT writing $$""",
    "peertool_groups(writing boolean)": f"""RETURNS SETOF bigint {SECURE} AS $$
        SELECT id FROM public.peer_groups WHERE NOT writing AND peertool_my_role() = 'director'
        UNION SELECT id FROM public.peer_groups WHERE coach_id IN (SELECT peertool_scope(writing)) $$""",
    "peertool_people(writing boolean)": f"""RETURNS SETOF bigint {SECURE} AS $$
        SELECT id FROM public.participants WHERE NOT writing AND peertool_my_role() = 'director'
        UNION SELECT id FROM public.participants WHERE staff_id IN (SELECT peertool_scope(writing))
        UNION SELECT participant_id FROM public.memberships
              WHERE group_id IN (SELECT peertool_groups(writing)) AND (NOT writing OR left_on IS NULL) $$""",
    "peertool_records(writing boolean)": f"""RETURNS TABLE (record text, record_id bigint) {SECURE} AS $$
        SELECT 'note', id FROM public.contact_notes WHERE participant_id IN (SELECT peertool_people(writing))
        UNION ALL SELECT 'review', id FROM public.reviews WHERE participant_id IN (SELECT peertool_people(writing))
        UNION ALL SELECT 'discharge', id FROM public.discharges
                  WHERE participant_id IN (SELECT peertool_people(writing))
        UNION ALL SELECT 'meeting', id FROM public.meetings WHERE group_id IN (SELECT peertool_groups(writing)) $$""",
}


class Rule(NamedTuple):
    """Who may do what to a table's rows: the privileges a staff role is granted, then the condition for each
    command (None: no policy, so no row, for a table under row-level security; `read` None: none at all)."""

    privileges: str
    read: str | None
    insert: str | None = None
    update: tuple[str, str] | None = None  # (the rows one may change, what they may become)
    delete: str | None = None


def _people(column: str, writing: bool) -> str:
    return f"{column} IN (SELECT peertool_people({str(writing).lower()}))"


def _groups(column: str, writing: bool) -> str:
    return f"{column} IN (SELECT peertool_groups({str(writing).lower()}))"


def _scope(column: str, writing: bool) -> str:
    return f"{column} IN (SELECT peertool_scope({str(writing).lower()}))"


def _records(writing: bool) -> str:
    return f"(record, record_id) IN (SELECT * FROM peertool_records({str(writing).lower()}))"


RECORDS = "SELECT, INSERT, UPDATE, DELETE"
APPEND = "SELECT, INSERT"


def _written(read: str, write: str) -> Rule:
    """Rows read where `read`, and inserted, changed (into such rows) and deleted where `write`."""
    return Rule(RECORDS, read, write, (write, write), write)


def _caseload(condition: Callable[[bool], str], written: Callable[[bool], str] | None = None) -> Rule:
    """A table of records: read where `condition(False)`, written where `condition(True)` (and `written(True)`,
    which ties a link row to the meeting, outing or group it is recorded in)."""
    return _written(condition(False), condition(True) + (f" AND {written(True)}" if written else ""))


def _parent(column: str, parent: str, by: Callable[[str, bool], str], key: str) -> Callable[[bool], str]:
    return lambda writing: f"{column} IN (SELECT id FROM {parent} WHERE {by(key, writing)})"


_BY_PERSON = (
    "connections", "contact_notes", "discharges", "events", "goals", "measures", "program_enrollments", "reviews",
    "screenings", "wellness_plans",
)  # fmt: skip
_BY_GROUP = ("activities", "community_contacts", "meetings", "outings", "pairings", "team_breaks")
_IN_MEETING = _parent("meeting_id", "meetings", _groups, "group_id")
SIGNER = "staff_id = peertool_me() AND left(signer, length(peertool_signer())) = peertool_signer()"
# A signature made in a coach's own file, brought in with the record it signs (`db import`): only on a record of
# one's own caseload that came from a file.
IMPORTED = """EXISTS (SELECT 1 FROM imported_ids i WHERE i.new_id = record_id AND i.table_name =
    CASE record WHEN 'note' THEN 'contact_notes' WHEN 'meeting' THEN 'meetings' WHEN 'review' THEN 'reviews'
    WHEN 'discharge' THEN 'discharges' END)"""
# A row is mapped to a file's only as it comes in: its insert not sealed yet, so in this very transaction. (A
# file's log and a definition the team has already are mapped, not inserted.) An older record cannot be passed off
# as imported to take a signature from another hand.
JUST_INSERTED = """(table_name IN ('audit', 'definitions') OR EXISTS (SELECT 1 FROM audit a WHERE a.hash IS NULL
    AND a.action = 'insert' AND a.table_name = imported_ids.table_name AND a.record_id = imported_ids.new_id
    AND right(a.command, 11) <> ' (imported)'))"""  # the log's trigger's row, which no staff role can write
# A co-sign draw is the server's to make; staff insert only one made in a coach's file, with its record, and only
# one that asks for a co-signature (`db import` lets the server draw for a record the file did not require one).
IMPORTED_DRAW = f"{_records(True)} AND {IMPORTED} AND required = 1"
# A draw is hidden from the transaction that made it: its author cannot sign, look and roll back.
DRAWN_BEFORE = "xmin <> pg_current_xact_id()::xid"
# The settings rows no staff role reads: the audit log's key (`postgres_seal`), and the co-sign draws' key, with
# which a coach would know in advance which of their records a sample draws (`postgres_draw`).
HIDDEN_KEYS = f"'audit_key', '{DRAW_KEY}'"
UNSIGNED = "NOT EXISTS (SELECT 1 FROM signatures s WHERE s.record = addenda.record AND s.record_id = addenda.record_id)"
DIRECTOR = "peertool_my_role() = 'director'"
STAFF_COLUMNS = "name, name_key, role, credential, supervisor_id, started_on, ended_on"  # never login: the owner's

# Every table, and its rule. People and groups: a new or changed one is checked by its own link alone (the
# functions read the table as it was before the statement), so a coach keeps them on their own caseload.
RULES: dict[str, Rule] = {
    "participants": Rule(
        RECORDS,
        f"{_scope('staff_id', False)} OR {_people('id', False)}",
        _scope("staff_id", True),
        (_people("id", True), f"staff_id IS NULL OR {_scope('staff_id', True)}"),
        f"{_scope('staff_id', True)} OR (staff_id IS NULL AND {_people('id', True)})",
    ),
    "peer_groups": Rule(
        RECORDS,
        f"{_scope('coach_id', False)} OR {_groups('id', False)}",
        _scope("coach_id", True),
        (_groups("id", True), _scope("coach_id", True)),
        _groups("id", True),
    ),
    **{table: _caseload(lambda w: _people("participant_id", w)) for table in _BY_PERSON},
    **{table: _caseload(lambda w: _groups("group_id", w)) for table in _BY_GROUP},
    "memberships": _written(  # both ends one's own: nobody is pulled into, or pushed out to, another caseload
        f"{_groups('group_id', False)} OR {_people('participant_id', False)}",
        f"{_groups('group_id', True)} AND {_people('participant_id', True)}",
    ),
    "attendance": _caseload(lambda w: _people("participant_id", w), _IN_MEETING),
    "attendee_notes": _caseload(lambda w: _people("participant_id", w), _IN_MEETING),
    "outing_people": _caseload(
        lambda w: _people("participant_id", w), _parent("outing_id", "outings", _groups, "group_id")
    ),
    "activity_people": _caseload(
        lambda w: _people("participant_id", w), _parent("activity_id", "activities", _groups, "group_id")
    ),
    "support": _caseload(
        lambda w: _people("participant_id", w), lambda w: f"(group_id IS NULL OR {_groups('group_id', w)})"
    ),
    "goal_updates": _caseload(_parent("goal_id", "goals", _people, "participant_id")),
    "screening_answers": _caseload(_parent("screening_id", "screenings", _people, "participant_id")),
    "contact_interventions": _caseload(_parent("note_id", "contact_notes", _people, "participant_id")),
    "meeting_threads": _caseload(_IN_MEETING),
    "pairing_pairs": _caseload(_parent("pairing_id", "pairings", _groups, "group_id")),
    # Signed records' companions are appended, never changed: an author signs their own caseload's records, in
    # their own name; a supervisor or director co-signs one they read and did not write.
    "signatures": Rule(
        APPEND,
        _records(False),
        f"({SIGNER} AND ((role = 'author' AND {_records(True)}) OR (role = 'cosigner' AND "
        f"peertool_my_role() IN ('supervisor', 'director') AND {_records(False)} AND NOT {_records(True)})))"
        f" OR ({_records(True)} AND {IMPORTED})",
    ),
    # An unsigned record erased in error takes its addenda with it; a signed record is never erased, nor are its.
    "addenda": Rule(f"{APPEND}, DELETE", _records(False), _records(True), None, f"{_records(True)} AND {UNSIGNED}"),
    "cosign_draws": Rule(APPEND, f"{_records(False)} AND {DRAWN_BEFORE}", IMPORTED_DRAW),  # `postgres_draw`
    "staff": Rule(
        f"SELECT, INSERT ({STAFF_COLUMNS}), UPDATE ({STAFF_COLUMNS})",
        "true",
        DIRECTOR,
        (f"{DIRECTOR} AND id <> peertool_me()", DIRECTOR),
    ),
    "supervision_sessions": _written(  # time a supervisor gave someone on their team
        f"{DIRECTOR} OR supervisor_id IN (SELECT peertool_team()) OR supervisee_id IN (SELECT peertool_team())",
        f"{DIRECTOR} OR (peertool_my_role() = 'supervisor' AND supervisor_id = peertool_me() "
        "AND supervisee_id IN (SELECT peertool_team()) AND supervisee_id <> peertool_me())",
    ),
    "definitions": Rule(APPEND, "true", "peertool_me() IS NOT NULL"),  # a version is never reworded
    "imports": Rule(APPEND, "true", "peertool_me() IS NOT NULL"),  # ids and counts only: `db import`
    "imported_ids": Rule(APPEND, "true", f"peertool_me() IS NOT NULL AND {JUST_INSERTED}"),
    "settings": Rule("SELECT", f"key NOT IN ({HIDDEN_KEYS})"),  # the server functions' alone
    "peertool_migrations": Rule("SELECT", None),
    # Sealed by the server (`postgres_seal`); `db import` appends a file's log, unsealed, its commands marked
    # "(imported)": a row a staff role writes itself is sealed in its own name unless so marked.
    "audit": Rule("SELECT, INSERT (at, os_user, command, table_name, record_id, action)", None),
}
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


def _policies(table: str, rule: Rule) -> list[str]:
    """Row-level security on `table` with one policy per command its rule allows (and none left of another)."""
    if rule.read is None:
        return []
    statements = [f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"]
    if table in DEFAULTS:  # a new group or person is on the caseload of whoever makes it
        statements.append(f"ALTER TABLE {table} ALTER COLUMN {DEFAULTS[table]} SET DEFAULT peertool_me()")
    statements += _policy(table, "peertool_read", "SELECT", rule.read, None)
    for name, command, using, check in (
        ("peertool_insert", "INSERT", None, rule.insert),
        ("peertool_update", "UPDATE", *(rule.update or (None, None))),
        ("peertool_delete", "DELETE", rule.delete, None),
    ):
        if using is None and check is None:
            statements.append(f"DROP POLICY IF EXISTS {name} ON {table}")
        else:
            statements += _policy(table, name, command, using, check)
    return statements


# The team's audit key and co-sign draws' key, for a database made before the schema made them; drawn by the
# server, never printed.
def server_key(name: str) -> str:
    """The statement that gives the database the random key `name` (a `settings` row) unless it has one."""
    return f"""INSERT INTO settings (key, value)
    SELECT '{name}', encode(sha256((gen_random_uuid()::text || gen_random_uuid()::text)::bytea), 'hex')
    WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = '{name}')"""


def policies() -> list[str]:
    """The functions, then row-level security and its policies on every table, in the order to run them."""
    keys = [server_key("audit_key"), server_key(DRAW_KEY)]
    # Before PostgreSQL 15 every role may create objects in `public`: an operator of its own there could stand in
    # for a built-in one inside the functions that run as the owner.
    statements = [*keys, "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
                  *(f"CREATE OR REPLACE FUNCTION {name} {body}" for name, body in FUNCTIONS.items())]  # fmt: skip
    for table, rule in RULES.items():
        statements += _policies(table, rule)
    return statements


def grants(roles: Iterable[str]) -> list[str]:
    """What each role (an active staff member's login) is granted; the policies narrow it to their rows. Granted
    afresh each time: what an earlier version granted and this one does not is taken back first."""
    statements = []
    for role in roles:
        who = ident(role)
        statements.append(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {who}")
        statements += [f"GRANT {rule.privileges} ON {table} TO {who}" for table, rule in RULES.items()]
        statements.append(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {who}")
    return statements


def revokes(roles: Iterable[str]) -> list[str]:
    """Take everything back from the roles of staff who left (their rows stay; they read none of them)."""
    return [f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {ident(role)}" for role in roles]


def plan(db: Database, *, apply: bool, owner: bool, cosign: dict[str, int]) -> Access:
    """The policies, the team's co-sign policy (`cosign`: the owner's own), and grants for each active staff member
    whose login is a role (revokes for those who left); run as one write when `apply`, which only the `owner` of
    the tables may do (NotPermitted, 77)."""
    from peertool.clock import today_iso
    from peertool.db.postgres_draw import policy_statement

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
    statements = [*policies(), policy_statement(cosign), *revokes(left), *grants(granted)]
    if apply:
        _run(db, statements, owner=owner)
    return {"statements": statements, "staff": staff, "cosign": cosign, "applied": apply}


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
