"""Instruments and their scoring, and when a measure falls due, as pure functions (with property tests)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peertool.dates import add_months
from peertool.errors import ConfigError, InvalidInput
from peertool.outcomes import instruments as kit
from peertool.outcomes.measures import _latest_point
from peertool.outcomes.recovery import Point, change

BELONG = kit.checked(
    {"id": "belong4", "name": "Belonging", "items": 4, "min": 1, "max": 5, "score": "mean", "reverse": [2, 4],
     "subscales": {"ties": [1, 2]}, "percent": True, "meaningful_change": 10, "lower_is_better": False},
    "test",
)  # fmt: skip


@given(st.lists(st.integers(0, 5), min_size=5, max_size=5))
def test_who5_is_the_sum_and_four_times_it_as_a_percentage(answers: list[int]) -> None:
    scored = kit.score(kit.WHO5, kit.parse_answers(kit.WHO5, ",".join(map(str, answers))))
    assert scored["score"] == sum(answers) and scored["percent"] == sum(answers) * 4
    assert kit.low(kit.WHO5, scored["score"]) is (sum(answers) < 13)


@given(st.lists(st.integers(1, 5), min_size=4, max_size=4))
def test_reversed_items_are_turned_round_and_a_mean_stays_in_range(answers: list[int]) -> None:
    scored = kit.score(BELONG, answers)
    turned = [answers[0], 6 - answers[1], answers[2], 6 - answers[3]]
    assert scored["score"] == round(sum(turned) / 4, 2) and 1 <= scored["score"] <= 5
    assert scored["percent"] is not None and 0 <= scored["percent"] <= 100
    assert scored["subscales"] == {"ties": round((turned[0] + turned[1]) / 2, 2)}


@given(st.lists(st.integers(-10, 10), min_size=0, max_size=8))
def test_answers_are_accepted_only_in_count_and_range(answers: list[int]) -> None:
    fits = len(answers) == 5 and all(0 <= a <= 5 for a in answers)
    if fits:
        assert kit.parse_answers(kit.WHO5, answers) == answers
    else:
        with pytest.raises(InvalidInput):
            kit.parse_answers(kit.WHO5, ",".join(map(str, answers)))


@pytest.mark.parametrize("typed", ["1,2,3,4,5.0", "1,2,3,4,true", "1,,3,4,5", "1,2,3,4,5,", " , , , , "])
def test_answers_that_are_not_whole_numbers_are_refused(typed: str) -> None:
    with pytest.raises(InvalidInput):
        kit.parse_answers(kit.WHO5, typed)


@pytest.mark.parametrize(
    "field, value",
    [("items", True), ("items", 2.5), ("min", "1"), ("score", "median"), ("reverse", [9]), ("reverse", "2"),
     ("subscales", {"a": []}), ("subscales", ["a"]), ("percent", "yes"), ("meaningful_change", 0), ("id", "9x")],
)  # fmt: skip
def test_a_bad_definition_is_refused_naming_its_source(field: str, value: object) -> None:
    entry = {"id": "x", "name": "X", "items": 3, "min": 0, "max": 4, field: value}
    with pytest.raises(ConfigError, match="^file: instrument 2"):
        kit.checked(entry, "file: instrument 2")


def test_ids_are_compared_loosely() -> None:
    assert kit.key("WHO-5") == kit.key("who_5") == kit.key("who5")


@given(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)), st.integers(1, 12), st.integers(0, 2000))
def test_the_due_date_is_the_latest_scheduled_one_not_after_the_day(enrolled: dt.date, every: int, later: int) -> None:
    until = enrolled + dt.timedelta(days=later)
    point = _latest_point(enrolled, every, until)
    assert point is not None and enrolled <= point <= until
    steps = next(k for k in range(0, 400) if add_months(enrolled, k * every) == point)
    assert add_months(enrolled, (steps + 1) * every) > until


def test_nothing_is_due_before_enrollment_and_once_only_without_a_repeat() -> None:
    assert _latest_point(dt.date(2026, 2, 1), 3, dt.date(2026, 1, 31)) is None
    assert _latest_point(dt.date(2026, 2, 1), None, dt.date(2027, 1, 1)) == dt.date(2026, 2, 1)


def test_a_change_is_meaningful_at_the_threshold_and_follows_the_direction() -> None:
    points: list[Point] = [{"id": 1, "date": "2026-01-01", "score": 10, "percent": 40},
                           {"id": 2, "date": "2026-04-01", "score": 12.5, "percent": 50}]  # fmt: skip
    found = change(kit.WHO5, "who5", points)
    assert (found["change"], found["meaningful"], found["improved"], found["range"]) == (10, True, True, [0, 100])
    worse = change({**kit.WHO5, "lower_is_better": True}, "who5", points)
    assert worse["improved"] is False
    assert change(None, "gone", points)["meaningful"] is None  # an instrument no longer defined: no threshold
    assert change(kit.WHO5, "who5", points[:1])["change"] is None
