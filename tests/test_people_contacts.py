"""Contact notes, through the library."""

import datetime as dt

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput
from peertool.people.contacts import add_note, list_notes
from peertool.settings import Settings

from helpers import Today


def test_notes_default_to_today_and_list_oldest_first(season: Database, settings: Settings, today: Today) -> None:
    today(dt.date(2026, 3, 11))
    later = add_note(season, "Dev Harlan", "Called after two missed meetings.", mode="PHONE", settings=settings)
    earlier = add_note(season, 4, "Met at the library.", date="2026-03-02", settings=settings)
    assert (later["date"], later["mode"], later["participant"]) == (
        "2026-03-11",
        "phone",
        {"id": 4, "name": "Dev Harlan"},
    )
    assert [n["id"] for n in list_notes(season, "dev harlan", settings)] == [earlier["id"], later["id"]]


def test_bad_notes_are_refused(season: Database, settings: Settings) -> None:
    with pytest.raises(InvalidInput):
        add_note(season, 4, "text", mode="letter", settings=settings)
    with pytest.raises(InvalidInput):
        add_note(season, 4, "", settings=settings)
