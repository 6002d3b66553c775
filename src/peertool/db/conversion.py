"""Converting a database in place between plain and encrypted (`db encrypt`, `db decrypt`), losing nothing.

The conversion runs on SQLCipher, which reads both forms:

1. The database is brought up to date and opened alone: out of WAL, with
   an exclusive lock held to the end, so no other process can read or
   write it meanwhile (one that has it open makes this refuse, exit 75).
2. `sqlcipher_export` writes every table, index and trigger into a private
   `.partial` file beside it, in the new form; that copy is checked
   (`integrity_check`, and every table's row count against the original).
3. An encrypted copy of the records as they were is kept beside the
   database, the conversion is added to the new file's audit log, and the
   new file is renamed over the old: one atomic step. The old file's bytes
   are then overwritten with zeros, so no plaintext of it stays readable
   through it, and a process still waiting on it finds no database rather
   than writing where no one will read.

Killed before the rename, the database is as it was (the `.partial` is swept
by the next command); killed after it, the new file is complete.

`db encrypt` also encrypts, the same way, the plain copies an earlier
restore or migration kept beside the database, and says which.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peertool.db import cipher
from peertool.db.snapshot import copy_to_new_name, partial_file
from peertool.db.sqlite import SqliteDatabase
from peertool.errors import InvalidInput, shown

if TYPE_CHECKING:
    from peertool.db.shapes import Converted

ZEROS = bytes(1 << 20)


def convert(path: Path, *, encrypt: bool, confirm: Callable[[str], bool] | None = None) -> Converted:
    """Encrypt (or decrypt) the database at `path` in place;
    {"path", "encrypted", "previous_saved_as", "copies_encrypted"}.

    Encrypting also encrypts the plain copies kept beside the database
    (`plain_copies`), so no plaintext of the records stays next to it; an
    already encrypted database with such copies left has only them encrypted.
    `confirm` is asked only once the conversion is known to be needed, so an
    already plain database is said to be so before any y/N.
    """
    from peertool.db.sqlite import open_file

    path = Path(path)
    open_file(path, create=False).close()  # exists, is ours, opens with the key, schema up to date
    kept = None
    if cipher.is_encrypted(path) != encrypt:
        question = f"{'Encrypt' if encrypt else 'Decrypt'} {path}?"
        if not encrypt:
            question += " Its records will be readable by anyone who can read the file."
        if confirm is not None and not confirm(question):
            raise InvalidInput("nothing was changed.")
        kept = _convert_database(path, encrypt)
    elif not (encrypt and plain_copies(path)):
        raise InvalidInput(f"database: {shown(path, 200)} is already {'encrypted' if encrypt else 'plain'}.")
    copies = [str(_encrypt_copy(copy)) for copy in plain_copies(path)] if encrypt else []
    return {"path": str(path), "encrypted": encrypt, "previous_saved_as": kept, "copies_encrypted": copies}


def _convert_database(path: Path, encrypt: bool) -> str:
    old = _open_alone(path, encrypted=not encrypt)
    try:
        with partial_file(path.with_name(f"{path.name}.convert")) as staged:
            _export(old, staged, encrypt)
            kept = _finish(old, staged, path, encrypt)
            _replace(path, staged)
    finally:
        old.close()
    return kept


def _export(old: Any, staged: Path, encrypt: bool) -> None:
    """Write every table, index and trigger of `old` into the empty file `staged`, in the other form."""
    old.execute(f"ATTACH DATABASE ? AS converted{cipher.attach_key(encrypt)}", [str(staged)])
    old.execute("SELECT sqlcipher_export('converted')")
    old.execute("DETACH DATABASE converted")


def plain_copies(path: Path) -> list[Path]:
    """The unencrypted copies kept beside the database (`NAME.before-restore-….bak`, `NAME.before-MIGRATION.bak`):
    our own regular files that still hold a plain SQLite database."""
    import glob

    found = []
    for copy in sorted(path.parent.glob(glob.escape(path.name) + ".before-*.bak")):
        info = copy.lstat()
        if (
            stat.S_ISREG(info.st_mode)
            and info.st_uid == os.geteuid()
            and info.st_size
            and not cipher.is_encrypted(copy)
        ):
            found.append(copy)
    return found


def _encrypt_copy(copy: Path) -> Path:
    """Encrypt one plain copy in place with the database's key, checked, its plaintext bytes zeroed."""
    old = _open_alone(copy, encrypted=False)
    try:
        with partial_file(copy.with_name(f"{copy.name}.convert")) as staged:
            _export(old, staged, encrypt=True)
            new = cipher.connect(staged, encrypted=True)
            try:
                _check(old, new)
            finally:
                new.close()
            _replace(copy, staged)
    finally:
        old.close()
    return copy


