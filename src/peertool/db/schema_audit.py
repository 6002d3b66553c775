"""Migration 0016: an audit no stored switch can silence, a keyed digest of each record's content, and
signatures that cover their signer and stay on the record (issue 23)."""

from typing import TYPE_CHECKING

from peertool.db.schema import migration, run_ddl
from peertool.db.triggers import AUDITED_0017, SIGNED, expected_triggers

if TYPE_CHECKING:
    from sqlite_utils import Database

BASELINE = "peertool upgrade (content baseline)"


@migration
def m0016_audit_without_switches(db: "Database") -> None:
    """Every trigger the log depends on is made again from `db.triggers` (no condition, no context table); the
    context table goes; audit rows gain a content digest; contact notes and meetings keep whether they were ever
    signed; a signature records how its hash was made (1: the content alone; 2: content, signer and time).

    Each existing record gets one audit row in this transaction, so its content is in the chain from now on.
    """
    from peertool.clock import now_utc_text
    from peertool.db.users import os_user

    wanted = expected_triggers(AUDITED_0017)
    old = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]
    for name in old:
        if name in wanted:
            db.execute(f"DROP TRIGGER {name}")
    run_ddl(
        db,
        """
        DROP TABLE IF EXISTS audit_context;
        ALTER TABLE audit ADD COLUMN digest TEXT;
        ALTER TABLE contact_notes ADD COLUMN signed INTEGER NOT NULL DEFAULT 0 CHECK (signed IN (0, 1));
        ALTER TABLE meetings ADD COLUMN signed INTEGER NOT NULL DEFAULT 0 CHECK (signed IN (0, 1));
        ALTER TABLE signatures ADD COLUMN scheme INTEGER NOT NULL DEFAULT 1 CHECK (scheme IN (1, 2));
        """,
    )
    for table, kind in SIGNED.items():
        db.execute(f"UPDATE {table} SET signed = 1 WHERE id IN (SELECT record_id FROM signatures WHERE record = ?)",
                   [kind])  # fmt: skip
    for sql in wanted.values():
        db.execute(sql)
    stamp = [now_utc_text(), os_user(), BASELINE]
    for table, key in AUDITED_0017.items():
        db.execute(
            f"""INSERT INTO audit (at, os_user, command, table_name, record_id, action)
                SELECT DISTINCT ?, ?, ?, '{table}', {key}, 'update' FROM {table} ORDER BY {key}""",
            stamp,
        )
