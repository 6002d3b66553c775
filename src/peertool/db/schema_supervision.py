"""Migration 0029 (issue 28, parts 3 and 4): signing by identity, reviews and discharges signed like notes,
co-sign samples fixed once drawn, and supervision time.

`signatures.staff_id` names the staff member who signed (nullable with no
default: without staff a signature is its typed text, as before). Reviews
and discharges gain `signed` (nullable, no default: both tables are
audited, and a default would change every logged record's digest; NULL
reads as unsigned) and the guard that keeps a signed one signed;
`signatures` and `addenda` are rebuilt to take their kinds.
`cosign_draws` keeps, for each signed record, whether the supervision
policy asked for a co-signature when it was signed, so a later change of
policy draws nothing again. `supervision_sessions` is the supervision
time a supervisor gave a supervisee. Both new tables are audited.
"""

from typing import TYPE_CHECKING

from peertool.db.rebuild import rebuild
from peertool.db.schema import migration, run_ddl
from peertool.db.triggers import _ADDED_0029, LOCKS_0029, logging_trigger

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlite_utils import Database

_OLD_KINDS = "record IN ('note', 'meeting')"
_NEW_KINDS = "record IN ('note', 'meeting', 'review', 'discharge')"


@migration
def m0029_supervision(db: "Database") -> None:
    """Who signed, reviews and discharges signable, co-sign draws and supervision sessions.

    Issue 28 gives it 0029, after attribution (0027) and the due indexes (0028)."""
    for table in ("signatures", "addenda"):
        rebuild(db, table, _widened(table), migration="0029")
    run_ddl(
        db,
        f"""
        ALTER TABLE signatures ADD COLUMN staff_id INTEGER REFERENCES staff (id);
        ALTER TABLE reviews ADD COLUMN signed INTEGER CHECK (signed IS NULL OR signed IN (0, 1));
        ALTER TABLE discharges ADD COLUMN signed INTEGER CHECK (signed IS NULL OR signed IN (0, 1));
        CREATE TABLE cosign_draws (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            {_NEW_KINDS.replace("record IN", "record TEXT NOT NULL CHECK (record IN")}),
            record_id INTEGER NOT NULL,
            required INTEGER NOT NULL CHECK (required IN (0, 1)),
            percent INTEGER CHECK (percent IS NULL OR percent BETWEEN 0 AND 100),
            drawn_on TEXT NOT NULL,
            UNIQUE (record, record_id)
        );
        CREATE TABLE supervision_sessions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            supervisor_id INTEGER NOT NULL REFERENCES staff (id),
            supervisee_id INTEGER NOT NULL REFERENCES staff (id),
            held_on TEXT NOT NULL,
            minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
            note TEXT
        );
        CREATE INDEX supervision_sessions_supervisee ON supervision_sessions (supervisee_id, held_on)
        """,
    )
    for table, key in _ADDED_0029.items():
        for action in ("insert", "update", "delete"):
            db.execute(logging_trigger(table, key, action))
    for sql in LOCKS_0029.values():
        db.execute(sql)


def _widened(table: str) -> "Callable[[str], str]":
    """The edit that lets `table` name reviews and discharges; a definition without the old list is not one this
    migration knows, so it stops rather than guess."""

    def edit(sql: str) -> str:
        if sql.count(_OLD_KINDS) != 1:
            raise RuntimeError(f"migration 0029: the stored definition of {table} does not hold {_OLD_KINDS!r}")
        return sql.replace(_OLD_KINDS, _NEW_KINDS)

    return edit


@migration
def m0032_the_server_draws_and_names(db: "Database") -> None:
    """Nothing changes in a file: its user draws co-sign samples (`db.cosign`) and seals the log, as it is theirs.

    On a team database (issue 29) the server draws, with a key no staff role reads, staff no longer insert draws
    themselves, and every audit row names the role the server authenticated; the twin in `postgres_migrations`
    brings a database made before that up to it."""
    del db
