"""Migration 0016: the old switchable triggers give way to ones nothing can silence, signed records keep their mark,
and every record already stored gets one baseline audit row, so its content is in the chain from then on."""

import sqlite3

from sqlite_utils import Database as Migrated

from peertool.db.migrations import sqlite_set
from peertool.db.schema_audit import BASELINE
from peertool.db.triggers import AUDITED, AUDITED_0017, expected_triggers


def _before_0016() -> Migrated:
    """A database as release 0015 left it: one person, a signed note and an unsigned one, one group."""
    old = Migrated(sqlite3.connect(":memory:"))
    sqlite_set().apply(old, stop_before="0016_audit_without_switches")
    old.execute("INSERT INTO peer_groups (id, name, name_key, start_on, weekday) VALUES (3, 'G', 'g', '2026-01-06', 1)")
    old.execute("INSERT INTO participants (id, name, name_key, enrolled_on) VALUES (5, 'Nell Garrow', 'nell garrow', "
                "'2026-01-05')")  # fmt: skip
    for note_id in (8, 9):
        old.execute("INSERT INTO contact_notes (id, participant_id, noted_on, mode, text) "
                    "VALUES (?, 5, '2026-02-02', 'phone', 'Called')", [note_id])  # fmt: skip
    old.execute("INSERT INTO signatures (record, record_id, role, signer, signed_at, sha256) "
                "VALUES ('note', 8, 'author', 'Dana Reyes, CPS', '2026-02-02T10:00:00Z', 'abc')")  # fmt: skip
    return old


def _upgraded() -> Migrated:
    db = _before_0016()
    sqlite_set().apply(db, stop_before="0017_ids_never_reused")
    return db


def test_the_triggers_are_made_again_and_the_context_table_goes() -> None:
    db = _upgraded()
    assert "audit_context" not in db.table_names()
    stored = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall())
    made = expected_triggers(AUDITED_0017)  # the tables there were when 0016 ran; later ones get theirs later
    assert {name: stored.get(name) for name in made} == made


def test_a_note_with_a_signature_is_marked_signed_and_its_signature_keeps_the_old_scheme() -> None:
    db = _upgraded()
    assert db.execute("SELECT id, signed FROM contact_notes ORDER BY id").fetchall() == [(8, 1), (9, 0)]
    assert db.execute("SELECT scheme FROM signatures").fetchall() == [(1,)]


def test_every_stored_record_gets_one_baseline_row_and_nothing_else_does() -> None:
    db = _upgraded()
    baseline = db.execute(
        "SELECT table_name, record_id, action FROM audit WHERE command = ? ORDER BY table_name, record_id", [BASELINE]
    ).fetchall()
    assert baseline == [
        ("contact_notes", 8, "update"),
        ("contact_notes", 9, "update"),
        ("participants", 5, "update"),
        ("peer_groups", 3, "update"),
        ("signatures", 1, "update"),
    ]
    assert {row[0] for row in baseline} <= set(AUDITED)
    assert [column.name for column in db["audit"].columns][-1] == "digest"
