"""Where the database lives, how it is opened, and how writes are made, whichever backend keeps it.

Every write is one transaction that holds the backend's write lock from its
start (`Database.begin_write`), so the reads a write makes see the latest
commits, and a second writer waits, up to the busy timeout, rather than fails.
"""

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peertool.db.connection import Database

if TYPE_CHECKING:
    from peertool.settings import Settings

DB_ENV = "PEERTOOL_DB"


@contextmanager
def write(db: Database, *, audited: bool = True) -> Iterator[Database]:
    """One command's writes: all committed together, with their audit rows sealed, or none at all.

    Every change is logged by the triggers whatever `audited` says: `audited=False`
    only leaves it out of `db.saved`, what the exit path reports as saved (a restore, a migration).
    """
    db.begin_write()
    try:
        from peertool.db.audit import prepare, seal

        first_row = prepare(db)
        yield db
        created = _created(db, first_row) if audited and first_row else None
        if first_row:
            seal(db, first_row)  # this transaction's rows, and any other tool's before them
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


def database_location(explicit: str | None, load_settings: "Callable[[], Settings]") -> tuple[Path, str]:
    """The database path in force and what chose it.

    `--db` > PEERTOOL_DB > `database:` in the config > the per-user default.
    The config is only read when the first two are absent (`load_settings` is
    a callable for that reason). A relative `database:` is taken from the
    config file's folder, so the file means the same wherever it is run from.
    """
    if explicit:
        return _file(explicit, "--db"), "--db"
    env = os.environ.get(DB_ENV)
    if env:
        return _file(env, DB_ENV), DB_ENV
    settings = load_settings()
    if settings.database:
        path = _file(settings.database, f"config {settings.path}")
        if not path.is_absolute() and settings.path is not None:
            path = settings.path.parent / path
        return path, f"config {settings.path}"
    from peertool.settings import user_dir

    return user_dir() / "peertool.db", "default"


def _file(location: str, source: str) -> Path:
    """A SQLite file's path; a PostgreSQL location is refused (`db.location.not_yet`), never made into a file.
    Only a location that may be one (a `postgres` URL, or a keyword's `=`) loads the module that reads them: every
    command resolves its database, and a path is by far the common case."""
    if "=" in location or location[:8].lower() == "postgres":
        from peertool.db.location import is_postgres, not_yet

        if is_postgres(location):
            raise not_yet(location, source)
    return Path(location).expanduser()


def insert(db: Database, table: str, row: dict[str, Any]) -> int:
    """Insert one row (trusted column names, values bound) and return its id."""
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    return db.insert_id(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))


def update(db: Database, table: str, record_id: int, changes: dict[str, Any]) -> None:
    """Set the given columns (trusted names) of one row."""
    if changes:
        assignments = ", ".join(f"{column} = ?" for column in changes)
        db.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*changes.values(), record_id])


def rows(db: Database, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Query results as dicts keyed by column name."""
    cursor = db.execute(sql, list(params))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
