"""Activities: logged with whoever of the group came, listed, shown, erased; costs in cents, who paid."""

from collections.abc import Callable

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput, NotFound
from peertool.people.participants import enroll
from peertool.program.activities import delete_activity, fund_spent, get_activity, list_activities

from helpers import file_of, log_activity


def _yes(question: str) -> bool:
    return True


def test_an_activity_keeps_who_came_in_order_and_its_cost_in_cents(season: Database) -> None:
    logged = log_activity(season, "Riverside", kind="Spiritual", date="2026-03-14", title="Evening service",
                          with_=["Juno Park", "1,3"], staff="Dana Reyes", place="St Anne's", mainstream=True,
                          cost="12.50")  # fmt: skip
    assert logged["kind"] == "spiritual" and logged["mainstream"] is True and logged["warnings"] == []
    assert [p["id"] for p in logged["people"]] == [10, 1, 3]
    assert (logged["cost"], logged["paid_by"], logged["staff"], logged["place"]) == ("12.50", "fund", "Dana Reyes",
                                                                                     "St Anne's")  # fmt: skip
    assert get_activity(season, logged["id"]) == {k: v for k, v in logged.items() if k != "warnings"}


def test_who_came_are_the_groups_members_and_an_activity_may_have_no_one_yet(season: Database) -> None:
    visitor = enroll(season, {"name": "Kit Vance", "enrolled_on": "2026-02-01"}, max_group_size=12)["id"]
    planned = log_activity(season, "Riverside", kind="educational", date="2026-03-02", title="Budgeting class")
    assert planned["people"] == [] and planned["paid_by"] == "free" and planned["cost"] == "0.00"
    with pytest.raises(InvalidInput, match="was not a member of group 1 on 2026-03-03"):
        log_activity(season, "Riverside", kind="skills", date="2026-03-03", title="Cooking", with_=[str(visitor)])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "sports"}, "kind"),
        ({"date": "2026-13-01"}, "date"),
        ({"date": "2099-01-01"}, "after today"),
        ({"date": "2025-12-01"}, "before group"),
        ({"title": "  "}, "title"),
        ({"staff": "Dana\x1b[2J"}, "staff"),
        ({"cost": "-1"}, "cost"),
        ({"cost": "2.345"}, "cost"),
        ({"cost": "5", "paid_by": "free"}, "free"),
        ({"paid_by": "grant"}, "paid-by"),
        ({"with_": ["1", "Ada Quill"]}, "twice"),
        ({"date": "2026-01-07", "with_": ["Juno Park"]}, "not a member"),
        ({"date": "2027-02-01", "future": True}, "outside group 1's program year"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(season: Database, changes: dict[str, object], message: str) -> None:
    before = list(file_of(season).conn.iterdump())
    args: dict[str, object] = {"kind": "recreational", "date": "2026-03-14", "title": "Bowling", **changes}
    with pytest.raises(InvalidInput, match=message):
        log_activity(season, "Riverside", **args)
    assert list(file_of(season).conn.iterdump()) == before


def test_a_discharged_person_is_refused_and_nobody_is_not_found(season: Database) -> None:
    from peertool.people.discharges import discharge

    discharge(season, 2, "moved", on="2026-02-01")
    with pytest.raises(InvalidInput, match="not a member"):  # a discharge ended their membership
        log_activity(season, "Riverside", kind="recreational", date="2026-03-14", title="Bowling", with_=["2"])
    with pytest.raises(NotFound):
        log_activity(season, "Riverside", kind="recreational", date="2026-03-14", title="Bowling", with_=["99"])


def test_a_future_date_needs_future(season: Database) -> None:
    planned = log_activity(season, "Riverside", kind="community", date="2027-01-02", title="Fair", future=True)
    assert planned["date"] == "2027-01-02"


def test_the_same_date_kind_and_title_is_saved_with_a_warning(season: Database) -> None:
    first = log_activity(season, "Riverside", kind="recreational", date="2026-03-14", title="Bowling")
    again = log_activity(season, "Riverside", kind="recreational", date="2026-03-14", title="BOWLING", with_=["1"])
    assert again["warnings"] and f"activity {first['id']} " in again["warnings"][0]
    assert f"activity delete {again['id']}" in again["warnings"][0]


def test_list_is_cut_to_the_period_and_delete_erases_who_came(season: Database) -> None:
    confirm: Callable[[str], bool] = _yes
    for day in ("2026-03-01", "2026-03-15", "2026-04-01"):
        log_activity(season, "Riverside", kind="skills", date=day, title=f"Class {day}", with_=["1"])
    assert [a["date"] for a in list_activities(season, "Riverside", start="2026-03-02", end="2026-04-01")] == [
        "2026-03-15", "2026-04-01"]  # fmt: skip
    with pytest.raises(InvalidInput, match="after"):
        list_activities(season, "Riverside", start="2026-05-01", end="2026-04-01")
    assert delete_activity(season, 1, confirm=confirm) == {"id": 1, "deleted": True}
    assert season.execute("SELECT count(*) FROM activity_people WHERE activity_id = 1").fetchone()[0] == 0
    with pytest.raises(NotFound):
        get_activity(season, 1)


def test_delete_asks_first(season: Database) -> None:
    log_activity(season, "Riverside", kind="skills", date="2026-03-01", title="Class")
    with pytest.raises(InvalidInput, match="nothing was erased"):
        delete_activity(season, 1, confirm=lambda question: False)
    assert get_activity(season, 1)["id"] == 1


def test_only_what_the_fund_paid_counts_as_fund_spending(season: Database) -> None:
    log_activity(season, "Riverside", kind="recreational", date="2026-03-01", title="Bowling", cost="10.25")
    log_activity(season, "Riverside", kind="recreational", date="2026-03-02", title="Film", cost="8",
                 paid_by="participants")  # fmt: skip
    log_activity(season, "Riverside", kind="educational", date="2026-03-03", title="Library", paid_by="free")
    assert fund_spent(season, 1) == 1025
