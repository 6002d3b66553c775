"""Groups and membership, through the library."""

import pytest

from peertool.db.connection import Database
from peertool.errors import Conflict, InvalidInput
from peertool.people import groups, participants

from helpers import Today


def test_create_list_and_show(season: Database, today: Today) -> None:
    import datetime as dt

    today(dt.date(2026, 3, 1))
    made = groups.create_group(season, "Hillside", start="2026-02-04", weekday="Wednesday", time="9:05")
    assert made == {
        "id": 2, "name": "Hillside", "start": "2026-02-04", "weekday": "wed", "time": "09:05",
        "location": None, "coach": None, "status": "running", "program": "iml", "days": None, "coach_staff": None,
        "members": [],
    }  # fmt: skip
    assert [(g["name"], g["size"]) for g in groups.list_groups(season)] == [("Riverside", 10), ("Hillside", 0)]
    assert [m["id"] for m in groups.show_group(season, "riverside")["members"]] == list(range(1, 11))


def test_a_group_never_exceeds_its_maximum(season: Database) -> None:
    extra = [participants.enroll(season, {"name": f"Extra {n}"}, max_group_size=12)["id"] for n in range(3)]
    groups.add_members(season, "Riverside", [str(extra[0]), str(extra[1])], max_size=12)
    with pytest.raises(InvalidInput, match="has 12 members; adding 1 would make 13"):
        groups.add_members(season, "Riverside", [str(extra[2])], max_size=12)


def test_remove_by_name_and_move_between_groups(season: Database) -> None:
    groups.create_group(season, "Hillside", start="2026-02-04", weekday="wed")
    assert len(groups.remove_member(season, "Riverside", "ada quill")["members"]) == 9
    with pytest.raises(InvalidInput, match="not an active member"):
        groups.remove_member(season, "Riverside", "Ada Quill")
    person = participants.edit(season, "Bram Oakes", {"group": "Hillside"}, max_group_size=12)
    assert person["group"] == "Hillside"
    with pytest.raises(Conflict, match="already in group 2\\."):  # by id, never the stored name
        groups.add_members(season, "Riverside", ["Bram Oakes"], max_size=12)
