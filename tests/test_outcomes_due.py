"""`due` through the library (`outcomes.due`): what is listed, in what order, and when anything is overdue."""

import sqlite3

from peertool.db.connection import Database
from peertool.outcomes.due import due_items, overdue, sources
from peertool.settings import Settings
from peertool.vocab import DUE_KINDS

from helpers import file_of


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


def test_everything_is_read_without_a_list_of_every_id(season: Database, settings: Settings) -> None:
    """`due --all` names no ids in its reads: a database of 100,000 people would pass some SQLite builds' limit
    of parameters (999 before 3.32, 32,766 after). Here the limit is below the season's number of people."""
    people = season.execute("SELECT count(*) FROM participants WHERE status = 'active'").fetchone()[0]
    conn = file_of(season).conn
    usual = conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, people - 1)  # before any read is prepared
    limited = due_items(season, settings, on="2026-03-30", scope=None)
    conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, usual)
    assert limited == due_items(season, settings, on="2026-03-30", scope=None)
    assert len([i for i in limited if i["kind"] == "intake"]) == people  # nobody is screened
