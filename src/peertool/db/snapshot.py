"""Consistent, checked, private copies of an open database.

Used by migrations (a copy before the schema changes) and by `backup`. The
copy uses SQLite's online backup API, so it is consistent even while other
processes write; it is written under a private temporary name, checked with
`PRAGMA integrity_check`, and only then renamed into place.
"""

import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from peertool.errors import InvalidInput


def copy_database(db: Database, dest: Path) -> dict[str, Any]:
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
