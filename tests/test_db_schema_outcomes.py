"""Migrations 0014 and 0015: measured outcomes, natural supports, wellness plans, goal attainment, a group's
schedule history; the checks that keep their rows sensible are in the schema itself."""

import sqlite3

import pytest
from sqlite_utils import Database as Migrated

from peertool.db.migrations import sqlite_set
from peertool.db.triggers import _ADDED_0014


def _at(stop_before: str) -> Migrated:
    db = Migrated(sqlite3.connect(":memory:"))
    sqlite_set().apply(db, stop_before=stop_before)
    db.execute("INSERT INTO participants (id, name, name_key, enrolled_on) VALUES (1, 'Orla Fenn', 'orla fenn', "
               "'2026-01-05')")  # fmt: skip
    return db


def test_0014_adds_three_audited_tables_and_attainment_on_goals() -> None:
    before, after = _at("0014_recovery_outcomes"), _at("0015_schedule_history")
    assert not set(_ADDED_0014) & set(before.table_names())
    assert set(_ADDED_0014) <= set(after.table_names())
    assert "attainment" in after["goals"].columns_dict and "attainment" in after["goal_updates"].columns_dict
    after.execute("INSERT INTO measures (participant_id, instrument, taken_on, answers, score) "
                  "VALUES (1, 'rss', '2026-02-01', '[]', 3.5)")  # fmt: skip
    logged = after.execute("SELECT table_name, action FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    assert logged == ("measures", "insert")


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO connections (participant_id, text, kind, started_on) VALUES (1, 'Choir', 'club', '2026-02-01')",
        "INSERT INTO connections (participant_id, text, kind, started_on, ended_on) "
        "VALUES (1, 'Choir', 'group', '2026-02-01', '2026-01-01')",
        "INSERT INTO wellness_plans (participant_id, version, written_at, text) VALUES (1, 0, '2026-02-01', 'x')",
    ],
)
def test_0014_refuses_a_kind_it_does_not_know_an_end_before_a_start_and_version_0(statement: str) -> None:
    db = _at("0015_schedule_history")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(statement)


def test_a_wellness_plan_version_is_unique_per_person() -> None:
    db = _at("0015_schedule_history")
    plan = "INSERT INTO wellness_plans (participant_id, version, written_at, text) VALUES (1, 1, '2026-02-01', 'x')"
    db.execute(plan)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(plan)


def test_0015_gives_each_group_a_schedule_history() -> None:
    assert "schedule_history" not in _at("0015_schedule_history")["peer_groups"].columns_dict
    assert "schedule_history" in _at("0016_audit_without_switches")["peer_groups"].columns_dict
