"""Service units from minutes, under each rounding a program can choose."""

from itertools import count

import pytest

from peertool.units import clock_plus, minutes_between, units


@pytest.mark.parametrize(
    "minutes, expected",
    [(0, 0), (7, 0), (8, 1), (22, 1), (23, 2), (37, 2), (38, 3), (52, 3), (53, 4), (90, 6), (None, None)],
)
def test_the_eight_minute_rule(minutes: int | None, expected: int | None) -> None:
    assert units(minutes) == expected


@pytest.mark.parametrize("minutes, expected", [(14, 0), (15, 1), (29, 1), (30, 2), (90, 6)])
def test_complete_units_only(minutes: int, expected: int) -> None:
    assert units(minutes, rounding="complete") == expected


def test_no_rounding_and_other_unit_lengths() -> None:
    assert units(20, rounding="none") == 1.33 and units(90, rounding="none") == 6
    assert units(45, unit_minutes=60) == 1 and units(29, unit_minutes=60) == 0 and units(30, unit_minutes=60) == 1


def test_clock_arithmetic() -> None:
    assert minutes_between("18:00", "19:30") == 90 and minutes_between("10:00", "09:59") == -1
    assert clock_plus("18:00", 90) == "19:30" and clock_plus("23:00", 60) is None


def _cms_table(minutes: int) -> int:
    """The CMS table (Medicare Claims Processing Manual, ch. 5, §20.2), written out: under 8 minutes no unit;
    then n units for 15n-7 through 15n+7 minutes (8-22: 1, 23-37: 2, ... 113-127: 8, and on past two hours)."""
    return 0 if minutes < 8 else next(n for n in count(1) if 15 * n - 7 <= minutes <= 15 * n + 7)


def test_the_eight_minute_rule_is_the_cms_table_for_every_minute_of_a_day() -> None:
    assert [units(minutes) for minutes in range(24 * 60 + 1)] == [_cms_table(m) for m in range(24 * 60 + 1)]
