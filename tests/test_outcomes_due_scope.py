"""Who `due` looks at (`outcomes.due_scope`): everyone, or a caseload's groups and people; and one item."""

import datetime as dt

from peertool.db.connection import Database
from peertool.outcomes.due_scope import Scoped
from peertool.people.groups import create_group
from peertool.people.participants import enroll
from peertool.settings import Settings


def test_without_a_scope_it_is_every_active_person_and_every_group(season: Database, settings: Settings) -> None:
    create_group(season, "Elm", start="2026-03-03", weekday="tue")
    season.execute("UPDATE participants SET status = 'discharged' WHERE id = 10")
    scoped = Scoped(season, settings, dt.date(2026, 3, 12), None)
    assert [p["id"] for p in scoped.people] == list(range(1, 10))
    assert [g["name"] for g in scoped.groups] == ["Riverside", "Elm"]
    assert scoped.group_of[1] == {"id": 1, "name": "Riverside"} and scoped.until == dt.date(2026, 3, 19)


def test_a_scope_is_its_people_and_its_groups_with_their_members(season: Database, settings: Settings) -> None:
    elm = create_group(season, "Elm", start="2026-03-03", weekday="tue")["id"]
    loner = enroll(season, {"name": "Kai Lund", "enrolled_on": "2026-03-01"}, max_group_size=12)["id"]
    only_people = Scoped(season, settings, dt.date(2026, 3, 12), {"groups": [], "people": [loner, 2]})
    assert [p["id"] for p in only_people.people] == [2, loner] and only_people.groups == []
    assert [g["id"] for g in only_people.member_groups] == [1]  # Bram's group: its members' items are listed
    only_elm = Scoped(season, settings, dt.date(2026, 3, 12), {"groups": [elm], "people": []})
    assert only_elm.people == [] and [g["id"] for g in only_elm.member_groups] == [elm]
    riverside = Scoped(season, settings, dt.date(2026, 3, 12), {"groups": [1], "people": []})
    assert len(riverside.people) == 10


def test_an_item_is_overdue_only_when_due_before_the_day_asked_about(season: Database, settings: Settings) -> None:
    scoped = Scoped(season, settings, dt.date(2026, 3, 12), None)
    person = {"id": 1, "name": "Ada Quill", "enrolled_on": "2026-01-05"}
    today = scoped.item("review", "2026-03-12", "peertool review 1", person=person)
    assert today == {"kind": "review", "due": "2026-03-12", "overdue": False,
                     "participant": {"id": 1, "name": "Ada Quill"}, "group": {"id": 1, "name": "Riverside"},
                     "staff": None, "settle": "peertool review 1"}  # fmt: skip
    assert scoped.item("review", "2026-03-11", "x", person=person)["overdue"] is True
