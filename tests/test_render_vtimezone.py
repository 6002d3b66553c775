"""The VTIMEZONE written for a calendar gives zoneinfo's offset for every day it covers, in every zone (issue 24)."""

import datetime as dt
import zoneinfo
from pathlib import Path
from typing import cast

import pytest
import vobject
from icalendar import Calendar, Timezone

from peertool.render.vtimezone import vtimezone

from helpers import Cli


def reparsed(name: str, first: dt.date, last: dt.date) -> dt.tzinfo:
    """The zone a client builds from the VTIMEZONE text, not from the zone's name."""
    text = vtimezone(zoneinfo.ZoneInfo(name), name, first, last).to_ical()
    (component,) = Calendar.from_ical(b"BEGIN:VCALENDAR\r\n" + text + b"END:VCALENDAR\r\n").walk("VTIMEZONE")
    zone: dt.tzinfo = cast(Timezone, component).to_tz(lookup_tzid=False)
    return zone


def wrong_days(name: str, first: dt.date, last: dt.date) -> list[dt.date]:
    zone, own = zoneinfo.ZoneInfo(name), reparsed(name, first, last)
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    return [
        day
        for day in days
        for hour in (10, 18)
        if dt.datetime.combine(day, dt.time(hour), own).astimezone(dt.UTC)
        != dt.datetime.combine(day, dt.time(hour), zone).astimezone(dt.UTC)
    ]


def test_each_observance_is_one_change_with_one_start() -> None:
    component = vtimezone(zoneinfo.ZoneInfo("Africa/Casablanca"), "Africa/Casablanca", dt.date(2027, 1, 4),
                          dt.date(2028, 1, 3))  # fmt: skip
    observances = component.subcomponents
    assert len(observances) >= 5  # the offset at the start, then Ramadan's two changes in 2026 and in 2027
    assert all("RDATE" not in o and "RRULE" not in o for o in observances)
    assert [o["dtstart"].dt for o in observances] == sorted(o["dtstart"].dt for o in observances)


def test_a_zone_that_never_changes_has_one_observance() -> None:
    component = vtimezone(zoneinfo.ZoneInfo("Asia/Tokyo"), "Asia/Tokyo", dt.date(2040, 1, 2), dt.date(2041, 1, 1))
    (only,) = component.subcomponents
    assert only["tzoffsetto"].td == dt.timedelta(hours=9)


@pytest.mark.parametrize("name", ["Europe/London", "America/New_York", "Africa/Casablanca", "Australia/Lord_Howe"])
def test_named_zones_in_2027_and_2040(name: str) -> None:
    assert not wrong_days(name, dt.date(2027, 1, 4), dt.date(2028, 1, 3))
    assert not wrong_days(name, dt.date(2040, 1, 2), dt.date(2041, 1, 1))


@pytest.mark.slow
def test_every_zone_in_2027_and_2040() -> None:
    wrong = {
        name: days
        for name in sorted(zoneinfo.available_timezones())
        for first in (dt.date(2027, 1, 4), dt.date(2040, 1, 2))
        if (days := wrong_days(name, first, first + dt.timedelta(days=364)))
    }
    assert not wrong


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
