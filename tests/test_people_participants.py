from typing import TYPE_CHECKING, Any

import pytest

from peertool.db.connection import Database
from peertool.errors import Conflict, InvalidInput, NotFound
from peertool.people import groups, participants

if TYPE_CHECKING:
    from peertool.people.shapes import ParticipantChanged


def enroll(db: Database, name: str, **fields: Any) -> "ParticipantChanged":
    return participants.enroll(db, {"name": name, **fields}, max_group_size=12)


def test_enroll_returns_the_record_with_goals(db: Database) -> None:
    person = enroll(
        db,
        " Tess  Nolan ",
        interests=["Hiking", "music"],
        goals=["Get a library card"],
        referral="Case-Manager",
        enrolled_on="2026-02-01",
    )
    assert person["id"] == 1
    assert person["name"] == "Tess  Nolan"
    assert person["interests"] == ["hiking", "music"]
    assert person["referral"] == "case-manager"
    assert [g["text"] for g in person["goals"]] == ["Get a library card"]
    assert person["status"] == "active" and person["stage"] == "partnered"


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"name": ""}, "name"),
        ({"name": "A", "enrolled_on": "2026-02-30"}, "enrolled_on"),
        ({"name": "A", "referral": "friend"}, "referral"),
        ({"name": "A", "email": "nope"}, "email"),
        ({"name": "A", "phone": "call me"}, "phone"),
        ({"name": "42"}, "name"),
    ],
)
def test_bad_fields_are_refused_by_name(db: Database, fields: dict[str, str], field: str) -> None:
    with pytest.raises(InvalidInput) as err:
        participants.enroll(db, fields, max_group_size=12)
    assert err.value.message.startswith(field)
    assert db.execute("SELECT count(*) FROM participants").fetchone()[0] == 0


def test_duplicate_external_id_is_a_conflict(db: Database) -> None:
    enroll(db, "Tess Nolan", external_id="X-1")
    with pytest.raises(Conflict):
        enroll(db, "Other Person", external_id="X-1")


def test_refs_resolve_by_id_and_case_insensitive_name(db: Database) -> None:
    enroll(db, "Élodie Brun")
    assert participants.show(db, "ÉLODIE BRUN")["id"] == 1
    assert participants.show(db, "1")["name"] == "Élodie Brun"
    with pytest.raises(NotFound):
        participants.show(db, "Nobody")


def test_a_shared_name_is_refused_with_the_candidate_ids(db: Database) -> None:
    enroll(db, "Sam Lee")
    enroll(db, "sam lee")
    with pytest.raises(Conflict) as err:
        participants.show(db, "Sam Lee")
    assert "id 1" in err.value.message and "id 2" in err.value.message


def test_edit_changes_only_what_is_given(db: Database) -> None:
    enroll(db, "Tess Nolan", gender="female", interests=["music"])
    person = participants.edit(db, "tess nolan", {"stage": "ready-solo", "goals": ["Ride the bus"]}, max_group_size=12)
    assert person["stage"] == "ready-solo"
    assert person["gender"] == "female" and person["interests"] == ["music"]
    assert [g["text"] for g in person["goals"]] == ["Ride the bus"]
    with pytest.raises(InvalidInput):
        participants.edit(db, 1, {"stage": "graduated"}, max_group_size=12)


def test_group_capacity_and_one_active_group(db: Database) -> None:
    groups.create_group(db, "Riverside", start="2026-01-06", weekday="tue")
    groups.create_group(db, "Hillside", start="2026-01-07", weekday="wed")
    for i in range(12):
        enroll(db, f"Person {i}", group="Riverside")
    extra = enroll(db, "Person 12")
    with pytest.raises(InvalidInput) as err:
        groups.add_members(db, "Riverside", [str(extra["id"])], max_size=12)
    assert "12" in err.value.message
    with pytest.raises(Conflict):
        groups.add_members(db, "Hillside", ["1"], max_size=12)
    groups.remove_member(db, "Riverside", "1")
    groups.add_members(db, "Hillside", ["1", str(extra["id"])], max_size=12)
    assert [m["id"] for m in groups.show_group(db, "Hillside")["members"]] == [1, extra["id"]]


def test_group_add_is_all_or_nothing(db: Database) -> None:
    groups.create_group(db, "Riverside", start="2026-01-06", weekday="tue")
    enroll(db, "Tess Nolan")
    with pytest.raises(NotFound):
        groups.add_members(db, "Riverside", ["1", "99"], max_size=12)
    assert groups.show_group(db, "Riverside")["members"] == []


def test_group_names_are_unique_and_checked(db: Database) -> None:
    groups.create_group(db, "Riverside", start="2026-01-06", weekday="tue")
    with pytest.raises(Conflict):
        groups.create_group(db, "RIVERSIDE", start="2026-01-06", weekday="tue")
    with pytest.raises(InvalidInput):
        groups.create_group(db, "42", start="2026-01-06", weekday="tue")
    with pytest.raises(InvalidInput):
        groups.create_group(db, "New", start="2026-01-06", weekday="funday")


def test_a_participant_is_assigned_to_a_staff_member(season: Database) -> None:
    from peertool.people.staff_records import add_staff

    assert participants.show(season, "1")["staff"] is None
    add_staff(season, "Rae Lin", role="coach", credential="CPS", on="2026-01-01")
    person = participants.edit(season, "1", {"staff": "Rae Lin"}, max_group_size=12)
    assert person["staff"] == {"id": 1, "name": "Rae Lin", "credential": "CPS"}
    assert list(person)[-2:] == ["staff", "warnings"]
    assert participants.edit(season, "1", {"staff": ""}, max_group_size=12)["staff"] is None
    with pytest.raises(NotFound):
        participants.edit(season, "1", {"staff": "Kit Vale"}, max_group_size=12)
