"""The PostgreSQL backend: a team's database on a server, reached through psycopg 3.

Imported only when the location names a server (`db.backends`), so a SQLite
command never loads psycopg (a fifth of a second). peertool's SQL, written
once with sqlite3's placeholders, is made psycopg's by `db.dialect`.

Transactions behave as SQLite's `BEGIN IMMEDIATE` does: reads run in
autocommit; a write begins and at once takes one transaction-scoped advisory
lock, so writers go one at a time and every read inside a write sees the
latest commits. A writer waits for the lock up to `lock_timeout`, set from
PEERTOOL_BUSY_TIMEOUT; past it the server says 55P03, which is "busy" (75).
"""

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from peertool.db.connection import Database, Params
from peertool.db.dialect import for_postgres
from peertool.db.postgres_triggers import WRITE_LOCK
from peertool.errors import ConfigError, InvalidInput, NotFound, Unavailable

if TYPE_CHECKING:
    import psycopg

    from peertool.db.location import PostgresLocation
    from peertool.db.shapes import Access, ChangedRecord, ContentCheck

CONNECT_TIMEOUT = 10  # seconds to reach the server, unless the location or PGCONNECT_TIMEOUT says otherwise


class PostgresDatabase(Database):
    """A psycopg connection in autocommit, with peertool's write lock."""

    __slots__ = ("_conn", "_who")
    names_log_rows = True  # `postgres_triggers.audit_named`

    def __init__(self, conn: "psycopg.Connection[Any]"):
        super().__init__()
        self._conn = conn
        self._who: tuple[str, bool] | None = None

    def execute(self, sql: str, params: Params = ()) -> "psycopg.Cursor[Any]":
        return self._conn.execute(for_postgres(sql), params)

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        with self._conn.cursor() as cursor:
            cursor.executemany(for_postgres(sql), rows)

    def insert_id(self, sql: str, params: Params) -> int:
        row = self._conn.execute(for_postgres(sql) + " RETURNING id", params).fetchone()
        return int(row[0]) if row else 0

    def tables(self) -> list[str]:
        sql = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        return [row[0] for row in self._conn.execute(sql)]

    def columns(self, table: str) -> list[str]:
        sql = """SELECT column_name FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = ? AND column_name <> 'rowid'
                 ORDER BY ordinal_position"""
        return [row[0] for row in self.execute(sql, [table])]

    def applied_migrations(self) -> list[str]:
        sql = "SELECT name FROM peertool_migrations WHERE migration_set = 'peertool' ORDER BY applied_at, name"
        return [row[0] for row in self.execute(sql)]

    def login(self) -> str:
        """The role the server authenticated (`session_user`; no variable and no `SET ROLE` changes it).

        PEERTOOL_LOGIN is honoured only for the owner of peertool's tables (or a superuser): row-level security
        does not bind them, so acting for a staff member gives them nothing they lack, and lets an administrator
        or a script work as one. The audit log names the role all the same (`audit_user`).
        """
        import os

        from peertool.db.users import LOGIN_ENV, login_name

        return login_name() if self.owns_tables() and os.environ.get(LOGIN_ENV, "").strip() else self.audit_user()

    def audit_user(self) -> str:
        return self._session()[0]

    def owns_tables(self) -> bool:
        """Whether this role owns peertool's tables (or is a member of the role that does): policies do not bind
        it, and it alone may change them."""
        return self._session()[1]

    def seal(self, own_from: int) -> int:
        """Sealed by the server (`postgres_seal`), naming the role it authenticated: never by the client."""
        from peertool.db.audit import command_name

        return int(self._one("SELECT peertool_seal(?)", [command_name()]) or 0)

    def content_check(self) -> "ContentCheck":
        """Checked by the server, which alone reads the team's audit key: every record, whoever asks."""
        found = self.execute("SELECT table_name, record_id, state FROM peertool_content_check() ORDER BY 1, 2")
        states = found.fetchall()
        if any(state == "no key" for *_, state in states):
            return {"changed": None, "unchecked": None, "content": "not checked: the team database has no audit key"}
        changed: list[ChangedRecord] = [{"table": t, "record_id": r} for t, r, state in states if state == "changed"]
        return {
            "changed": changed,
            "unchecked": sum(state == "unchecked" for *_, state in states),
            "content": "checked",
        }

    def draw(self, kind: str, record_id: int, percent: int | None, today: str) -> bool:
        """Drawn by the server (`postgres_draw`), under the team's policy or the signer's if it asks for more."""
        return bool(self._one("SELECT peertool_draw(?, ?, ?, ?)", [kind, record_id, percent, today]))

    def reads_all(self) -> bool:
        """The owner reads every row; so does a role the policies do not narrow (none applied) or a director."""
        if self.owns_tables() or not self._one("SELECT row_security_active('participants')"):
            return True
        return bool(self._one("SELECT coalesce(peertool_my_role() = 'director', false)"))  # made with the policies

    def _one(self, sql: str, params: Params = ()) -> Any:
        row = self.execute(sql, params).fetchone()
        return row[0] if row else None

    def access(self, *, apply: bool, cosign: dict[str, int]) -> "Access":
        from peertool.db.postgres_access import plan

        return plan(self, apply=apply, owner=self.owns_tables(), cosign=cosign)

    def _session(self) -> tuple[str, bool]:
        """`session_user`, and whether it is (a member of) the owner of the staff table: read once."""
        if self._who is None:
            row = self._conn.execute(
                """SELECT session_user, coalesce((SELECT pg_has_role(session_user, relowner, 'MEMBER')
                   FROM pg_class WHERE oid = to_regclass('staff')), false)"""
            ).fetchone()
            self._who = (str(row[0]), bool(row[1])) if row else ("", False)
        return self._who

    def close(self) -> None:
        self._conn.close()

    def stored_triggers(self) -> dict[str, str]:
        """The schema's triggers as `pg_get_triggerdef` prints them (a disabled one says so), and the bodies of
        the functions they run."""
        from peertool.db.postgres_seal import names

        triggers = """SELECT t.tgname, pg_get_triggerdef(t.oid)
                             || CASE t.tgenabled WHEN 'D' THEN ' -- disabled' ELSE '' END
                      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                      WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace"""
        functions = """SELECT 'function ' || proname || '()', prosrc || CASE WHEN prosecdef THEN
                              E'\n-- security definer: ' || coalesce(array_to_string(proconfig, ' '), '') ELSE '' END
                       FROM pg_proc WHERE pronamespace = current_schema()::regnamespace AND proname = ANY(?)"""
        found = dict(self.execute(triggers).fetchall())
        return {**found, **dict(self.execute(functions, [names()]).fetchall())}

    def expected_triggers(self) -> dict[str, str]:
        from peertool.db.postgres_seal import expected_definitions

        return expected_definitions()

    def begin_write(self) -> None:
        """Begin, and wait for the write lock up to `lock_timeout`: past it, the database is busy (as on SQLite)."""
        from psycopg.errors import LockNotAvailable

        from peertool.db.busy import busy_error

        self._conn.execute("BEGIN")
        try:
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
        except BaseException as exc:
            self.rollback()
            if isinstance(exc, LockNotAvailable):
                raise busy_error() from None
            raise

    def commit(self) -> None:
        """Commit; a transaction a failed statement aborted is never reported saved (PostgreSQL's COMMIT would
        quietly roll it back)."""
        from psycopg.pq import TransactionStatus

        if self._conn.info.transaction_status == TransactionStatus.INERROR:
            raise RuntimeError("a statement failed inside the write: nothing was saved")
        self._conn.execute("COMMIT")

    def rollback(self) -> None:
        """Roll back, if a transaction is still open: a connection the server closed has none to end."""
        from psycopg import Error
        from psycopg.pq import TransactionStatus

        if not self._conn.closed and self._conn.info.transaction_status != TransactionStatus.IDLE:
            try:
                self._conn.execute("ROLLBACK")
            except Error:  # the connection broke: the server rolls back; the error that led here is the one to tell
                pass


