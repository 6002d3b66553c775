"""Erasing a participant and every record about them (a record made in error, or a request to erase).

`_ERASE` and `_KEPT` together name every table (tests/test_db_schema.py
checks it), so a table added to the schema must say whether erasure reaches it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from peertool.db.store import write
from peertool.errors import InvalidInput
from peertool.people.scope import resolve_participant

if TYPE_CHECKING:
    from collections.abc import Callable

    from peertool.db.connection import Database
    from peertool.people.shapes import Deleted

# What a participant's records are, child tables first: erased with them. Meetings stay (they are the group's).
_ERASE = [
    ("goal_updates", "goal_id IN (SELECT id FROM goals WHERE participant_id = :p)"),
    ("goals", "participant_id = :p"),
    ("memberships", "participant_id = :p"),
    ("attendance", "participant_id = :p"),
    ("attendee_notes", "participant_id = :p"),
    ("addenda", "record = 'note' AND record_id IN (SELECT id FROM contact_notes WHERE participant_id = :p)"),
    ("contact_interventions", "note_id IN (SELECT id FROM contact_notes WHERE participant_id = :p)"),
    ("contact_notes", "participant_id = :p"),
    ("reviews", "participant_id = :p"),
    ("discharges", "participant_id = :p"),
    ("pairing_pairs", ":p IN (first_id, second_id, third_id)"),
    ("team_breaks", ":p IN (first_id, second_id)"),
    ("outing_people", "participant_id = :p"),
    ("measures", "participant_id = :p"),
    ("connections", "participant_id = :p"),
    ("wellness_plans", "participant_id = :p"),
    ("screening_answers", "screening_id IN (SELECT id FROM screenings WHERE participant_id = :p)"),
    ("screenings", "participant_id = :p"),
    ("events", "participant_id = :p"),
    ("program_enrollments", "participant_id = :p"),
    ("support", "participant_id = :p"),
    ("activity_people", "participant_id = :p"),
]
_KEPT = {  # the tables `delete` erases nothing from, and why (tests/test_db_schema.py: each is here or in _ERASE)
    "participants": "their own row, deleted last", "peer_groups": "the group's", "meetings": "the group's",
    "pairings": "the group's (their teams are erased)", "meeting_threads": "the meeting's",
    "outings": "the group's (one left with no one is erased)", "audit": "append-only: it keeps ids, never values",
    "signatures": "a person in a signed record is never erased (_refuse_if_signed)",
    "definitions": "the service definition's wording, no one's record",
    "community_contacts": "community education, with no enrolled person",
    "activities": "the group's: it stays, less the erased person (activity_people)",
    "staff": "the staff who run the program: no participant's record (their own staff_id goes with their row)",
    "cosign_draws": "only a signed record is drawn, and a person in one is never erased (_refuse_if_signed)",
    "supervision_sessions": "supervision time between staff: no participant's record",
}  # fmt: skip


def delete(db: Database, ref: object, *, confirm: Callable[[str], bool]) -> Deleted:
    """Erase a participant and every record about them, in one transaction (a record made in error, or a
    request to erase).

    Meetings stay, and so do outings the other partner went on; an outing
    left with no one is erased too. The audit log keeps ids only.
    """
    with write(db):
        person = resolve_participant(db, ref)
        _refuse_if_signed(db, person["id"])
        if not confirm(f"Erase participant {person['id']} and every record about them?"):
            raise InvalidInput("nothing was erased.")
        orphaned = [row[0] for row in db.execute(
            "SELECT outing_id FROM outing_people GROUP BY outing_id HAVING count(*) = 1 AND max(participant_id) = ?",
            [person["id"]])]  # fmt: skip
        for table, where in _ERASE:
            db.execute(f"DELETE FROM {table} WHERE {where}", {"p": person["id"]})
        db.executemany("DELETE FROM outings WHERE id = ?", [(oid,) for oid in orphaned])
        db.execute("DELETE FROM participants WHERE id = ?", [person["id"]])
    return {"id": person["id"], "deleted": True}


def _refuse_if_signed(db: Database, pid: int) -> None:
    """A signed record is never erased, so neither is a person in one: a signed contact note, meeting, review
    or discharge."""
    signed = db.execute(
        """SELECT (SELECT count(*) FROM contact_notes WHERE participant_id = :p AND signed = 1)
                + (SELECT count(*) FROM meetings WHERE signed = 1 AND id IN
                      (SELECT meeting_id FROM attendance WHERE participant_id = :p))
                + (SELECT count(*) FROM reviews WHERE participant_id = :p AND signed = 1)
                + (SELECT count(*) FROM discharges WHERE participant_id = :p AND signed = 1)""",
        {"p": pid},
    ).fetchone()[0]
    if signed:
        raise InvalidInput(
            f"participant {pid} is in {signed} signed record(s), and signed records are never erased.",
            hint="Discharge them instead (`peertool discharge`); their signed records stay as they were.",
        )
