"""The program year: which theme each month has, and when the group meets.

Pure functions over dates. Only `schedule_for` with a group reads the
database, so `peertool schedule` without `--group` imports nothing heavy and
never creates a file.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict

from peertool.dates import add_months, first_meeting
from peertool.errors import InvalidInput

if TYPE_CHECKING:
    from peertool.db.connection import Database
    from peertool.settings import Settings


class MonthShape(TypedDict):
    """An item of `schedule` (one object with `--on`): month and theme, plus ISO dates when dated."""

    month: int
    theme: str
    start: NotRequired[str]
    end: NotRequired[str]
    meetings: NotRequired[list[str]]
    skipped: NotRequired[list[str]]


class Month:
    """One month of the program: its number (1-based), theme and, when dated, its days.

    A plain class rather than a dataclass: dataclasses compile code when
    their module is imported, which `peertool schedule` would pay on every call.
    """

    __slots__ = ("month", "theme", "start", "end", "meetings", "skipped")

    def __init__(self, month: int, theme: str, start: dt.date | None = None, end: dt.date | None = None):
        self.month, self.theme, self.start, self.end = month, theme, start, end
        self.meetings: list[dt.date] = []
        self.skipped: list[dt.date] = []

    def as_dict(self) -> MonthShape:
        """The stable JSON shape: month and theme, plus ISO dates when dated."""
        out: MonthShape = {"month": self.month, "theme": self.theme}
        if self.start is not None and self.end is not None:
            out["start"] = self.start.isoformat()
            out["end"] = self.end.isoformat()
            out["meetings"] = [d.isoformat() for d in self.meetings]
            out["skipped"] = [d.isoformat() for d in self.skipped]
        return out


def skip_set(dates: list[str]) -> frozenset[dt.date]:
    """The config's skip_dates (ISO texts) as dates."""
    return frozenset(dt.date.fromisoformat(d) for d in dates)


def program(
    themes: list[str],
    start: dt.date | None = None,
    weekday: int | None = None,
    skip_dates: frozenset[dt.date] = frozenset(),
    open_days: frozenset[int] = frozenset(),
) -> list[Month]:
    """The program's months; dated, with weekly meetings, when a start is given.

    Month k runs from start + (k-1) months to the day before month k+1. The
    meetings fall weekly on `weekday` (the start's own weekday by default),
    or, for a drop-in, on every one of its `open_days` (0 = Monday); those on
    a skip date are listed as skipped instead.
    """
    if start is None:
        return [Month(number, theme) for number, theme in enumerate(themes, start=1)]
    weekday = start.weekday() if weekday is None else weekday
    meeting = first_meeting(start, weekday)
    months = []
    for number, theme in enumerate(themes, start=1):
        try:
            begins = add_months(start, number - 1)
            ends = add_months(start, number) - dt.timedelta(days=1)
        except (OverflowError, ValueError):
            raise InvalidInput(f"a program year from {start} runs past the last date a calendar has.") from None
        month = Month(number, theme, begins, ends)
        if open_days:
            days = (begins + dt.timedelta(days=n) for n in range((ends - begins).days + 1))
            for day in (d for d in days if d.weekday() in open_days):
                (month.skipped if day in skip_dates else month.meetings).append(day)
            months.append(month)
            continue
        while meeting <= ends:
            (month.skipped if meeting in skip_dates else month.meetings).append(meeting)
            meeting += dt.timedelta(weeks=1)  # `ends` is a real date, so the week after it is too
        months.append(month)
    return months


