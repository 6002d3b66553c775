"""The audit log's triggers: every audited table logs each change, the log is append-only, a signed record stays
signed."""

import sqlite3
from pathlib import Path

import pytest

from peertool.db.connection import Database
from peertool.db.triggers import (
    AUDITED,
    GUARDS,
    LOCKS_0029,
    OTHER_TOOL,
    SIGNED,
    expected_triggers,
    logging_trigger,
)


def test_every_audited_table_has_three_logging_triggers_and_the_guards() -> None:
    wanted = expected_triggers()
    assert len(wanted) == len(GUARDS) + len(LOCKS_0029) + 3 * len(AUDITED)
    for table in AUDITED:
        for action in ("insert", "update", "delete"):
            assert f"AFTER {action.upper()} ON {table} " in wanted[f"audit_{table}_{action}"]
    assert {"audit_no_update", "audit_no_delete", "contact_notes_stay_signed", "meetings_stay_signed"} <= set(wanted)


def test_a_logging_trigger_names_the_record_it_points_at_and_never_reads_the_database() -> None:
    assert "OLD.meeting_id" in logging_trigger("attendance", "meeting_id", "delete")
    assert "NEW.id" in logging_trigger("goals", "id", "insert")
    assert "SELECT" not in logging_trigger("goals", "id", "update")  # no condition any stored row could change


def test_the_database_holds_every_expected_trigger_word_for_word(db: Database) -> None:
    stored = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall())
    assert {name: stored.get(name) for name in expected_triggers()} == expected_triggers()
    assert set(AUDITED) <= set(db.tables())
    assert set(SIGNED) <= set(AUDITED)


def test_a_change_by_another_tool_is_logged_and_the_log_cannot_be_rewritten(db: Database) -> None:
    db.execute(
        "INSERT INTO peer_groups (name, name_key, start_on, weekday) VALUES ('Lakeside', 'lakeside', '2026-01-07', 2)"
    )
    row = db.execute("SELECT id, command, action, table_name FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    assert row[1:] == (OTHER_TOOL, "insert", "peer_groups")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM audit WHERE id = ?", [row[0]])
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE audit SET action = 'update' WHERE id = ?", [row[0]])


def test_a_table_a_later_migration_audits_is_not_named_by_the_migrations_before_it(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """0016 and 0017 run again on every new database, before the migration that creates a later table."""
    from peertool.db import triggers
    from peertool.db.backends import open_database

    monkeypatch.setitem(triggers.AUDITED, "a_later_table", "id")  # as a migration after 0017 would add it
    database = open_database(env / "new.db", create=True)
    names = {row[0] for row in database.execute("SELECT name FROM sqlite_master")}
    database.close()
    assert "audit_participants_insert" in names and not any("a_later_table" in name for name in names)
