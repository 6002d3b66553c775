"""Each attendee's own record of a group meeting, and signing and amending the meeting.

A chart reviewer rejects one shared note copied to every attendee, so each
person present gets their own: how they took part in their own words, the
goal of theirs it served, and how the last homework went. Signing the
meeting locks all of it (see `db.signing`); later changes are addenda.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from peertool import validate
from peertool.db import signing
from peertool.db.connection import Database
from peertool.db.store import insert, update, write
from peertool.errors import InvalidInput, shown
from peertool.people.goals import goal_of
from peertool.people.scope import resolve_participant
from peertool.people.signers import sign_record
from peertool.program.attendance import THERE
from peertool.program.meetings import find_meeting, get_meeting, legacy_content, signed_content
from peertool.vocab import HOMEWORK

if TYPE_CHECKING:
    from peertool.program.shapes import Meeting, MeetingNote
    from peertool.settings import Settings

FIELDS = ("response", "goal", "homework", "text")


class AttendeeNoteFields(TypedDict, total=False):
    """What `write_note` takes: a key left out is not given (the note keeps it); `goal` is a goal's id as typed."""

    response: str | None
    goal: object
    homework: str | None
    text: str | None


def clean_note(given: AttendeeNoteFields) -> dict[str, Any]:
    """The attendee-note fields given, checked; `goal` stays as typed until the person is known. An unknown one,
    from a caller mypy does not check, is refused rather than dropped."""
    unknown = set(given) - AttendeeNoteFields.__optional_keys__
    if unknown:
        raise TypeError(f"not an attendee note field: {sorted(unknown)}")
    out: dict[str, Any] = {}
    if "response" in given:
        out["response"] = validate.text("response", given["response"], max_len=10_000)
    if "text" in given:
        out["text"] = validate.text("text", given["text"], max_len=100_000)
    if given.get("homework") is not None:
        out["homework"] = validate.choice("homework", given["homework"], HOMEWORK)
    if "goal" in given:
        out["goal"] = given["goal"]
    return out


def write_note(
    db: Database,
    meeting_id: object,
    ref: object,
    *,
    settings: "Settings",
    edit: Callable[[dict[str, Any]], AttendeeNoteFields] | None = None,
    **given: Unpack[AttendeeNoteFields],
) -> "MeetingNote":
    """Record (or change) one attendee's own note on a meeting; only the fields given change.

    `edit`, if given, is called with the note as it stands (before the write
    lock: an editor can stay open for minutes) and returns the fields to save.
    """
    if edit is not None:
        given = edit(_current(db, meeting_id, ref))
    fields = clean_note(given)
    if not fields:
        raise InvalidInput("nothing to record; give --response, --goal, --homework, --text or --edit.")
    with write(db):
        meeting = find_meeting(db, meeting_id)
        signing.refuse_if_signed(db, "meeting", meeting["id"])
        person = resolve_participant(db, ref)
        mark = db.execute(
            "SELECT status FROM attendance WHERE meeting_id = ? AND participant_id = ?", [meeting["id"], person["id"]]
        ).fetchone()
        if mark is None or mark[0] not in THERE:
            why = "is not in" if mark is None else f"is marked {mark[0]} in"
            raise InvalidInput(
                f"participant {shown(ref)} {why} meeting {meeting['id']}'s attendance; a note is for someone who came.",
                hint=f"If they came, mark them: `peertool meeting edit {meeting['id']} --present {person['id']}`.",
            )
        if "goal" in fields:
            fields["goal_id"] = goal_of(db, person["id"], fields.pop("goal"))
        existing = db.execute(
            "SELECT id FROM attendee_notes WHERE meeting_id = ? AND participant_id = ?", [meeting["id"], person["id"]]
        ).fetchone()
        if existing:
            update(db, "attendee_notes", existing[0], fields)
        else:
            insert(db, "attendee_notes", {"meeting_id": meeting["id"], "participant_id": person["id"], **fields})
    found = get_meeting(db, meeting["id"], settings)
    note = next(n for n in found["attendee_notes"] if n["participant"]["id"] == person["id"])
    return {**note, "meeting": meeting["id"]}


def _current(db: Database, meeting_id: object, ref: object) -> dict[str, Any]:
    """The note as it stands (empty fields for a new one), with whose and which meeting, for the editor;
    refused at once when the meeting is signed."""
    meeting = find_meeting(db, meeting_id)
    signing.refuse_if_signed(db, "meeting", meeting["id"])  # before the editor opens, not after
    person = resolve_participant(db, ref)
    row = db.execute(
        "SELECT response, goal_id, homework, text FROM attendee_notes WHERE meeting_id = ? AND participant_id = ?",
        [meeting["id"], person["id"]],
    ).fetchone()
    values = dict(zip(FIELDS, row, strict=True)) if row else dict.fromkeys(FIELDS)
    title = f"{person['name']} at meeting {meeting['id']} ({meeting['held_on']}, {meeting['theme']})"
    return {"title": title, "participant_id": person["id"], "fields": values}


def sign_meeting(db: Database, meeting_id: object, who: object | None, *, settings: "Settings", cosign: bool = False
                 ) -> "Meeting":  # fmt: skip
    """Sign (or co-sign) a meeting: its details, attendance and every attendee's note are locked."""

    def found() -> signing.Signable:
        meeting = get_meeting(db, find_meeting(db, meeting_id)["id"], settings)
        return meeting["id"], signed_content(meeting), legacy_content(meeting)

    return get_meeting(db, sign_record(db, "meeting", found, who, cosign=cosign, settings=settings), settings)


def amend_meeting(db: Database, meeting_id: object, text: object, *, reason: object, settings: "Settings"
                  ) -> "Meeting":  # fmt: skip
    """Add a dated addendum to a meeting; the meeting itself stays as it was."""
    record_id = signing.amend_record(db, "meeting", lambda: find_meeting(db, meeting_id)["id"], text, reason)
    return get_meeting(db, record_id, settings)
