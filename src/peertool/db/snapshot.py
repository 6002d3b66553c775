"""Consistent, checked, private copies of a database, which never replace a file and never linger half-written.

Used by migrations (a copy before the schema changes), `backup` and
`restore`. A copy is made with SQLite's online backup API, so it is
consistent even while other processes write. It is written to a private
temporary `.partial` file, locked while it is written, checked with
`PRAGMA integrity_check`, and only then published under its name with a
hard link, which fails if the name was taken meanwhile: two backups to one
path cannot both succeed. A `.partial` left by a killed process, and the
journal SQLite kept beside it, are removed by the next run on that folder
(`files.sweep_temporaries`).
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from peertool.errors import Conflict, InvalidInput, shown

if TYPE_CHECKING:
    from peertool.db.connection import Database
    from peertool.db.shapes import Copy

PARTIAL = ".partial"


def copy_database(source: sqlite3.Connection, dest: Path) -> Copy:
    """A checked, self-contained, 0600 copy of the database open on `source` at `dest`, which must not exist yet."""
    dest = Path(dest)
    with partial_file(dest) as temp:
        _copy_into(source, temp)
        publish(temp, dest)
    return {"path": str(dest), "bytes": dest.stat().st_size, "integrity": "ok"}


def back_up(db: Database, dest: Path) -> Copy:
    """`backup`: a checked copy of the open database `db` at `dest`, which must not exist yet."""
    return copy_database(_file_connection(db, "backup"), dest)


def keep_beside(db: Database, path: Path, stem: str) -> Copy:
    """A copy of the file `path` that `db` has open, read through a second connection in its form (encrypted
    or plain), saved beside it under the first name free from `stem` on (`copy_to_new_name`)."""
    from peertool.db.cipher import connect_like

    reader = connect_like(_file_connection(db, "restore"), path)
    try:
        return copy_to_new_name(reader, path.parent, stem)
    finally:
        reader.close()


def database_file(db: Database) -> Path:
    """The file `db` has open: a backup must never land on it or its sidecars."""
    return Path(_file_connection(db, "backup").execute("PRAGMA database_list").fetchone()[2])


def _file_connection(db: Database, what: str) -> Any:
    """The SQLite connection under `db`, for work only a file allows (`what`: a backup, a restore); a database
    on a server is refused, never treated as a file. (Read by attribute: the backend imports this module.)"""
    conn = getattr(db, "conn", None)
    if conn is None:
        raise InvalidInput(f"{what} works on a SQLite file; this database is on a PostgreSQL server.",
                           hint="Use the server's own tools (pg_dump, pg_restore).")  # fmt: skip
    return conn


def copy_file(source: Path, target: Path) -> None:
    """Copy the database file `source`, opened read-only, into the empty file `target`, in its form."""
    from peertool.db.cipher import connect_like

    conn = open_read_only(source)
    try:
        copy = connect_like(conn, target)
        try:
            conn.backup(copy)
        finally:
            copy.close()
    finally:
        conn.close()


def health(path: Path) -> tuple[str, int, list[str]]:
    """What a restore checks in the database file `path`, opened read-only: SQLite's integrity status, how many
    peertool migrations it has applied, and the tables holding rows that point to missing records."""
    conn = open_read_only(path)
    try:
        status = conn.execute("PRAGMA integrity_check").fetchone()[0]
        ours = conn.execute("SELECT count(*) FROM _sqlite_migrations WHERE migration_set = 'peertool'").fetchone()[0]
        orphans = sorted({row[0] for row in conn.execute("PRAGMA foreign_key_check")})
    finally:
        conn.close()
    return status, ours, orphans


@contextmanager
def partial_file(dest: Path) -> Iterator[Path]:
    """A private (0600), locked, empty temporary file beside `dest`, removed however the block ends."""
    from peertool.files import temporary_prefix, with_sidecars

    fd, name = tempfile.mkstemp(dir=dest.parent, prefix=temporary_prefix(dest.name), suffix=PARTIAL)
    try:
        os.fchmod(fd, 0o600)  # mkstemp's 0600 less the umask could leave it unwritable, even to SQLite
        fcntl.flock(fd, fcntl.LOCK_EX)  # a live copy: the stale-copy sweep leaves it alone
        yield Path(name)
    finally:
        for leftover in with_sidecars(Path(name)):
            with suppress(FileNotFoundError):
                os.unlink(leftover)
        os.close(fd)


def _copy_into(source: sqlite3.Connection, target: Path) -> None:
    """Copy the database `source` into the file `target` and check it, waiting no longer than the busy timeout."""
    from peertool.db.cipher import connect_like

    conn = connect_like(source, target)
    try:
        source.backup(conn, progress=_deadline())
        conn.execute("PRAGMA journal_mode = DELETE")
        status = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    if status != "ok":
        raise InvalidInput(f"the copy failed its integrity check ({shown(status)}); nothing was kept.")


def _deadline() -> Any:
    """A backup progress callback that gives up after the busy timeout (the backup API would retry forever)."""
    from peertool.db.busy import busy_error, busy_timeout

    give_up = time.monotonic() + busy_timeout()

    def progress(status: int, remaining: int, total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > give_up:
            raise busy_error()

    return progress


def publish(temp: Path, dest: Path) -> None:
    """Give the finished copy its name, unless that name is taken (Conflict): never a replacement."""
    try:
        os.link(temp, dest)
    except FileExistsError:
        hint = "Choose a new file name; copies never overwrite."
        raise Conflict(f"{shown(dest, 200)} already exists.", hint=hint) from None


def open_read_only(path: Path) -> sqlite3.Connection:
    """Open the database file at exactly `path`, read-only ('#', '?' and '%' in its name are not URI syntax);
    an encrypted one with the process's key."""
    from peertool.db.cipher import connect, is_encrypted

    conn: sqlite3.Connection = connect(
        f"file:{quote(str(Path(path).resolve()))}?mode=ro", encrypted=is_encrypted(path), uri=True, label=str(path)
    )
    return conn


def sweep_partials(folder: Path, suffix: str) -> None:
    """Remove the hidden `suffix` files a killed editor left in its private drafts folder: ours, regular, and
    locked by no one."""
    from peertool.files import remove_own_unlocked

    try:
        candidates = [p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(suffix)]
    except OSError:
        return
    for path in candidates:
        if path.is_file():  # a draft: never a folder
            remove_own_unlocked(path)


def copy_to_new_name(source: sqlite3.Connection, folder: Path, stem: str) -> Copy:
    """Copy the open database to `folder/stem.bak`, or `stem-2.bak`, `stem-3.bak`…: the first name not taken.

    Two copies made in the same instant (two restores in one second) both
    survive: a name is never reused.
    """
    for attempt in range(1, 1000):
        name = f"{stem}.bak" if attempt == 1 else f"{stem}-{attempt}.bak"
        if os.path.lexists(folder / name):
            continue
        with suppress(Conflict):
            return copy_database(source, folder / name)
    raise Conflict(f"too many copies named {shown(stem)} in {shown(folder, 200)}.")
