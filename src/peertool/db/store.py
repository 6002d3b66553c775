"""How writes are made, whichever backend keeps the records.

Every write is one transaction that holds the backend's write lock from its
start (`Database.begin_write`), so the reads a write makes see the latest
commits, and a second writer waits, up to the busy timeout, rather than fails.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from peertool.db.connection import Database


@contextmanager
def write(db: Database, *, audited: bool = True) -> Iterator[Database]:
    """One command's writes: all committed together, with their audit rows sealed, or none at all.

    Every change is logged by the triggers whatever `audited` says: `audited=False`
    only leaves it out of `db.saved`, what the exit path reports as saved (a restore, a migration).
    """
    db.begin_write()
    try:
        from peertool.db.audit import prepare

        first_row = prepare(db)
        yield db
        created = _created(db, first_row) if audited and first_row else None
        if first_row:
            db.seal(first_row)  # this transaction's rows, and any other tool's before them
    except BaseException:
        db.rollback()
        raise
    try:
        db.commit()
    except BaseException:  # a failed commit (a deferred foreign key, a full disk) leaves the lock held
        db.rollback()
        raise
    if audited:
        db.saved.append(created or "no new records")


def _created(db: Database, first_row: int) -> str | None:
    """The first record this transaction inserted, from its audit rows: "participants id 12"."""
    row = db.execute(
        "SELECT table_name, record_id FROM audit WHERE id >= ? AND action = 'insert' ORDER BY id LIMIT 1", [first_row]
    ).fetchone()
    return f"{row[0]} id {row[1]}" if row else None


def insert(db: Database, table: str, row: dict[str, Any]) -> int:
    """Insert one row (trusted column names, values bound) and return its id."""
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    return db.insert_id(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))


def update(db: Database, table: str, record_id: int, changes: dict[str, Any]) -> None:
    """Set the given columns (trusted names) of one row, which the caller has read. None changed means the
    database's access rules let this role read the row but not change it (a team database's policies)."""
    if changes:
        assignments = ", ".join(f"{column} = ?" for column in changes)
        if not db.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*changes.values(), record_id]).rowcount:
            from peertool.errors import not_permitted

            raise not_permitted()


def rows(db: Database, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Query results as dicts keyed by column name."""
    cursor = db.execute(sql, list(params))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
