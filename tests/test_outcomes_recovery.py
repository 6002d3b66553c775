"""Measured recovery for the report: each change on an instrument and whether it is meaningful, goal
attainment as of the period's end, and the group's summary of each."""

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from peertool.db.connection import Database
from peertool.outcomes.instruments import WHO5, Instrument
from peertool.outcomes.measures import add_measure
from peertool.outcomes.recovery import Point, build, change, goals_in_period, unclassified_warnings
from peertool.people.connections import add_connection
from peertool.people.goals import add_goal, update_goal

if TYPE_CHECKING:
    from peertool.settings import Settings

LOWER_IS_BETTER: Instrument = {**WHO5, "id": "distress", "percent": False, "meaningful_change": 3,
                                   "low_below": None, "lower_is_better": True}  # fmt: skip


def _points(*scores: float) -> list[Point]:
    return [{"id": n, "date": f"2026-0{n}-01", "score": s, "percent": s * 4} for n, s in enumerate(scores, 1)]


def test_a_who5_change_is_in_percentage_points_and_meaningful_at_ten() -> None:
    up = change(WHO5, "who5", _points(10, 14))
    assert (up["change"], up["unit"], up["meaningful"], up["improved"], up["low"]) == (
        16, "percentage points", True, True, False)  # fmt: skip
    assert up["range"] == [0, 100] and up["first"]["score"] == 10
    slight = change(WHO5, "who5", _points(10, 12))
    assert (slight["change"], slight["meaningful"], slight["improved"], slight["low"]) == (8, False, None, True)
    alone = change(WHO5, "who5", _points(20))
    assert (alone["change"], alone["meaningful"], alone["improved"]) == (None, None, None)


def test_a_fall_is_an_improvement_where_lower_is_better_and_unknown_instruments_say_nothing() -> None:
    down = change(LOWER_IS_BETTER, "distress", _points(20, 16))
    assert (down["change"], down["unit"], down["improved"], down["range"]) == (-4, "points", True, [0, 25])
    gone = change(None, "retired-scale", _points(20, 10))
    assert (gone["change"], gone["meaningful"], gone["improved"], gone["range"]) == (-10, None, None, None)


def test_goals_are_read_as_of_the_period_and_those_closed_before_it_left_out(
    season: Database, today: Callable[[dt.date], None]
) -> None:
    today(dt.date(2026, 6, 30))
    early = add_goal(season, 1, "Ride the bus alone", on="2026-01-10")
    update_goal(season, early["id"], "achieved", on="2026-02-01")
    rated = add_goal(season, 1, "Join the choir", on="2026-01-10")
    update_goal(season, rated["id"], attainment=1, on="2026-03-10")
    update_goal(season, rated["id"], attainment=-1, on="2026-05-10")  # after the period: not read
    later = add_goal(season, 1, "Cook for a friend", on="2026-04-20")  # set after the period
    found = {g["id"]: g for g in goals_in_period(season, [1], "2026-03-01", "2026-03-31")}
    assert found[rated["id"]] == {"id": rated["id"], "participant_id": 1, "status": "active", "attainment": 1}
    assert early["id"] not in found and later["id"] not in found
    assert len(found) == 2  # with the goal the roster gave her at enrollment
    assert goals_in_period(season, [], "2026-03-01", "2026-03-31") == []


def test_the_group_summary_counts_who_improved_and_who_worsened(
    season: Database, settings: "Settings", today: Callable[[dt.date], None]
) -> None:
    today(dt.date(2026, 6, 30))
    for pid, answers in ((1, ("2,2,2,2,2", "4,4,4,4,4")), (2, ("4,4,4,4,4", "2,2,2,2,2")), (3, ("3,3,3,3,3",))):
        for month, given in enumerate(answers, start=2):
            add_measure(season, settings, pid, "who5", given, on=f"2026-0{month}-01")
    report = build(season, settings, [1, 2, 3], "2026-01-01", "2026-06-30")
    assert report["people"][3]["measures"][0]["change"] is None
    assert report["people"][1]["measures"][0]["change"] == 40
    assert report["group"]["measures"] == [{"instrument": "who5", "people": 2, "mean_change": 0,
                                            "unit": "percentage points", "improved": 1, "worsened": 1}]  # fmt: skip
    assert report["group"]["attainment"] == {"rated": 0, "mean": None, "at_or_above_expected": 0}
    assert report["group"]["connections"]["mainstream_share"] is None
    assert [m["active"] for m in report["group"]["connections"]["by_month"]] == [0] * 6


def test_the_group_sums_each_month_and_warns_of_the_unclassified(
    season: Database, settings: "Settings", today: Callable[[dt.date], None]
) -> None:
    today(dt.date(2026, 3, 31))
    add_connection(season, 1, "Choir", kind="group", setting="mainstream", on="2026-02-01")
    add_connection(season, 2, "Drop-in", kind="place", setting="program", on="2026-03-01")
    tie = add_connection(season, 3, "Friend", kind="person", on="2026-03-01")
    group = build(season, settings, [1, 2, 3], "2026-02-01", "2026-03-31")["group"]["connections"]
    assert [
        (m["month_end"], m["active"], m["mainstream"], m["program"], m["unclassified"], m["mainstream_share"])
        for m in group["by_month"]
    ] == [("2026-02-28", 1, 1, 0, 0, 1.0), ("2026-03-31", 3, 1, 1, 1, 0.5)]
    assert (group["unclassified"], group["mainstream_share"], group["people_with_any"]) == (1, 0.5, 3)
    warned = unclassified_warnings(season, [1, 2, 3], "2026-02-01", "2026-03-31")
    assert len(warned) == 1 and f"(id {tie['id']})" in warned[0] and "connection edit" in warned[0]
    assert unclassified_warnings(season, [1, 2], "2026-02-01", "2026-03-31") == []
    assert unclassified_warnings(season, [], "2026-02-01", "2026-03-31") == []
