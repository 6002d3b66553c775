"""A person's items of `due` (`outcomes.due_people`): reviews, measures, screenings and signatures."""

import datetime as dt

from peertool.db.connection import Database
from peertool.outcomes.due_people import SOURCES, command, reviews_due, sign_by, unsigned
from peertool.outcomes.due_scope import DueItem, Scoped
from peertool.people.contacts import add_note
from peertool.people.reviews import record_review
from peertool.people.scope import members
from peertool.program.attendance import Marks
from peertool.program.meetings import record_meeting
from peertool.settings import Settings


def found(db: Database, settings: Settings, on: str, kind: str) -> list[DueItem]:
    scoped = Scoped(db, settings, dt.date.fromisoformat(on), None)
    return [item for source in SOURCES for item in source(scoped) if item["kind"] == kind]


def test_a_command_is_quoted_for_the_shell() -> None:
    quoted = command("note", "sign", 4, "--as", "Seán O'Brien, CPS")
    assert quoted == "peertool note sign 4 --as 'Seán O'\"'\"'Brien, CPS'"


def test_reviews_due_by_the_cadence_prep_reads(season: Database, settings: Settings) -> None:
    assert [r["due"] for r in reviews_due(season, settings, members(season, 1), "2026-04-05")] == ["2026-04-05"] * 3
    record_review(season, 1, progressing="yes", wants_to_continue="yes", interval_days=90, on="2026-04-01")
    items = found(season, settings, "2026-04-06", "review")
    assert [i["participant"]["id"] for i in items if i["participant"]][:3] == [2, 3, 4]
    assert items[0]["settle"] == "peertool review 2 --progressing yes/no --wants-to-continue yes/no"
    assert items[0]["group"] == {"id": 1, "name": "Riverside"} and items[0]["overdue"] is True


def test_measures_due_name_the_instrument_and_its_item_count(season: Database, settings: Settings) -> None:
    items = found(season, settings, "2026-01-06", "measure")
    assert items[0]["settle"] == "peertool measure add 1 who5 --answers N,N,N,N,N"
    assert (items[0]["due"], items[0]["overdue"]) == ("2026-01-05", True)


def test_intake_is_due_from_enrollment_until_they_are_screened(season: Database, settings: Settings) -> None:
    items = found(season, settings, "2026-01-06", "intake")
    assert len(items) == 10 and items[0]["settle"] == "peertool intake 1"
    season.execute("UPDATE participants SET status = 'discharged' WHERE id = 1")
    assert len(found(season, settings, "2026-01-06", "intake")) == 9
    scoped = Scoped(season, settings, dt.date(2026, 1, 6), {"groups": [], "people": [1, 2]})
    assert [i["participant"] for i in SOURCES[2](scoped)] == [{"id": 2, "name": "Bram Oakes"}]


def test_a_record_is_due_its_signature_sign_within_days_after_its_date(season: Database, settings: Settings) -> None:
    assert sign_by("2026-03-03", settings) == "2026-03-06"
    record_meeting(season, 1, settings=settings, date="2026-03-03", marks=Marks(absent=["4"]))
    add_note(season, 2, "Talked about the bus", settings=settings, date="2026-03-05", minutes=20)
    records = unsigned(season, since="0001-01-01", people=None, groups=None)
    assert [(r["kind"], r["date"]) for r in records] == [("note", "2026-03-05"), ("meeting", "2026-03-03")]
    assert unsigned(season, since="2026-03-04", people=[3], groups=[]) == []
    items = found(season, settings, "2026-03-07", "signature")
    assert [(i["due"], i["overdue"], i["settle"]) for i in items] == [
        ("2026-03-08", False, "peertool note sign 1 --as 'NAME, CREDENTIAL'"),
        ("2026-03-06", True, "peertool meeting sign 1 --as 'NAME, CREDENTIAL'"),
    ]
    assert items[0]["participant"] == {"id": 2, "name": "Bram Oakes"} and items[1]["participant"] is None
