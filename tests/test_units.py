"""Service units from minutes, under each rounding a program can choose."""

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