def _open_alone(path: Path, *, encrypted: bool) -> Any:
    """The database on a SQLCipher connection holding an exclusive lock until it closes (Busy if others have it)."""
    from peertool.db.busy import busy_error, busy_timeout, is_busy_error

    driver = cipher.sqlcipher(shown(path, 200))
    conn = driver.connect(str(path), timeout=busy_timeout(), isolation_level=None)
    deadline = time.monotonic() + busy_timeout()
    try:
        if encrypted:
            cipher.apply_key(conn, cipher.key(), shown(path, 200))  # switches SQLCipher's log off too
        else:
            conn.execute("PRAGMA cipher_log_level = NONE")
        while True:
            try:
                _lock_alone(conn)
                return conn
            except cipher.errors("OperationalError") as exc:
                # Leaving WAL fails at once, without the busy handler, while any other connection is open: a
                # stream of short commands would starve the conversion, so it tries again until the timeout.
                if not is_busy_error(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)
    except cipher.errors("OperationalError") as exc:
        conn.close()
        if is_busy_error(exc):
            raise busy_error() from None
        raise
    except BaseException:
        conn.close()
        raise


def _lock_alone(conn: Any) -> None:
    """Leave WAL and take an exclusive lock that stays, in this locking mode, until the connection closes."""
    conn.execute("PRAGMA journal_mode = DELETE")  # leaving WAL needs the only connection: else SQLITE_BUSY
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("COMMIT")


def _finish(old: Any, staged: Path, path: Path, encrypt: bool) -> str:
    """Check the new file against the old, keep an encrypted copy of the records as they were, and audit."""
    from peertool.db.audit import record_event
    from peertool.db.sqlite import open_file
    from peertool.db.store import write

    new = open_file(staged, create=False, keep_copy=False)
    try:
        _check(old, new.conn)
        source = new.conn if encrypt else old  # whichever is encrypted: the copy never holds plaintext
        stem = f"{path.name}.before-{'encrypt' if encrypt else 'decrypt'}-{dt.datetime.now():%Y%m%dT%H%M%S}"
        kept = copy_to_new_name(source, path.parent, stem)
        with write(new, audited=False):
            record_event(new, "database")
    finally:
        new.conn.close()
    return str(kept["path"])


def _check(old: Any, new: Any) -> None:
    status = new.execute("PRAGMA integrity_check").fetchone()[0]
    differ = [t for t in SqliteDatabase(old).tables() if _count(old, t) != _count(new, t)]
    if status != "ok" or differ:
        raise InvalidInput(
            "the converted copy did not match the database; nothing was changed.",
            hint="Run `peertool audit verify` and `peertool backup`, then try again.",
        )


def _count(conn: Any, table: str) -> int:
    return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])


def _replace(path: Path, staged: Path) -> None:
    """Put the new file in the old one's place, then zero the old file's bytes through a handle kept on it."""
    old_fd = os.open(path, os.O_RDWR | os.O_NOFOLLOW)
    try:
        os.replace(staged, path)
        _fsync_folder(path.parent)
        size = os.fstat(old_fd).st_size
        for offset in range(0, size, len(ZEROS)):
            os.pwrite(old_fd, ZEROS[: min(len(ZEROS), size - offset)], offset)
        os.fsync(old_fd)
    finally:
        os.close(old_fd)


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
