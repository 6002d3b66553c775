"""Fund support that is not an outing, through the library: recorded, listed, counted in the budget, erased."""

from pathlib import Path

import pytest

from peertool.db.connection import Database
from peertool.db.store import write
from peertool.errors import InvalidInput, NotFound
from peertool.outcomes.outings import budget, log_outing
from peertool.outcomes.support import add_support, delete_support, list_support
from peertool.settings import Settings, load_settings

from helpers import AFTER_TODAY


def test_support_counts_in_the_group_budget_beside_fund_paid_outings(
    season: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "peertool.yaml").write_text("activity_fund: 100\n")
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    bus = add_support(season, "Ada Quill", "42.50", purpose="bus pass", date="2026-03-02")
    assert (bus["group"], bus["amount"], bus["purpose"]) == ("Riverside", "42.50", "bus pass")
    log_outing(season, 1, with_=["1", "2"], date="2026-03-14", activity="Museum", cost="10", settings=settings)
    log_outing(season, 1, with_=["1"], date="2026-03-15", activity="Cinema", cost="9", paid_by="participants",
               settings=settings)  # fmt: skip
    result = budget(season, 1, settings=settings)
    ada = next(p for p in result["participants"] if p["id"] == 1)
    assert (ada["spent"], ada["remaining"]) == ("47.50", "52.50")  # 42.50 support + 5.00 share; not the cinema
    assert result["total"]["spent"] == "52.50"


def test_support_list_by_person_group_and_period(season: Database) -> None:
    add_support(season, 1, "5", purpose="class fee", date="2026-02-02")
    add_support(season, 2, "7.25", purpose="bus pass", date="2026-03-02", note="monthly")
    assert [s["id"] for s in list_support(season)] == [1, 2]
    assert [(s["name"], s["note"]) for s in list_support(season, "2")] == [("Bram Oakes", "monthly")]
    assert [s["id"] for s in list_support(season, group="Riverside", start="2026-03-01")] == [2]
    assert list_support(season, end="2026-01-31") == []


def test_support_outside_any_group_is_kept_but_in_no_budget(season: Database, settings: Settings) -> None:
    with write(season):
        season.execute("UPDATE memberships SET left_on = '2026-02-01' WHERE participant_id = 1")
    record = add_support(season, 1, "5", purpose="class fee", date="2026-02-02")  # after she left Riverside
    assert (record["group"], record["group_id"]) == (None, None)
    assert record["warnings"] == ["support 1 counts in no group's budget: participant 1 was in no group on 2026-02-02."]
    assert budget(season, 1, settings=settings)["total"]["spent"] == "0.00"


@pytest.mark.parametrize(
    ("amount", "purpose", "date"),
    [
        ("0", "x", None),
        ("-3", "x", None),
        ("2.345", "x", None),
        ("5", "", None),
        ("5", "x", AFTER_TODAY),
        ("5", "x", "2025-12-01"),
    ],  # fmt: skip
)
def test_bad_support_is_refused_and_changes_nothing(
    season: Database, amount: str, purpose: str, date: str | None
) -> None:
    with pytest.raises(InvalidInput):
        add_support(season, 1, amount, purpose=purpose, date=date)
    assert list_support(season) == []


def test_delete_asks_and_erases(season: Database) -> None:
    add_support(season, 1, "5", purpose="class fee", date="2026-02-02")
    with pytest.raises(InvalidInput, match="nothing was erased"):
        delete_support(season, 1, confirm=lambda _: False)
    assert delete_support(season, 1, confirm=lambda _: True) == {"id": 1, "deleted": True}
    assert list_support(season) == []
    with pytest.raises(NotFound):
        delete_support(season, 1, confirm=lambda _: True)


def test_erasing_a_participant_erases_their_support(season: Database) -> None:
    from peertool.people.erasure import delete

    add_support(season, 1, "5", purpose="class fee", date="2026-02-02")
    add_support(season, 2, "6", purpose="bus pass", date="2026-02-02")
    delete(season, 1, confirm=lambda _: True)
    assert [s["participant_id"] for s in list_support(season)] == [2]
