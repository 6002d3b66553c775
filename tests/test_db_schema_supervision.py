"""Migration 0029: who signed, reviews and discharges signable and locked, co-sign draws kept
once, supervision time; a signature made before it keeps its row, id and kind."""

import sqlite3

import pytest

from peertool.db.migrations import MIGRATIONS, sqlite_set
from peertool.db.triggers import AUDITED, LOCKS_0029

from helpers import migrated

NAME = "0029_supervision"
SIGNATURE = ("INSERT INTO signatures (id, record, record_id, role, signer, signed_at, sha256, scheme) "
             "VALUES (7, 'note', 3, 'author', 'Rae Lin, CPS', '2026-02-03T10:00:00Z', 'x', 2)")  # fmt: skip


def test_listed_and_both_new_tables_are_audited() -> None:
    assert NAME in [step.name for step in MIGRATIONS]
    assert AUDITED["cosign_draws"] == AUDITED["supervision_sessions"] == "id"
    db = migrated()
    db.execute("INSERT INTO cosign_draws (record, record_id, required, percent, drawn_on) "
               "VALUES ('review', 1, 1, 50, '2026-02-03')")  # fmt: skip
    assert db.execute("SELECT table_name, action FROM audit ORDER BY id DESC LIMIT 1").fetchone() == (
        "cosign_draws", "insert")  # fmt: skip


def test_a_signature_made_before_keeps_its_row_and_gains_a_nullable_staff_id() -> None:
    db = migrated(stop_before=NAME)
    db.execute(SIGNATURE)
    sqlite_set().apply(db)
    assert db.execute("SELECT id, record, signer, staff_id FROM signatures").fetchall() == [
        (7, "note", "Rae Lin, CPS", None)]  # fmt: skip
    column = next(row for row in db.execute("PRAGMA table_info(signatures)") if row[1] == "staff_id")
    assert (column[3], column[4]) == (0, None)
    names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"audit_signatures_insert", "audit_addenda_insert", *LOCKS_0029} <= names


def test_a_signed_review_stays_signed() -> None:
    db = migrated()
    db.execute("INSERT INTO reviews (id, participant_id, reviewed_on, progressing, wants_to_continue) "
               "VALUES (1, 1, '2026-02-03', 1, 1)")  # fmt: skip
    assert db.execute("SELECT signed FROM reviews").fetchone() == (None,)  # no default: digests stay as they were
    db.execute("UPDATE reviews SET signed = 1")
    with pytest.raises(sqlite3.IntegrityError, match="stays signed"):
        db.execute("UPDATE reviews SET signed = 0")


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO signatures (record, record_id, role, signer, signed_at, sha256) "
        "VALUES ('goal', 1, 'author', 'A, B', 'now', 'x')",  # not a kind signed
        "INSERT INTO cosign_draws (record, record_id, required, drawn_on) VALUES ('note', 1, 2, '2026-02-03')",
        "INSERT INTO cosign_draws (record, record_id, required, percent, drawn_on) "
        "VALUES ('note', 1, 1, 101, '2026-02-03')",
        "INSERT INTO supervision_sessions (supervisor_id, supervisee_id, held_on, minutes) "
        "VALUES (1, 1, '2026-02-03', 0)",  # no minutes (and no such staff)
        "INSERT INTO discharges (participant_id, discharged_on, reason, signed) VALUES (1, '2026-02-03', 'x', 2)",
    ],
)
def test_the_schema_refuses_what_makes_no_sense(statement: str) -> None:
    db = migrated()
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(statement)


def test_a_draw_is_made_once_per_record() -> None:
    db = migrated()
    draw = "INSERT INTO cosign_draws (record, record_id, required, percent, drawn_on) VALUES ('note', 1, 0, 50, 'd')"
    db.execute(draw)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(draw)
