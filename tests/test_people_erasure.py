"""Erasing a participant: every record about them goes in one transaction, and nothing goes unless asked for and
allowed (a person in a signed record is never erased)."""

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput
from peertool.people.contacts import add_note, sign_note
from peertool.people.erasure import delete
from peertool.people.participants import list_participants
from peertool.settings import Settings

from helpers import log_activity


def notes_of(db: Database, pid: int) -> int:
    count: int = db.execute("SELECT count(*) FROM contact_notes WHERE participant_id = ?", [pid]).fetchone()[0]
    return count


def unasked(question: str) -> bool:
    raise AssertionError(f"asked {question!r}")


def test_delete_erases_the_person_and_their_records_and_no_one_elses(season: Database, settings: Settings) -> None:
    add_note(season, 1, "Called", settings=settings)
    add_note(season, 2, "Called", settings=settings)
    assert delete(season, 1, confirm=lambda question: True) == {"id": 1, "deleted": True}
    assert 1 not in [p["id"] for p in list_participants(season)]
    assert (notes_of(season, 1), notes_of(season, 2)) == (0, 1)
    assert season.execute("SELECT count(*) FROM memberships WHERE participant_id = 1").fetchone()[0] == 0


def test_nothing_is_erased_when_refused_or_signed(season: Database, settings: Settings) -> None:
    add_note(season, 1, "Called", settings=settings)
    with pytest.raises(InvalidInput, match="nothing was erased"):
        delete(season, 1, confirm=lambda question: False)
    sign_note(season, 1, "Avery Coach, CPS", settings=settings)
    with pytest.raises(InvalidInput, match="signed records are never erased"):
        delete(season, 1, confirm=unasked)  # refused before anyone is asked
    assert notes_of(season, 1) == 1 and 1 in [p["id"] for p in list_participants(season)]


def test_an_erased_person_leaves_the_activities_they_came_to(season: Database) -> None:
    from peertool.program.activities import get_activity

    log_activity(season, "Riverside", kind="skills", date="2026-03-14", title="Cooking", with_=["1", "2"])
    log_activity(season, "Riverside", kind="skills", date="2026-03-15", title="Baking", with_=["1"])
    delete(season, 1, confirm=lambda question: True)
    assert [p["id"] for p in get_activity(season, 1)["people"]] == [2]
    assert get_activity(season, 2)["people"] == []
