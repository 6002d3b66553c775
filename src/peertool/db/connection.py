"""The database connection every command reads and writes through: sqlite3, with two ways to read.

sqlite-utils is kept for what it does well (the schema's migrations), and
stays off every read path: importing it costs a command tens of
milliseconds, paid on every call of a coach's script.
"""

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

Params = Sequence[Any] | Mapping[str, Any]


class Database:
    """A sqlite3 connection: `execute` gives rows as tuples, `query` as dicts keyed by column."""

    __slots__ = ("conn", "saved")

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.saved: list[str] = []  # what each committed write created, in order (`store.write`)

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        """One statement run once per row (a batch of inserts or updates inside a write)."""
        self.conn.executemany(sql, rows)

    @property
    def encrypted(self) -> bool:
        """Whether the database is encrypted (opened through SQLCipher, with the process's key)."""
        from peertool.db.cipher import is_cipher

        return is_cipher(self.conn)

    def close(self) -> None:
        self.conn.close()

    def tables(self) -> list[str]:
        """The names of the database's own tables (SQLite's internal ones left out)."""
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        return [row[0] for row in self.conn.execute(sql)]

    def query(self, sql: str, params: Params = ()) -> Iterator[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [column[0] for column in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))
