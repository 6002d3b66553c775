"""Migration 0025: an index of enrollments by person and program, so a visit's enrollment is never a scan."""

import sqlite3

from sqlite_utils import Database as Migrated

from peertool.db.migrations import MIGRATIONS, sqlite_set

NAME = "0025_drop_in_visits"


def test_0025_is_listed_and_indexes_enrollments_by_person() -> None:
    assert NAME in [step.name for step in MIGRATIONS]
    db = Migrated(sqlite3.connect(":memory:"))
    sqlite_set().apply(db)
    plan = [row[3] for row in db.execute(
        """EXPLAIN QUERY PLAN SELECT 1 FROM program_enrollments
           WHERE participant_id = 1 AND program = 'independence' AND enrolled_on <= '2026-03-02'"""
    )]  # fmt: skip
    assert any("program_enrollments_person" in step for step in plan), plan
