"""Issue 26, items 2 and 3: migration 0019 (reviews by the criteria, review cadence, more discharge codes).

It rebuilds `reviews` (next_due nullable) and `participants` (a wider reason-code CHECK): an upgraded database
keeps its rows, ids, indexes, triggers and sequences, and `audit verify` still finds nothing changed.
"""

import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from peertool.db.backends import open_database
from peertool.db.connection import Database
from peertool.db.migrations import sqlite_set

from helpers import Cli, file_of


def _database_of_0017(path: Path) -> None:
    """A database of migration 0017: two people (one discharged), two reviews, the newest person deleted."""
    conn = sqlite3.connect(path)
    sqlite_set().apply(sqlite_utils.Database(conn), stop_before="0019_reviews_by_criteria")
    for statement in (
        *(
            f"INSERT INTO participants (name, name_key, enrolled_on) VALUES ('{n}', '{n.lower()}', '2026-01-05')"
            for n in ("Ada Quill", "Bram Oakes", "Cy Fenn")
        ),
        "UPDATE participants SET status = 'discharged', discharged_on = '2026-03-01', discharge_reason = 'Moved "
        "on', discharge_reason_code = 'goals-met' WHERE id = 2",
        "INSERT INTO reviews (participant_id, reviewed_on, progressing, wants_to_continue, next_due) VALUES "
        "(1, '2026-02-01', 1, 1, '2026-05-02'), (2, '2026-02-01', 0, 0, '2026-05-02')",
        "DELETE FROM participants WHERE id = 3",
    ):  # fmt: skip
        conn.execute(statement)
    conn.commit()
    conn.close()


def _snapshot(conn: sqlite3.Connection) -> dict[str, Any]:
    return {
        "participants": conn.execute("SELECT id, name, status, discharge_reason_code FROM participants").fetchall(),
        "reviews": conn.execute("SELECT id, participant_id, reviewed_on, next_due FROM reviews").fetchall(),
        "attached": conn.execute("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
                                 "AND tbl_name IN ('participants', 'reviews') ORDER BY name").fetchall(),
        "sequence": conn.execute("SELECT name, seq FROM sqlite_sequence WHERE name IN ('participants', 'reviews') "
                                 "ORDER BY name").fetchall(),
        "audit": conn.execute("SELECT count(*) FROM audit").fetchone(),
    }  # fmt: skip


@pytest.fixture
def upgraded(env: Path) -> tuple[Path, dict[str, Any]]:
    path = env / "data" / "peertool.db"  # where the isolated world's PEERTOOL_DB points
    path.parent.mkdir(mode=0o700)
    _database_of_0017(path)
    conn = sqlite3.connect(path)
    before = _snapshot(conn)
    conn.close()
    return path, before


def test_an_upgraded_database_keeps_rows_ids_indexes_triggers_and_sequences(upgraded: tuple[Path, Any]) -> None:
    path, before = upgraded
    db = open_database(path, create=False)
    after = _snapshot(file_of(db).conn)
    assert set(before.pop("attached")) <= set(
        after.pop("attached")
    )  # every old index and trigger kept (0028 and 0029 add)
    assert after == before
    assert before["sequence"] == [("participants", 3), ("reviews", 2)]  # id 3 was deleted: still not reused
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    columns = {row[1] for row in db.execute("PRAGMA table_info(participants)")}
    assert {"review_every_days", "reviews_off", "next_review_on"} <= columns
    db.close()


def test_an_upgraded_database_verifies_and_takes_the_new_codes_and_a_null_next_due(upgraded: tuple[Path, Any]) -> None:
    path, _ = upgraded
    old = Cli(path)
    verified = old.json("audit", "verify")
    assert verified["ok"] is True and verified["changed"] == [] and verified["unchecked"] == 0
    assert verified["missing_triggers"] == [] and verified["added_triggers"] == []
    assert old.json("enroll", "Dee Lowe")["id"] == 4
    old.ok("discharge", "Ada Quill", "--reason", "Went to inpatient care", "--reason-code", "higher-level-of-care",
           "--date", "2026-03-02")  # fmt: skip
    review = old.json("review", "Dee Lowe", "--progressing", "yes", "--wants-to-continue", "no", "--json")
    assert review["next_due"] is None
    assert old.json("audit", "verify")["ok"] is True


def test_the_new_checks_hold(db: Database) -> None:
    db.execute("INSERT INTO participants (name, name_key, enrolled_on) VALUES ('Eve Moss', 'eve moss', '2026-01-05')")
    for column, value in (("discharge_reason_code", "bored"), ("reviews_off", 0), ("review_every_days", 0)):
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            db.execute(f"UPDATE participants SET {column} = ? WHERE id = 1", [value])
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        db.execute("INSERT INTO reviews (participant_id, reviewed_on, progressing, wants_to_continue, more_to_try) "
                   "VALUES (1, '2026-02-01', 1, 1, 2)")  # fmt: skip


def test_a_stored_definition_this_migration_does_not_know_stops_it(env: Path) -> None:
    path = env / "odd.db"
    conn = sqlite3.connect(path)
    sqlite_set().apply(sqlite_utils.Database(conn), stop_before="0019_reviews_by_criteria")
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = replace(sql, 'next_due TEXT NOT NULL', 'next_due TEXT  NOT NULL') "
                 "WHERE name = 'reviews'")  # fmt: skip
    conn.commit()
    conn.close()
    with pytest.raises(RuntimeError, match="0019"):
        open_database(path, create=False)
