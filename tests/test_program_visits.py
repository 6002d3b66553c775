"""Drop-in days (`program.visits`): the month a visit is stored under, a closed day's warning, who may visit."""

from pathlib import Path

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput
from peertool.people.groups import create_group
from peertool.people.scope import resolve_group
from peertool.program.attendance import Marks, visit_marks
from peertool.program.visits import VisitScope, closed_day, day_month, roster
from peertool.programs import program_named
from peertool.settings import Settings, load_settings

from helpers import INDEPENDENCE


@pytest.fixture
def dropin(env: Path) -> Settings:
    path = env / "peertool.yaml"
    path.write_text(INDEPENDENCE + "skip_dates: [2026-04-03]\n")
    path.chmod(0o600)
    return load_settings(str(path))


def test_a_visit_is_stored_under_its_calendar_month_and_an_iml_meeting_under_its_year(
    season: Database, dropin: Settings
) -> None:
    create_group(season, "Main St", start="2026-03-02", weekday=None, program=program_named(dropin, "independence"))
    main_row, iml_row = resolve_group(season, "Main St"), resolve_group(season, "Riverside")
    visit = day_month(main_row, "2027-01-12", dropin)  # long after the schedule's twelve months from today
    assert (visit.month, visit.theme) == (1, "Open days")
    assert day_month(iml_row, "2026-03-05", dropin).month == 2  # its program month, from 2026-01-06
    assert closed_day(main_row, "2026-03-03", dropin) == []
    assert "is a sun" in closed_day(main_row, "2026-03-08", dropin)[0]
    assert "skip date" in closed_day(main_row, "2026-04-03", dropin)[0]


def test_who_may_visit_is_who_is_enrolled_that_day(season: Database, dropin: Settings) -> None:
    create_group(season, "Main St", start="2026-03-02", weekday=None, program=program_named(dropin, "independence"))
    season.execute("INSERT INTO program_enrollments (participant_id, program, enrolled_on) VALUES (3, 'independence', "
                   "'2026-03-02')")  # fmt: skip
    assert roster(season, "Riverside", "2026-03-03", dropin) is None  # a group-year group: its members
    scope = roster(season, "Main St", "2026-03-03", dropin)
    assert isinstance(scope, VisitScope) and scope.ids == {3}
    assert visit_marks(scope, Marks(present=["3"]), 90, all_present=False) == {3: ("present", None)}
    assert visit_marks(scope, Marks(), 90, all_present=False) is None
    for marks, all_present in ((Marks(), True), (Marks(present=["3"], absent=["1"]), False)):
        with pytest.raises(InvalidInput):
            visit_marks(scope, marks, 90, all_present=all_present)
    with pytest.raises(InvalidInput, match="not enrolled in program"):
        scope.member("1")
    with pytest.raises(InvalidInput, match="before group 2 opened"):
        roster(season, "Main St", "2026-03-01", dropin)
