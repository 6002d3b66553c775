"""Outings, shares and the activity fund, through the library."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peertool.db.connection import Database
from peertool.errors import InvalidInput
from peertool.outcomes.outings import (
    budget,
    list_outings,
    log_outing,
    outing_counts,
    ready_solo_suggestions,
    split_cost,
)
from peertool.people.scope import load_group
from peertool.settings import Settings, load_settings


def test_partners_share_the_cost_to_the_cent(season: Database, settings: Settings) -> None:
    outing = log_outing(season, "Riverside", with_=["Ada Quill", "3"], date="2026-03-14", activity="Museum",
                        cost="24.51", settings=settings)  # fmt: skip
    assert outing["kind"] == "partner" and [p["share"] for p in outing["people"]] == ["12.26", "12.25"]
    assert list_outings(season, 1) == [{k: v for k, v in outing.items() if k != "warnings"}]


def test_budget_counts_spending_against_the_fund(
    season: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "peertool.yaml").write_text("activity_fund: 20\n")
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    log_outing(season, 1, with_=["6"], date="2026-03-15", activity="Fishing", cost="25", settings=settings)
    result = budget(season, "Riverside", settings=settings)
    finn = next(p for p in result["participants"] if p["id"] == 6)
    assert (finn["spent"], finn["remaining"], finn["over"]) == ("25.00", "-5.00", True)
    assert result["total"] == {"spent": "25.00", "fund": "200.00", "remaining": "175.00"}


def test_counts_and_ready_solo_suggestions(season: Database, settings: Settings) -> None:
    for day in ("2026-03-15", "2026-03-18", "2026-03-21"):
        log_outing(season, 1, with_=["Finn Rowe"], date=day, activity="Library", settings=settings)
    counts = outing_counts(season, 1)
    assert counts == {6: {"partner": 0, "solo": 3, "group": 0, "with_coach": 0}}
    ready = ready_solo_suggestions(load_group(season, 1).members, counts, 3)
    assert ready == [{"id": 6, "name": "Finn Rowe", "solo_outings": 3}]


def test_bad_outings_are_refused(season: Database, settings: Settings) -> None:
    with pytest.raises(InvalidInput, match="name one person"):
        log_outing(season, 1, with_=[], date="2026-03-14", activity="x", settings=settings)
    with pytest.raises(InvalidInput, match="different people"):
        log_outing(season, 1, with_=["1", "Ada Quill"], date="2026-03-14", activity="x", settings=settings)
    with pytest.raises(InvalidInput, match="outside"):
        log_outing(season, 1, with_=["1"], date="2025-03-14", activity="x", settings=settings)


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=2))
def test_shares_add_up_to_the_cost(cents: int, ways: int) -> None:
    shares = split_cost(cents, ways)
    assert sum(shares) == cents and max(shares) - min(shares) <= 1


def test_a_trio_outing_is_a_group_outing(season: Database, settings: Settings) -> None:
    outing = log_outing(season, 1, with_=["1", "2", "3"], date="2026-03-14", activity="Bowling", cost="10",
                        settings=settings)  # fmt: skip
    assert outing["kind"] == "group" and [p["share"] for p in outing["people"]] == ["3.34", "3.33", "3.33"]
    assert outing_counts(season, 1)[2] == {"partner": 0, "solo": 0, "group": 1, "with_coach": 0}


def test_outings_with_the_coach_do_not_count_toward_ready_solo(season: Database, settings: Settings) -> None:
    for day in ("2026-03-15", "2026-03-18", "2026-03-21"):
        log_outing(season, 1, with_=["6"], date=day, activity="Library", with_coach=True, settings=settings)
    counts = outing_counts(season, 1)
    assert counts == {6: {"partner": 0, "solo": 0, "group": 0, "with_coach": 3}}
    assert ready_solo_suggestions(load_group(season, 1).members, counts, 3) == []


@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=0, max_value=10**7),
       st.integers(min_value=1, max_value=40))  # fmt: skip
def test_shares_net_of_a_discount_add_up_and_differ_by_a_cent_at_most(cost: int, discount: int, ways: int) -> None:
    shares = split_cost(max(cost - discount, 0), ways)
    assert sum(shares) == max(cost - discount, 0) and max(shares) - min(shares) <= 1 and len(shares) == ways


def test_a_discount_above_the_cost_and_a_free_outing_with_a_cost_are_refused(
    season: Database, settings: Settings
) -> None:
    with pytest.raises(InvalidInput, match="more than the cost"):
        log_outing(season, 1, with_=["1", "2"], date="2026-03-14", activity="x", cost="5", discount="6",
                   settings=settings)  # fmt: skip
    with pytest.raises(InvalidInput, match="free outing"):
        log_outing(season, 1, with_=["1"], date="2026-03-14", activity="x", cost="5", paid_by="free",
                   settings=settings)  # fmt: skip
    assert list_outings(season, 1) == []
