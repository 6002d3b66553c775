"""Backups and restores: consistent copies, private and checked.

Copies use SQLite's online backup API (`db.snapshot`), so they are
consistent even while other processes write. A restore first checks its
source, then keeps the current file beside the database, then copies the
backup in, brings its schema up to date and records the restore in the
audit log.
"""

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from peertool.db.snapshot import copy_database
from peertool.db.store import open_database, write
from peertool.errors import Conflict, InvalidInput, NotFound


def backup(db: Database, dest: Path) -> dict[str, Any]:
    """`peertool backup PATH`: refuses to overwrite an existing file."""
    dest = Path(dest)
    if dest.exists():
        raise Conflict(f"{dest} already exists.", hint="Choose a new file name; backups never overwrite.")
    if not dest.parent.is_dir():
        raise NotFound(f"no folder {dest.parent}.")
    return copy_database(db, dest)


def check_source(source: Path) -> None:
    """A restore source must be an intact peertool database."""
    source = Path(source)
    if not source.is_file():
        raise NotFound(f"no backup file {source}.")
    try:
        conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            status = conn.execute("PRAGMA integrity_check").fetchone()[0]
            ours = conn.execute("SELECT count(*) FROM _sqlite_migrations WHERE migration_set = 'peertool'").fetchone()[
                0
            ]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise InvalidInput(f"{source} is not a peertool database.") from None
    if status != "ok" or not ours:
        raise InvalidInput(f"{source} is not an intact peertool database (integrity: {status}).")


class Declined(Exception):
    """The person at the terminal said no: nothing was changed."""


def restore(db_path: Path, source: Path, *, confirm: Callable[[str], bool]) -> dict[str, Any]:
    """Replace the database with `source`, keeping the current file beside it; audited.

    `confirm` is asked, after the source has been checked, whether to go on;
    it raises or returns False to stop (Declined) with nothing changed.
    """
    db = open_database(db_path, create=False)
    try:
        check_source(source)
        if not confirm(f"Replace everything in {db_path} with {source}?"):
            raise Declined()
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        safety = copy_database(db, Path(db_path).with_name(f"{Path(db_path).name}.before-restore-{stamp}.bak"))
        src = sqlite3.connect(f"file:{Path(source)}?mode=ro", uri=True)
        try:
            src.backup(db.conn)
        finally:
            src.close()
    finally:
        db.conn.close()
    _record_restore(db_path)
    return {"restored_from": str(source), "previous_saved_as": safety["path"]}


def _record_restore(db_path: Path) -> None:
    """Reopen (so an older backup's schema is brought up to date) and audit the restore."""
    from peertool.db.audit import record_event

    restored = open_database(db_path, create=False)
    try:
        with write(restored, audited=False):
            record_event(restored, "database")
    finally:
        restored.conn.close()
