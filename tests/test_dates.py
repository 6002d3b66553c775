"""Calendar arithmetic the program year is built on: months clamped to their last day, first meetings,
year ends, and where a year stands."""

import datetime as dt

import pytest

from peertool.dates import add_months, first_meeting, status, year_end


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),  # a leap year
        (dt.date(2026, 3, 31), 1, dt.date(2026, 4, 30)),
        (dt.date(2026, 11, 15), 2, dt.date(2027, 1, 15)),  # across the year
        (dt.date(2026, 12, 31), 12, dt.date(2027, 12, 31)),
        (dt.date(2026, 3, 31), -1, dt.date(2026, 2, 28)),
        (dt.date(2026, 1, 6), 0, dt.date(2026, 1, 6)),
    ],
)
def test_months_are_added_and_clamped_to_the_months_last_day(start: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(start, months) == expected


def test_the_first_meeting_is_the_weekday_on_or_after_the_start() -> None:
    tuesday = dt.date(2026, 1, 6)
    assert first_meeting(tuesday, 1) == tuesday
    assert first_meeting(tuesday, 0) == dt.date(2026, 1, 12)  # Monday: the next week
    assert first_meeting(tuesday, 6) == dt.date(2026, 1, 11)


def test_a_year_ends_the_day_before_its_anniversary() -> None:
    assert year_end(dt.date(2026, 1, 6), 12) == dt.date(2027, 1, 5)
    assert year_end(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 27)


def test_a_year_is_upcoming_running_or_ended_with_both_ends_running() -> None:
    days = [dt.date(2026, 1, 5), dt.date(2026, 1, 6), dt.date(2027, 1, 5), dt.date(2027, 1, 6)]
    assert [status("2026-01-06", 12, day) for day in days] == ["upcoming", "running", "running", "ended"]
