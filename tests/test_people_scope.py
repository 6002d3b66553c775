"""GroupScope: a group's members loaded once, and REFs resolved among them."""

import pytest

from peertool.db.connection import Database
from peertool.errors import Conflict, InvalidInput, NotFound
from peertool.people import groups, participants
from peertool.people.scope import load_group, members


def test_members_now_and_on_a_date(season: Database) -> None:
    scope = load_group(season, "riverside")
    assert scope.id == 1 and scope.name == "Riverside" and len(scope.members) == 10
    assert scope.members[0]["interests"] == ["gardening", "museums", "cooking"]
    # Ada, Bram and Cleo joined on 2026-01-05; the rest later in that week.
    assert [m["id"] for m in members(season, 1, on="2026-01-05")] == [1, 2, 3]
    groups.remove_member(season, "Riverside", "Juno Park")
    assert 10 not in load_group(season, 1).ids


def test_member_by_id_or_name_in_any_case(season: Database) -> None:
    scope = load_group(season, "Riverside")
    assert scope.member("4")["name"] == "Dev Harlan"
    assert scope.member("  dev HARLAN ")["id"] == 4


def test_a_namesake_outside_the_group_does_not_make_a_member_ambiguous(season: Database) -> None:
    participants.enroll(season, {"name": "Ada Quill"}, max_group_size=12)
    assert load_group(season, "Riverside").member("Ada Quill")["id"] == 1


def test_outsiders_missing_people_and_namesakes_inside(season: Database) -> None:
    participants.enroll(season, {"name": "Rue Outsider"}, max_group_size=12)
    scope = load_group(season, "Riverside")
    with pytest.raises(InvalidInput, match="--with: participant 'Rue Outsider' is not an active member"):
        scope.member("Rue Outsider", "--with")
    with pytest.raises(NotFound):
        scope.member("Nobody")
    with pytest.raises(NotFound):
        scope.member("999")
    participants.enroll(season, {"name": "Juno Park", "group": "Riverside"}, max_group_size=12)
    with pytest.raises(Conflict, match="id 10, id 12"):
        load_group(season, "Riverside").member("juno park")
