import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peertool import validate
from peertool.errors import InvalidInput


@pytest.mark.parametrize(
    "raw", ["2026-02-30", "2025-02-29", "2026-13-01", "26-01-01", "2026-W01-1", "20260101", "", "next month"]
)
def test_impossible_or_malformed_dates_are_refused(raw: str) -> None:
    with pytest.raises(InvalidInput) as err:
        validate.date("enrolled_on", raw)
    assert err.value.message.startswith("enrolled_on:")


def test_leap_day_is_a_real_date() -> None:
    assert validate.date("d", "2028-02-29") == "2028-02-29"


@given(st.dates(min_value=validate.FIRST_DAY, max_value=validate.LAST_DAY))
def test_every_real_date_in_range_round_trips(day: dt.date) -> None:
    assert validate.date("d", day.isoformat()) == day.isoformat()
    assert validate.date("d", day) == day.isoformat()


@given(st.one_of(st.dates(max_value=dt.date(1899, 12, 31)), st.dates(min_value=dt.date(9001, 1, 1))))
def test_dates_a_program_year_cannot_fit_are_refused(day: dt.date) -> None:
    with pytest.raises(InvalidInput, match="outside the dates peertool keeps"):
        validate.date("d", day)


@given(st.text())
def test_any_text_is_a_date_or_a_clean_refusal(raw: str) -> None:
    try:
        parsed = validate.date("d", raw)
    except InvalidInput as exc:
        assert exc.message.startswith("d:")
    else:
        assert dt.date.fromisoformat(parsed)


def test_weekdays_and_times() -> None:
    assert validate.weekday("weekday", "Tuesday") == 1
    assert validate.weekday("weekday", "sun") == 6
    assert validate.clock("time", "9:05") == "09:05"
    with pytest.raises(InvalidInput):
        validate.weekday("weekday", "someday")
    with pytest.raises(InvalidInput):
        validate.clock("time", "25:00")


def test_text_limits() -> None:
    assert validate.text("name", "  Ana  ") == "Ana"
    with pytest.raises(InvalidInput):
        validate.text("name", "   ", required=True)
    with pytest.raises(InvalidInput):
        validate.text("name", "a\x00b")
    with pytest.raises(InvalidInput):
        validate.text("name", "x" * 501)


def test_tags_are_normalised_and_unique() -> None:
    assert validate.tags("interest", ["Hiking", " hiking", "Music", ""]) == ["hiking", "music"]
    assert validate.tags("interest", "a;B;a") == ["a", "b"]


@pytest.mark.parametrize("raw", ["mon", "Mon", "MON", " monday ", "Monday"])
def test_a_weekday_is_its_short_or_full_name_in_any_case(raw: str) -> None:
    assert validate.weekday("weekday", raw) == 0


@pytest.mark.parametrize("raw", ["mon-fri", "mo", "monx", "mondays", "m", "", "1", "wednes"])
def test_anything_else_is_refused_with_the_weekdays_listed(raw: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        validate.weekday("weekday", raw)
    assert "mon, tue, wed, thu, fri, sat, sun" in f"{caught.value.message} {caught.value.hint}"


@given(st.integers(min_value=0, max_value=100_000_000))
def test_money_round_trips_exactly(cents: int) -> None:
    assert validate.money("cost", validate.cents_text(cents)) == cents


@pytest.mark.parametrize("raw", ["-1", "1.005", "abc", "NaN", "Infinity", "", "1e9"])
def test_bad_money_is_refused(raw: str) -> None:
    with pytest.raises(InvalidInput):
        validate.money("cost", raw)


INVISIBLE = ["\u2028", "\u2029", "\u200b", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064", "\ufeff", "\u00ad",
             "\U000e0041", "\u180e"]  # fmt: skip


@pytest.mark.parametrize("char", [*INVISIBLE, "\u200c", "\u200d"], ids=ascii)
def test_a_name_holding_an_invisible_character_or_a_line_separator_is_refused(char: str) -> None:
    """Such a name prints like another one ("Rae\u200bLin" and "RaeLin") or breaks a line in some terminals."""
    leading = [] if char.isspace() else [f"{char}Rae Lin"]  # a leading separator is stripped, as a space is
    for value in (f"Rae{char}Lin", f"Rae Lin{char}x", *leading):
        with pytest.raises(InvalidInput) as caught:
            validate.name("name", value)
        assert caught.value.message == f"name: contains an invisible character (U+{ord(char):04X}); remove it."
    with pytest.raises(InvalidInput, match="login: contains an invisible"):
        validate.no_controls("login", f"r{char}lin")


@pytest.mark.parametrize(
    "name",
    [
        "\u0639\u0644\u06cc\u200c\u067e\u0648\u0631",  # Persian "Alipour": ZWNJ between two letters
        "\u0dc1\u0dca\u200d\u0dbb\u0dd3 \u0dbd\u0d82\u0d9a\u0dcf",  # Sinhala "Sri Lanka": ZWJ after the virama
        "\u0915\u094d\u200d\u0937\u093e",  # Devanagari: a half form made with ZWJ
    ],
    ids=ascii,
)
def test_the_joiners_some_scripts_need_between_letters_are_kept(name: str) -> None:
    assert validate.name("name", name) == name


_SPELLED = st.characters(categories=["Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me"])


@given(st.lists(st.text(_SPELLED, min_size=1, max_size=20), min_size=1, max_size=4), st.sampled_from([" ", "-", "'"]))
def test_names_in_any_script_with_combining_marks_are_accepted(words: list[str], joint: str) -> None:
    """Arabic, Devanagari, CJK, accented Latin with combining marks: letters and marks of any script, as typed."""
    typed = joint.join(words)
    assert validate.name("name", typed) == typed
