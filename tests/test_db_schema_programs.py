"""Migration 0022: a group's program and open days, and enrollments in a drop-in program; a database from before
reads as IML."""

import sqlite3

import pytest
from sqlite_utils import Database as Migrated

from peertool.db.migrations import MIGRATIONS, sqlite_set
from peertool.db.triggers import AUDITED

from helpers import migrated

NAME = "0022_programs_beside_iml"


def test_0022_is_listed_and_an_existing_group_reads_as_iml() -> None:
    from peertool.programs import IML, group_program
    from peertool.settings import Settings
    from peertool.settings_spec import SPEC

    assert NAME in [step.name for step in MIGRATIONS]
    db = Migrated(sqlite3.connect(":memory:"))
    sqlite_set().apply(db, stop_before=NAME)
    db.execute("INSERT INTO peer_groups (name, name_key, start_on, weekday) VALUES ('Elm', 'elm', '2026-01-05', 1)")
    sqlite_set().apply(db)
    found = db.execute("SELECT id, program, days FROM peer_groups").fetchone()
    row = dict(zip(["id", "program", "days"], found, strict=True))
    assert row["program"] is None and row["days"] is None
    settings = Settings({key: item.default for key, item in SPEC.items()}, {}, None)
    assert group_program(settings, row).name == IML


def test_the_new_columns_are_nullable_with_no_default_and_enrollments_are_audited() -> None:
    db = migrated()
    for name in ("program", "days"):
        column = next(row for row in db.execute("PRAGMA table_info(peer_groups)") if row[1] == name)
        assert (column[3], column[4]) == (0, None)  # notnull, default: audited digests stay as they were
    assert AUDITED["program_enrollments"] == "id"
    db.execute("INSERT INTO program_enrollments (participant_id, program, enrolled_on) VALUES (1, 'ind', '2026-02-02')")
    logged = db.execute("SELECT table_name, action FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    assert logged == ("program_enrollments", "insert")


@pytest.mark.parametrize(
    "statement",
    [
        # a second open enrollment in the same program
        "INSERT INTO program_enrollments (participant_id, program, enrolled_on) VALUES (1, 'ind', '2026-03-01')",
        # ended before it began
        "INSERT INTO program_enrollments (participant_id, program, enrolled_on, ended_on) "
        "VALUES (1, 'other', '2026-03-01', '2026-02-01')",
    ],
)
def test_the_schema_refuses_what_makes_no_sense(statement: str) -> None:
    db = migrated()
    db.execute("INSERT INTO program_enrollments (participant_id, program, enrolled_on) VALUES (1, 'ind', '2026-02-02')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(statement)
