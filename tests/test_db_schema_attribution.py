"""Migration 0027: each kind of record staff make gains a nullable, audited link to the staff member."""

import sqlite3

import pytest

from peertool.db.migrations import MIGRATIONS
from peertool.db.schema_attribution import ATTRIBUTED
from peertool.db.triggers import AUDITED

from helpers import migrated

NAME = "0027_records_name_their_staff"


def test_0027_is_listed_and_every_attributed_table_is_audited() -> None:
    assert NAME in [step.name for step in MIGRATIONS]
    assert set(ATTRIBUTED) <= set(AUDITED)


@pytest.mark.parametrize("table", ATTRIBUTED)
def test_staff_id_is_a_nullable_link_with_no_default(table: str) -> None:
    db = migrated()
    column = next(row for row in db.execute(f"PRAGMA table_info({table})") if row[1] == "staff_id")
    assert (column[2], column[3], column[4]) == ("INTEGER", 0, None)  # type, notnull, default: digests unchanged
    links = {(row[2], row[3], row[4]) for row in db.execute(f"PRAGMA foreign_key_list({table})")}
    assert ("staff", "staff_id", "id") in links


def test_a_change_of_attribution_is_audited_and_must_name_a_staff_member() -> None:
    db = migrated(group=("Elm", "2026-01-06", 1))
    db.execute("INSERT INTO staff (id, name, name_key, role, credential, login, started_on) "
               "VALUES (1, 'Rae Lin', 'rae lin', 'coach', 'CPS', 'rlin', '2026-01-05')")  # fmt: skip
    db.execute("INSERT INTO contact_notes (id, participant_id, noted_on, mode, text) "
               "VALUES (1, 1, '2026-01-07', 'phone', 'Called')")  # fmt: skip
    assert db.execute("SELECT staff_id FROM contact_notes").fetchone() == (None,)
    db.execute("UPDATE contact_notes SET staff_id = 1 WHERE id = 1")
    last = db.execute("SELECT table_name, record_id, action FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    assert last == ("contact_notes", 1, "update")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE contact_notes SET staff_id = 9 WHERE id = 1")  # no such staff member
