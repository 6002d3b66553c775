"""The prep sheet, through the library."""

import datetime as dt

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput
from peertool.outcomes.prep import build
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
