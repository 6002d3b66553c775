"""The checkers of the program file's values: each gives the value to use, or a ValueError whose message
finishes the sentence "key 'x' ..." (never echoing a command line, which may hold a secret)."""

from collections.abc import Callable
from typing import Any

import pytest

from peertool import config_checks as check


@pytest.mark.parametrize(
    ("checker", "good", "bad"),
    [
        (check.positive_int, [(1, 1), (90, 90)], [0, -3, 1.5, True, "12", None]),
        (check.positive_number, [(0.5, 0.5), (30, 30)], [0, -1, False, "1"]),
        (check.non_negative_number, [(0, 0), (2.5, 2.5)], [-0.1, True, "0"]),
        (check.optional_positive_int, [(None, None), (3, 3)], [0, False]),
    ],
)
def test_numbers_are_whole_or_positive_as_the_key_needs_and_a_bool_is_no_number(
    checker: Callable[[Any], Any], good: list[tuple[Any, Any]], bad: list[Any]
) -> None:
    for given, expected in good:
        assert checker(given) == expected
    for given in bad:
        with pytest.raises(ValueError, match="must be"):
            checker(given)


def test_dates_are_sorted_without_repeats_and_a_bad_one_is_named() -> None:
    assert check.dates(["2026-12-25", "2026-07-03", "2026-12-25"]) == ["2026-07-03", "2026-12-25"]
    assert check.dates([]) == []
    with pytest.raises(ValueError, match="'2026-02-30' is not a date"):
        check.dates(["2026-01-01", "2026-02-30"])
    with pytest.raises(ValueError, match="must be a list of dates"):
        check.dates("2026-01-01")


def test_texts_are_trimmed_and_lists_need_one_entry() -> None:
    assert check.themes([" Self-Care ", "Communication"]) == ["Self-Care", "Communication"]
    assert check.words([" Housing", "WORK "]) == ["housing", "work"]
    for bad in ([], ["Self-Care", "  "], "Self-Care", [3]):
        with pytest.raises(ValueError):
            check.themes(bad)
        with pytest.raises(ValueError):
            check.words(bad)


def test_codes_and_ids_take_a_short_plain_form() -> None:
    assert check.site_id("east-1") == "east-1" and check.site_id(None) is None
    assert check.code("h0038") == "H0038"
    for bad in ("-east", "east 1", "x" * 65, 7):
        with pytest.raises(ValueError, match="short code"):
            check.site_id(bad)
    for bad in ("H00 38", "H0038H0038X", "", 38):
        with pytest.raises(ValueError, match="billing code"):
            check.code(bad)


def test_closed_choices_accept_only_their_words() -> None:
    assert (check.odd("trio"), check.gender_policy("any"), check.rounding("complete")) == ("trio", "any", "complete")
    assert check.timezone("America/Chicago") == "America/Chicago" and check.timezone(None) is None
    for checker, bad in ((check.odd, "triple"), (check.gender_policy, "mixed"), (check.rounding, "up"),
                         (check.timezone, "Mars/Olympus")):  # fmt: skip
        with pytest.raises(ValueError, match="must be"):
            checker(bad)


def test_paths_money_and_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/coach")
    assert check.optional_path("~/peertool/lessons.yaml") == "/home/coach/peertool/lessons.yaml"
    assert check.optional_path(None) is None
    with pytest.raises(ValueError, match="file path"):
        check.optional_path("  ")
    assert (check.optional_money(250.5), check.optional_money("300"), check.optional_money(None)) == (
        "250.50", "300.00", None)  # fmt: skip
    for bad in (True, -5, "12.345"):
        with pytest.raises(ValueError, match="non-negative amount"):
            check.optional_money(bad)
    assert check.optional_command("pass show peertool") == "pass show peertool"
    with pytest.raises(ValueError) as caught:
        check.optional_command("pass show 'hunter2")  # unbalanced quote: refused, its words not shown
    assert "hunter2" not in str(caught.value)


def test_the_measures_schedule_is_entries_of_an_instrument_and_its_interval() -> None:
    assert check.measures([{"instrument": " who5 ", "every_months": 3}, {"instrument": "rss"}]) == [
        {"instrument": "who5", "every_months": 3},
        {"instrument": "rss", "every_months": None},
    ]
    assert check.measures([]) == []
    for bad, message in (
        ({"instrument": "who5"}, "must be a list"),
        ([{"instrument": "who5", "every": 3}], "entry 1 must be a mapping"),
        ([{"instrument": "who5"}, {"every_months": 3}], "entry 2 needs an instrument"),
        ([{"instrument": "who5", "every_months": 0}], "entry 1: every_months must be"),
    ):
        with pytest.raises(ValueError, match=message):
            check.measures(bad)


def test_a_cosign_policy_is_a_percent_per_kind() -> None:
    from peertool.config_checks import cosign

    assert cosign("all") == {"note": 100, "meeting": 100, "review": 100, "discharge": 100}
    assert cosign({"note": "sample 25", "discharge": "none"}) == {"note": 25, "discharge": 0}
    assert cosign({}) == {}
    for bad in ("some", "sample", "sample 0", "sample 100", "sample 5.5", 50, {"notes": "all"}, {"note": "most"},
                "sample \u0665\u0660", "sample \u0035\u0660", "sample \u00b2\u0035", "sample\u200325"):  # fmt: skip
        with pytest.raises(ValueError):
            cosign(bad)
