"""Documented contacts: the service definition asks for every consumer contact to be documented, face to face
mostly, by phone where needed.

A contact note has what a chart reviewer looks for: the date, start and end
(or minutes) and the units they make, how and where, the plan goal
addressed, the intervention, the person's response in their own words, and
the plan. Signed, it is locked (see `db.signing`); later changes are addenda.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypedDict, Unpack, cast

from peertool import validate
from peertool.clock import today_iso
from peertool.db import signing
from peertool.db.connection import Database
from peertool.db.store import insert, update, write
from peertool.errors import InvalidInput, shown
from peertool.people.attribution import JOIN_STAFF, STAFF_COLUMNS, attribute, made_by
from peertool.people.goals import goal_of
from peertool.people.scope import resolve_participant
from peertool.people.signers import sign_record
from peertool.units import span
from peertool.vocab import CONTACT_MODES

if TYPE_CHECKING:
    from collections.abc import Sequence

    from peertool.people.shapes import ContactNote, Deleted
    from peertool.settings import Settings

# The parts of a note a person writes, and how long each may be.
WRITTEN = {"text": 100_000, "details": 10_000, "response": 10_000, "plan": 10_000, "location": 500}
# The column each written part is kept in where it differs: `details` is the free text that was the intervention
# until 0020 (the intervention is now codes, in contact_interventions).
COLUMN = {"details": "intervention"}
# The columns a signature covers (and their order), as they were before 0020: a note signed then stays intact.
STORED = ("noted_on", "start_time", "end_time", "minutes", "mode", "location", "goal_id", "text", "intervention",
          "response", "plan", "location")  # fmt: skip


class ContactDetails(TypedDict, total=False):
    """What `add_note` takes besides the text (and `edit_note` with it): a key left out is not given (an edit
    keeps what was written); None clears a written part. `goal` is a goal's id as typed."""

    date: str | None
    start: str | None
    end: str | None
    minutes: int | None
    mode: str | None
    location: str | None
    goal: object
    interventions: list[str]
    details: str | None
    response: str | None
    plan: str | None


class ContactFields(ContactDetails, total=False):
    """Every field of a contact note a person gives, its text included."""

    text: str | None


def clean_contact(fields: ContactFields, *, codes: "Sequence[str]", future: bool = False) -> dict[str, Any]:
    """The fields given, checked (only those given), keyed by column; times stay apart until `timing` joins them,
    and the intervention codes (checked against `codes`) under `interventions`. An unknown field, from a caller
    mypy does not check, is refused rather than dropped."""
    given: dict[str, Any] = dict(fields)
    unknown = set(given) - ContactFields.__optional_keys__
    if unknown:
        raise TypeError(f"not a contact note field: {sorted(unknown)}")
    out: dict[str, Any] = {}
    for key, limit in WRITTEN.items():
        if key in given:
            out[COLUMN.get(key, key)] = validate.text(key, given[key], max_len=limit)
    if "interventions" in given:
        out["interventions"] = intervention_codes(given["interventions"], codes)
    if given.get("date") is not None:
        out["noted_on"] = validate.not_after_today("date", validate.date("date", given["date"]), future=future)
    if given.get("mode") is not None:
        out["mode"] = validate.choice("mode", given["mode"], CONTACT_MODES)
    for key in ("start", "end"):
        if given.get(key) is not None:
            out[key] = validate.clock(key, given[key])
    if given.get("minutes") is not None:
        minutes = given["minutes"]
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 1440:
            raise InvalidInput("minutes: must be a whole number of minutes from 1 to 1440.")
        out["minutes"] = minutes
    if "goal" in given:
        out["goal"] = given["goal"]
    return out


def intervention_codes(typed: "Sequence[str]", codes: "Sequence[str]") -> list[str]:
    """The codes typed (each may hold several, comma-separated), in any case, each once in the order first typed;
    one not in `codes` is refused with the list."""
    found: list[str] = []
    for part in (piece.strip().lower() for given in typed for piece in str(given).split(",")):
        if part and part not in codes:
            raise InvalidInput(f"intervention: {shown(part, 40)} is not a code; use {', '.join(codes)}. "
                               "Free text goes in --details.")  # fmt: skip
        if part and part not in found:
            found.append(part)
    return found


