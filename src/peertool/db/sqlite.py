"""The SQLite backend: a file of the user's own, opened with foreign keys, WAL and a busy timeout.

Every write is one `BEGIN IMMEDIATE` transaction: under WAL a deferred
transaction that reads and then writes fails at once with "database is
locked", whatever the timeout, so taking the write lock up front is what
makes the busy timeout work. An encrypted file is opened through SQLCipher
(`db.cipher`).
"""

import errno
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from peertool.db import cipher
from peertool.db.busy import busy_error, busy_timeout, is_busy_error
from peertool.db.connection import Database, Params
from peertool.db.migrations import LATEST_MIGRATION
from peertool.errors import FREE_SPACE, Busy, InvalidInput, IOFailure, NotFound, PeertoolError, os_failure

if TYPE_CHECKING:
    from peertool.db.shapes import ContentCheck

_T = TypeVar("_T")


class SqliteDatabase(Database):
    """A sqlite3 (or SQLCipher) connection; `conn` is for `db/` alone."""

    __slots__ = ("conn",)

    def __init__(self, conn: sqlite3.Connection):
        super().__init__()
        self.conn = conn

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        self.conn.executemany(sql, rows)

    def insert_id(self, sql: str, params: Params) -> int:
        return int(self.conn.execute(sql, params).lastrowid or 0)

    def tables(self) -> list[str]:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        return [row[0] for row in self.conn.execute(sql)]

    def seal(self, own_from: int) -> int:
        """Sealed here, by peertool: whoever runs it can write the file anyway."""
        from peertool.db.audit import seal

        return seal(self, own_from)

    def content_check(self) -> "ContentCheck":
        """Digests keyed with the user's own key file, kept outside the file it protects."""
        from peertool.db.audit_content import check

        return check(self)

    def draw(self, kind: str, record_id: int, percent: int | None, today: str) -> bool:
        """Drawn here, under the signer's own policy: the file is theirs."""
        from peertool.db.cosign import draw

        return draw(self, kind, record_id, percent, today)

    def close(self) -> None:
        self.conn.close()

    def stored_triggers(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall())

    def expected_triggers(self) -> dict[str, str]:
        from peertool.db.triggers import expected_triggers

        return expected_triggers()

    @property
    def encrypted(self) -> bool:
        from peertool.db.cipher import is_cipher

        return is_cipher(self.conn)

    def begin_write(self) -> None:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except cipher.errors("OperationalError") as exc:
            if is_busy_error(exc):
                raise busy_error() from None
            raise

    def commit(self) -> None:
        """Commit; a commit that failed (a deferred foreign key, a full disk) leaves the lock held until
        `store.write` rolls back."""
        try:
            self.conn.commit()
        except cipher.errors("OperationalError") as exc:
            if is_busy_error(exc):
                raise busy_error() from None
            raise

    def rollback(self) -> None:
        self.conn.rollback()

    def columns(self, table: str) -> list[str]:
        return [row[1] for row in self.conn.execute(f"PRAGMA table_info({table})") if row[1] != "rowid"]

    def applied_migrations(self) -> list[str]:
        sql = "SELECT name FROM _sqlite_migrations WHERE migration_set = 'peertool' ORDER BY applied_at, name"
        return [row[0] for row in self.conn.execute(sql)]


def storage_failure(exc: BaseException, saved: Sequence[str] = ()) -> IOFailure | None:
    """SQLite's report of a full disk, a read-only database or an I/O error, as a plain IOFailure.

    `saved` is what the run's earlier commits created (`Database.saved`): the message says the last of them.
    """
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    text = str(exc).lower()
    if name.startswith("SQLITE_FULL") or "database or disk is full" in text:
        reason, hint = "the disk is full", FREE_SPACE
    elif name.startswith("SQLITE_READONLY") or "readonly database" in text:
        reason, hint = "the database is read-only", "Check the file's permissions, or copy it somewhere writable."
    elif name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        reason, hint = "the disk reported an input/output error", "Check the disk, then run the command again."
    else:
        return None
    if saved:
        return IOFailure(f"{reason}; the change was saved ({saved[-1]}).", hint)
    return IOFailure(f"{reason}; nothing was changed.", hint)


