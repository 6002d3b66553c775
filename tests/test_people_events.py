"""Events: escalations, referrals, hospitalizations, returns and incidents, dated and attributed; a
hospitalization stays open until a return closes it."""

import datetime as dt

import pytest

from peertool.db.connection import Database
from peertool.db.users import os_user
from peertool.errors import InvalidInput, NotFound
from peertool.people.erasure import delete
from peertool.people.events import add_event, list_events, recent

from helpers import Today


def test_a_hospitalization_is_open_until_a_return_closes_it(season: Database, today: Today) -> None:
    today(dt.date(2026, 2, 2))
    stay = add_event(season, "Ada Quill", kind="Hospitalization", to=" County hospital ", on="2026-01-12")
    assert (stay["kind"], stay["date"], stay["to"], stay["open"], stay["closes"]) == (
        "hospitalization", "2026-01-12", "County hospital", True, None)  # fmt: skip
    assert stay["recorded_by"] == os_user() and stay["participant"] == {"id": 1, "name": "Ada Quill"}
    back = add_event(season, 1, kind="return", on="2026-01-20", note="Glad to be home")
    assert (back["closes"], back["open"], back["note"]) == (stay["id"], None, "Glad to be home")
    listed = {e["id"]: e for e in list_events(season, 1)}
    assert (listed[stay["id"]]["open"], listed[stay["id"]]["closed_on"]) == (False, "2026-01-20")
    assert [e["kind"] for e in list_events(season)] == ["hospitalization", "return"]


def test_a_return_closes_the_latest_open_stay_on_or_before_its_date(season: Database, today: Today) -> None:
    today(dt.date(2026, 3, 1))
    first = add_event(season, 1, kind="hospitalization", on="2026-01-10")
    second = add_event(season, 1, kind="hospitalization", on="2026-02-10")
    assert add_event(season, 1, kind="return", on="2026-02-01")["closes"] == first["id"]
    assert add_event(season, 1, kind="return", on="2026-02-20")["closes"] == second["id"]
    with pytest.raises(InvalidInput, match="no open hospitalization"):
        add_event(season, 1, kind="return", on="2026-02-25")


def test_a_return_with_no_stay_open_is_refused_and_saves_nothing(season: Database, today: Today) -> None:
    today(dt.date(2026, 3, 1))
    add_event(season, 2, kind="hospitalization", on="2026-02-01")  # someone else's stay
    with pytest.raises(InvalidInput, match="no open hospitalization") as refused:
        add_event(season, 1, kind="return", on="2026-02-10")
    assert "Ada" not in str(refused.value)
    assert list_events(season, 1) == []


def test_an_event_is_dated_within_the_enrollment_and_not_after_today(season: Database, today: Today) -> None:
    today(dt.date(2026, 3, 1))
    with pytest.raises(InvalidInput, match="after today"):
        add_event(season, 1, kind="referral", on="2026-03-02")
    assert add_event(season, 1, kind="referral", on="2026-03-02", future=True)["date"] == "2026-03-02"
    with pytest.raises(InvalidInput, match="2026-01-05"):
        add_event(season, 1, kind="incident", on="2026-01-04")
    with pytest.raises(InvalidInput):
        add_event(season, 1, kind="discharge")
    with pytest.raises(NotFound):
        add_event(season, 99, kind="referral")
    assert add_event(season, 1, kind="escalation")["date"] == "2026-03-01"


def test_recent_gives_kind_and_date_in_the_window_and_any_stay_still_open(season: Database, today: Today) -> None:
    today(dt.date(2026, 3, 31))
    add_event(season, 1, kind="hospitalization", on="2026-01-10", to="County hospital")  # open, old
    add_event(season, 2, kind="referral", on="2026-01-20", to="Crisis line")  # before the window
    add_event(season, 2, kind="escalation", on="2026-03-05", note="Hard week")
    add_event(season, 3, kind="hospitalization", on="2026-02-01")
    add_event(season, 3, kind="return", on="2026-02-09")  # closed, before the window
    found = recent(season, [1, 2, 3], since="2026-03-01", until="2026-03-31")
    assert found == [
        {"id": 1, "name": "Ada Quill", "kind": "hospitalization", "date": "2026-01-10", "open": True},
        {"id": 2, "name": "Bram Oakes", "kind": "escalation", "date": "2026-03-05", "open": None},
    ]
    assert recent(season, [], since="2026-03-01", until="2026-03-31") == []


def test_erasing_a_person_erases_their_events(season: Database, today: Today) -> None:
    today(dt.date(2026, 3, 1))
    add_event(season, 1, kind="hospitalization", on="2026-02-01")
    add_event(season, 1, kind="return", on="2026-02-05")
    delete(season, 1, confirm=lambda _: True)
    assert list_events(season) == []
