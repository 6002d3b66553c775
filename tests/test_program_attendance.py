"""Who came to a meeting and for how long: naming some marks the rest, late and early leavers carry the
minutes they were there, and units rest on those minutes."""

import pytest

from peertool.db.connection import Database
from peertool.db.store import write
from peertool.errors import InvalidInput
from peertool.people.scope import load_group
from peertool.program.attendance import Marks, change, check_parts_fit, full_marks, minutes_there, save
from peertool.program.meetings import record_meeting
from peertool.settings import Settings


def test_naming_the_present_marks_the_rest_absent_and_naming_the_absent_the_rest_present(season: Database) -> None:
    scope = load_group(season, "Riverside")
    present = full_marks(scope, Marks(present=["1", "Bram Oakes"], late=["3:45"]), 90, all_present=False)
    assert present is not None and len(present) == 10
    assert (present[1], present[2], present[3], present[4]) == (
        ("present", None), ("present", None), ("late", 45), ("absent", None))  # fmt: skip
    absent = full_marks(scope, Marks(absent=["4"], excused=["5"]), 90, all_present=False)
    assert absent is not None and (absent[4], absent[5], absent[6]) == (("absent", None), ("excused", None),
                                                                        ("present", None))  # fmt: skip
    everyone = full_marks(scope, Marks(), 90, all_present=True)
    assert everyone is not None and set(everyone.values()) == {("present", None)}
    assert full_marks(scope, Marks(), 90, all_present=False) is None


def test_marks_that_leave_the_rest_unsaid_or_contradict_themselves_are_refused(season: Database) -> None:
    scope = load_group(season, "Riverside")
    with pytest.raises(InvalidInput, match="say how the rest of the roster attended"):
        full_marks(scope, Marks(late=["3:45"]), 90, all_present=False)
    with pytest.raises(InvalidInput, match="marked both present and absent"):
        full_marks(scope, Marks(present=["1"], absent=["Ada Quill"]), 90, all_present=False)
    with pytest.raises(TypeError):
        Marks(tardy=["1"])


@pytest.mark.parametrize(("given", "message"), [("3", "as REF:MINUTES"), ("3:90", "from 1 to 89"),
                                                ("3:0", "from 1 to 89"), (":40", "as REF:MINUTES")])  # fmt: skip
def test_a_late_mark_needs_minutes_inside_the_meeting(season: Database, given: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        Marks(late=[given]).resolve(load_group(season, "Riverside"), 90)


def test_minutes_there_are_the_whole_meeting_the_part_recorded_or_none() -> None:
    marks = (("present", None), ("late", 70), ("left-early", 30), ("excused", None), ("absent", None))
    assert [minutes_there(status, part, 90) for status, part in marks] == [90, 70, 30, 0, 0]


def test_a_change_keeps_everyone_elses_marks_and_the_length_must_fit_the_parts(
    season: Database, settings: Settings
) -> None:
    meeting = record_meeting(season, "Riverside", settings=settings, date="2026-03-03", marks=Marks(absent=["4"]))
    scope = load_group(season, "Riverside", on="2026-03-03")
    with write(season):
        change(season, meeting["id"], scope, Marks(left_early=["2:60"], present=["4"]), 90)
    marks = dict(season.execute("SELECT participant_id, status FROM attendance WHERE meeting_id = ?",
                                [meeting["id"]]).fetchall())  # fmt: skip
    assert (marks[1], marks[2], marks[4], len(marks)) == ("present", "left-early", "present", 10)
    check_parts_fit(season, meeting["id"], 61)
    with pytest.raises(InvalidInput, match="not longer than the 60 minutes"):
        check_parts_fit(season, meeting["id"], 60)
    with write(season):
        save(season, meeting["id"], None)  # no attendance given: left as it is
    assert season.execute("SELECT count(*) FROM attendance WHERE meeting_id = ?", [meeting["id"]]).fetchone() == (10,)
