"""Each attendee's own note on a meeting, and signing the meeting, which locks the meeting and every note."""

from typing import Any

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput
from peertool.program.attendance import Marks
from peertool.program.meeting_notes import AttendeeNoteFields, amend_meeting, sign_meeting, write_note
from peertool.program.meetings import get_meeting, record_meeting
from peertool.settings import Settings


def _meeting(db: Database, settings: Settings) -> int:
    """Riverside on 2026-03-03: everyone present but Dev Harlan (4)."""
    return int(record_meeting(db, "Riverside", settings=settings, date="2026-03-03", marks=Marks(absent=["4"]))["id"])


def test_a_note_is_each_attendees_own_and_only_the_fields_given_change(season: Database, settings: Settings) -> None:
    meeting = _meeting(season, settings)
    goal = season.execute("SELECT id, text FROM goals WHERE participant_id = 1").fetchone()
    first = write_note(season, meeting, "Ada Quill", settings=settings, response="Shared her bus trip",
                       homework="TRIED", goal=str(goal[0]))  # fmt: skip
    assert (first["response"], first["homework"], first["goal"], first["meeting"]) == (
        "Shared her bus trip", "tried", {"id": goal[0], "text": goal[1]}, meeting)  # fmt: skip
    again = write_note(season, meeting, 1, settings=settings, text="Asked about the library")
    assert (again["response"], again["text"], again["homework"]) == ("Shared her bus trip", "Asked about the library",
                                                                     "tried")  # fmt: skip
    notes = get_meeting(season, meeting, settings)["attendee_notes"]
    assert [n["participant"]["id"] for n in notes] == [1]


def test_a_note_is_only_for_someone_who_came_and_must_say_something(season: Database, settings: Settings) -> None:
    meeting = _meeting(season, settings)
    with pytest.raises(InvalidInput, match="is marked absent in") as caught:
        write_note(season, meeting, "Dev Harlan", settings=settings, response="Was not there")
    assert caught.value.hint == f"If they came, mark them: `peertool meeting edit {meeting} --present 4`."
    with pytest.raises(InvalidInput, match="nothing to record"):
        write_note(season, meeting, 1, settings=settings)
    with pytest.raises(InvalidInput):
        write_note(season, meeting, 1, settings=settings, homework="skipped")
    assert get_meeting(season, meeting, settings)["attendee_notes"] == []


def test_an_editor_starts_from_the_note_as_it_stands(season: Database, settings: Settings) -> None:
    meeting = _meeting(season, settings)
    write_note(season, meeting, 2, settings=settings, response="Quiet today")
    seen: list[dict[str, Any]] = []

    def edit(current: dict[str, Any]) -> AttendeeNoteFields:
        seen.append(current)
        return {"response": current["fields"]["response"] + ", then spoke up"}

    done = write_note(season, meeting, "Bram Oakes", settings=settings, edit=edit)
    assert seen[0]["title"] == f"Bram Oakes at meeting {meeting} (2026-03-03, Self-Care)"
    assert seen[0]["fields"] == {"response": "Quiet today", "goal": None, "homework": None, "text": None}
    assert done["response"] == "Quiet today, then spoke up"


def test_signing_locks_the_meeting_and_its_notes_and_an_addendum_is_kept_beside_it(
    season: Database, settings: Settings
) -> None:
    meeting = _meeting(season, settings)
    write_note(season, meeting, 1, settings=settings, response="Shared a win")
    signed = sign_meeting(season, meeting, "Dana Reyes, CPS", settings=settings)
    assert (signed["signed"], signed["intact"]) == (True, True)
    with pytest.raises(InvalidInput, match="is signed"):
        write_note(season, meeting, 1, settings=settings, response="Changed later")
    with pytest.raises(InvalidInput, match="is signed"):
        write_note(season, meeting, 2, settings=settings, edit=lambda current: {"response": "never asked"})
    amended = amend_meeting(season, meeting, "Bram arrived at 18:20.", reason="late mark missed", settings=settings)
    assert [(a["text"], a["reason"]) for a in amended["addenda"]] == [("Bram arrived at 18:20.", "late mark missed")]
    assert amended["attendee_notes"][0]["response"] == "Shared a win" and amended["intact"] is True
    cosigned = sign_meeting(season, meeting, "Lee Okafor, LCSW", settings=settings, cosign=True)
    assert [s["role"] for s in cosigned["signatures"]] == ["author", "cosigner"]