def open_server(location: "PostgresLocation", *, create: bool, encrypt: bool = False) -> PostgresDatabase:
    """Connect to the team database and make sure it holds peertool's schema (made only for a writer)."""
    if encrypt:
        raise InvalidInput(
            "--encrypt encrypts a SQLite file; a PostgreSQL server keeps its records itself.",
            hint="Ask the server's administrator for encrypted storage, and connect with sslmode=verify-full.",
        )
    from peertool.db.location import tls_warning

    db = PostgresDatabase(_connect(location))
    try:
        # the parameters libpq used, a service file's and the environment's included: the location alone may not say
        used = {option.keyword.decode(): option.val.decode() for option in db._conn.pgconn.info if option.val}
        db.warning = tls_warning(used, {})
        _bring_up_to_date(db, create=create)
    except BaseException:
        db.close()
        raise
    return db


def _connect(location: "PostgresLocation") -> "psycopg.Connection[Any]":
    """A connection in autocommit that waits for a lock no longer than PEERTOOL_BUSY_TIMEOUT."""
    try:
        import psycopg
        from psycopg.conninfo import make_conninfo
    except ImportError:  # installed without the `postgres` extra
        raise ConfigError(
            "a PostgreSQL database needs its driver, which is not installed.",
            hint="Install it with: pip install 'peertool[postgres]'",
        ) from None

    from peertool.db.busy import busy_timeout
    from peertool.db.pg_errors import database_error

    wait = max(1, round(busy_timeout() * 1000))  # 0 would mean "forever" to PostgreSQL
    settings = {}
    if "connect_timeout" not in location.params and not os.environ.get("PGCONNECT_TIMEOUT"):
        settings["connect_timeout"] = str(CONNECT_TIMEOUT)  # libpq's default is to wait for ever
    try:
        conn = psycopg.connect(make_conninfo(location.conninfo, **settings), autocommit=True)
    except psycopg.Error as exc:
        raise (database_error(exc) or Unavailable("cannot connect to the database server.")) from None
    conn.execute("SELECT set_config('lock_timeout', %s, false)", [f"{wait}ms"])  # leaves PGOPTIONS alone
    _adapt(conn)
    return conn