def _code(db: Database, note_id: int, codes: list[str]) -> None:
    """Make `codes` the note's interventions (an edit given codes replaces them)."""
    db.execute("DELETE FROM contact_interventions WHERE note_id = ?", [note_id])
    for code in codes:
        insert(db, "contact_interventions", {"note_id": note_id, "code": code})


def timing(start: str | None, end: str | None, minutes: int | None) -> dict[str, Any]:
    """Start, end and minutes from what was given: start and end, or minutes (with a start, the end follows)."""
    if start is not None and end is None and minutes is None:
        raise InvalidInput("start: give --end or --minutes too.")
    end, minutes = span(start, end, minutes, "minutes", "a contact")
    return {"start_time": start, "end_time": end, "minutes": minutes}


def add_note(db: Database, ref: object, text: str | None = None, *, settings: "Settings", future: bool = False,
             staff: str | None = None, **given: Unpack[ContactDetails]) -> "ContactNote":  # fmt: skip
    """Document one contact with a participant (today, in person, unless said otherwise; after today only if
    `future`), made by `staff` (a name) or the current staff member once staff are defined."""
    fields = clean_contact({**given, "text": text}, codes=settings.interventions, future=future)
    codes = fields.pop("interventions", [])
    if not codes and not any(fields.get(key) for key in ("text", "intervention", "response", "plan")):
        raise InvalidInput("write what happened: TEXT, --intervention, --details, --response or --plan.")
    fields.setdefault("noted_on", today_iso())
    fields.setdefault("mode", "in-person")
    fields.update(timing(fields.pop("start", None), fields.pop("end", None), fields.get("minutes")))
    with write(db):
        person = resolve_participant(db, ref)
        if "goal" in fields:
            fields["goal_id"] = goal_of(db, person["id"], fields.pop("goal"))
        note_id = insert(db, "contact_notes", attribute(db, {"participant_id": person["id"], **fields}, staff))
        _code(db, note_id, codes)
    return get_note(db, note_id, settings)


_SELECT = f"""SELECT n.*, p.name AS person, g.text AS goal, {STAFF_COLUMNS} FROM contact_notes n
               JOIN participants p ON p.id = n.participant_id LEFT JOIN goals g ON g.id = n.goal_id
               {JOIN_STAFF.format(alias="n")}"""


def _as_dict(db: Database, row: dict[str, Any], settings: "Settings") -> "ContactNote":
    codes = coded(db, row["id"])
    note: dict[str, Any] = {
        "id": row["id"],
        "participant": {"id": row["participant_id"], "name": row["person"]},
        "date": row["noted_on"],
        "start": row["start_time"],
        "end": row["end_time"],
        "minutes": row["minutes"],
        "units": settings.units(row["minutes"]),
        "service": {"code": settings.service_code},
        "mode": row["mode"],
        "location": row["location"],
        "goal": {"id": row["goal_id"], "text": row["goal"]} if row["goal_id"] else None,
        "text": row["text"],
        "interventions": codes,
        "details": row["intervention"],
        "response": row["response"],
        "plan": row["plan"],
        "staff": made_by(row),
    }
    sealed = signing.seal(db, "note", row["id"], signed_content(row, codes))
    return cast("ContactNote", {**note, **sealed})


def signed_content(row: dict[str, Any], codes: list[str]) -> dict[str, Any]:
    """What a contact note's signature covers: its stored fields, and its intervention codes when it has any (so
    a note signed before codes existed verifies as it did)."""
    content = {"id": row["id"], "participant_id": row["participant_id"], **{key: row[key] for key in STORED}}
    return {**content, "interventions": codes} if codes else content


def coded(db: Database, note_id: int) -> list[str]:
    """A note's intervention codes, in the order they were given."""
    return [row[0] for row in db.execute("SELECT code FROM contact_interventions WHERE note_id = ? ORDER BY id",
                                         [note_id])]  # fmt: skip


