"""Migration 0017: an id is never given twice (issue 24), so the audit log's rows for one id are about one record.

Without AUTOINCREMENT SQLite gives a new row the highest id in use plus
one: delete the newest participant and the next one enrolled gets the
same id, and the log's insert, delete, insert for that id covers two
people. SQLite cannot add AUTOINCREMENT to a table in place, so each table
is rebuilt with AUTOINCREMENT (`db/rebuild.py`).
"""

import re
from typing import TYPE_CHECKING

from peertool.db.rebuild import rebuild
from peertool.db.schema import migration
from peertool.db.triggers import AUDITED_0017

if TYPE_CHECKING:
    from collections.abc import Callable

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
        rebuild(db, table, _with_autoincrement(table), migration="0017")
    _seed_sequences(db)


def _with_autoincrement(table: str) -> "Callable[[str], str]":
    """The edit that gives a table's stored definition AUTOINCREMENT on its id."""

    def edit(sql: str) -> str:
        definition, marked = _ID_COLUMN.subn("id INTEGER PRIMARY KEY AUTOINCREMENT", sql, count=1)
        if not marked:
            raise RuntimeError(f"migration 0017: the stored definition of {table} has no plain integer id")
        return definition

    return edit


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
