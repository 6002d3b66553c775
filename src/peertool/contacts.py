"""Individual contact notes: the service definition asks for every consumer
contact to be documented, face to face mostly, by phone where needed."""

import datetime as dt

from sqlite_utils import Database

from peertool import validate
from peertool.meetings import MODES
from peertool.participants import resolve_participant
from peertool.store import write


def add_note(db: Database, ref: object, text: str, *, date: str | None = None, mode: str = "in-person") -> dict:
    """Document one contact with a participant."""
    fields = {
        "text": validate.text("text", text, required=True, max_len=100_000),
        "noted_on": validate.date("date", date) if date else dt.date.today().isoformat(),
        "mode": validate.choice("mode", mode, MODES),
    }
    with write(db):
        person = resolve_participant(db, ref)
        note_id = db["contact_notes"].insert({"participant_id": person["id"], **fields}).last_pk
    return _record(db, note_id)


_SELECT = """SELECT n.id, p.id, p.name, n.noted_on, n.mode, n.text FROM contact_notes n
               JOIN participants p ON p.id = n.participant_id"""


def _as_dict(row) -> dict:
    return {"id": row[0], "participant": {"id": row[1], "name": row[2]}, "date": row[3], "mode": row[4], "text": row[5]}


def _record(db, note_id: int) -> dict:
    return _as_dict(db.execute(_SELECT + " WHERE n.id = ?", [note_id]).fetchone())


def list_notes(db: Database, ref: object) -> list[dict]:
    """A participant's contact notes, oldest first."""
    person = resolve_participant(db, ref)
    rows = db.execute(_SELECT + " WHERE n.participant_id = ? ORDER BY n.noted_on, n.id", [person["id"]])
    return [_as_dict(row) for row in rows]
