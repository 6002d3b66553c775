"""Supervision time logged by a supervisor, and the months short of `supervision.minutes_per_month`."""

import datetime as dt

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput
from peertool.outcomes.supervision_time import log, shortfalls
from peertool.people.staff_records import add_staff, edit_staff, end_staff


@pytest.fixture
def team(season: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    add_staff(season, "Ida Moss", role="director", credential="MSW", login="imoss", on="2026-01-01")
    add_staff(season, "Sol Park", role="supervisor", credential="LCSW", login="spark", on="2026-01-01")
    add_staff(season, "Rae Lin", role="coach", credential="CPS", login="rlin", supervisor="Sol Park", on="2026-03-15")
    monkeypatch.setenv("PEERTOOL_LOGIN", "spark")
    return season


def test_without_staff_there_is_no_one_to_supervise(season: Database) -> None:
    with pytest.raises(InvalidInput, match="none are defined"):
        log(season, "Rae Lin", 30)
    assert shortfalls(season, 60, dt.date(2026, 3, 1)) == []


def test_a_session_is_logged_by_the_supervisor_or_a_director(team: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    made = log(team, "Rae Lin", 45, on="2026-04-02", note="Caseload")
    assert (made["supervisor"]["name"], made["supervisee"]["name"], made["minutes"]) == ("Sol Park", "Rae Lin", 45)
    monkeypatch.setenv("PEERTOOL_LOGIN", "imoss")
    assert log(team, "Rae Lin", 15, on="2026-04-03")["supervisor"]["name"] == "Ida Moss"
    with pytest.raises(InvalidInput, match="1 to 1440"):
        log(team, "Rae Lin", 2000)


def test_a_month_is_short_from_the_month_a_supervisee_started(team: Database) -> None:
    assert shortfalls(team, None, dt.date(2026, 4, 10)) == []
    log(team, "Rae Lin", 45, on="2026-04-02")
    short = shortfalls(team, 60, dt.date(2026, 4, 10))
    assert [(s["month"], s["minutes"], s["due"]) for s in short] == [("2026-03", 0, "2026-03-31"),
                                                                    ("2026-04", 45, "2026-04-30")]  # fmt: skip
    assert [s["month"] for s in shortfalls(team, 60, dt.date(2026, 3, 20))] == ["2026-03"]  # not before she started
    log(team, "Rae Lin", 15, on="2026-04-09")
    assert [s["month"] for s in shortfalls(team, 60, dt.date(2026, 4, 10))] == ["2026-03"]


def test_supervision_is_logged_only_down_the_line(team: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Kim Ode (from May) supervises Sol Park, who supervises Rae Lin; Tom Boss is Kim's other supervisee."""
    add_staff(team, "Kim Ode", role="supervisor", credential="LCSW", login="kode", supervisor="Ida Moss",
              on="2026-05-01")  # fmt: skip
    add_staff(team, "Tom Boss", role="supervisor", credential="LCSW", supervisor="Kim Ode", on="2026-05-01")
    edit_staff(team, "Sol Park", {"supervisor": "Kim Ode"})
    with pytest.raises(InvalidInput, match="you cannot log supervision of yourself"):
        log(team, "Sol Park", 30, on="2026-05-04")
    for above_or_beside in ("Kim Ode", "Ida Moss", "Tom Boss"):
        with pytest.raises(InvalidInput, match=f"you do not supervise {above_or_beside}"):
            log(team, above_or_beside, 30, on="2026-05-04")
    monkeypatch.setenv("PEERTOOL_LOGIN", "kode")
    assert log(team, "Rae Lin", 30, on="2026-05-04")["supervisee"]["name"] == "Rae Lin"  # down the line
    with pytest.raises(InvalidInput, match="before Kim Ode started on 2026-05-01"):
        log(team, "Rae Lin", 30, on="2026-04-30")
    monkeypatch.setenv("PEERTOOL_LOGIN", "imoss")
    assert log(team, "Tom Boss", 30, on="2026-05-04")["supervisor"]["name"] == "Ida Moss"


def test_a_session_falls_in_the_supervisee_s_service_and_a_day_holds_1440_minutes(team: Database) -> None:
    with pytest.raises(InvalidInput, match="before Rae Lin started on 2026-03-15"):
        log(team, "Rae Lin", 30, on="2026-03-14")
    end_staff(team, "Rae Lin", on="2026-04-10")
    log(team, "Rae Lin", 1000, on="2026-04-09")  # she has left since: her last day's supervision
    with pytest.raises(InvalidInput, match="Rae Lin left on 2026-04-10"):
        log(team, "Rae Lin", 30, on="2026-04-10")
    with pytest.raises(InvalidInput, match="already has 1000 minutes .* on 2026-04-09; at most 440 more"):
        log(team, "Rae Lin", 441, on="2026-04-09")
    assert log(team, "Rae Lin", 440, on="2026-04-09")["minutes"] == 440
