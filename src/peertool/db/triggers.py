"""The audit log's triggers: which tables are audited, and the DDL of every trigger the log depends on.

Kept apart from the migrations that create them, so `audit verify` can
compare each trigger's stored definition with the one made here without
loading the migrations.
"""

# table -> the column that identifies the record an audit row points at (as migration 0007 found them)
_AUDITED_0007 = {
    "participants": "id",
    "peer_groups": "id",
    "memberships": "id",
    "goals": "id",
    "goal_updates": "id",
    "pairings": "id",
    "pairing_pairs": "id",
    "team_breaks": "id",
    "meetings": "id",
    "attendance": "meeting_id",
    "meeting_threads": "meeting_id",
    "contact_notes": "id",
    "outings": "id",
    "outing_people": "outing_id",
    "reviews": "id",
}


def audit_trigger(table: str, key: str, action: str) -> str:
    """The trigger migrations 0007 to 0014 made (0016 replaces it with `logging_trigger`); never edited.

    peertool's own transactions put who and what in `audit_context`; a
    change by any other tool finds no context and is marked as such. A
    transaction that records its own summary (a restore) sets `quiet`.
    """
    row = "OLD" if action == "delete" else "NEW"
    return f"""CREATE TRIGGER audit_{table}_{action} AFTER {action.upper()} ON {table}
        WHEN (SELECT quiet FROM audit_context WHERE id = 1) IS NOT 1
        BEGIN INSERT INTO audit (at, os_user, command, table_name, record_id, action)
        SELECT coalesce(c.at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), coalesce(c.os_user, 'unknown'),
               coalesce(c.command, 'other tool (not peertool)'), '{table}', {row}.{key}, '{action}'
        FROM (SELECT 1) LEFT JOIN audit_context c ON c.id = 1; END"""


# Tables migration 0013 rebuilt (their triggers went with the old table) and the ones it added.
_REBUILT_0013 = {"attendance": "meeting_id", "contact_notes": "id"}
_ADDED_0013 = {"attendee_notes": "id", "signatures": "id", "addenda": "id"}
_ADDED_0014 = {"measures": "id", "connections": "id", "wellness_plans": "id"}

# The audited tables as migrations 0016 and 0017 knew them: frozen, since a migration runs again on every new
# database and must not name a table a later migration creates (0016 writes their triggers, 0017 rebuilds them).
AUDITED_0017 = {**_AUDITED_0007, "discharges": "id", **_ADDED_0013, **_ADDED_0014}
_ADDED_0021 = {"events": "id"}
# Every audited table: a later migration that adds one writes its logging triggers and adds it here.
_ADDED_0018 = {"definitions": "id", "screenings": "id", "screening_answers": "id"}  # intake screening
_ADDED_0020 = {"contact_interventions": "id", "community_contacts": "id"}  # coded interventions
_ADDED_0022 = {"program_enrollments": "id"}  # programs beside IML
_ADDED_0023 = {"activities": "id", "activity_people": "activity_id"}  # a program's activities, who came
_ADDED_0024 = {"support": "id"}  # fund support that is not an outing
_ADDED_0026 = {"staff": "id"}  # the staff who run the program
_ADDED_0029 = {"cosign_draws": "id", "supervision_sessions": "id"}  # co-sign samples, supervision time
AUDITED = {
    **AUDITED_0017, **_ADDED_0018, **_ADDED_0020, **_ADDED_0021, **_ADDED_0022, **_ADDED_0023, **_ADDED_0024,
    **_ADDED_0026, **_ADDED_0029,
}  # fmt: skip
# The tables no trigger logs, and why (tests/test_db_schema.py: each table is audited or here).
NOT_AUDITED = {"audit": "the log itself, kept append-only by GUARDS"}

# What a trigger writes: who made a change is known only once peertool seals the row (see `audit.seal`).
OTHER_TOOL = "other tool (not peertool)"
UNKNOWN_USER = "unknown"
APPEND_ONLY_MESSAGE = "the audit log is append-only"
APPEND_ONLY = f"SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}')"
STAYS_SIGNED_MESSAGE = "a signed record stays signed"
# the audit columns no update may name, and the ones the seal writes once (the guards below, and PostgreSQL's twins)
AUDIT_FIXED = ("id", "at", "table_name", "record_id", "action")
AUDIT_SEALED = ("hash", "os_user", "command", "digest")
SIGNED = {"contact_notes": "note", "meetings": "meeting"}  # the tables whose records are signed, and their kind
SIGNED_0029 = {"reviews": "review", "discharges": "discharge"}  # signed since migration 0029
SIGNED_ALL = {**SIGNED, **SIGNED_0029}  # every kind of record that is signed, by table


def _stay_signed(tables: "dict[str, str]") -> dict[str, str]:
    """The guard that keeps each table's signed records signed."""
    return {
        f"{table}_stay_signed": f"CREATE TRIGGER {table}_stay_signed BEFORE UPDATE OF signed ON {table} "
        f"WHEN OLD.signed = 1 AND NEW.signed IS NOT 1 BEGIN SELECT RAISE(ABORT, '{STAYS_SIGNED_MESSAGE}'); END"
        for table in tables
    }


def logging_trigger(table: str, key: str, action: str) -> str:
    """A permanent trigger that logs every change to `table`, by any connection: record id and action, never values.

    It has no condition and reads nothing from the database, so no row any
    tool writes can silence it or put a name on a change: peertool names
    its own rows when it seals them.
    """
    row = "OLD" if action == "delete" else "NEW"
    return (
        f"CREATE TRIGGER audit_{table}_{action} AFTER {action.upper()} ON {table} "
        "BEGIN INSERT INTO audit (at, os_user, command, table_name, record_id, action) "
        f"VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), '{UNKNOWN_USER}', '{OTHER_TOOL}', '{table}', "
        f"{row}.{key}, '{action}'); END"
    )


GUARDS = {
    "audit_no_update": f"CREATE TRIGGER audit_no_update BEFORE UPDATE OF {', '.join(AUDIT_FIXED)} "
    f"ON audit BEGIN {APPEND_ONLY}; END",
    # who made a change, its content digest and its hash are written once, when peertool seals the row
    "audit_seal_once": f"CREATE TRIGGER audit_seal_once BEFORE UPDATE OF {', '.join(AUDIT_SEALED)} ON audit "
    f"WHEN OLD.hash IS NOT NULL BEGIN {APPEND_ONLY}; END",
    "audit_no_delete": f"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN {APPEND_ONLY}; END",
    "audit_no_replace": "CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit "
    f"WHEN EXISTS (SELECT 1 FROM audit WHERE id = NEW.id) BEGIN {APPEND_ONLY}; END",
    **_stay_signed(SIGNED),
}
LOCKS_0029 = _stay_signed(SIGNED_0029)  # made by migration 0029, beside the guards 0016 made


def expected_triggers(audited: dict[str, str] = AUDITED) -> dict[str, str]:
    """Every trigger the database should hold, by name, with its whole definition as SQLite stores it
    (`audited`: the tables of an older schema, for the migration that wrote their triggers; that one had only
    `GUARDS`, the locks of 0029 came later)."""
    logging = {
        f"audit_{table}_{action}": logging_trigger(table, key, action)
        for table, key in audited.items()
        for action in ("insert", "update", "delete")
    }
    return {**GUARDS, **(LOCKS_0029 if audited is AUDITED else {}), **logging}
