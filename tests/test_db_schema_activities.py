"""Migration 0023: activities and who came, audited, with the checks that keep rows sensible."""

import sqlite3

import pytest

from peertool.db.migrations import MIGRATIONS
from peertool.db.triggers import AUDITED

from helpers import migrated

NAME = "0023_activities"
ROW = "INSERT INTO activities (group_id, held_on, kind, title, mainstream, cost_cents, paid_by) VALUES "


def test_the_migration_is_listed_and_both_tables_are_audited() -> None:
    assert NAME in [step.name for step in MIGRATIONS]
    assert (AUDITED["activities"], AUDITED["activity_people"]) == ("id", "activity_id")
    db = migrated(group=("Drop-in", "2026-01-05", 0))
    db.execute(ROW + "(1, '2026-03-01', 'spiritual', 'Service', 1, 0, 'free')")
    db.execute("INSERT INTO activity_people (activity_id, participant_id) VALUES (1, 1)")
    logged = db.execute("SELECT table_name, action FROM audit ORDER BY id DESC LIMIT 2").fetchall()
    assert logged == [("activity_people", "insert"), ("activities", "insert")]
    assert "AUTOINCREMENT" in db.execute("SELECT sql FROM sqlite_master WHERE name = 'activities'").fetchone()[0]


@pytest.mark.parametrize(
    "values",
    [
        "(1, '2026-03-01', 'sports', 'x', 0, 0, 'fund')",
        "(1, '2026-03-01', 'skills', 'x', 2, 0, 'fund')",
        "(1, '2026-03-01', 'skills', 'x', 0, -1, 'fund')",
        "(1, '2026-03-01', 'skills', 'x', 0, 0, 'grant')",
        "(1, '2026-03-01', 'skills', 'x', 0, 100, 'free')",
        "(2, '2026-03-01', 'skills', 'x', 0, 0, 'fund')",
    ],
)
def test_the_schema_refuses_a_bad_kind_flag_cost_payer_or_group(values: str) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        migrated(group=("Drop-in", "2026-01-05", 0)).execute(ROW + values)


def test_who_came_points_at_a_person_once() -> None:
    db = migrated(group=("Drop-in", "2026-01-05", 0))
    db.execute(ROW + "(1, '2026-03-01', 'skills', 'x', 0, 0, 'fund')")
    db.execute("INSERT INTO activity_people (activity_id, participant_id) VALUES (1, 1)")
    for values in ("(1, 1)", "(1, 2)", "(2, 1)"):
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(f"INSERT INTO activity_people (activity_id, participant_id) VALUES {values}")
