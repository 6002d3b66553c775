"""A drop-in group's report (`outcomes.visits`): visits by person, by day of the week and by calendar month."""

import datetime as dt
from pathlib import Path

import pytest

from peertool.db.connection import Database
from peertool.db.store import write
from peertool.errors import InvalidInput
from peertool.outcomes.visits import build
from peertool.people.groups import create_group
from peertool.program.attendance import Marks
from peertool.program.meetings import record_meeting
from peertool.programs import program_named
from peertool.settings import Settings, load_settings

from helpers import INDEPENDENCE, Today


@pytest.fixture
def wed_fri(season: Database, env: Path, today: Today) -> Settings:
    """Season's Riverside, and drop-in Annex open Wednesday and Friday from 2026-03-04; Ada (1) and Bram (2)
    enrolled in its program from then."""
    today(dt.date(2026, 4, 30))
    path = env / "peertool.yaml"
    path.write_text(INDEPENDENCE)
    path.chmod(0o600)
    settings = load_settings(str(path))
    program = program_named(settings, "independence")
    create_group(season, "Annex", start="2026-03-04", weekday=None, program=program, days="wed,fri")
    with write(season):
        for pid in (1, 2):
            season.execute("INSERT INTO program_enrollments (participant_id, program, enrolled_on) VALUES (?, ?, ?)",
                           [pid, "independence", "2026-03-04"])  # fmt: skip
    return settings


def test_visits_count_by_person_open_weekday_and_calendar_month(season: Database, wed_fri: Settings) -> None:
    for day, present in (("2026-03-04", ["1", "2"]), ("2026-03-07", ["1"]), ("2026-04-01", ["1"])):
        record_meeting(season, "Annex", settings=wed_fri, date=day, marks=Marks(present=present))
    report = build(season, "Annex", settings=wed_fri)
    assert (report["from"], report["to"], report["days"]) == ("2026-03-04", "2026-04-30", ["wed", "fri"])
    assert [(p["id"], p["visits"], p["days"]) for p in report["people"]] == [
        (1, 3, ["2026-03-04", "2026-03-07", "2026-04-01"]),
        (2, 1, ["2026-03-04"]),
    ]
    assert report["weekdays"] == {"mon": 0, "tue": 0, "wed": 3, "thu": 0, "fri": 0, "sat": 1, "sun": 0}  # all seven
    assert report["months"] == [
        {"month": "2026-03", "visits": 3, "visitors": 2},
        {"month": "2026-04", "visits": 1, "visitors": 1},
    ]
    assert build(season, "Annex", settings=wed_fri, start="2026-04-01")["visitors"] == 1
    with pytest.raises(InvalidInput):
        build(season, "Annex", settings=wed_fri, start="2026-04-02", end="2026-04-01")


def test_a_day_over_the_cap_is_warned_of(season: Database, wed_fri: Settings, env: Path) -> None:
    path = env / "peertool.yaml"
    path.write_text(INDEPENDENCE + "billing:\n  daily_cap_units: 2\n")
    capped = load_settings(str(path))
    record_meeting(season, "Annex", settings=capped, date="2026-03-04", marks=Marks(present=["2"]))
    assert build(season, "Annex", settings=capped)["warnings"] == [
        "Bram Oakes (id 2) has 6 units on 2026-03-04, over the daily cap of 2."
    ]
