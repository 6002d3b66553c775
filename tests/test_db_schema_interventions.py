"""Migration 0020: a contact note's intervention codes, and community education contacts with no enrolled person;
both audited, and the schema's checks keep their rows sensible."""

import sqlite3

import pytest
from sqlite_utils import Database as Migrated

from peertool.db.triggers import _ADDED_0020, AUDITED

from helpers import migrated

_NOTE = "INSERT INTO contact_notes (id, participant_id, noted_on, mode, text) VALUES (1, 1, '2026-02-02', 'phone', 'x')"


def _migrated() -> Migrated:
    db = migrated()
    db.execute(_NOTE)
    return db


def test_0020_adds_two_audited_tables() -> None:
    db = _migrated()
    assert set(_ADDED_0020) == {"contact_interventions", "community_contacts"} <= set(db.table_names())
    assert set(_ADDED_0020) <= set(AUDITED)
    db.execute("INSERT INTO contact_interventions (note_id, code) VALUES (1, 'self-help')")
    db.execute("INSERT INTO community_contacts (noted_on, minutes, mode, audience) "
               "VALUES ('2026-02-03', 30, 'in-person', 'providers')")  # fmt: skip
    logged = db.execute("SELECT table_name, action FROM audit ORDER BY id DESC LIMIT 2").fetchall()
    assert logged == [("community_contacts", "insert"), ("contact_interventions", "insert")]


def test_a_code_is_kept_once_per_note() -> None:
    db = _migrated()
    db.execute("INSERT INTO contact_interventions (note_id, code) VALUES (1, 'advocacy')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO contact_interventions (note_id, code) VALUES (1, 'advocacy')")


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO contact_interventions (note_id, code) VALUES (1, '')",
        "INSERT INTO community_contacts (noted_on, minutes, mode, audience) VALUES ('2026-02-03', 0, 'phone', "
        "'providers')",
        "INSERT INTO community_contacts (noted_on, minutes, mode, audience) VALUES ('2026-02-03', 30, 'letter', "
        "'providers')",
        "INSERT INTO community_contacts (noted_on, minutes, mode, audience) VALUES ('2026-02-03', 30, 'phone', "
        "'family')",
        "INSERT INTO community_contacts (noted_on, minutes, mode) VALUES ('2026-02-03', 30, 'phone')",
    ],
)
def test_0020_refuses_an_empty_code_no_minutes_an_unknown_mode_or_audience(statement: str) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        _migrated().execute(statement)


def test_new_ids_are_never_reused() -> None:
    sql = _migrated().execute("SELECT sql FROM sqlite_master WHERE name = 'community_contacts'").fetchone()[0]
    assert "AUTOINCREMENT" in sql
