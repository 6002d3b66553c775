"""Discharge and readmission: off the roster and out of the group, with the history kept."""

import pytest

from peertool.db.connection import Database
from peertool.db.store import write
from peertool.errors import InvalidInput
from peertool.people import groups
from peertool.people.discharges import REASONS, discharge, reason_code
from peertool.people.participants import enroll, list_participants
from peertool.vocab import DISCHARGE_CODES


def test_discharge_keeps_history_and_leaves_the_group(db: Database) -> None:
    groups.create_group(db, "Riverside", start="2026-01-06", weekday="tue")
    enroll(db, {"name": "Tess Nolan", "group": "Riverside", "enrolled_on": "2026-01-06"}, max_group_size=12)
    person = discharge(db, "Tess Nolan", "goals substantially met", on="2026-06-01")
    assert person["status"] == "discharged" and person["group"] is None
    assert list_participants(db) == []
    assert [p["name"] for p in list_participants(db, status="all")] == ["Tess Nolan"]
    assert groups.show_group(db, "riverside")["members"] == []
    assert db.execute("SELECT left_on FROM memberships").fetchone()[0] == "2026-06-01"
    with pytest.raises(InvalidInput):
        discharge(db, 1, "again")


@pytest.mark.parametrize(
    ("reason", "code"),
    [
        ("No longer wishes to take part", "no-longer-wishes"),
        ("Goals substantially met", "goals-met"),
        ("Admitted to inpatient care", "higher-level-of-care"),
        ("Needs a higher level of care", "higher-level-of-care"),
        ("Moved to another state", "moved"),
        ("We lost contact in May", "lost-contact"),
        ("Passed away", "deceased"),
        ("Died in April", "deceased"),
        ("Started a job", "other"),
    ],
)
def test_a_reason_is_read_as_its_code(reason: str, code: str) -> None:
    assert reason_code(reason) == code


def _riverside_with_tess(db: Database) -> None:
    groups.create_group(db, "Riverside", start="2026-01-06", weekday="tue")
    enroll(db, {"name": "Tess Nolan", "goals": ["Ride the bus"], "enrolled_on": "2026-01-06"}, max_group_size=12)


@pytest.mark.parametrize("code", DISCHARGE_CODES)
def test_each_code_is_taken_and_a_code_alone_gives_its_wording_as_the_reason(db: Database, code: str) -> None:
    _riverside_with_tess(db)
    person = discharge(db, "Tess Nolan", None, code=code, on="2026-06-01")
    assert person["discharges"] == [
        {"date": "2026-06-01", "reason": REASONS[code], "reason_code": code, "readmitted_on": None}
    ]


def test_goals_met_with_no_goal_achieved_warns(db: Database) -> None:
    """Discharge criterion B: the record must show goals met. Before, only someone with no goals at all warned."""
    _riverside_with_tess(db)
    warned = discharge(db, "Tess Nolan", None, code="goals-met", on="2026-06-01")["warnings"]
    assert warned == [
        "reason code goals-met, but none of their goals is marked achieved (`peertool goal update ID --status "
        "achieved`)."
    ]


def test_goals_met_with_a_goal_achieved_does_not_warn(db: Database) -> None:
    _riverside_with_tess(db)
    with write(db):
        db.execute("UPDATE goals SET status = 'achieved'")
    assert discharge(db, "Tess Nolan", "goals substantially met", on="2026-06-01")["warnings"] == []


def test_neither_a_reason_nor_a_code_is_refused(db: Database) -> None:
    _riverside_with_tess(db)
    with pytest.raises(InvalidInput, match="reason"):
        discharge(db, "Tess Nolan", None, on="2026-06-01")
