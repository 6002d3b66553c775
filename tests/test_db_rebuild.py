"""`db.rebuild`: a table made again from its edited definition keeps its rows, indexes, triggers and counter."""

import sqlite3

import sqlite_utils

from peertool.db.rebuild import rebuild


def _table(conn: sqlite3.Connection) -> None:
    conn.executescript("""
        CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, word TEXT NOT NULL);
        CREATE INDEX t_word ON t (word);
        CREATE TABLE log (what TEXT);
        CREATE TRIGGER t_logged AFTER INSERT ON t BEGIN INSERT INTO log VALUES (NEW.word); END;
        INSERT INTO t (word) VALUES ('a'), ('b'), ('c');
        DELETE FROM t WHERE id = 3;
    """)


def _attached(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return conn.execute("SELECT name, sql FROM sqlite_master WHERE tbl_name = 't' AND type != 'table'").fetchall()


def test_a_rebuild_keeps_rows_indexes_triggers_and_the_sequence_and_logs_nothing() -> None:
    conn = sqlite3.connect(":memory:")
    _table(conn)
    attached = _attached(conn)
    rebuild(sqlite_utils.Database(conn), "t", lambda sql: sql.replace("word TEXT NOT NULL", "word TEXT"),
            migration="test")  # fmt: skip
    assert conn.execute("SELECT * FROM t").fetchall() == [(1, "a"), (2, "b")]
    assert "word TEXT)" in conn.execute("SELECT sql FROM sqlite_master WHERE name = 't'").fetchone()[0]
    assert _attached(conn) == attached
    assert conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 't'").fetchone() == (3,)
    assert conn.execute("SELECT count(*) FROM log").fetchone() == (3,)  # the copy fired no trigger
    conn.execute("INSERT INTO t (word) VALUES (NULL)")
    assert conn.execute("SELECT max(id) FROM t").fetchone() == (4,)  # id 3 is never given again
    assert conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 't_test'").fetchall() == []
