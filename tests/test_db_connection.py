"""The connection every command reads through: rows as tuples or as dicts, and only the database's own tables."""

import sqlite3

from peertool.db.connection import Database


def _database() -> Database:
    conn = sqlite3.connect(":memory:")
    conn.executescript(
        """CREATE TABLE people (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, city TEXT);
           INSERT INTO people (name, city) VALUES ('Wren Alder', 'Fairhaven'), ('Tobin Reed', NULL);"""
    )
    return Database(conn)


def test_execute_gives_tuples_and_query_gives_dicts_keyed_by_column() -> None:
    db = _database()
    assert db.execute("SELECT name, city FROM people WHERE id = ?", [2]).fetchall() == [("Tobin Reed", None)]
    assert list(db.query("SELECT id, name AS who FROM people ORDER BY id DESC")) == [
        {"id": 2, "who": "Tobin Reed"},
        {"id": 1, "who": "Wren Alder"},
    ]
    assert list(db.query("SELECT name FROM people WHERE city = :city", {"city": "Fairhaven"})) == [
        {"name": "Wren Alder"}
    ]


def test_tables_leaves_out_sqlites_own() -> None:
    db = _database()  # AUTOINCREMENT made sqlite_sequence
    names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert "sqlite_sequence" in names
    assert db.tables() == ["people"]


def test_the_library_database_has_the_program_tables(db: Database) -> None:
    tables = set(db.tables())
    assert {"participants", "peer_groups", "meetings", "contact_notes", "audit", "signatures"} <= tables
    assert not any(name.startswith("sqlite_") for name in tables)
