"""Rebuild a table under its own name from an edited copy of its stored definition.

SQLite cannot change a column's constraints in place, so a migration that must
(0017: AUTOINCREMENT; 0019: a wider CHECK, a nullable column) follows
https://www.sqlite.org/lang_altertable.html#otheralter without the rename:
copy the rows aside, drop the table, make it again, copy the rows back, make
its indexes and triggers again. `store._migrate` runs migrations with foreign
keys off, as that procedure asks, and checks them before committing.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlite_utils import Database


def rebuild(db: "Database", table: str, edit: "Callable[[str], str]", *, migration: str) -> None:
    """Rebuild `table` from `edit(its stored definition)` (every column and constraint it has gained), then its
    indexes and triggers, each from its stored definition too, so a trigger someone changed or dropped stays for
    `audit verify` to name; and its AUTOINCREMENT counter, which dropping the table deletes.

    The copy fires no trigger (the new table gets its triggers only once it holds the rows, and dropping a table
    logs nothing), so the audit log gains nothing and each record's logged content is what it was. The rows wait
    in a copy in the same file (encrypted with it), not under a new name for the table: renaming a table makes
    SQLite check the whole schema, which made a new database four times slower to create.
    """
    (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()
    definition = edit(sql)
    attached = [row[0] for row in db.execute(
        "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = ? AND sql IS NOT NULL "
        "ORDER BY type, name", [table])]  # fmt: skip
    sequence = _sequence(db, table)
    staged = f"{table}_{migration}"
    db.execute(f"CREATE TABLE {staged} AS SELECT * FROM {table}")
    db.execute(f"DROP TABLE {table}")
    db.execute(definition)
    db.execute(f"INSERT INTO {table} SELECT * FROM {staged}")
    db.execute(f"DROP TABLE {staged}")
    for statement in attached:  # indexes first ('index' < 'trigger'), as they were made
        db.execute(statement)
    if sequence is not None:
        db.execute("DELETE FROM sqlite_sequence WHERE name = ?", [table])
        db.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", [table, sequence])


def _sequence(db: "Database", table: str) -> int | None:
    """The table's AUTOINCREMENT counter, if it has one (a table made without AUTOINCREMENT has none)."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
        return None
    row = db.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", [table]).fetchone()
    return None if row is None else int(row[0])
