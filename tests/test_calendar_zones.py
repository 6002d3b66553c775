"""Calendars read right by parsers that use the file's own VTIMEZONE, not the zone's name (issue 24, item 18).

Each event's instant, as vobject and icalendar's `Timezone.to_tz` compute it from
the VTIMEZONE peertool wrote, must equal the instant zoneinfo gives for the
meeting's local date and time: across summer time, after 2037 (where the old
VTIMEZONE stopped), for Casablanca's moving changes and Lord Howe's half hour.
"""

import datetime as dt
import zoneinfo
from pathlib import Path
from typing import cast

import pytest
import vobject
from icalendar import Calendar, Timezone

from helpers import Cli

ZONES = ["Europe/London", "America/New_York", "Africa/Casablanca", "Australia/Lord_Howe", "Asia/Tokyo"]


def calendar(cli: Cli, env: Path, zone: str, start: str, time: str) -> str:
    (env / "peertool.yaml").write_text(f"timezone: {zone}\n")
    return cli.ok("schedule", "--start", start, "--time", time, "--format", "ics").stdout


def expected(local: dt.datetime, zone: str) -> dt.datetime:
    """The instant zoneinfo gives for a wall-clock time (the first one, when the clock goes back)."""
    return local.replace(tzinfo=zoneinfo.ZoneInfo(zone)).astimezone(dt.UTC)


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("start", ["2027-01-04", "2040-01-02"])
def test_every_event_is_at_its_hour_by_the_files_own_time_zone(cli: Cli, env: Path, zone: str, start: str) -> None:
    text = calendar(cli, env, zone, start, "10:00")
    parsed = Calendar.from_ical(text)
    (component,) = parsed.walk("VTIMEZONE")
    own_zone = cast(Timezone, component).to_tz(
        lookup_tzid=False
    )  # built from the file's VTIMEZONE, not looked up by name
    events = parsed.walk("VEVENT")
    assert len(events) >= 52
    for event in events:
        local = event.decoded("dtstart").replace(tzinfo=None)
        assert local.time() == dt.time(10, 0)
        assert local.replace(tzinfo=own_zone).astimezone(dt.UTC) == expected(local, zone), (zone, local)
    read = vobject.readOne(text)
    vobject_zone = read.vtimezone.gettzinfo()  # vobject's zone from the file (its name lookup uses pytz, and caches)
    assert len(read.vevent_list) == len(events)
    for event in read.vevent_list:
        local = event.dtstart.value.replace(tzinfo=None)
        assert local.replace(tzinfo=vobject_zone).astimezone(dt.UTC) == expected(local, zone), (zone, local)


def test_no_rdate_lists(cli: Cli, env: Path) -> None:
    """ical.js and vobject read only the first date of a comma-separated RDATE."""
    text = calendar(cli, env, "Europe/London", "2027-01-04", "18:00")
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/London" in text
    unfolded = text.replace("\r\n ", "")
    assert not [line for line in unfolded.splitlines() if line.startswith("RDATE") and "," in line]


def test_a_time_the_clock_shows_twice_is_the_first(cli: Cli, env: Path) -> None:
    """London's clock shows 01:30 twice on 2027-10-31: RFC 5545 and zoneinfo take the first (summer time)."""
    text = calendar(cli, env, "Europe/London", "2027-10-03", "01:30")
    (component,) = Calendar.from_ical(text).walk("VTIMEZONE")
    want = expected(dt.datetime(2027, 10, 31, 1, 30), "Europe/London")
    assert want == dt.datetime(2027, 10, 31, 0, 30, tzinfo=dt.UTC)
    for zone in (cast(Timezone, component).to_tz(lookup_tzid=False), vobject.readOne(text).vtimezone.gettzinfo()):
        assert dt.datetime(2027, 10, 31, 1, 30, tzinfo=zone).astimezone(dt.UTC) == want