def _adapt(conn: "psycopg.Connection[Any]") -> None:
    """Values as SQLite gives and takes them: a flag is sent as 0 or 1 (the columns are integers), and a sum or
    an average comes back as an int or a float, never a Decimal a JSON output could not hold."""
    from psycopg.adapt import Dumper, Loader

    class Flag(Dumper):
        oid = conn.adapters.types["int8"].oid

        def dump(self, obj: bool) -> bytes:
            return b"1" if obj else b"0"

    class Number(Loader):
        def load(self, data: Any) -> int | float:
            text = bytes(data).decode()
            return int(text) if text.lstrip("-").isdigit() else float(text)

    conn.adapters.register_dumper(bool, Flag)
    conn.adapters.register_loader("numeric", Number)


def _bring_up_to_date(db: PostgresDatabase, *, create: bool) -> None:
    """Make the schema in an empty database (for a writer), or check that it is this version's."""
    from peertool.db.migrations import LATEST_MIGRATION

    if _applied(db, LATEST_MIGRATION):
        return
    if _has_schema(db):
        _upgrade(db)
        return
    if not create:
        raise NotFound(
            "the database on the server holds no peertool records yet.",
            hint="Create them with `peertool init` (as the database's owner).",
        )
    _create_schema(db)


def _create_schema(db: PostgresDatabase) -> None:
    """Run the baseline (`postgres_schema`) in one transaction under the write lock; a second process that
    waited for the lock finds it made and does nothing."""
    from peertool.db.postgres_schema import baseline

    with _schema_write(db):
        if not _has_schema(db):
            for sql, params in baseline():
                db.execute(sql, params)
            db.created = True


def _upgrade(db: PostgresDatabase) -> None:
    """Bring an older schema up to date, as its owner, in one transaction under the write lock; another version's
    schema, or a role that does not own it, is ConfigError (5)."""
    from peertool.db.postgres_schema import upgrade

    with _schema_write(db):
        steps = upgrade(db.applied_migrations())
        if steps is None:
            raise ConfigError(
                "the team database's schema is from a newer version of peertool.",
                hint="Use the version of peertool that made it, or a newer one.",
            )
        if steps and not db.owns_tables():
            raise ConfigError(
                "the team database's schema is from an older version of peertool.",
                hint="Its owner brings it up to date by running `peertool init` with this version.",
            )
        for sql, params in steps:
            db.execute(sql, params)


@contextmanager
def _schema_write(db: PostgresDatabase) -> Iterator[None]:
    """One transaction under the write lock, with no audit seal (the schema's own tables are not records)."""
    db.begin_write()
    try:
        yield
    except BaseException:
        db.rollback()
        raise
    db.commit()


def _has_schema(db: PostgresDatabase) -> bool:
    row = db.execute("SELECT to_regclass('peertool_migrations') IS NOT NULL").fetchone()
    return bool(row and row[0])


def _applied(db: PostgresDatabase, name: str) -> bool:
    """Whether `name` is the last migration the database applied (a newer one means a newer peertool made it)."""
    if not _has_schema(db):
        return False
    sql = "SELECT name FROM peertool_migrations WHERE migration_set = 'peertool' ORDER BY id DESC LIMIT 1"
    row = db.execute(sql).fetchone()
    return row is not None and row[0] == name
