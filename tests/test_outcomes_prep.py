"""The prep sheet, through the library."""

import datetime as dt

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput
from peertool.outcomes.prep import build
from peertool.people.events import add_event
from peertool.program.attendance import Marks
from peertool.program.meetings import record_meeting
from peertool.settings import Settings

from helpers import Today


def test_prep_is_for_the_next_meeting_from_today(season: Database, settings: Settings, today: Today) -> None:
    record_meeting(
        season, 1, settings=settings, date="2026-03-03", homework="Say hello to a neighbour", marks=Marks(absent=["4"])
    )
    record_meeting(season, 1, settings=settings, date="2026-03-10", threads=["anxiety"], marks=Marks(absent=["4"]))
    today(dt.date(2026, 3, 12))
    sheet = build(season, "Riverside", settings=settings)
    assert (sheet["date"], sheet["month"], sheet["theme"]) == ("2026-03-17", 3, "Social Interaction")
    assert sheet["follow_up"] == {"date": "2026-03-03", "homework": "Say hello to a neighbour"}
    assert sheet["check_in"] == [{"id": 4, "name": "Dev Harlan", "missed": ["2026-03-03", "2026-03-10"]}]
    assert sheet["threads"][0]["tag"] == "anxiety" and len(sheet["lessons"]) == 3
    assert [p["name"] for p in sheet["sign_in"]][:2] == ["Ada Quill", "Bram Oakes"]


def test_no_meeting_left_is_refused(season: Database, settings: Settings) -> None:
    with pytest.raises(InvalidInput, match="program year ended on 2027-01-05"):
        build(season, 1, settings=settings, on="2027-06-01")
    with pytest.raises(InvalidInput):
        build(season, 1, settings=settings, on="soon")


def test_prep_lists_members_recent_events_and_open_stays_by_kind_and_date_only(
    season: Database, settings: Settings, today: Today
) -> None:
    today(dt.date(2026, 3, 12))
    add_event(season, 1, kind="hospitalization", on="2026-01-20", to="County hospital")  # still open
    add_event(season, 2, kind="referral", on="2026-02-10", to="Housing office")  # 30 days before 03-17: 02-15
    add_event(season, 3, kind="escalation", on="2026-03-02", note="A hard week")
    sheet = build(season, "Riverside", settings=settings)
    assert sheet["events"] == [
        {"id": 1, "name": "Ada Quill", "kind": "hospitalization", "date": "2026-01-20", "open": True},
        {"id": 3, "name": "Cleo Marsh", "kind": "escalation", "date": "2026-03-02", "open": None},
    ]
    assert "County hospital" not in repr(sheet) and "hard week" not in repr(sheet)
