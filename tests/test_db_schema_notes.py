"""Migration 0013 carries a database's meetings and contact notes over as they were recorded."""

import sqlite3
from pathlib import Path

import sqlite_utils

from peertool.db.backends import open_database
from peertool.db.migrations import sqlite_set


def test_old_attendance_and_contact_notes_survive_the_upgrade(env: Path) -> None:
    path = env / "old.db"
    old = sqlite_utils.Database(sqlite3.connect(path))
    sqlite_set().apply(old, stop_before="0013_chart_grade_notes")
    old.execute("INSERT INTO peer_groups (id, name, name_key, start_on, weekday, time) VALUES "
                "(1, 'G', 'g', '2026-01-06', 1, '18:00')")  # fmt: skip
    for pid, name in ((1, "Ada Quill"), (2, "Bram Oakes")):
        old.execute("INSERT INTO participants (id, name, name_key, enrolled_on) VALUES (?, ?, ?, '2026-01-01')",
                    [pid, name, name.lower()])  # fmt: skip
    old.execute("INSERT INTO meetings (id, group_id, held_on, month, theme, mode, duration) "
                "VALUES (1, 1, '2026-03-03', 2, 'Self-Care', 'in-person', 90)")  # fmt: skip
    old.execute("INSERT INTO attendance (meeting_id, participant_id, present) VALUES (1, 1, 1), (1, 2, 0)")
    old.execute("INSERT INTO contact_notes (id, participant_id, noted_on, mode, text) "
                "VALUES (7, 1, '2026-03-04', 'phone', 'Called')")  # fmt: skip
    old.conn.commit()
    old.close()

    db = open_database(path, create=False)
    marks = db.execute("SELECT participant_id, present, status, minutes FROM attendance ORDER BY 1").fetchall()
    assert marks == [(1, 1, "present", None), (2, 0, "absent", None)]
    assert db.execute("SELECT start_time FROM meetings").fetchone() == ("18:00",)
    assert db.execute("SELECT id, text, minutes, mode FROM contact_notes").fetchall() == [(7, "Called", None, "phone")]
    from peertool.db.audit import verify

    assert verify(db)["missing_triggers"] == []
    db.close()
