"""The one interface every command reads and writes through, whichever backend keeps the records.

`Database` is what the library above `db/` sees: SQL written once, with
sqlite3's `?` and `:name` placeholders, rows as tuples (`execute`) or dicts
(`query`). Each backend is a subclass in a module of its own (`db/sqlite.py`,
`db/postgres.py`); nothing above `db/` knows which one it holds (tests/test_architecture.py).
"""

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from peertool.db.shapes import Access, ContentCheck

Params = Sequence[Any] | Mapping[str, Any]


class Cursor(Protocol):
    """What callers use of a query's result: sqlite3's and psycopg's cursors both fit."""

    @property
    def description(self) -> Any: ...

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchmany(self, size: int = ...) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Database(ABC):
    """A connection to the records: `execute` gives rows as tuples, `query` as dicts keyed by column."""

    __slots__ = ("created", "saved", "warning")
    # Whether the log names each row's writer as it is written (a server knows who connected; a file cannot), so
    # an unsealed row of another tool's may name someone (`audit.verify`).
    names_log_rows = False

    def __init__(self) -> None:
        self.saved: list[str] = []  # what each committed write created, in order (`store.write`)
        self.created = False  # whether opening it made its schema (`init` says "Created")
        self.warning: str | None = None  # what the user should know of the connection (a server without TLS)

    @abstractmethod
    def execute(self, sql: str, params: Params = ()) -> Cursor: ...

    @abstractmethod
    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        """One statement run once per row (a batch of inserts or updates inside a write)."""

    @abstractmethod
    def insert_id(self, sql: str, params: Params) -> int:
        """Run one INSERT into a table with an `id` and return the new row's id."""

    @abstractmethod
    def tables(self) -> list[str]:
        """The names of the database's own tables (the backend's internal ones left out)."""

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def stored_triggers(self) -> dict[str, str]:
        """Every trigger the database holds (and what they run), by name, as the database keeps its definition."""

    @abstractmethod
    def expected_triggers(self) -> dict[str, str]:
        """Every trigger the audit log depends on, by name, as `stored_triggers` should give it."""

    @property
    def encrypted(self) -> bool:
        """Whether the records are encrypted by peertool itself (a SQLCipher file)."""
        return False

    # The transaction steps, for `store.write` alone: every write goes through it.
    @abstractmethod
    def begin_write(self) -> None:
        """Begin a write transaction holding the write lock, so reads inside it see the latest commits."""

    @abstractmethod
    def commit(self) -> None: ...

    @abstractmethod
    def rollback(self) -> None: ...

    def query(self, sql: str, params: Params = ()) -> Iterator[dict[str, Any]]:
        cursor = self.execute(sql, params)
        names = [column[0] for column in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))

    def login(self) -> str:
        """Who is running peertool, for matching a staff member's `login`: on a file, `PEERTOOL_LOGIN` when set,
        else the operating-system user (a convenience, not a boundary: anyone running as the user can set it)."""
        from peertool.db.users import login_name

        return login_name()

    def audit_user(self) -> str:
        """Who the audit log names for this connection's changes: the operating-system user on a file (the
        environment can say anything)."""
        from peertool.db.users import os_user

        return os_user()

    @abstractmethod
    def seal(self, own_from: int) -> int:
        """Name, digest and chain every unsealed audit row (`audit.seal`); rows from id `own_from` on are this
        transaction's. How many were sealed."""

    @abstractmethod
    def content_check(self) -> "ContentCheck":
        """The records whose content is not what their latest sealed audit row recorded (`audit_content`)."""

    @abstractmethod
    def draw(self, kind: str, record_id: int, percent: int | None, today: str) -> bool:
        """Whether a record its author has just signed needs a co-signature (`db.cosign`): drawn once and kept.
        `percent` is the signer's policy for its kind (None: none)."""

    def reads_all(self) -> bool:
        """Whether every record is visible to this connection (a file's are; on a server, row-level security
        may show a role only its caseload)."""
        return True

    def access(self, *, apply: bool, cosign: dict[str, int]) -> "Access":
        """`db grant`: the server's row-level security, the team's co-sign policy (`cosign`, the percent of each
        kind drawn) and each staff member's access (applied when `apply`). A file has none: it is private to the
        account that owns it, whose own config is the policy."""
        from peertool.errors import InvalidInput

        raise InvalidInput(
            "db grant sets who may read what on a team database on PostgreSQL; a SQLite file is private to the "
            "user account that owns it.",
            hint="Give each staff member their own file, or move the team onto PostgreSQL (README: Working as a team).",
        )

    @abstractmethod
    def columns(self, table: str) -> list[str]:
        """A table's columns, in order, leaving out one named rowid (PostgreSQL's stand-in for SQLite's hidden
        rowid, which gives the link tables their order): `SELECT *` without the backend showing."""

    @abstractmethod
    def applied_migrations(self) -> list[str]:
        """The names of the schema's migrations this database has applied, the latest last."""
