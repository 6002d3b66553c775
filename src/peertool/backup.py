"""Backups and restores: consistent copies, private and checked.

Copies use SQLite's online backup API, so they are consistent even while
other processes write. A copy is written under a temporary name, checked
with `PRAGMA integrity_check`, and only then renamed into place.
"""

import datetime as dt
import os
import sqlite3
import tempfile
from pathlib import Path

from sqlite_utils import Database

from peertool.errors import Conflict, InvalidInput, NotFound


def copy_database(db: Database, dest: Path) -> dict:
    """A checked, self-contained, 0600 copy of the open database at `dest`."""
    dest = Path(dest)
    fd, name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".partial")
    os.close(fd)  # mkstemp makes it 0600; unique, so two processes never share it
    temp = Path(name)
    try:
        target = sqlite3.connect(str(temp))
        try:
            db.conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
            status = target.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            target.close()
        if status != "ok":
            raise InvalidInput(f"the copy at {dest} failed its integrity check ({status}); nothing was kept.")
        os.replace(temp, dest)
    finally:
        if temp.exists():
            temp.unlink()
    return {"path": str(dest), "bytes": dest.stat().st_size, "integrity": "ok"}


def backup(db: Database, dest: Path) -> dict:
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
            ours = conn.execute(
                "SELECT count(*) FROM _sqlite_migrations WHERE migration_set = 'peertool'").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise InvalidInput(f"{source} is not a peertool database.") from None
    if status != "ok" or not ours:
        raise InvalidInput(f"{source} is not an intact peertool database (integrity: {status}).")


def restore(db: Database, db_path: Path, source: Path) -> dict:
    """Replace the database's contents with `source`, after backing up the current file beside it."""
    check_source(source)
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    safety = copy_database(db, Path(db_path).with_name(f"{Path(db_path).name}.before-restore-{stamp}.bak"))
    src = sqlite3.connect(f"file:{Path(source)}?mode=ro", uri=True)
    try:
        src.backup(db.conn)
    finally:
        src.close()
    return {"restored_from": str(source), "previous_saved_as": safety["path"]}
