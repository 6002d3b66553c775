"""When a group meets: one weekday for a group-year group, open days for a drop-in program's group."""

import pytest

from peertool.errors import InvalidInput
from peertool.people.group_days import meeting_days, one_weekday, open_status, refuse_drop_in
from peertool.programs import Program
from peertool.vocab import ProgramKind

from helpers import Today

DROP_IN = Program("independence", ProgramKind.drop_in, (), 0, None, False, ("mon", "tue", "wed", "thu", "fri"), "X")
YEAR = Program("iml", ProgramKind.group_year, ("A",), 6, 12, True, (), "X")


def test_a_group_year_meets_on_one_day_and_a_drop_in_on_its_days() -> None:
    assert meeting_days(None, "Tuesday", None) == meeting_days(YEAR, "tue", None) == ["tue"]
    assert meeting_days(DROP_IN, None, None) == list(DROP_IN.days)
    assert meeting_days(DROP_IN, None, "mon,wed,fri") == ["mon", "wed", "fri"]


@pytest.mark.parametrize(
    ("program", "weekday", "days", "words"),
    [
        (YEAR, "mon-fri", None, "--days"),
        (YEAR, "mon,wed", None, "--days"),
        (YEAR, None, None, "--weekday"),
        (YEAR, "tue", "mon-fri", "group-year"),
        (None, "tue", "mon", "group-year"),
        (DROP_IN, "tue", None, "drop-in"),
        (DROP_IN, None, "mon-sunday", "not a day"),
    ],
)
def test_what_does_not_fit_the_program_is_refused(
    program: Program | None, weekday: str | None, days: str | None, words: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        meeting_days(program, weekday, days)
    assert words in str(refused.value) + (refused.value.hint or "")


def test_one_weekday_is_still_any_day_name() -> None:
    assert one_weekday("SUNDAY") == 6


def test_a_drop_in_runs_from_its_start_with_no_end_and_has_no_members(today: Today) -> None:
    import datetime as dt

    today(dt.date(2030, 1, 1))
    assert open_status("2026-01-05") == "running" and open_status("2031-01-01") == "upcoming"
    refuse_drop_in({"id": 1, "days": None, "program": None})
    with pytest.raises(InvalidInput, match="no members"):
        refuse_drop_in({"id": 2, "days": "mon,tue", "program": "independence"})
