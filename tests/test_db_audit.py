"""The audit log, through the library."""

from peertool.db import audit
from peertool.db.connection import Database
from peertool.db.store import write
from peertool.people.participants import enroll


def test_changes_are_logged_with_command_and_never_values(db: Database) -> None:
    audit.set_command("peertool enroll")
    try:
        enroll(db, {"name": "Tess Nolan", "phone": "555-0142"}, max_group_size=12)
    finally:
        audit.set_command("python")
    rows = audit.entries(db)
    assert [(r["command"], r["table"], r["record_id"], r["action"]) for r in rows] == [
        ("peertool enroll", "participants", 1, "insert")
    ]
    assert "Tess" not in str(rows) and "555" not in str(rows)


def test_since_and_last_select_rows(db: Database) -> None:
    for n in range(3):
        enroll(db, {"name": f"Person {n}"}, max_group_size=12)
    assert [r["record_id"] for r in audit.entries(db, last=2)] == [2, 3]
    assert audit.entries(db, since="2999-01-01") == []
    assert len(audit.entries(db, since="2000-01-01")) == 3


def test_record_event_logs_a_change_no_trigger_sees(db: Database) -> None:
    with write(db, audited=False):
        audit.record_event(db, "database")
    assert [(r["table"], r["record_id"], r["action"]) for r in audit.entries(db)] == [("database", None, "update")]
