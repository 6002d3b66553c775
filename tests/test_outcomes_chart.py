"""A person's chart: their own record of care for a period, which never names another member."""

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from peertool.db.connection import Database
from peertool.db.store import insert, write
from peertool.errors import InvalidInput
from peertool.outcomes.chart import build
from peertool.outcomes.naming import REDACTED
from peertool.people.events import add_event
from peertool.people.goals import add_goal
from peertool.people.groups import remove_member
from peertool.program.attendance import Marks
from peertool.program.meetings import record_meeting

if TYPE_CHECKING:
    from peertool.settings import Settings

Today = Callable[[dt.date], None]


def _season_with_records(db: Database, settings: "Settings") -> None:
    record_meeting(db, "Riverside", settings=settings, date="2026-03-03", notes="Bram Oakes led the check-in",
                   marks=Marks(absent=["Cleo Marsh"]))  # fmt: skip
    with write(db):
        insert(db, "contact_notes", {"participant_id": 1, "noted_on": "2026-03-04", "mode": "phone", "minutes": 30,
                                     "text": "Went to the market with bram oakes and Dev."})  # fmt: skip
        insert(db, "contact_notes", {"participant_id": 1, "noted_on": "2026-01-20", "mode": "phone",
                                     "text": "Before the period"})  # fmt: skip


def test_the_chart_shows_how_many_came_never_who_and_names_no_other_member(
    season: Database, settings: "Settings", today: Today
) -> None:
    today(dt.date(2026, 3, 31))
    _season_with_records(season, settings)
    chart = build(season, "Ada Quill", settings=settings, start="2026-03-01")
    assert (chart["participant"]["name"], chart["from"], chart["to"]) == ("Ada Quill", "2026-03-01", "2026-03-31")
    (meeting,) = chart["meetings"]
    assert meeting["attendance"] == {"present": 9, "marked": 10}
    assert (meeting["status"], meeting["minutes"], meeting["units"]) == ("present", 90, 6)
    assert "group_notes" not in meeting and chart["group_notes_included"] is False
    (contact,) = chart["contacts"]
    assert contact["text"] == f"Went to the market with {REDACTED} and {REDACTED}."
    assert "Bram" not in repr(chart) and "Cleo" not in repr(chart)
    assert chart["units"] == [{"month": "2026-03", "group": 6, "individual": 2, "total": 8}]


def test_the_group_notes_come_only_on_request_and_as_written(
    season: Database, settings: "Settings", today: Today
) -> None:
    today(dt.date(2026, 3, 31))
    _season_with_records(season, settings)
    chart = build(season, 1, settings=settings, start="2026-03-01", include_group_notes=True)
    assert chart["meetings"][0]["group_notes"] == "Bram Oakes led the check-in"
    assert chart["group_notes_included"] is True


def test_the_period_defaults_to_enrollment_through_today_and_must_run_forwards(
    season: Database, settings: "Settings", today: Today
) -> None:
    today(dt.date(2026, 3, 31))
    _season_with_records(season, settings)
    chart = build(season, 1, settings=settings)
    assert (chart["from"], chart["to"]) == ("2026-01-05", "2026-03-31")
    assert [c["date"] for c in chart["contacts"]] == ["2026-01-20", "2026-03-04"]
    absent = build(season, "Cleo Marsh", settings=settings, end="2026-03-03")
    assert absent["meetings"][0]["status"] == "absent" and absent["units"] == []
    with pytest.raises(InvalidInput, match="after --to"):
        build(season, 1, settings=settings, start="2026-03-10", end="2026-03-01")


def test_the_charts_units_are_the_days_and_only_while_served(
    season: Database, settings: "Settings", today: Today
) -> None:
    """Two 7-minute contacts on a day bill 1 unit (not 0 + 0), and meetings after she left the group none."""
    today(dt.date(2026, 3, 31))
    for day in ("2026-03-03", "2026-03-10"):
        record_meeting(season, "Riverside", settings=settings, date=day, all_present=True)
    remove_member(season, "Riverside", 1, on="2026-03-04")
    with write(season):
        for _ in range(2):
            insert(season, "contact_notes", {"participant_id": 1, "noted_on": "2026-03-05", "mode": "phone",
                                             "minutes": 7, "text": "Check-in"})  # fmt: skip
    chart = build(season, "Ada Quill", settings=settings, start="2026-03-01")
    assert [n["units"] for n in chart["contacts"]] == [0, 0]  # each record alone
    assert chart["units"] == [{"month": "2026-03", "group": 6, "individual": 1, "total": 7}]


def test_the_chart_shows_a_hospitalization_closed_by_its_return_and_the_treatment_goal(
    season: Database, settings: "Settings", today: Today
) -> None:
    today(dt.date(2026, 3, 31))
    add_goal(season, 1, "Sleep better", treatment_goal="Plan goal 2: sleep")
    add_event(season, 1, kind="hospitalization", on="2026-01-12", to="County hospital")
    add_event(season, 1, kind="return", on="2026-01-20", note="Back with Bram Oakes")
    add_event(season, 1, kind="referral", on="2026-03-20", to="Clinic")
    add_event(season, 2, kind="incident", on="2026-02-01")  # someone else's
    chart = build(season, 1, settings=settings)
    assert [(e["kind"], e["date"], e["open"]) for e in chart["events"]] == [
        ("hospitalization", "2026-01-12", False),
        ("return", "2026-01-20", None),
        ("referral", "2026-03-20", None),
    ]
    assert chart["events"][1]["note"] == f"Back with {REDACTED}"
    assert chart["goals"][-1]["treatment_goal"] == "Plan goal 2: sleep"
    assert [e["kind"] for e in build(season, 1, settings=settings, start="2026-02-01")["events"]] == ["referral"]


def test_a_stay_open_when_the_period_begins_is_charted(season: Database, settings: "Settings", today: Today) -> None:
    today(dt.date(2026, 3, 31))
    add_event(season, 1, kind="hospitalization", on="2026-01-12")
    chart = build(season, 1, settings=settings, start="2026-02-01")
    assert [(e["kind"], e["open"]) for e in chart["events"]] == [("hospitalization", True)]


def test_a_screenings_free_text_names_no_other_member(season: Database, settings: "Settings", today: Today) -> None:
    """Services text and the team contact go through the same redaction as every record of the chart (review)."""
    from peertool.definition import DEFAULT
    from peertool.people.intake import screen

    today(dt.date(2026, 3, 31))
    screen(season, 1, definition=DEFAULT, meets=["B"], exclusions={"A": "no", "B": "no"}, on="2026-01-06",
           services_text="Shares a case manager with Bram Oakes", team_contact="Dr Kay, via Bram Oakes",
           team_consent="yes")  # fmt: skip
    [screening] = build(season, "Ada Quill", settings=settings)["screenings"]
    team = screening["team_contact"]
    assert team is not None and team["text"] == f"Dr Kay, via {REDACTED}"
    assert screening["services"]["text"] == f"Shares a case manager with {REDACTED}"
