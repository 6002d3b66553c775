"""A discharge dated before meetings someone is marked at: refused, or with consent they come off those
meetings (never a signed one), so no unit is billed after the discharge."""

from typing import TYPE_CHECKING

import pytest

from peertool.db.connection import Database
from peertool.db.store import write
from peertool.errors import InvalidInput
from peertool.people.later_attendance import off_later_meetings
from peertool.program.attendance import Marks
from peertool.program.meeting_notes import write_note
from peertool.program.meetings import record_meeting

if TYPE_CHECKING:
    from peertool.settings import Settings


def _meetings(db: Database, settings: "Settings") -> list[int]:
    """Three meetings Ada (1) is marked at: present, absent, present with a note of her own."""
    ids = [record_meeting(db, 1, settings=settings, date=day, marks=Marks(absent=[absent]))["id"]
           for day, absent in (("2026-03-03", "3"), ("2026-03-10", "1"), ("2026-03-17", "3"))]  # fmt: skip
    write_note(db, ids[2], 1, settings=settings, response="Shared a win")
    return ids


def _marked(db: Database, pid: int) -> list[int]:
    return [row[0] for row in db.execute("SELECT meeting_id FROM attendance WHERE participant_id = ? ORDER BY 1",
                                         [pid])]  # fmt: skip


def test_no_later_marks_is_nothing_to_do(season: Database, settings: "Settings") -> None:
    _meetings(season, settings)
    with write(season):
        assert off_later_meetings(season, 1, "2026-03-17", None) == []  # a meeting on the day itself stays


def test_later_marks_are_refused_without_consent_naming_meetings_by_id_and_date(
    season: Database, settings: "Settings"
) -> None:
    first, second, third = _meetings(season, settings)
    asked: list[str] = []

    def refuse(question: str) -> bool:
        asked.append(question)
        return False

    for confirm in (None, refuse):
        with pytest.raises(InvalidInput) as caught, write(season):
            off_later_meetings(season, 1, "2026-03-03", confirm)
        assert str(caught.value) == (f"participant 1 is marked at meeting {second} (2026-03-10), meeting {third} "
                                     "(2026-03-17), after the discharge date 2026-03-03.")  # fmt: skip
        assert "Shared" not in str(caught.value)
    assert len(asked) == 1 and asked[0].endswith("Take them off those meetings, with their notes there?")
    assert _marked(season, 1) == [first, second, third]


def test_with_consent_they_come_off_later_meetings_with_their_notes_there(
    season: Database, settings: "Settings"
) -> None:
    first, second, third = _meetings(season, settings)
    with write(season):
        said = off_later_meetings(season, 1, "2026-03-03", lambda question: True)
    assert said == [f"taken off meeting {second} (2026-03-10), meeting {third} (2026-03-17), after the discharge, "
                    "with 1 note(s) of theirs there."]  # fmt: skip
    assert _marked(season, 1) == [first]
    assert season.execute("SELECT count(*) FROM attendee_notes WHERE participant_id = 1").fetchone() == (0,)
    assert _marked(season, 2) == [first, second, third]  # no one else's marks change


def test_a_signed_later_meeting_refuses_the_discharge_even_with_consent(season: Database, settings: "Settings") -> None:
    first, second, third = _meetings(season, settings)
    with write(season):
        season.execute("UPDATE meetings SET signed = 1 WHERE id = ?", [second])
    with pytest.raises(InvalidInput, match="signed meeting") as caught, write(season):
        off_later_meetings(season, 1, "2026-03-03", lambda question: True)
    assert f"peertool meeting amend {second}" in (caught.value.hint or "")
    assert _marked(season, 1) == [first, second, third]
