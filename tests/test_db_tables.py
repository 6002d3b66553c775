"""`db.tables.every_row`: a whole table by its own named columns, oldest row first, the same on every backend."""

import sqlite3

from peertool.db.sqlite import SqliteDatabase
from peertool.db.tables import every_row


def _database() -> SqliteDatabase:
    conn = sqlite3.connect(":memory:")
    conn.executescript(
        """CREATE TABLE notes (id INTEGER PRIMARY KEY, "group" TEXT, on_day TEXT);
           INSERT INTO notes VALUES (3, 'b', '2026-03-01'), (1, 'a', '2026-01-01'), (2, 'a', '2026-02-01');
           CREATE TABLE note_people (note_id INTEGER, person TEXT);
           INSERT INTO note_people VALUES (2, 'Wren'), (1, 'Tobin'), (2, 'Ada');"""
    )
    return SqliteDatabase(conn)


def test_rows_come_by_id_or_for_a_link_table_in_the_order_they_were_added() -> None:
    db = _database()
    assert [row["id"] for row in every_row(db, "notes")] == [1, 2, 3]
    assert list(every_row(db, "note_people")) == [
        {"note_id": 2, "person": "Wren"},
        {"note_id": 1, "person": "Tobin"},
        {"note_id": 2, "person": "Ada"},
    ]


def test_a_where_clause_cuts_the_rows_and_a_column_named_as_a_keyword_is_read() -> None:
    db = _database()
    rows = every_row(db, "notes", " WHERE on_day >= :start", {"start": "2026-02-01"})
    assert list(rows) == [
        {"id": 2, "group": "a", "on_day": "2026-02-01"},
        {"id": 3, "group": "b", "on_day": "2026-03-01"},
    ]


def test_a_column_named_rowid_is_never_read() -> None:
    db = _database()
    db.execute("CREATE TABLE links (rowid INTEGER, note_id INTEGER)")  # PostgreSQL's stand-in for the hidden one
    db.execute("INSERT INTO links VALUES (2, 7), (1, 8)")
    assert list(every_row(db, "links")) == [{"note_id": 8}, {"note_id": 7}]
