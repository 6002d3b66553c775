"""Migration 0021: events (escalation, referral, hospitalization, return, incident) and a goal's link to the
clinical plan's own goal; the checks that keep their rows sensible are in the schema itself."""

import sqlite3

import pytest

from peertool.db.migrations import MIGRATIONS
from peertool.db.triggers import AUDITED

from helpers import migrated

NAME = "0021_events_and_treatment_goals"


def _event(kind: str = "hospitalization", closes: int | None = None) -> str:
    return ("INSERT INTO events (participant_id, kind, happened_on, recorded_by, closes_id) "
            f"VALUES (1, '{kind}', '2026-02-01', 'coach', {'NULL' if closes is None else closes})")  # fmt: skip


def test_0021_is_listed_and_adds_an_audited_events_table_and_a_goals_treatment_link() -> None:
    assert NAME in [step.name for step in MIGRATIONS]
    before, after = migrated(NAME), migrated()
    assert "events" not in before.table_names() and "treatment_goal" not in before["goals"].columns_dict
    assert AUDITED["events"] == "id"
    after.execute(_event())
    logged = after.execute("SELECT table_name, action FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    assert logged == ("events", "insert")
    sql = after.execute("SELECT sql FROM sqlite_master WHERE name = 'events'").fetchone()[0]
    assert "AUTOINCREMENT" in sql


def test_the_treatment_link_is_nullable_with_no_default_so_audited_digests_stay_as_they_were() -> None:
    column = next(row for row in migrated().execute("PRAGMA table_info(goals)") if row[1] == "treatment_goal")
    assert (column[3], column[4]) == (0, None)  # notnull, default


@pytest.mark.parametrize(
    "statement",
    [
        _event("discharge"),
        _event("hospitalization", closes=1),  # only a return closes something
        "INSERT INTO events (participant_id, kind, happened_on, recorded_by) VALUES (2, 'referral', '2026-02-01', "
        "'coach')",  # nobody
        "INSERT INTO goals (participant_id, text, created_on, treatment_goal) VALUES (1, 'x', '2026-01-05', '')",
    ],
)
def test_0021_refuses_an_unknown_kind_a_stray_link_a_missing_person_and_an_empty_treatment_goal(
    statement: str,
) -> None:
    db = migrated()
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(_event())  # event 1, a hospitalization
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(statement)


def test_a_return_may_close_a_hospitalization() -> None:
    db = migrated()
    db.execute(_event())
    db.execute(_event("return", closes=1))
    assert db.execute("SELECT kind, closes_id FROM events ORDER BY id").fetchall() == [
        ("hospitalization", None), ("return", 1)]  # fmt: skip
