"""Service units from minutes: the count a billing office or a funder's report needs.

Peer support is billed per unit of time (HCPCS H0038: 15 minutes). The
program chooses how a part unit counts: the CMS eight-minute rule (a part
unit of at least half a unit counts as one, so 8-22 minutes is 1 unit and a
90-minute group is 6), complete units only, or no rounding at all.
"""

from peertool.errors import InvalidInput


def units(minutes: int | None, unit_minutes: int = 15, rounding: str = "eight-minute") -> int | float | None:
    """The units `minutes` of service make; None when the minutes are not known.

    With `none`, the exact fraction to two decimals (20 minutes of 15 is 1.33).
    """
    if minutes is None:
        return None
    if rounding == "none":
        return round(minutes / unit_minutes, 2)
    whole, part = divmod(minutes, unit_minutes)
    if rounding == "eight-minute" and part * 2 >= unit_minutes:
        return whole + 1
    return whole


def span(
    start: str | None, end: str | None, minutes: int | None, field: str, what: str
) -> tuple[str | None, int | None]:
    """The end and length of a meeting or contact from what was given: an end (which needs a start) sets the
    length, and a length given too must agree; the end must fall after the start, on the same day.

    `field` names the length option in messages (duration, minutes); `what` the record (a meeting, a contact).
    """
    if end is not None:
        if start is None:
            raise InvalidInput("end: give --start too.")
        length = minutes_between(start, end)
        if length < 1:
            raise InvalidInput(f"end: {end} is not after the start, {start}.")
        if minutes is not None and minutes != length:
            raise InvalidInput(f"{field}: {minutes} minutes disagrees with {start} to {end} ({length}); give one.")
        return end, length
    if start is not None and minutes is not None:
        end = clock_plus(start, minutes)
        if end is None:
            raise InvalidInput(f"{what} of {minutes} minutes from {start} would run past midnight.")
    return end, minutes


def minutes_between(start: str, end: str) -> int:
    """Minutes from one HH:MM to a later one the same day (negative when `end` is earlier)."""
    return _minute_of_day(end) - _minute_of_day(start)


def clock_plus(start: str, minutes: int) -> str | None:
    """HH:MM `minutes` after `start`, or None when that runs past midnight."""
    total = _minute_of_day(start) + minutes
    return f"{total // 60:02d}:{total % 60:02d}" if total < 24 * 60 else None


def _minute_of_day(clock: str) -> int:
    hours, _, mins = clock.partition(":")
    return int(hours) * 60 + int(mins)