def weekly_between(start: dt.date, weekday: int | None, last: dt.date, skip_dates: frozenset[dt.date],
                   lo: dt.date, hi: dt.date) -> list[dt.date]:  # fmt: skip
    """The meetings `program` gives a year from `start` (weekly on `weekday`, to its `last` day, skip dates left
    out) that fall from `lo` up to (not including) `hi`, worked out for those weeks alone, not the whole year."""
    meeting = first_meeting(start, start.weekday() if weekday is None else weekday)
    if lo > meeting:
        meeting += dt.timedelta(weeks=-(-(lo - meeting).days // 7))
    days = []
    while meeting < hi and meeting <= last:
        if meeting not in skip_dates:
            days.append(meeting)
        meeting += dt.timedelta(weeks=1)
    return days


def month_on(months: list[Month], day: dt.date) -> Month | None:
    """The dated month that contains `day`, or None outside the program year."""
    return next((m for m in months if m.start is not None and m.end is not None and m.start <= day <= m.end), None)


def next_meeting(months: list[Month], day: dt.date) -> dt.date | None:
    """The first meeting on or after `day`, if the program has one left."""
    return next((d for m in months for d in m.meetings if d >= day), None)


def year_bounds(months: list[Month]) -> tuple[dt.date, dt.date]:
    """The first and last day of a dated program year."""
    first, last = months[0].start, months[-1].end
    assert first is not None and last is not None, "only a dated program has bounds"
    return first, last


DROP_IN_MONTHS = 12  # how far a drop-in group's schedule runs, from the month it is in today
OPEN_DAYS = "Open days"  # a drop-in month's theme when its program has none


def group_program(group: dict[str, Any], settings: "Settings", around: dt.date | None = None) -> list[Month]:
    """A group's dated program year: its months, meetings and skipped dates, by the group's program's themes.

    A drop-in group has no year: its schedule is the open days of the twelve
    calendar months from the one it is in `around` (default today), or opens
    in, each numbered and themed by its calendar month, as its visits are.
    """
    from peertool.programs import group_program as program_of
    from peertool.programs import is_drop_in

    chosen, start = program_of(settings, group), dt.date.fromisoformat(group["start_on"])
    skips = skip_set(settings.skip_dates)
    if not is_drop_in(group):
        return program(list(chosen.themes), start, group["weekday"], skips)
    from peertool.clock import today
    from peertool.validate import WEEKDAYS

    first = max(start, around or today()).replace(day=1)
    themes = [drop_in_theme(chosen.themes, add_months(first, n).month) for n in range(DROP_IN_MONTHS)]
    days = frozenset(WEEKDAYS.index(day) for day in group["days"].split(","))
    months = program(themes, first, group["weekday"], skips, days)
    for month in months:
        assert month.start is not None, "a drop-in's months are dated"
        month.month = month.start.month
    opening = months[0]
    if opening.start is not None and opening.start < start:  # it opens in this month: nothing before that day
        opening.start = start
        opening.meetings = [d for d in opening.meetings if d >= start]
        opening.skipped = [d for d in opening.skipped if d >= start]
    return months


def drop_in_theme(themes: Sequence[str], month: int) -> str:
    """A drop-in's theme for calendar month `month` (1-12): its program's, in turn, else `Open days`."""
    return themes[(month - 1) % len(themes)] if themes else OPEN_DAYS


def program_month(group: dict[str, Any], day: str, settings: "Settings") -> Month:
    """The month of the group's program year containing `day`; refused outside the year."""
    months = group_program(group, settings)
    month = month_on(months, dt.date.fromisoformat(day))
    if month is None:
        first, last = year_bounds(months)
        raise InvalidInput(f"date: {day} is outside group {group['id']}'s program year ({first} to {last}).")
    return month


class Schedule:
    """A program year ready to print: its months, and the group's name, time and place if known.

    `uid` keys calendar events, `current` is the month containing today and
    `upcoming` the next meeting (both None when undated or outside the year).
    `year` keeps every month when `months` is narrowed to one by --on.
    `removed` holds the meetings an earlier weekday gave a group beyond its
    current ones, with the time they had, for the calendar to cancel.
    A plain class: a dataclass would compile code at import, on every call.
    """

    def __init__(self, months: list[Month], minutes: int):
        self.months = months
        self.year = months
        self.minutes = minutes
        self.name = "Peer group"
        self.weekday: int | None = None
        self.days: list[str] = []  # a drop-in group's open days (its weekday is the first)
        self.time: str | None = None
        self.location: str | None = None
        self.uid = ""
        self.single = False
        self.sequence = 0
        self.changed_at: str | None = None
        self.timezone: str | None = None
        self.removed: list[tuple[dt.date, Month, str | None]] = []
        self.current: Month | None = None
        self.upcoming: dt.date | None = None

    @property
    def dated(self) -> bool:
        return bool(self.months) and self.months[0].start is not None


def schedule_for(
    settings: "Settings",
    *,
    start: str | None = None,
    weekday: str | None = None,
    time: str | None = None,
    group: str | None = None,
    on: str | None = None,
    open_db: "Callable[[], Database] | None" = None,
) -> Schedule:
    """The theme schedule: undated, dated from `start`, or a group's; just the month of `on` if given.

    `open_db` is called only for a group, so an undated or start-dated
    schedule never opens (or creates) a database.
    """
    from peertool import validate
    from peertool.clock import today

    if start and group:
        raise InvalidInput("give --start or --group, not both.")
    if (weekday or time) and not start:
        raise InvalidInput("--weekday and --time go with --start (a group has its own).")
    sched = Schedule([], settings.meeting_minutes)
    sched.timezone = settings.timezone
    first: dt.date | None = None
    history: str | None = None  # a group's earlier weekdays and times (JSON)
    if start:
        first = dt.date.fromisoformat(validate.date("start", start))
        sched.weekday = validate.weekday("weekday", weekday) if weekday else first.weekday()
        sched.time = validate.clock("time", time) if time else None
        # each start, weekday and time is its own calendar: two of them imported together keep all their events
        sched.uid = f"start{first:%Y%m%d}-{validate.WEEKDAYS[sched.weekday]}{(sched.time or '').replace(':', '')}"
    elif group and open_db is not None:
        from peertool.people.scope import resolve_group
        from peertool.programs import is_drop_in

        row = resolve_group(open_db(), group)
        around = _on_day(on) if on is not None and row.get("days") else None  # a drop-in: the months from --on's
        sched.months = sched.year = group_program(row, settings, around)
        first, sched.weekday = sched.months[0].start, row["weekday"]
        sched.time, sched.location, sched.name = row["time"], row["location"], row["name"]
        sched.uid = row.get("uid") or f"group{row['id']}"
        sched.sequence, sched.changed_at = row.get("schedule_version") or 0, row.get("schedule_changed_at")
        history = None if is_drop_in(row) else row.get("schedule_history")  # a drop-in has no weekly calendar
        sched.days = row["days"].split(",") if is_drop_in(row) else []
    if not sched.months:
        sched.months = sched.year = program(settings.themes, first, sched.weekday, skip_set(settings.skip_dates))
    if history:
        sched.removed = removed_meetings(sched.months, history, settings, [m.theme for m in sched.months])
    if first is not None:
        sched.current, sched.upcoming = month_on(sched.months, today()), next_meeting(sched.months, today())
    if on is not None:
        sched.months, sched.single = [_month_of(sched, on)], True
    return sched


def removed_meetings(
    months: list[Month], history: str, settings: "Settings", themes: list[str]
) -> list[tuple[dt.date, Month, str | None]]:
    """The meetings earlier weekdays had after the current year's last one, in calendar order, with their time.

    Calendar events are numbered by their place in the year, so a weekday with
    fewer meetings drops the last numbers; each dropped number is taken from the
    newest earlier schedule that had it, the one a coach's calendar last showed.
    """
    import json

    start = months[0].start
    assert start is not None, "only a dated program has meetings"
    count = sum(len(m.meetings) + len(m.skipped) for m in months)
    removed: list[tuple[dt.date, Month, str | None]] = []
    for entry in reversed(json.loads(history)):
        earlier = program(themes, start, entry["weekday"], skip_set(settings.skip_dates))
        days = sorted(((day, month) for month in earlier for day in month.meetings + month.skipped), key=lambda d: d[0])
        removed += [(day, month, entry["time"]) for day, month in days[count + len(removed) :]]
    return removed


def _month_of(sched: Schedule, on: str) -> Month:

    if not sched.dated:
        raise InvalidInput("--on needs dates: give --start or --group.")
    day = _on_day(on)
    month = month_on(sched.months, day)
    if month is None:
        first, last = year_bounds(sched.months)
        if sched.days:  # a drop-in's months run from whichever --on names: only a day before it opened is outside
            raise InvalidInput(f"on: {day} is before the group opened on {first}.")
        raise InvalidInput(f"on: {day} is outside the program year ({first} to {last}).")
    return month


def _on_day(on: str) -> dt.date:
    """The day `--on` names: a date, or `today`."""
    from peertool import validate
    from peertool.clock import today

    return today() if on.strip().lower() == "today" else dt.date.fromisoformat(validate.date("on", on))
