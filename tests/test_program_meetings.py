"""Meetings, through the library."""

import datetime as dt
from typing import Any

import pytest

from peertool.db.connection import Database
from peertool.errors import Conflict, InvalidInput, NotFound
from peertool.program.attendance import Marks
from peertool.program.meetings import edit_meeting, get_meeting, list_meetings, record_meeting
from peertool.settings import Settings

from helpers import Today


def test_record_takes_month_and_theme_from_the_schedule_and_today_by_default(
    season: Database, settings: Settings, today: Today
) -> None:
    today(dt.date(2026, 3, 10))  # month 3 runs from March 6 to April 5
    meeting = record_meeting(
        season, "Riverside", settings=settings, threads=["Isolation"], marks=Marks(absent=["Dev Harlan"])
    )
    assert (meeting["date"], meeting["month"], meeting["theme"]) == ("2026-03-10", 3, "Social Interaction")
    assert [p["id"] for p in meeting["absent"]] == [4] and len(meeting["present"]) == 9
    assert (meeting["threads"], meeting["duration"], meeting["mode"]) == (["isolation"], 90, "in-person")


def test_replace_keeps_the_id_and_a_clash_is_refused(season: Database, settings: Settings) -> None:
    first = record_meeting(season, 1, settings=settings, date="2026-03-03", marks=Marks(present=["1"]))
    with pytest.raises(Conflict):
        record_meeting(season, 1, settings=settings, date="2026-03-03")
    again = record_meeting(season, 1, settings=settings, date="2026-03-03", replace=True, lesson="Calming Skills")
    assert again["id"] == first["id"] and again["lesson"] == "Calming Skills" and again["present"] == []


def test_edit_with_notes_from_an_editor_callback(season: Database, settings: Settings) -> None:
    meeting = record_meeting(season, 1, settings=settings, date="2026-03-03", notes="first draft")
    seen: list[dict[str, Any]] = []

    def edit_notes(old: dict[str, Any]) -> str:
        seen.append(old)
        return "final"

    edited = edit_meeting(season, meeting["id"], settings=settings, edit_notes=edit_notes)
    assert seen[0]["notes"] == "first draft" and seen[0]["theme"] == "Self-Care" and edited["notes"] == "final"
    moved = edit_meeting(season, meeting["id"], settings=settings, date="2026-04-07", marks=Marks(present=["2", "3"]))
    assert (moved["month"], [p["id"] for p in moved["present"]]) == (4, [2, 3])


def test_list_counts_and_bad_meetings(season: Database, settings: Settings) -> None:
    record_meeting(season, 1, settings=settings, date="2026-03-10", threads=["a", "b"], marks=Marks(absent=["1", "2"]))
    assert list_meetings(season, "Riverside") == [
        {"id": 1, "date": "2026-03-10", "month": 3, "theme": "Social Interaction", "lesson": None,
         "mode": "in-person", "present": 8, "recorded": 10, "threads": ["a", "b"]}
    ]  # fmt: skip
    with pytest.raises(InvalidInput, match="outside group 1's program year"):
        record_meeting(season, 1, settings=settings, date="2027-02-01", future=True)
    with pytest.raises(InvalidInput, match="both present and absent"):
        record_meeting(
            season, 1, settings=settings, date="2026-03-17", marks=Marks(present=["1"], absent=["ada quill"])
        )
    with pytest.raises(NotFound):
        get_meeting(season, 99, settings)


def test_a_new_date_drops_the_marks_of_people_not_members_on_it(season: Database, settings: Settings) -> None:
    from peertool.people.groups import remove_member

    meeting = record_meeting(season, 1, settings=settings, date="2026-03-03", all_present=True)
    remove_member(season, "Riverside", "10", on="2026-03-05")
    moved = edit_meeting(season, meeting["id"], settings=settings, date="2026-03-10")
    assert 10 not in [p["id"] for p in moved["present"] + moved["absent"]] and len(moved["present"]) == 9
