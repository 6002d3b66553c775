"""A calendar's VTIMEZONE, written from zoneinfo's own offsets for the span of the file's events.

Calendar clients that read the VTIMEZONE in the file (vobject, ical.js) rather
than look the TZID up by name take it at its word. So it holds one observance
per actual change of offset, each with a single DTSTART (no RDATE lists, which
some read only the first value of, and no rules that stop in 2038): whatever
zoneinfo says for the dates, including zones whose changes follow no yearly
rule (Africa/Casablanca) and years past 2037, where the zone's rule applies.
"""

import datetime as dt
from typing import Any

# One reading of the zone's clock: its offset from UTC, its abbreviation and whether it is summer time.
State = tuple[dt.timedelta, str, bool]

# Zones change their offset at most once in this long; the span is read at this step and each change pinned
# to the second. tzdata's closest changes are weeks apart.
_STEP = dt.timedelta(hours=6)


def vtimezone(zone: dt.tzinfo, tzid: str, first: dt.date, last: dt.date) -> Any:
    """The VTIMEZONE for `zone` that gives zoneinfo's offset at every instant from a year before `first`
    to the day after `last`: the offset in force at the start, then every change."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    begin = dt.datetime.combine(first - dt.timedelta(days=366), dt.time(), dt.UTC)
    end = dt.datetime.combine(last + dt.timedelta(days=2), dt.time(), dt.UTC)
    component = Timezone()
    component.add("tzid", tzid)
    before = _state(zone, begin)
    for instant, after in [(begin, before), *_changes(zone, begin, end)]:
        offset, name, summer = after
        observance = TimezoneDaylight() if summer else TimezoneStandard()
        observance.add("dtstart", (instant + before[0]).replace(tzinfo=None))  # local time, on the clock it left
        observance.add("tzoffsetfrom", before[0])
        observance.add("tzoffsetto", offset)
        observance.add("tzname", name)
        component.add_component(observance)
        before = after
    return component


def _state(zone: dt.tzinfo, instant: dt.datetime) -> State:
    local = instant.astimezone(zone)
    return local.utcoffset() or dt.timedelta(), local.tzname() or "", bool(local.dst())


def _changes(zone: dt.tzinfo, begin: dt.datetime, end: dt.datetime) -> list[tuple[dt.datetime, State]]:
    """Each instant in [begin, end) at which the zone's clock changes, with the state it changes to.

    Zones change on whole seconds, so the search runs on whole seconds since `begin`.
    """

    def at(second: int) -> State:
        return _state(zone, begin + dt.timedelta(seconds=second))

    changes = []
    step, stop = int(_STEP.total_seconds()), int((end - begin).total_seconds())
    low, state = 0, at(0)
    while low < stop:
        high = low + step
        if at(high) != state:
            while high - low > 1:  # the change falls in (low, high]
                middle = (low + high) // 2
                low, high = (middle, high) if at(middle) == state else (low, middle)
            state = at(high)
            changes.append((begin + dt.timedelta(seconds=high), state))
        low = high
    return changes
