"""Individual contact notes: the service definition asks for every consumer
contact to be documented, face to face mostly, by phone where needed."""

from collections.abc import Callable
from typing import Any

from peertool import validate
from peertool.db.connection import Database
from peertool.db.store import insert, write
from peertool.errors import InvalidInput
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


def _find(db: Database, note_id: object) -> int:
    from peertool.db.refs import as_id, not_found

    raw = str(note_id).strip()
    record_id = as_id(raw)
    if record_id is None or not db.execute("SELECT 1 FROM contact_notes WHERE id = ?", [record_id]).fetchone():
        raise not_found(raw, "note")
    return record_id


def edit_note(db: Database, note_id: object, text: str) -> dict[str, Any]:
    """Correct a contact note's text."""
    cleaned = validate.required_text("text", text, max_len=100_000)
    with write(db):
        record_id = _find(db, note_id)
        db.execute("UPDATE contact_notes SET text = ? WHERE id = ?", [cleaned, record_id])
    return _as_dict(db.execute(_SELECT + " WHERE n.id = ?", [record_id]).fetchone())


def delete_note(db: Database, note_id: object, *, confirm: Callable[[str], bool]) -> dict[str, Any]:
    """Erase a contact note written in error."""
    with write(db):
        record_id = _find(db, note_id)
        if not confirm(f"Erase contact note {record_id}?"):
            raise InvalidInput("nothing was erased.")
        db.execute("DELETE FROM contact_notes WHERE id = ?", [record_id])
    return {"id": record_id, "deleted": True}
