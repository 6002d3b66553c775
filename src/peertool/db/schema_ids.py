"""Migration 0017: an id is never given twice (issue 24), so the audit log's rows for one id are about one record.

Without AUTOINCREMENT SQLite gives a new row the highest id in use plus
one: delete the newest participant and the next one enrolled gets the
same id, and the log's insert, delete, insert for that id covers two
people. SQLite cannot add AUTOINCREMENT to a table in place, so each table
is rebuilt (as in https://www.sqlite.org/lang_altertable.html#otheralter,
without the rename): copy the rows aside, drop the table, make it again
with AUTOINCREMENT, copy the rows back, make its indexes and triggers
again. `store._migrate` runs migrations with
foreign keys off, as that procedure asks, and checks them before committing.
"""

import re
from typing import TYPE_CHECKING

from peertool.db.schema import migration
from peertool.db.triggers import AUDITED_0017

if TYPE_CHECKING:
    from sqlite_utils import Database

# Every table whose records had an id of their own when 0017 ran: those the audit log named by `id` (a table
# added later is created with AUTOINCREMENT).
KEYED_BY_ID = [table for table, key in AUDITED_0017.items() if key == "id"]
_ID_COLUMN = re.compile(r"\bid INTEGER PRIMARY KEY\b")


@migration
def m0017_ids_never_reused(db: "Database") -> None:
    """Rebuild each table keyed by `id` with AUTOINCREMENT; start each sequence after the highest id it held.

    The copy fires no trigger (the new table gets its triggers only once it
    holds the rows, and dropping a table logs nothing), so the log gains no
    insert or delete for records that did not change, and each record's
    content, digested when it was last logged, is what it was.
    """
    for table in KEYED_BY_ID:
        _rebuild(db, table)
    _seed_sequences(db)


def _rebuild(db: "Database", table: str) -> None:
    """Rebuild one table under its own name from its stored definition (every column and constraint it has
    gained), with AUTOINCREMENT on its id; then its indexes and triggers, each from its stored definition too,
    so a trigger someone changed or dropped stays for `audit verify` to name.

    The rows wait in a copy in the same file (encrypted with it), not under a new name for the table: renaming
    a table makes SQLite check the whole schema, which made a new database four times slower to create.
    """
    (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()
    definition, marked = _ID_COLUMN.subn("id INTEGER PRIMARY KEY AUTOINCREMENT", sql, count=1)
    if not marked:
        raise RuntimeError(f"migration 0017: the stored definition of {table} has no plain integer id")
    attached = [row[0] for row in db.execute(
        "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = ? AND sql IS NOT NULL "
        "ORDER BY type, name", [table])]  # fmt: skip
    staged = f"{table}_0017"
    db.execute(f"CREATE TABLE {staged} AS SELECT * FROM {table}")
    db.execute(f"DROP TABLE {table}")
    db.execute(definition)
    db.execute(f"INSERT INTO {table} SELECT * FROM {staged}")
    db.execute(f"DROP TABLE {staged}")
    for statement in attached:  # indexes first ('index' < 'trigger'), as they were made
        db.execute(statement)


def _seed_sequences(db: "Database") -> None:
    """Start each table's sequence after the highest id it ever held: the rows it has, and the ids its audit
    rows name (a record deleted before this migration is gone from its table, not from the log)."""
    sql = "SELECT table_name, max(record_id) FROM audit WHERE record_id IS NOT NULL GROUP BY table_name"
    logged = dict(db.execute(sql).fetchall())
    for table in KEYED_BY_ID:
        highest = max(db.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0], logged.get(table) or 0)
        db.execute("DELETE FROM sqlite_sequence WHERE name = ?", [table])
        if highest:
            db.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", [table, highest])
