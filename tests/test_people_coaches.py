"""A group's coach: free text without staff, an active staff member with staff, linked from the text on `add`."""

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput, NotFound
from peertool.people import groups
from peertool.people.staff_records import add_staff, edit_staff, end_staff


def test_without_staff_the_coach_is_free_text(season: Database) -> None:
    made = groups.create_group(season, "Hillside", start="2026-02-04", weekday="wed", coach="Anyone, CPS")
    assert made["coach"] == "Anyone, CPS" and made["coach_staff"] is None
    assert season.execute("SELECT coach_id FROM peer_groups WHERE id = ?", [made["id"]]).fetchone() == (None,)


def test_adding_a_member_links_the_groups_their_name_coaches(season: Database) -> None:
    groups.edit_group(season, "Riverside", {"coach": "  rae LIN "})
    groups.create_group(season, "Hillside", start="2026-02-04", weekday="wed", coach="Kit Vale")
    added = add_staff(season, "Rae Lin", role="coach", credential="CPS", on="2026-01-01")
    assert added["linked"] == [{"id": 1, "name": "Riverside"}]
    shown = groups.show_group(season, "Riverside")
    assert (shown["coach"], shown["coach_staff"]) == ("Rae Lin", {"id": 1, "name": "Rae Lin", "credential": "CPS"})
    assert groups.show_group(season, "Hillside")["coach_staff"] is None  # Kit Vale is no staff member yet
    listed = groups.list_groups(season)
    assert [g["coach_staff"] and g["coach_staff"]["name"] for g in listed] == ["Rae Lin", None]


def test_with_staff_the_coach_is_an_active_staff_member(season: Database) -> None:
    add_staff(season, "Rae Lin", role="coach", credential="CPS", on="2026-01-01")
    add_staff(season, "Ida Moss", role="director", credential="MSW", on="2026-01-01")
    with pytest.raises(NotFound, match="no staff 'Kit Vale'"):
        groups.create_group(season, "Hillside", start="2026-02-04", weekday="wed", coach="Kit Vale")
    made = groups.create_group(season, "Hillside", start="2026-02-04", weekday="wed", coach="ida moss")
    assert (made["coach"], made["coach_staff"] and made["coach_staff"]["credential"]) == ("Ida Moss", "MSW")  # any role
    changed = groups.edit_group(season, "Hillside", {"coach": "Rae Lin"})
    assert changed["coach_staff"] and changed["coach_staff"]["name"] == "Rae Lin"
    edit_staff(season, "Rae Lin", {"name": "Rae Lin-Oduya"})  # the linked name follows, text included
    assert groups.show_group(season, "Hillside")["coach"] == "Rae Lin-Oduya"
    assert season.execute("SELECT coach FROM peer_groups WHERE id = 2").fetchone() == ("Rae Lin-Oduya",)
    unlinked = groups.edit_group(season, "Hillside", {"coach": ""})
    assert (unlinked["coach"], unlinked["coach_staff"]) == (None, None)
    end_staff(season, "Ida Moss", on="2026-02-01")
    with pytest.raises(InvalidInput, match="coach: Ida Moss left the staff"):
        groups.edit_group(season, "Hillside", {"coach": "Ida Moss"})
