"""Migration 0026: the audited staff table, a group's linked coach and a participant's staff member."""

import sqlite3

import pytest

from peertool.db.migrations import MIGRATIONS
from peertool.db.triggers import AUDITED

from helpers import migrated

NAME = "0026_staff_and_caseloads"
STAFF = ("INSERT INTO staff (id, name, name_key, role, credential, login, started_on) "
         "VALUES (1, 'Rae Lin', 'rae lin', 'coach', 'CPS', 'rlin', '2026-01-05')")  # fmt: skip


def test_0026_is_listed_and_staff_are_audited_from_the_first_row() -> None:
    assert NAME in [step.name for step in MIGRATIONS]
    assert AUDITED["staff"] == "id"
    db = migrated()
    db.execute(STAFF)
    assert db.execute("SELECT table_name, action FROM audit ORDER BY id DESC LIMIT 1").fetchone() == ("staff", "insert")


def test_the_new_columns_are_nullable_links_with_no_default() -> None:
    db = migrated(group=("Elm", "2026-01-06", 1))
    for table, name in (("peer_groups", "coach_id"), ("participants", "staff_id")):
        column = next(row for row in db.execute(f"PRAGMA table_info({table})") if row[1] == name)
        assert (column[3], column[4]) == (0, None)  # notnull, default: audited digests stay as they were
        assert db.execute(f"SELECT {name} FROM {table}").fetchone() == (None,)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE participants SET staff_id = 9")  # no such staff member


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO staff (name, name_key, role, credential, started_on) "
        "VALUES ('Bo', 'bo', 'boss', 'X', '2026-01-05')",  # no such role
        "INSERT INTO staff (name, name_key, role, credential, login, started_on) "
        "VALUES ('Bo', 'bo', 'coach', 'CPS', 'rlin', '2026-01-05')",  # the same login
        "INSERT INTO staff (name, name_key, role, credential, started_on, ended_on) "
        "VALUES ('Bo', 'bo', 'coach', 'CPS', '2026-01-05', '2026-01-04')",  # ended before starting
        "INSERT INTO staff (name, name_key, role, started_on) VALUES ('Bo', 'bo', 'coach', '2026-01-05')",
    ],
)
def test_the_schema_refuses_what_makes_no_sense(statement: str) -> None:
    db = migrated()
    db.execute(STAFF)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(statement)
