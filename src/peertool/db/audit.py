"""The audit log: who changed which records, with what command, and when.

Every write transaction records, in the same transaction, one row per
inserted, updated or deleted record: time, OS user, command, table and
record id, never a field value. Rows are written by TEMP triggers that
peertool installs on its own connections (so other tools opening the file
are not broken by them); the log table itself refuses UPDATE and DELETE
through permanent triggers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peertool.clock import now_utc_text

if TYPE_CHECKING:  # the CLI names the command on every call: keep this module light
    from sqlite_utils import Database

# table -> the column that identifies the record an audit row points at
AUDITED = {
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
_command = "python"


def set_command(name: str) -> None:
    """Name the command being run (the CLI sets 'peertool enroll' etc.; never its arguments)."""
    global _command
    _command = name


def os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def prepare(db: Database) -> int:
    """Make this transaction's changes audited: install the triggers once per connection, set who and what.

    Returns the id the transaction's first audit row will have.
    """
    if not getattr(db, "_peertool_audit_ready", False):
        if not _install(db):
            return 0
        setattr(db, "_peertool_audit_ready", True)  # noqa: B010 - our own mark on a third-party object
    db.execute("DELETE FROM temp.audit_context")
    db.execute(
        "INSERT INTO temp.audit_context (at, os_user, command) VALUES (?, ?, ?)", [now_utc_text(), os_user(), _command]
    )
    return int(db.execute("SELECT coalesce(max(id), 0) + 1 FROM audit").fetchone()[0])


def _install(db: Database) -> bool:
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "audit" not in tables:
        return False
    db.execute("CREATE TEMP TABLE IF NOT EXISTS audit_context (at TEXT, os_user TEXT, command TEXT)")
    for table, key in AUDITED.items():
        if table not in tables:
            continue
        for action, row in (("insert", "NEW"), ("update", "NEW"), ("delete", "OLD")):
            db.execute(
                f"""CREATE TEMP TRIGGER IF NOT EXISTS audit_{table}_{action} AFTER {action.upper()} ON main.{table}
                    BEGIN INSERT INTO audit (at, os_user, command, table_name, record_id, action)
                    SELECT at, os_user, command, '{table}', {row}.{key}, '{action}' FROM audit_context; END"""
            )
    return True


def record_event(db: Database, table_name: str) -> None:
    """Audit a change no trigger sees (a restore rewrites the whole file), in the caller's transaction."""
    prepare(db)
    db.execute(
        """INSERT INTO audit (at, os_user, command, table_name, record_id, action)
           SELECT at, os_user, command, ?, NULL, 'update' FROM temp.audit_context""",
        [table_name],
    )


def entries(db: Database, *, since: str | None = None, last: int | None = None) -> list[dict[str, Any]]:
    """The log, oldest first, from `since` (a date, as typed) on; only the `last` N rows if given."""
    from peertool import validate

    since = validate.optional_date("since", since)
    rows = db.execute(
        """SELECT * FROM (SELECT id, at, os_user, command, table_name, record_id, action FROM audit
           WHERE at >= ? ORDER BY id DESC LIMIT ?) ORDER BY id""",
        [since or "", last or -1],
    )
    keys = ("id", "at", "user", "command", "table", "record_id", "action")
    return [dict(zip(keys, row, strict=True)) for row in rows]
