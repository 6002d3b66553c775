"""The SQLite backend every command reads through: rows as tuples or as dicts, and only the database's own tables."""

import sqlite3

from peertool.db.connection import Database
from peertool.db.sqlite import SqliteDatabase


def _database() -> SqliteDatabase:
    conn = sqlite3.connect(":memory:")
    conn.executescript(
        """CREATE TABLE people (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, city TEXT);
           INSERT INTO people (name, city) VALUES ('Wren Alder', 'Fairhaven'), ('Tobin Reed', NULL);"""
    )
    return SqliteDatabase(conn)


def test_tables_leaves_out_sqlites_own() -> None:
    db = _database()  # AUTOINCREMENT made sqlite_sequence
    names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert "sqlite_sequence" in names
    assert db.tables() == ["people"]


def test_the_library_database_has_the_program_tables(db: Database) -> None:
    tables = set(db.tables())
    assert {"participants", "peer_groups", "meetings", "contact_notes", "audit", "signatures"} <= tables
    assert not any(name.startswith("sqlite_") for name in tables)
