"""Calendar arithmetic the program year is built on, shared by groups (their status) and the schedule."""

import datetime as dt


def add_months(start: dt.date, months: int) -> dt.date:
    """`start` plus whole calendar months, clamped to the month's last day (Jan 31 + 1 = Feb 28/29)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, _days_in(year, month)))


def _days_in(year: int, month: int) -> int:
    """The length of a month, without importing `calendar` (every command that reads a schedule pays imports)."""
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day


def first_meeting(start: dt.date, weekday: int) -> dt.date:
    """The first `weekday` (0 = Monday) on or after `start`."""
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


def year_end(start: dt.date, months: int) -> dt.date:
    """The last day of a program of `months` months from `start`."""
    return add_months(start, months) - dt.timedelta(days=1)


def status(start: str, months: int, today: dt.date) -> str:
    """Where a program year stands today: upcoming, running or ended."""
    first = dt.date.fromisoformat(start)
    if today < first:
        return "upcoming"
    return "ended" if today > year_end(first, months) else "running"
