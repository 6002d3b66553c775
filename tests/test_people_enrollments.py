"""Enrollment in a drop-in program: who may attend its open days (`enrolled`), and the rules of joining and
leaving."""

import pytest

from peertool.db.connection import Database
from peertool.errors import Conflict, InvalidInput
from peertool.people.enrollments import (
    change_programs,
    end_programs,
    enroll_in,
    enrolled,
    leave_program,
    open_programs,
)
from peertool.people.scope import resolve_participant
from peertool.programs import Program
from peertool.vocab import ProgramKind

DROP_IN = Program("independence", ProgramKind.drop_in, (), 0, None, False, ("mon", "tue"), "X")
YEAR = Program("iml", ProgramKind.group_year, ("A",), 6, 12, True, (), "X")


def test_enrolled_lists_who_may_attend_on_a_day(season: Database) -> None:
    one, two = resolve_participant(season, 1), resolve_participant(season, 2)
    enroll_in(season, one, DROP_IN, on="2026-02-02")
    enroll_in(season, two, DROP_IN, on="2026-02-09")
    assert enrolled(season, "independence", "2026-02-01") == []
    assert enrolled(season, "independence", "2026-02-05") == [1]
    assert enrolled(season, "independence", "2026-02-09") == [1, 2]
    leave_program(season, one, "Independence", on="2026-02-20")
    assert enrolled(season, "independence", "2026-02-20") == [1, 2]  # the last day counts
    assert enrolled(season, "independence", "2026-02-21") == [2]
    assert enrolled(season, "other", "2026-02-21") == []
    assert open_programs(season, 2) == [{"program": "independence", "enrolled_on": "2026-02-09"}]
    season.execute("UPDATE participants SET status = 'discharged', discharged_on = '2026-03-01' WHERE id = 2")
    end_programs(season, 2, on="2026-03-01")  # as a discharge does
    assert enrolled(season, "independence", "2026-02-25") == [2]  # discharged since: still there that day
    assert enrolled(season, "independence", "2026-03-02") == []


def test_joining_and_leaving_are_checked(season: Database) -> None:
    person = resolve_participant(season, 1)
    with pytest.raises(InvalidInput, match="group-year"):
        enroll_in(season, person, YEAR, on="2026-02-02")
    with pytest.raises(InvalidInput, match="before they enrolled"):
        enroll_in(season, person, DROP_IN, on="2000-01-01")
    with pytest.raises(InvalidInput, match="not enrolled"):
        leave_program(season, person, "independence", on="2026-02-02")
    change_programs(season, person, {"join": DROP_IN, "leave": None}, on="2026-02-02")
    with pytest.raises(Conflict):
        enroll_in(season, person, DROP_IN, on="2026-02-03")
    with pytest.raises(InvalidInput, match="before they enrolled in it"):
        leave_program(season, person, "independence", on="2026-02-01")
    change_programs(season, person, {"join": None, "leave": "independence"}, on="2026-02-10")
    with pytest.raises(InvalidInput, match="last enrollment"):
        enroll_in(season, person, DROP_IN, on="2026-02-09")
    with pytest.raises(InvalidInput, match="last enrollment"):  # its last day is still a day in it
        enroll_in(season, person, DROP_IN, on="2026-02-10")
    assert open_programs(season, 1) == []


def test_a_discharge_dated_before_an_enrollment_ends_it_the_day_it_began(season: Database) -> None:
    enroll_in(season, resolve_participant(season, 1), DROP_IN, on="2026-02-09")
    end_programs(season, 1, on="2026-02-01")
    end_programs(season, 1, on="2026-03-01")  # already ended: untouched
    ended = season.execute("SELECT ended_on FROM program_enrollments WHERE participant_id = 1").fetchall()
    assert ended == [("2026-02-09",)]
