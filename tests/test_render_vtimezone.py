"""The VTIMEZONE written for a calendar gives zoneinfo's offset for every day it covers, in every zone (issue 24)."""

import datetime as dt
import zoneinfo
from typing import cast

import pytest
from icalendar import Calendar, Timezone

from peertool.render.vtimezone import vtimezone


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
