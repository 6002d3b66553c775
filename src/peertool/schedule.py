"""The program year: which theme each month has, and when the group meets.

Pure functions over dates, no database: `peertool schedule` imports only
this and the theme list, so it starts fast and never creates a file.
"""

import calendar
import datetime as dt


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

    def as_dict(self) -> dict:
        """The stable JSON shape: month and theme, plus ISO dates when dated."""
        out: dict = {"month": self.month, "theme": self.theme}
        if self.start is not None:
            out["start"] = self.start.isoformat()
            out["end"] = self.end.isoformat()
            out["meetings"] = [d.isoformat() for d in self.meetings]
            out["skipped"] = [d.isoformat() for d in self.skipped]
        return out


def skip_set(dates: list[str]) -> frozenset[dt.date]:
    """The config's skip_dates (ISO texts) as dates."""
    return frozenset(dt.date.fromisoformat(d) for d in dates)


def add_months(start: dt.date, months: int) -> dt.date:
    """`start` plus whole calendar months, clamped to the month's last day (Jan 31 + 1 = Feb 28/29)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def first_meeting(start: dt.date, weekday: int) -> dt.date:
    """The first `weekday` (0 = Monday) on or after `start`."""
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


def program(
    themes: list[str],
    start: dt.date | None = None,
    weekday: int | None = None,
    skip_dates: frozenset[dt.date] = frozenset(),
) -> list[Month]:
    """The program's months; dated, with weekly meetings, when a start is given.

    Month k runs from start + (k-1) months to the day before month k+1. The
    meetings fall weekly on `weekday` (the start's own weekday by default);
    those on a skip date are listed as skipped instead.
    """
    if start is None:
        return [Month(number, theme) for number, theme in enumerate(themes, start=1)]
    weekday = start.weekday() if weekday is None else weekday
    meeting = first_meeting(start, weekday)
    months = []
    for number, theme in enumerate(themes, start=1):
        begins = add_months(start, number - 1)
        ends = add_months(start, number) - dt.timedelta(days=1)
        month = Month(number, theme, begins, ends)
        while meeting <= ends:
            (month.skipped if meeting in skip_dates else month.meetings).append(meeting)
            meeting += dt.timedelta(weeks=1)
        months.append(month)
    return months


def month_on(months: list[Month], day: dt.date) -> Month | None:
    """The dated month that contains `day`, or None outside the program year."""
    return next((m for m in months if m.start <= day <= m.end), None)


def next_meeting(months: list[Month], day: dt.date) -> dt.date | None:
    """The first meeting on or after `day`, if the program has one left."""
    return next((d for m in months for d in m.meetings if d >= day), None)
