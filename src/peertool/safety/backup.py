"""Backups and restores: consistent copies, private and checked, and a restore that cannot lose data.

Copies use SQLite's online backup API (`db.snapshot`), so they are
consistent even while other processes write, and never replace a file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from peertool.db.backends import open_database
from peertool.db.cipher import attach_key, errors, refuse_mixed
from peertool.db.connection import Database
from peertool.db.snapshot import back_up, copy_file, database_file, health, keep_beside, partial_file
from peertool.db.store import write
from peertool.errors import Conflict, InvalidInput, NotFound, shown

if TYPE_CHECKING:
    from peertool.db.shapes import Copy


def backup(db: Database, dest: Path) -> Copy:
    """`peertool backup PATH`: refuses to overwrite an existing file, and never lands on the database's own files."""
    from peertool.files import check_target, sweep_temporaries, with_sidecars

    dest = Path(dest)
    if dest.exists():
        raise Conflict(f"{shown(dest, 200)} already exists.", hint="Choose a new file name; backups never overwrite.")
    if not dest.parent.is_dir():
        raise NotFound(f"no folder {shown(dest.parent, 200)}.")
    check_target(dest, want="file", keep=with_sidecars(database_file(db)))
    sweep_temporaries(dest.parent)  # what a killed backup to this folder left behind
    return back_up(db, dest)


def check_source(source: Path, what: str = "backup file") -> None:
    """A restore (or import) source must be an intact peertool database, read at exactly the path given."""
    source = Path(source)
    if not source.is_file():
        raise NotFound(f"no {what} {shown(source, 200)}.")
    try:
        status, ours, orphans = health(source)
    except errors("DatabaseError"):
        raise InvalidInput(f"{shown(source, 200)} is not a peertool database.") from None
    if status != "ok" or not ours:
        raise InvalidInput(f"{shown(source, 200)} is not an intact peertool database (integrity: {shown(status)}).")
    if orphans:  # table names only: the rows themselves are records
        raise InvalidInput(
            f"{shown(source, 200)} holds rows that point to missing records, in: {', '.join(orphans)}.",
            hint="Restore an earlier backup; this one was changed outside peertool and would break the database.",
        )


class Declined(Exception):
    """The person at the terminal said no: nothing was changed."""


# Never copied from a backup: the live audit log only ever grows, and the schema's own bookkeeping stays.
KEPT = {"audit", "_sqlite_migrations"}


class Restored(TypedDict):
    """`restore`: the backup restored, and where the records before it were kept."""

    restored_from: str
    previous_saved_as: str


def restore(db_path: Path, source: Path, *, confirm: Callable[[str], bool]) -> Restored:
    """Replace every record with those of the backup `source`, in one transaction, keeping the old file beside it.

    The backup is first copied to a private staging file and brought up to
    the current schema. Then, under the write lock (waiting no longer than
    the busy timeout), the current database is copied beside itself under a
    name never used before, its records are replaced by the backup's, and
    the restore is added to the audit log, which keeps every row it had: all
    in one transaction, so a crash leaves the old records or the new ones.
    `confirm` is asked once the source has been checked.
    """
    db_path, source = Path(db_path), Path(source)
    check_source(source)
    db = open_database(db_path, create=False)
    try:
        refuse_mixed(source, db.encrypted)
        if not confirm(f"Replace everything in {db_path} with {source}?"):
            raise Declined()
        with partial_file(db_path.with_name(f"{db_path.name}.restore")) as staged:
            _stage(source, staged)
            db.execute(f"ATTACH DATABASE ? AS backup{attach_key(db.encrypted)}", [str(staged)])
            try:
                saved = _swap_in(db, db_path)
            finally:
                db.execute("DETACH DATABASE backup")
    finally:
        db.close()
    return {"restored_from": str(source), "previous_saved_as": saved}


def _stage(source: Path, staged: Path) -> None:
    """Copy the backup into the staging file and bring its schema up to date there."""
    copy_file(source, staged)
    open_database(staged, create=False, keep_copy=False).close()


def _swap_in(db: Database, db_path: Path) -> str:
    """In one write transaction: keep a copy of the database, replace its records, audit the restore."""
    from peertool.db.audit import record_event

    with write(db, audited=False):
        # Under our write lock no one can commit, so a second connection reads exactly what is being replaced.
        kept = keep_beside(db, db_path, f"{db_path.name}.before-restore-{dt.datetime.now():%Y%m%dT%H%M%S}")
        db.execute("PRAGMA defer_foreign_keys = ON")
        tables = [t for t in db.tables() if t not in KEPT]
        for table in tables:
            db.execute(f"DELETE FROM main.{table}")
        for table in tables:
            _copy_table(db, table, _columns(db, "main", table) & _columns(db, "backup", table))
        record_event(db, "database")
    return str(kept["path"])


def _columns(db: Database, schema: str, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA {schema}.table_info({table})")}


def _copy_table(db: Database, table: str, columns: set[str]) -> None:
    """Copy one table's rows from the attached backup (both schemas are current, so the columns match)."""
    if columns:
        names = ", ".join(sorted(columns))
        db.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM backup.{table}")
