"""Discharge and readmission: off the roster and out of the group, with the history kept."""

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput
from peertool.people import groups
from peertool.people.discharges import discharge
from peertool.people.participants import enroll, list_participants


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
