"""Migration 0018 (issue 26, items 1 and 7): intake screening's tables, audited; existing people not screened."""

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from peertool.db.backends import open_database
from peertool.db.connection import Database
from peertool.db.migrations import sqlite_set

from helpers import Cli


def _database_of_0017(path: Path) -> None:
    """A database of migration 0017 with a group and three people, the third discharged, as peertool 0.17 kept."""
    path.parent.mkdir(mode=0o700, exist_ok=True)
    conn = sqlite3.connect(path)
    sqlite_set().apply(sqlite_utils.Database(conn), stop_before="0018_intake_screening")
    conn.execute("INSERT INTO peer_groups (name, name_key, start_on, weekday, time) "
                 "VALUES ('Elm', 'elm', '2026-01-06', 1, '18:00')")  # fmt: skip
    for name in ("Ada Quill", "Bram Oakes", "Cy Fenn"):
        conn.execute("INSERT INTO participants (name, name_key, enrolled_on) VALUES (?, ?, '2026-01-05')",
                     [name, name.lower()])  # fmt: skip
    conn.execute("UPDATE participants SET status = 'discharged', discharged_on = '2026-02-01' WHERE id = 3")
    conn.execute("INSERT INTO memberships (group_id, participant_id, joined_on) VALUES (1, 1, '2026-01-06')")
    conn.commit()
    conn.close()


def test_an_upgraded_database_has_no_one_screened_and_verifies(env: Path) -> None:
    path = env / "data" / "peertool.db"
    _database_of_0017(path)
    old = Cli(path)
    verified = old.json("audit", "verify")
    assert verified["ok"] is True and verified["changed"] == [] and verified["missing_triggers"] == []
    db = open_database(path, create=False)
    assert db.execute("SELECT count(*) FROM screenings").fetchone() == (0,)
    db.close()
    lint = old.json_fail("note", "lint")
    unscreened = [(p["participant"]["id"], p["date"]) for p in lint["problems"] if p["check"] == "not-screened"]
    assert unscreened == [(1, "2026-01-05"), (2, "2026-01-05")]  # the active ones; Cy is discharged
    assert old.json("participant", "show", "1")["screening"] is None
    old.ok("group", "add", "Elm", "2")  # not screened is not blocked: a running program keeps working


def test_the_new_tables_are_audited(db: Database) -> None:
    triggers = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    for table in ("definitions", "screenings", "screening_answers"):
        assert {f"audit_{table}_{a}" for a in ("insert", "update", "delete")} <= triggers
        sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
        assert "AUTOINCREMENT" in sql


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO screenings (participant_id, screened_on, screened_by, definition_id, outcome, team_contact) "
        "VALUES (1, '2026-01-05', 'coach', 1, 'eligible', 'Dr. Lee')",  # a team contact without consent
        "INSERT INTO screenings (participant_id, screened_on, screened_by, definition_id, outcome) "
        "VALUES (1, '2026-01-05', 'coach', 1, 'maybe')",
        "INSERT INTO screening_answers (screening_id, kind, code, answer) VALUES (1, 'criterion', 'A', 0)",
        "INSERT INTO screening_answers (screening_id, kind, code, answer) VALUES (1, 'service', 'dental', 1)",
    ],
)
def test_the_schema_refuses_what_a_screening_cannot_be(db: Database, statement: str) -> None:
    db.execute("INSERT INTO participants (name, name_key, enrolled_on) VALUES ('Ada', 'ada', '2026-01-05')")
    db.execute("INSERT INTO definitions (version, content, sha256, first_used_on) VALUES ('v', '{}', ?, '2026-01-05')",
               ["0" * 64])  # fmt: skip
    db.execute("INSERT INTO screenings (participant_id, screened_on, screened_by, definition_id, outcome) "
               "VALUES (1, '2026-01-05', 'coach', 1, 'eligible')")  # fmt: skip
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(statement)
