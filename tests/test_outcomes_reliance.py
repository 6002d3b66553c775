"""Decreasing reliance: each person's months of the period, with outings by kind, individual contact minutes and
connections by setting at each month's end."""

from typing import Any

from peertool.db.connection import Database
from peertool.outcomes import recovery
from peertool.outcomes.outings import log_outing
from peertool.outcomes.reliance import Reliance, reliance
from peertool.people.connections import add_connection
from peertool.people.contacts import add_note
from peertool.settings import Settings


def _people(db: Database) -> list[dict[str, Any]]:
    return [dict(row) for row in db.query("SELECT id, name FROM participants WHERE id IN (1, 2, 3) ORDER BY id")]


def _reliance(db: Database, settings: Settings, start: str, end: str) -> list[Reliance]:
    people = _people(db)
    measured = recovery.build(db, settings, [p["id"] for p in people], start, end)
    return reliance(db, 1, people, start, end, measured["people"])


def _ada(found: list[Reliance]) -> Reliance:
    return next(p for p in found if p["id"] == 1)


def test_outings_move_from_the_coach_to_the_partner_to_going_alone(season: Database, settings: Settings) -> None:
    def went(who: list[str], day: str, coach: bool = False) -> None:
        log_outing(season, "Riverside", with_=who, date=day, activity="Museum", settings=settings, with_coach=coach)

    went(["1"], "2026-02-14", coach=True)  # February: with the coach
    went(["1"], "2026-02-21", coach=True)
    went(["1", "2"], "2026-03-07")  # March: with a partner
    went(["1", "2", "3"], "2026-03-28")  # and with the group
    went(["1"], "2026-04-11")  # April: alone
    months = _ada(_reliance(season, settings, "2026-02-01", "2026-04-30"))["months"]
    assert [m["month"] for m in months] == ["2026-02", "2026-03", "2026-04"]
    assert [m["outings"]["with_coach"] for m in months] == [2, 0, 0]
    assert [m["outings"]["partner"] for m in months] == [0, 1, 0]
    assert [m["outings"]["group"] for m in months] == [0, 1, 0]
    assert [m["outings"]["solo"] for m in months] == [0, 0, 1]


def test_contact_minutes_are_each_persons_own_notes_by_month(season: Database, settings: Settings) -> None:
    def note(who: str, day: str, minutes: int, mode: str = "in-person") -> None:
        add_note(season, who, "Checked in", date=day, minutes=minutes, mode=mode, settings=settings)

    note("1", "2026-02-03", 60)
    note("1", "2026-02-20", 30)
    note("1", "2026-03-05", 15, mode="phone")
    note("2", "2026-03-06", 45)
    found = _reliance(season, settings, "2026-02-01", "2026-04-30")
    assert [m["contact_minutes"] for m in _ada(found)["months"]] == [90, 15, 0]
    assert [m["contact_minutes"] for m in found[1]["months"]] == [0, 45, 0]


def test_connections_by_setting_at_each_months_end(season: Database, settings: Settings) -> None:
    add_connection(season, "1", "Tuesday garden club", kind="group", setting="mainstream", on="2026-02-10")
    add_connection(season, "1", "Peer drop-in centre", kind="place", setting="program", on="2026-03-01")
    add_connection(season, "1", "Neighbour Sol", kind="person", on="2026-03-15")
    months = _ada(_reliance(season, settings, "2026-01-01", "2026-03-31"))["months"]
    split = [(m["connections"]["mainstream"], m["connections"]["program"], m["connections"]["unclassified"])
             for m in months]  # fmt: skip
    assert split == [(0, 0, 0), (1, 0, 0), (1, 1, 1)]
    assert [m["connections"]["month_end"] for m in months] == ["2026-01-31", "2026-02-28", "2026-03-31"]


def test_months_outside_the_period_are_absent(season: Database, settings: Settings) -> None:
    log_outing(season, "Riverside", with_=["1"], date="2026-01-20", activity="Park", settings=settings)
    log_outing(season, "Riverside", with_=["1"], date="2026-05-02", activity="Park", settings=settings)
    add_note(season, "1", "Checked in", date="2026-05-03", minutes=30, settings=settings)
    found = _ada(_reliance(season, settings, "2026-02-10", "2026-04-05"))
    assert [m["month"] for m in found["months"]] == ["2026-02", "2026-03", "2026-04"]
    assert all(sum(m["outings"].values()) == 0 and m["contact_minutes"] == 0 for m in found["months"])
    assert found["months"][-1]["connections"]["month_end"] == "2026-04-05"  # the period's own end


def test_a_person_with_nothing_recorded_has_every_month_at_zero(season: Database, settings: Settings) -> None:
    month = _reliance(season, settings, "2026-03-01", "2026-03-31")[2]["months"][0]
    assert month == {
        "month": "2026-03",
        "outings": {"partner": 0, "solo": 0, "group": 0, "with_coach": 0},
        "contact_minutes": 0,
        "connections": {"month_end": "2026-03-31", "active": 0, "mainstream": 0, "program": 0, "unclassified": 0,
                        "mainstream_share": None},
    }  # fmt: skip
