"""`due` through the library (`outcomes.due`): what is listed, in what order, and when anything is overdue."""

from peertool.db.connection import Database
from peertool.outcomes.due import due_items, overdue, sources
from peertool.settings import Settings
from peertool.vocab import DUE_KINDS


def test_every_source_is_registered_once() -> None:
    names = [source.__name__ for source in sources()]
    assert len(names) == len(set(names)) == len(DUE_KINDS)


def test_an_item_due_within_a_week_is_listed_as_due_and_a_later_one_not_at_all(
    season: Database, settings: Settings
) -> None:
    season.execute("UPDATE participants SET reviews_off = 1 WHERE id > 1")
    reviews = [i for i in due_items(season, settings, on="2026-03-30", scope=None) if i["kind"] == "review"]
    assert [(i["due"], i["overdue"]) for i in reviews] == [("2026-04-05", False)]
    assert [i for i in due_items(season, settings, on="2026-03-28", scope=None) if i["kind"] == "review"] == []


def test_items_are_grouped_by_person_then_kind_with_a_groups_own_items_last(
    season: Database, settings: Settings
) -> None:
    items = due_items(season, settings, on="2026-01-20", scope={"groups": [1], "people": []})
    whose = [(i["participant"]["name"] if i["participant"] else None, i["kind"]) for i in items]
    assert whose[:2] == [("Ada Quill", "measure"), ("Ada Quill", "intake")]
    assert whose[-1] == (None, "unrecorded-meeting") and overdue(items)
    assert not overdue([{**items[0], "overdue": False}])
