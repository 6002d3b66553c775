"""Migration 0031 (issue 29, part 5): moving a coach's own file into a team database.

`imports` records each `db import`: the file it came from (`source`: a
fingerprint of the file's own random pseudonym key, never the key), whose
caseload it joined, when, and how many rows of each table it added.
`imported_ids` maps each imported row's id in the file to its id here, so
importing the same file again adds nothing, and a signature made in the
file is checked against the record as the file numbered it. Both are
bookkeeping about the database (like `_sqlite_migrations`), not records of
care: they hold ids and counts only, and are not audited (the rows an
import adds are, one by one, and the import itself is in the log).
"""

from typing import TYPE_CHECKING

from peertool.db.schema import migration, run_ddl

if TYPE_CHECKING:
    from sqlite_utils import Database


@migration
def m0031_moving_in(db: "Database") -> None:
    """The record of imports, and the id each imported row had in its file."""
    run_ddl(
        db,
        """
        CREATE TABLE imports (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            source TEXT NOT NULL CHECK (length(source) = 64),
            staff_id INTEGER REFERENCES staff (id),
            imported_at TEXT NOT NULL,
            added TEXT NOT NULL
        );
        CREATE TABLE imported_ids (
            source TEXT NOT NULL,
            table_name TEXT NOT NULL,
            old_id INTEGER NOT NULL,
            new_id INTEGER NOT NULL,
            PRIMARY KEY (source, table_name, old_id)
        );
        CREATE INDEX imported_ids_new ON imported_ids (table_name, new_id)
        """,
    )