def create_private_file(path: Path) -> None:
    """Make the empty file (0600) unless one is there, never through a link."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        return
    try:
        os.fchmod(fd, 0o600)  # whatever the umask
    finally:
        os.close(fd)


def check_database_files(path: Path) -> None:
    """The database and its sidecar files must be regular files of our own; our own are tightened to 0600.

    Records are never written into a file another user owns or could have
    opened, nor through a link or into a device (`--db /dev/null` would make
    SQLite create `/dev/null-journal`).
    """
    from peertool.files import refuse_unsafe, with_sidecars

    for file in with_sidecars(path):
        refuse_unsafe(file, error=InvalidInput)
        try:
            info = os.lstat(file)
        except FileNotFoundError:
            continue
        if info.st_uid != os.geteuid():
            raise InvalidInput(
                f"database: {file.name} belongs to another user; peertool keeps records only in your own files.",
                hint="Choose a database path in a folder of your own.",
            )
        if info.st_mode & 0o077:
            os.chmod(file, 0o600)


def open_file(path: Path, *, create: bool, keep_copy: bool = True, encrypt: bool = False) -> SqliteDatabase:
    """Open (and, for writers, create) the database and bring its schema up to date.

    A reader never creates a file: a missing database is NotFound with the
    command that makes one. An encrypted file is opened through SQLCipher
    (`db.cipher`); `encrypt` makes a new database encrypted. Before a
    migration changes an existing database, a copy is kept beside it (unless
    `keep_copy` is False, for a private staging copy). Copies a killed
    process left half-written are swept away.
    """
    if path.is_dir() and not path.is_symlink():
        raise InvalidInput(f"database: {path} is a folder; give a file, e.g. {path / 'peertool.db'}.")
    check_database_files(path)
    made = False
    if not os.path.lexists(path):
        if not create:
            raise NotFound(
                f"no database at {path}.",
                hint="Create one with `peertool init`, or point --db or PEERTOOL_DB at yours.",
            )
        made = _with_failures_told(path, None, lambda: _create_whole(path, encrypt=encrypt))
    identity = _identity(path)
    db = _with_failures_told(path, identity, lambda: _connect(path, encrypt=encrypt, keep_copy=keep_copy))
    db.created = db.created or made
    return db


def _with_failures_told(path: Path, identity: tuple[int, int] | None, opening: Callable[[], _T]) -> _T:
    """Run `opening`, telling truly why the database at `path` could not be made or opened (`_cannot_open`)."""
    failures: tuple[type[Exception], ...] = (InvalidInput, *cipher.errors("DatabaseError"))
    try:
        return opening()
    except failures as exc:
        raise _cannot_open(path, exc, identity) from None


def _create_whole(path: Path, *, encrypt: bool) -> bool:
    """Make a new database whole (in WAL, every migration applied) under a temporary name, then give it `path`.

    Processes that create one database together thus never meet a half-made file: SQLite refuses the switch to
    WAL at once, without waiting, while another process has the file open, and under load four processes
    retrying it could starve one past the busy timeout. True when this process made it (`_give_name`).
    """
    from peertool.db.snapshot import partial_file
    from peertool.files import make_private_folders

    try:
        make_private_folders(path.parent)
        with partial_file(path) as temp:
            _connect(temp, encrypt=encrypt, keep_copy=False, label=path).close()
            return _give_name(temp, path)
    except OSError as exc:
        raise _cannot_create(path, exc) from None


# What link() says on a file system without hard links (FAT or exFAT on a memory stick, some network shares).
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK}


def _give_name(temp: Path, path: Path) -> bool:
    """Give the new database its name by a link, never a replacement: False when another process gave it first
    (theirs is kept, ours discarded). Where the file system has no hard links, an empty file is made in place
    instead, only if none is there, and migrated when opened, as before (the race is then SQLite's to wait out)."""
    try:
        os.link(temp, path)
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        create_private_file(path)
        return False
    return True


def _connect(path: Path, *, encrypt: bool, keep_copy: bool, label: Path | None = None) -> SqliteDatabase:
    """Connect to the file at `path` in its form (plain or encrypted), set up the connection, migrate; errors name
    `label` (the name a new database will have, not its temporary one)."""
    from peertool.files import sweep_temporaries

    encrypted = cipher.is_encrypted(path)
    if encrypt and not encrypted:
        _refuse_plain_contents(path)
    conn = cipher.connect(path, encrypted=encrypted or encrypt, timeout=busy_timeout(), label=str(label or path))
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        _enable_wal(conn)
        db = SqliteDatabase(conn)
        sweep_temporaries(path.parent)  # what a killed copy of this database left beside it
        if not _up_to_date(conn):
            _migrate(db, path, keep_copy=keep_copy)
    except BaseException:
        conn.close()
        raise
    return db


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file is at `path` (None if none is): a conversion puts another one there."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return info.st_dev, info.st_ino


def _cannot_create(path: Path, exc: OSError) -> PeertoolError:
    """A new database that could not be made: the machine's failure (exit 74), or a path to fix (exit 1)."""
    reason, hint = os_failure(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO):
        return IOFailure(f"database: cannot create {path}: {reason}; nothing was changed.", hint)
    return InvalidInput(f"database: cannot create {path} ({exc.strerror or type(exc).__name__}).")


def _cannot_open(path: Path, exc: Exception, identity: tuple[int, int] | None) -> PeertoolError:
    """Why an existing database could not be opened, told truly.

    A file replaced while we opened it was converted by `db encrypt` or
    `db decrypt` (which zeroes the old file once the new one is in place):
    the database was busy, not the key wrong nor the file broken. A file
    system mounted read-only lets SQLite open nothing in WAL mode (it cannot
    make the shared-memory file), which is the machine's failure, exit 74.
    """
    if is_busy_error(exc):
        return busy_error()
    if identity is not None and _identity(path) not in (None, identity):  # None: a new database, being made
        return Busy(
            f"database: {path} was converted (db encrypt or db decrypt) while this command opened it; "
            "nothing was changed.",
            hint="Run the command again.",
        )
    if isinstance(exc, PeertoolError):
        return exc
    failure = storage_failure(exc)  # after a conversion: SQLite calls a file moved away "read-only"
    if failure is not None:  # e.g. a disk that filled while a new database was made: the machine's failure, exit 74
        return failure
    if _read_only_file_system(path):
        reason, hint = os_failure(OSError(errno.EROFS, ""))
        return IOFailure(f"database: {path} cannot be opened: {reason}; nothing was changed.", hint)
    reason = getattr(exc, "sqlite_errorname", None) or type(exc).__name__
    return InvalidInput(f"database: {path} cannot be opened as a peertool database ({reason}).")


def _read_only_file_system(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _refuse_plain_contents(path: Path) -> None:
    """`init --encrypt` makes a new database; one that already holds plain records is converted instead."""
    if path.stat().st_size:
        raise InvalidInput(
            f"database: {path} already holds a plain database.",
            hint="Encrypt it with `peertool db encrypt` (a copy of it is kept).",
        )


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch a new file to WAL (the setting persists in the file).

    SQLite answers "locked" at once, without its busy handler, when another
    process has the file open during the switch, as happens when several
    processes create a new database together; so we retry until the timeout.
    """
    deadline = time.monotonic() + busy_timeout()
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except cipher.errors("OperationalError") as exc:
            if not is_busy_error(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _up_to_date(conn: sqlite3.Connection) -> bool:
    """Whether the schema is current, in one indexed query: the migration machinery is loaded only when not."""
    try:
        return bool(
            conn.execute(
                "SELECT 1 FROM _sqlite_migrations WHERE migration_set = 'peertool' AND name = ?", [LATEST_MIGRATION]
            ).fetchone()
        )
    except cipher.errors("OperationalError"):  # a new file: no migrations table yet
        return False


def _migrate(db: SqliteDatabase, path: Path, *, keep_copy: bool) -> None:
    """Apply pending migrations, all or none, through sqlite-utils; back up an existing database first.

    Foreign keys are off meanwhile, as SQLite's procedure for rebuilding a
    table asks (see `schema_ids`), and checked before the migrations commit:
    links broken by a migration undo them all. The query planner's
    statistics are refreshed afterwards.
    """
    import sqlite_utils

    from peertool.db.migrations import sqlite_set
    from peertool.db.snapshot import copy_to_new_name
    from peertool.db.store import write

    migrations = sqlite_set()
    utils_db = sqlite_utils.Database(db.conn, execute_plugins=False)
    pending = migrations.pending(utils_db)
    if not pending:
        return
    db.created = not migrations.applied(utils_db)
    if keep_copy and not db.created:  # an existing database: keep a copy of it as it was
        copy_to_new_name(db.conn, path.parent, f"{path.name}.before-{pending[0].name}")
    db.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction: set before it begins
    try:
        with write(db, audited=False):
            broken_before = _broken_links(db)
            migrations.apply(utils_db)  # applies only what is still pending under the lock, all or none
            if _broken_links(db) - broken_before:
                raise RuntimeError("a migration broke the links between records; nothing was changed")
    finally:
        db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA optimize")


def _broken_links(db: SqliteDatabase) -> set[tuple[Any, ...]]:
    """Every row whose foreign key finds no record (a database another tool wrote may hold some already)."""
    return {tuple(row) for row in db.execute("PRAGMA foreign_key_check")}
