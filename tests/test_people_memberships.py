"""Correcting when a membership began or ended, through the library (issue 24)."""

from typing import Any

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput
from peertool.people import groups, memberships, participants


def _dates(db: Database, pid: int) -> list[Any]:
    return db.execute(
        "SELECT joined_on, left_on FROM memberships WHERE participant_id = ? ORDER BY id", [pid]
    ).fetchall()


def test_an_earlier_start_moves_the_enrollment_back_and_a_later_one_keeps_it(season: Database) -> None:
    fixed = memberships.correct_membership(season, "Riverside", "1", start="2026-01-02")
    assert (fixed["start"], fixed["end"], fixed["enrolled_on"]) == ("2026-01-02", None, "2026-01-02")
    assert participants.show(season, "1")["enrolled_on"] == "2026-01-02" and fixed["warnings"]
    later = memberships.correct_membership(season, "Riverside", "1", start="2026-01-20")
    assert later["enrolled_on"] == "2026-01-02" and later["warnings"] == []
    assert _dates(season, 1) == [("2026-01-20", None)]


def test_an_ended_membership_is_corrected_within_the_person_s_other_memberships(season: Database) -> None:
    groups.create_group(season, "Hillside", start="2026-02-04", weekday="wed")
    groups.remove_member(season, "Riverside", "2", on="2026-02-10")
    groups.add_members(season, "Hillside", ["2"], max_size=12, on="2026-02-20")
    memberships.correct_membership(season, "Riverside", "2", end="2026-02-15")
    assert _dates(season, 2) == [("2026-01-05", "2026-02-15"), ("2026-02-20", None)]
    with pytest.raises(InvalidInput, match="overlap"):
        memberships.correct_membership(season, "Hillside", "2", start="2026-02-14")
    with pytest.raises(InvalidInput, match="nothing to change"):
        memberships.correct_membership(season, "Hillside", "2")
    assert _dates(season, 2) == [("2026-01-05", "2026-02-15"), ("2026-02-20", None)]
