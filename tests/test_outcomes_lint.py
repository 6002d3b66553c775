"""The coach's weekly check of the notes: each thing that keeps a record from a chart review, one line each,
and nothing at all when the notes are in order."""

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

from peertool.db.connection import Database
from peertool.db.store import insert, write
from peertool.outcomes.lint import Lint, lint
from peertool.program.attendance import Marks
from peertool.program.meetings import record_meeting

if TYPE_CHECKING:
    from peertool.settings import Settings

Today = Callable[[dt.date], None]


def _note(db: Database, **fields: Any) -> int:
    with write(db):
        return insert(db, "contact_notes", {"participant_id": 1, "mode": "phone", **fields})


@pytest.fixture
def season(season: Database) -> Database:
    """The season with everyone active screened at intake (someone never screened is a problem of its own)."""
    from peertool.definition import DEFAULT
    from peertool.people.intake import screen, unscreened

    for pid, _, enrolled in unscreened(season):
        screen(season, pid, definition=DEFAULT, meets=["C"], exclusions={"A": "no", "B": "no"}, on=enrolled)
    return season


def test_an_active_person_never_screened_is_listed_whatever_since_says(db: Database, settings: "Settings") -> None:
    from peertool.people.participants import enroll

    enroll(db, {"name": "Ada Quill", "enrolled_on": "2026-01-05"}, max_group_size=12)
    found = lint(db, settings=settings, since="2026-03-01")
    assert _checks(found) == [("participant 1", "not-screened", "not screened at intake (`peertool intake 1`)")]


def _checks(found: Lint) -> list[tuple[str, str, str]]:
    return [(p["record"], p["check"], p["problem"]) for p in found["problems"]]


def test_a_bare_unsigned_note_naming_another_member_has_three_problems(
    season: Database, settings: "Settings", today: Today
) -> None:
    today(dt.date(2026, 3, 20))
    note = _note(season, noted_on="2026-03-02", text="Talked it over with Bram Oakes.")
    found = lint(season, settings=settings)
    assert found["checked"] == {"contacts": 1, "meetings": 0} and found["since"] is None
    assert _checks(found) == [
        (f"note {note}", "missing", "missing response, plan, goal, times"),
        (f"note {note}", "names-member", "their own note names another member (Bram Oakes)"),
        (f"note {note}", "unsigned", "unsigned 18 days on (notes.sign_within_days)"),
    ]
    assert found["problems"][0]["participant"] == {"id": 1, "name": "Ada Quill"}


def test_a_complete_recent_note_is_in_order(season: Database, settings: "Settings", today: Today) -> None:
    today(dt.date(2026, 3, 20))
    goal = season.execute("SELECT id FROM goals WHERE participant_id = 1").fetchone()[0]
    _note(season, noted_on="2026-03-19", text="Bus practice", response="Calmer", plan="Try alone", goal_id=goal,
          minutes=30)  # fmt: skip
    assert lint(season, settings=settings)["problems"] == []


def test_each_present_attendee_needs_a_note_of_their_own_and_since_limits_the_check(
    season: Database, settings: "Settings", today: Today
) -> None:
    today(dt.date(2026, 3, 20))
    meeting = record_meeting(season, "Riverside", settings=settings, date="2026-03-17",
                             marks=Marks(present=["Ada Quill", "Bram Oakes"], absent=["3"]))  # fmt: skip
    found = lint(season, settings=settings, group="Riverside", since="2026-03-10")
    assert found["group"] == 1 and found["since"] == "2026-03-10"
    assert found["checked"] == {"contacts": 0, "meetings": 1}
    assert [(p["participant"] and p["participant"]["name"], p["check"]) for p in found["problems"]] == [
        ("Ada Quill", "no-own-note"),
        ("Bram Oakes", "no-own-note"),
    ]
    assert {p["record"] for p in found["problems"]} == {f"meeting {meeting['id']}"}
    assert lint(season, settings=settings, since="2026-03-18")["problems"] == []
