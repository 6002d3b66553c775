"""Individual contact notes: the service definition asks for every consumer
contact to be documented, face to face mostly, by phone where needed."""

from typing import Any

from sqlite_utils import Database

from peertool import validate
from peertool.db.store import insert, write
from peertool.people.scope import resolve_participant


def add_note(
    db: Database, ref: object, text: str, *, date: str | None = None, mode: str = "in-person"
) -> dict[str, Any]:
    """Document one contact with a participant."""
    fields = {
        "text": validate.required_text("text", text, max_len=100_000),
        "noted_on": validate.date_or_today("date", date),
        "mode": validate.choice("mode", mode, validate.CONTACT_MODES),
    }
    with write(db):
        note_id = insert(db, "contact_notes", {"participant_id": resolve_participant(db, ref)["id"], **fields})
    return _as_dict(db.execute(_SELECT + " WHERE n.id = ?", [note_id]).fetchone())


_SELECT = """SELECT n.id, p.id, p.name, n.noted_on, n.mode, n.text FROM contact_notes n
               JOIN participants p ON p.id = n.participant_id"""


def _as_dict(row: tuple[Any, ...]) -> dict[str, Any]:
    return {
        "id": row[0],
        "participant": {"id": row[1], "name": row[2]},
        "date": row[3],
        "mode": row[4],
        "text": row[5],
    }


def list_notes(db: Database, ref: object) -> list[dict[str, Any]]:
    """A participant's contact notes, oldest first."""
    person = resolve_participant(db, ref)
    rows = db.execute(_SELECT + " WHERE n.participant_id = ? ORDER BY n.noted_on, n.id", [person["id"]])
    return [_as_dict(row) for row in rows]
