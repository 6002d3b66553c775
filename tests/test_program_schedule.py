import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from peertool.dates import add_months, first_meeting, year_end
from peertool.program.schedule import month_on, next_meeting, program, weekly_between
from peertool.settings import PROGRAM_THEMES

from helpers import PROGRAM_TABLE

D = dt.date

# The program's table, as printed in the It's My Life ~ Peer Partners webinar.


def test_themes_match_the_program_word_for_word() -> None:
    expected = [line.split("\t")[1] for line in PROGRAM_TABLE.splitlines()]
    assert list(PROGRAM_THEMES) == expected
    assert [m.as_dict() for m in program(list(PROGRAM_THEMES))] == [
        {"month": n, "theme": t} for n, t in enumerate(expected, start=1)
    ]


def test_month_ends_are_clamped() -> None:
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2028, 1, 31), 1) == D(2028, 2, 29)
    assert add_months(D(2026, 1, 31), 2) == D(2026, 3, 31)
    assert add_months(D(2028, 2, 29), 12) == D(2029, 2, 28)
    assert add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)


def test_jan_31_start_in_plain_and_leap_years() -> None:
    plain = program(list(PROGRAM_THEMES), D(2026, 1, 31))
    assert (plain[0].start, plain[0].end, plain[1].start) == (D(2026, 1, 31), D(2026, 2, 27), D(2026, 2, 28))
    leap = program(list(PROGRAM_THEMES), D(2028, 1, 31))
    assert (leap[0].end, leap[1].start) == (D(2028, 2, 28), D(2028, 2, 29))
    assert leap[-1].end == D(2029, 1, 30)


def test_feb_29_start() -> None:
    months = program(list(PROGRAM_THEMES), D(2028, 2, 29))
    assert months[1].start == D(2028, 3, 29)
    assert months[-1].end == D(2029, 2, 27)


def test_start_on_a_non_meeting_weekday() -> None:
    months = program(list(PROGRAM_THEMES), D(2026, 1, 1), weekday=1)  # a Thursday start, Tuesday meetings
    assert months[0].meetings[0] == D(2026, 1, 6)
    assert first_meeting(D(2026, 1, 6), 1) == D(2026, 1, 6)
    assert program(["A"], D(2026, 1, 1))[0].meetings[0] == D(2026, 1, 1)


def test_skip_dates_are_skipped_not_met() -> None:
    months = program(["A", "B"], D(2026, 1, 6), 1, frozenset({D(2026, 1, 20), D(2026, 1, 21)}))
    assert D(2026, 1, 20) not in months[0].meetings
    assert months[0].skipped == [D(2026, 1, 20)]


def test_month_on_and_next_meeting() -> None:
    months = program(list(PROGRAM_THEMES), D(2026, 1, 6), 1)
    assert [month_on(months, D(2026, 2, 5)), month_on(months, D(2026, 2, 6)), month_on(months, D(2027, 1, 5))] == [
        months[0],
        months[1],
        months[11],
    ]
    assert [months[0].month, months[1].month, months[11].month] == [1, 2, 12]
    assert month_on(months, D(2027, 1, 6)) is None
    assert month_on(months, D(2026, 1, 5)) is None
    assert next_meeting(months, D(2026, 1, 7)) == D(2026, 1, 13)
    assert next_meeting(months, D(2027, 1, 6)) is None


@given(
    st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31)),
    st.integers(0, 6),
    st.lists(st.text(min_size=1), min_size=1, max_size=24),
)
def test_months_tile_the_program_and_meetings_are_weekly(start: dt.date, weekday: int, themes: list[str]) -> None:
    months = program(themes, start, weekday)
    assert months[0].start == start
    assert months[-1].end == add_months(start, len(themes)) - dt.timedelta(days=1)
    for before, after in zip(months, months[1:], strict=False):
        assert before.end is not None and after.start == before.end + dt.timedelta(days=1)
    meetings = [d for m in months for d in m.meetings]
    assert meetings[0] == first_meeting(start, weekday)
    assert all(d.weekday() == weekday for d in meetings)
    assert all((b - a).days == 7 for a, b in zip(meetings, meetings[1:], strict=False))
    assert all(m.start is not None and m.end is not None and m.start <= d <= m.end for m in months for d in m.meetings)


def test_add_months_clamps_to_every_month_length_calendar_knows() -> None:
    import calendar

    for year in (1, 1900, 2000, 2024, 2025, 2100, 9999):
        for month in range(1, 13):
            last = calendar.monthrange(year, month)[1]
            assert add_months(dt.date(year, 1, 31), month - 1) == dt.date(year, month, last)


@given(
    start=st.dates(D(2024, 1, 1), D(2027, 12, 31)),
    weekday=st.integers(0, 6),
    lo=st.integers(-30, 400),
    weeks=st.integers(0, 20),
    skip=st.sets(st.integers(0, 400), max_size=5),
)
def test_the_meetings_of_a_few_weeks_are_those_of_the_whole_year(
    start: dt.date, weekday: int, lo: int, weeks: int, skip: set[int]
) -> None:
    skips = frozenset(start + dt.timedelta(days=n) for n in skip)
    first, end = start + dt.timedelta(days=lo), start + dt.timedelta(days=lo + 7 * weeks)
    whole = [d for m in program(list(PROGRAM_THEMES), start, weekday, skips) for d in m.meetings]
    assert weekly_between(start, weekday, year_end(start, 12), skips, first, end) == [
        d for d in whole if first <= d < end
    ]
