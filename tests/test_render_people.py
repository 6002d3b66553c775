"""How people, groups, goals and reviews print: every stored text escaped, a goal's story on one line."""

from typing import Any

import pytest

from peertool.people.goals import GoalUpdate
from peertool.people.groups import GroupRecord
from peertool.render.people import goals, group, groups, person, reviews, roster

CLEAR = "\x1b[2J"  # a stored escape sequence that would clear the screen
SHOWN = "\\x1b[2J"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _person(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": 1, "name": "Ada" + CLEAR + " Quill", "group": "Riverside", "status": "discharged",
        "stage": "partnered", "gender": "female", "interests": ["gardening", "museums"], "referral": "self",
        "phone": "555-0101", "email": None, "enrolled_on": "2026-01-05", "external_id": "RV-001",
        "goals": [{"text": "Ride the bus", "status": "achieved"}, {"text": "Join a choir", "status": "active"}],
        "discharged_on": "2026-06-01", "discharge_reason": "Goals met",
        "discharges": [{"date": "2026-03-01", "reason": "Moved away", "readmitted_on": "2026-04-01"}],
    }  # fmt: skip
    return {**record, **changes}


def test_a_person_prints_as_labelled_lines_with_their_history(capsys: pytest.CaptureFixture[str]) -> None:
    person(_person())
    out = _flat(capsys.readouterr().out)
    assert out.startswith("Participant 1 name Ada\\x1b[2J Quill group Riverside")
    assert "interests gardening, museums" in out
    assert "goals Ride the bus (achieved); Join a choir (active)" in out
    assert "discharged 2026-06-01: Goals met" in out
    assert "discharges 2026-03-01: Moved away, readmitted 2026-04-01" in out
    assert "\x1b" not in out


def test_an_active_person_shows_no_discharge(capsys: pytest.CaptureFixture[str]) -> None:
    person(_person(status="active", discharged_on=None, discharge_reason=None, discharges=[], goals=[]))
    lines = [_flat(line) for line in capsys.readouterr().out.splitlines()]
    assert "discharged" in lines and "discharges" in lines and "goals" in lines  # labels with no value


def test_the_roster_is_one_row_per_person(capsys: pytest.CaptureFixture[str]) -> None:
    roster([_person(), _person(id=2, name="Bram Oakes", interests=[])], "active")
    assert capsys.readouterr().out.splitlines() == [
        "id\tname\tgroup\tstage\tgender\tinterests\tenrolled",
        f"1\tAda{SHOWN} Quill\tRiverside\tpartnered\tfemale\tgardening, museums\t2026-01-05",
        "2\tBram Oakes\tRiverside\tpartnered\tfemale\t\t2026-01-05",
    ]


def test_a_goals_story_reads_as_dated_steps_with_attainment(capsys: pytest.CaptureFixture[str]) -> None:
    updates: list[GoalUpdate] = [
        {"date": "2026-03-01", "status": "paused", "attainment": None, "note": "winter"},
        {"date": "2026-04-02", "status": "achieved", "attainment": 1, "note": None},
    ]
    goals([{"id": 3, "participant": {"id": 1, "name": "Ada Quill"}, "text": "Ride\tthe bus" + CLEAR,
            "domain": "transportation", "treatment_goal": "TX-2", "status": "achieved", "attainment": 1,
            "created_on": "2026-02-01", "updates": updates}])  # fmt: skip
    assert capsys.readouterr().out.splitlines()[1] == (
        f"3\tAda Quill\tRide\\tthe bus{SHOWN} [treatment goal: TX-2]\ttransportation\tachieved (+1)\t2026-02-01\t"
        "2026-03-01 paused: winter; 2026-04-02 achieved, attainment +1"
    )


def test_groups_and_reviews(capsys: pytest.CaptureFixture[str]) -> None:
    riverside: GroupRecord = {"id": 1, "name": "Riverside", "start": "2026-01-06", "weekday": "tue", "time": None,
                              "location": "Library", "coach": None, "status": "running", "program": "iml",
                              "days": None, "coach_staff": None}  # fmt: skip
    groups([{**riverside, "size": 10}])
    assert capsys.readouterr().out.splitlines()[1] == "1\tRiverside\t2026-01-06\ttue\tLibrary\t\t10"
    group({**riverside, "members": [{"id": 1, "name": "Ada Quill"}, {"id": 2, "name": "Bram" + CLEAR}]})
    out = capsys.readouterr().out
    assert "Group Riverside id 1 starts 2026-01-06 meets tue location Library coach members 2" in _flat(out)
    assert out.splitlines()[-2:] == ["1\tAda Quill", f"2\tBram{SHOWN}"]
    reviews([{"id": 5, "participant": {"id": 1, "name": "Ada Quill"}, "date": "2026-04-01", "progressing": True,
              "wants_to_continue": False, "more_to_try": None, "goals_met": None, "next_due": None, "note": None,
              "continued_stay": {"A": True, "B": False, "C": None}, "discharge_criteria": ["A"],
              "suggestion": "services should end", "reason_code": "no-longer-wishes", "staff": None}])  # fmt: skip
    row = "5\tAda Quill\t2026-04-01\tyes\tno\tnot recorded\tA\tnone\t"
    assert capsys.readouterr().out.splitlines()[1] == row
