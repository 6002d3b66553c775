"""The shared staff contract: who is running peertool, a staff member by REF, attribution and caseloads."""

import pytest

from peertool.db.connection import Database
from peertool.errors import Conflict, InvalidInput, NotFound
from peertool.people import groups, participants
from peertool.people.staff import (
    attributed_staff,
    caseload,
    current_staff,
    get_staff,
    staff_defined,
    whoami,
)
from peertool.people.staff_records import add_staff, end_staff


@pytest.fixture
def team(season: Database) -> Database:
    """Riverside's season with a director (Ida), a supervisor (Sol) under her, coaches Rae and Kit under Sol, and
    coach Lou under Ida. Rae coaches Riverside; Kit coaches Hillside."""
    add_staff(season, "Ida Moss", role="director", credential="MSW", login="imoss", on="2026-01-01")
    add_staff(season, "Sol Park", role="supervisor", credential="LCSW", login="spark", supervisor="Ida Moss",
              on="2026-01-01")  # fmt: skip
    add_staff(season, "Rae Lin", role="coach", credential="CPS", login="rlin", supervisor="Sol Park", on="2026-01-01")
    add_staff(season, "Kit Vale", role="coach", credential="CPRS", supervisor="Sol Park", on="2026-01-01")
    add_staff(season, "Lou Ames", role="coach", credential="CPS", supervisor="Ida Moss", on="2026-01-01")
    groups.edit_group(season, "Riverside", {"coach": "Rae Lin"})
    groups.create_group(season, "Hillside", start="2026-02-04", weekday="wed", coach="kit vale")
    for ref, member in (("1", "Rae Lin"), ("2", "Kit Vale"), ("3", "Lou Ames")):
        participants.edit(season, ref, {"staff": member}, max_group_size=12)
    return season


def test_with_no_staff_nothing_is_attributed(db: Database) -> None:
    assert not staff_defined(db)
    assert attributed_staff(db, None) is None
    assert attributed_staff(db, "Anyone") is None


def test_the_current_member_is_the_active_one_with_the_login(team: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEERTOOL_LOGIN", "rlin")
    member = current_staff(team)
    assert member is not None and (member["name"], member["supervisor"], member["active"]) == ("Rae Lin", "Sol Park",
                                                                                              True)  # fmt: skip
    assert attributed_staff(team, None) == member["id"]
    assert attributed_staff(team, "kit vale") == get_staff(team, "Kit Vale")["id"]  # a coach records for a colleague
    monkeypatch.setenv("PEERTOOL_LOGIN", "nobody")
    assert current_staff(team) is None and whoami(team) == {"login": "nobody", "staff": None}
    with pytest.raises(InvalidInput, match="no active staff member has the login 'nobody'") as caught:
        attributed_staff(team, None)
    assert "staff edit NAME --login LOGIN" in (caught.value.hint or "") and "PEERTOOL_LOGIN" in (
        caught.value.hint or ""
    )


def test_an_ended_member_is_nobody_current_and_cannot_be_named(team: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEERTOOL_LOGIN", "rlin")
    end_staff(team, "Rae Lin", on="2026-02-01")
    assert current_staff(team) is None
    assert get_staff(team, "Rae Lin")["ended_on"] == "2026-02-01"  # history kept
    with pytest.raises(InvalidInput, match="left the staff on 2026-02-01"):
        attributed_staff(team, "Rae Lin")


def test_get_staff_by_id_or_name_not_found_and_ambiguous(team: Database) -> None:
    assert get_staff(team, "3")["name"] == "Rae Lin"
    with pytest.raises(NotFound, match="no staff 'Rae Lynn'") as caught:
        get_staff(team, "Rae Lynn")
    assert "Rae Lin" in (caught.value.suggestion or "")
    team.execute("INSERT INTO staff (name, name_key, role, credential, started_on) "
                 "VALUES ('Rae Lin', 'rae lin', 'coach', 'CPS', '2026-01-01')")  # fmt: skip
    with pytest.raises(Conflict, match="matches 2 staffs"):
        get_staff(team, "Rae Lin")


def _owned(db: Database, staff_id: int) -> dict[str, list[int]]:
    """A caseload's groups and people."""
    found = caseload(db, staff_id)
    return {"groups": found["groups"], "people": found["people"]}


def test_caseloads_by_role(team: Database) -> None:
    ids = {name: get_staff(team, name)["id"] for name in ("Ida Moss", "Sol Park", "Rae Lin", "Kit Vale", "Lou Ames")}
    assert _owned(team, ids["Rae Lin"]) == {"groups": [1], "people": [1]}
    assert _owned(team, ids["Kit Vale"]) == {"groups": [2], "people": [2]}
    assert _owned(team, ids["Lou Ames"]) == {"groups": [], "people": [3]}
    assert _owned(team, ids["Sol Park"]) == {"groups": [1, 2], "people": [1, 2]}  # his two coaches'
    assert _owned(team, ids["Ida Moss"]) == {"groups": [1, 2], "people": list(range(1, 11))}  # everything
    assert caseload(team, ids["Rae Lin"])["team"] == [ids["Rae Lin"]]
    assert caseload(team, ids["Sol Park"])["team"] == sorted([ids["Sol Park"], ids["Rae Lin"], ids["Kit Vale"]])
    assert caseload(team, ids["Ida Moss"])["team"] == sorted(ids.values())  # a director's: all staff
    end_staff(team, "Kit Vale", on="2026-02-01")  # an ended supervisee's caseload is no longer followed
    assert _owned(team, ids["Sol Park"]) == {"groups": [1], "people": [1]}
    assert caseload(team, ids["Sol Park"])["team"] == sorted([ids["Sol Park"], ids["Rae Lin"]])
    with pytest.raises(NotFound):
        caseload(team, 99)