def get_note(db: Database, note_id: object, settings: "Settings") -> "ContactNote":
    """One contact note in full, with its units, signatures and addenda."""
    return _as_dict(db, _find(db, note_id), settings)


def list_notes(db: Database, ref: object, settings: "Settings") -> list["ContactNote"]:
    """A participant's contact notes, oldest first."""
    person = resolve_participant(db, ref)
    rows = db.query(_SELECT + " WHERE n.participant_id = ? ORDER BY n.noted_on, n.id", [person["id"]])
    return [_as_dict(db, row, settings) for row in rows]


def _find(db: Database, note_id: object) -> dict[str, Any]:
    from peertool.db.refs import as_id, not_found

    raw = str(note_id).strip()
    record_id = as_id(raw)
    rows = list(db.query(_SELECT + " WHERE n.id = ?", [record_id])) if record_id is not None else []
    if not rows:
        raise not_found(raw, "note")
    return rows[0]


def editable(db: Database, note_id: object) -> dict[str, Any]:
    """A contact note as it stands, for the editor; refused at once when it is signed."""
    row = _find(db, note_id)
    signing.refuse_if_signed(db, "note", row["id"])
    return row


def edit_note(
    db: Database,
    note_id: object,
    *,
    settings: "Settings",
    edit: Callable[[dict[str, Any]], ContactFields] | None = None,
    future: bool = False,
    **given: Unpack[ContactFields],
) -> "ContactNote":
    """Correct an unsigned contact note: the fields given change, the rest stay (a date after today only if
    `future`)."""
    if edit is not None:
        given = edit(editable(db, note_id))
    fields = clean_contact(given, codes=settings.interventions, future=future)
    if not fields:
        raise InvalidInput("nothing to change; give TEXT or at least one option.")
    with write(db):
        row = _find(db, note_id)
        signing.refuse_if_signed(db, "note", row["id"])
        if "goal" in fields:
            fields["goal_id"] = goal_of(db, row["participant_id"], fields.pop("goal"))
        if {"start", "end", "minutes"} & set(fields):
            start, end = fields.pop("start", row["start_time"]), fields.pop("end", None)
            minutes = fields.get("minutes", None if end else row["minutes"])
            fields.update(timing(start, end, minutes))
        if "interventions" in fields:
            _code(db, row["id"], fields.pop("interventions"))
        if fields:
            update(db, "contact_notes", row["id"], fields)
    return get_note(db, row["id"], settings)


def delete_note(db: Database, note_id: object, *, confirm: Callable[[str], bool]) -> "Deleted":
    """Erase an unsigned contact note written in error."""
    with write(db):
        record_id = _find(db, note_id)["id"]
        signing.refuse_if_signed(db, "note", record_id)
        if not confirm(f"Erase contact note {record_id}?"):
            raise InvalidInput("nothing was erased.")
        db.execute("DELETE FROM addenda WHERE record = 'note' AND record_id = ?", [record_id])
        db.execute("DELETE FROM contact_interventions WHERE note_id = ?", [record_id])
        db.execute("DELETE FROM contact_notes WHERE id = ?", [record_id])
    return {"id": record_id, "deleted": True}


def sign_note(db: Database, note_id: object, who: object | None, *, settings: "Settings", cosign: bool = False
              ) -> "ContactNote":  # fmt: skip
    """Sign (or co-sign) a contact note, which locks it."""

    def found() -> signing.Signable:
        row = _find(db, note_id)
        return row["id"], signed_content(row, coded(db, row["id"])), None

    return get_note(db, sign_record(db, "note", found, who, cosign=cosign, settings=settings), settings)


def amend_note(db: Database, note_id: object, text: object, *, reason: object, settings: "Settings"
               ) -> "ContactNote":  # fmt: skip
    """Add a dated addendum to a contact note; the note itself stays as it was."""
    return get_note(db, signing.amend_record(db, "note", lambda: _find(db, note_id)["id"], text, reason), settings)
