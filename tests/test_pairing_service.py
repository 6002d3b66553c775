"""Pairing a group from the database, through the library."""

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput
from peertool.pairing.service import current_pairs, pair_group, pairing_history, show_pairs, unpair
from peertool.people.scope import load_group
from peertool.settings import Settings


def test_dry_run_saves_nothing_and_a_saved_pairing_is_current(season: Database, settings: Settings) -> None:
    trial = pair_group(season, "Riverside", settings=settings, dry_run=True)
    assert trial["saved"] is False and pairing_history(season, 1)["pairings"] == []
    saved = pair_group(season, "Riverside", settings=settings)
    assert saved["pairing_id"] == 1 and len(saved["pairs"]) == 5
    current = current_pairs(season, load_group(season, 1))
    assert [p["members"] for p in current["pairs"]] == [p["members"] for p in saved["pairs"]]
    assert current["unpaired"] == []


def test_the_default_policy_pairs_no_man_with_a_woman_when_it_can(season: Database, settings: Settings) -> None:
    result = pair_group(season, 1, settings=settings, exclude=["Gale Ito", "Juno Park"], dry_run=True)
    genders = {1: "f", 2: "m", 3: "f", 4: "m", 5: "f", 6: "m", 8: "f", 9: "m"}
    assert all(len({genders[m["id"]] for m in p["members"]}) == 1 for p in result["pairs"])
    assert result["warnings"] == []


def test_unpair_then_keep_current_re_pairs_only_the_two(season: Database, settings: Settings) -> None:
    first = pair_group(season, 1, settings=settings)
    a, b = first["pairs"][0]["members"]
    unpair(season, "Riverside", a["name"], "schedules never match")
    shown = show_pairs(season, 1)
    assert {p["id"] for p in shown["unpaired"]} == {a["id"], b["id"]} and "--keep-current" in shown["warnings"][0]
    again = pair_group(season, 1, settings=settings, keep_current=True)
    working = [p["members"] for p in first["pairs"][1:]]
    # The two may not be paired together again, so one working pair has to give a partner: the rest stay.
    assert sum(members in [p["members"] for p in again["pairs"]] for members in working) == 3
    assert [a, b] not in [p["members"] for p in again["pairs"]]


def test_odd_counts_and_impossible_constraints_are_refused(season: Database, settings: Settings) -> None:
    with pytest.raises(InvalidInput, match="an odd number"):
        pair_group(season, 1, settings=settings, exclude=["1"])
    with pytest.raises(InvalidInput, match="both --keep and --avoid"):
        pair_group(season, 1, settings=settings, keep=["1,3"], avoid=["3,1"])
    with pytest.raises(InvalidInput, match="not two participants"):
        pair_group(season, 1, settings=settings, keep=["1"])
