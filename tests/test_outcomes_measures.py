"""Outcome measures: the answers kept beside the score they made, and who is due one, on dates anchored to
enrollment (one taken up to 14 days early counts)."""

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput
from peertool.outcomes.measures import add_measure, delete_measure, due, get_measure, list_measures
from peertool.people.participants import list_participants

if TYPE_CHECKING:
    from peertool.outcomes.shapes import MeasureDue
    from peertool.settings import Settings

Today = Callable[[dt.date], None]


def test_a_measure_keeps_its_answers_and_the_score_they_made(season: Database, settings: "Settings") -> None:
    taken = add_measure(season, settings, "Ada Quill", "WHO5", "3, 4,2,5,1", on="2026-02-01")
    assert (taken["instrument"], taken["date"], taken["answers"]) == ("who5", "2026-02-01", [3, 4, 2, 5, 1])
    assert (taken["score"], taken["percent"], taken["low"]) == (15, 60, False)
    low = add_measure(season, settings, 1, "who5", [1, 1, 2, 2, 0], on="2026-03-01")
    assert (low["score"], low["percent"], low["low"]) == (6, 24, True)
    assert get_measure(season, settings, taken["id"]) == taken
    assert [m["id"] for m in list_measures(season, settings, "Ada Quill")] == [taken["id"], low["id"]]
    assert list_measures(season, settings, "Bram Oakes") == []


@pytest.mark.parametrize(
    ("answers", "on", "message"),
    [
        ("3,4,2,5", "2026-02-01", "has 5 items; 4 answer"),
        ("3,4,2,5,6", "2026-02-01", "item 5 is .6.; each answer is a whole number 0 to 5"),
        ("3,4,2,5,1", "2026-01-04", "before their enrollment on 2026-01-05"),
        ("3,4,2,5,1", "2026-03-02", "after today"),
    ],
)
def test_a_measure_out_of_count_range_or_dates_changes_nothing(
    season: Database, settings: "Settings", today: Today, answers: str, on: str, message: str
) -> None:
    today(dt.date(2026, 3, 1))
    with pytest.raises(InvalidInput, match=message):
        add_measure(season, settings, "Ada Quill", "who5", answers, on=on)
    assert list_measures(season, settings) == []


def _due(db: Database, settings: "Settings", until: dt.date) -> "list[MeasureDue]":
    ada = [p for p in list_participants(db) if p["name"] == "Ada Quill"]
    return due(db, settings, ada, until)


def test_who_is_due_on_dates_anchored_to_enrollment(season: Database, settings: "Settings") -> None:
    """Ada enrolled 2026-01-05; the built-in schedule is WHO-5 at enrollment and every three months."""
    assert _due(season, settings, dt.date(2026, 1, 4)) == []  # not enrolled yet
    assert _due(season, settings, dt.date(2026, 4, 4)) == [
        {"id": 1, "name": "Ada Quill", "instrument": "who5", "due": "2026-01-05", "last": None}
    ]
    add_measure(season, settings, 1, "who5", "3,3,3,3,3", on="2026-03-21")  # 15 days before 2026-04-05
    assert [d["due"] for d in _due(season, settings, dt.date(2026, 4, 10))] == ["2026-04-05"]
    add_measure(season, settings, 1, "who5", "3,3,3,3,3", on="2026-03-22")  # 14 days early: it counts
    assert _due(season, settings, dt.date(2026, 4, 10)) == []
    assert _due(season, settings, dt.date(2026, 7, 5))[0]["last"] == "2026-03-22"


def test_an_erasure_not_confirmed_erases_nothing(season: Database, settings: "Settings") -> None:
    taken = add_measure(season, settings, 1, "who5", "3,3,3,3,3", on="2026-02-01")
    with pytest.raises(InvalidInput, match="nothing was erased"):
        delete_measure(season, settings, taken["id"], confirm=lambda question: False)
    erased = delete_measure(season, settings, taken["id"], confirm=lambda question: True)
    assert erased == {"id": taken["id"], "deleted": True}
    assert list_measures(season, settings) == []
