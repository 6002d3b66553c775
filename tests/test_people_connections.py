"""Natural supports: ties a person builds outside the program, mainstream or program, that keep their dates
when they end; the report counts them by kind and month, never by their text."""

import datetime as dt
from collections.abc import Callable

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput
from peertool.people.connections import (
    add_connection,
    classify,
    counted,
    end_connection,
    list_connections,
    month_ends,
    summaries,
    unclassified,
)

Today = Callable[[dt.date], None]


def test_a_tie_ends_but_stays_in_the_history(season: Database, today: Today) -> None:
    today(dt.date(2026, 4, 1))
    choir = add_connection(season, "Ada Quill", "  Community choir ", kind="GROUP", setting="mainstream",
                           on="2026-02-01")  # fmt: skip
    assert (choir["text"], choir["kind"], choir["setting"], choir["active"]) == (
        "Community choir", "group", "mainstream", True)  # fmt: skip
    ended = end_connection(season, choir["id"])
    assert (ended["ended_on"], ended["active"]) == ("2026-04-01", False)
    assert [c["id"] for c in list_connections(season, "Ada Quill")] == [choir["id"]]
    assert list_connections(season, "Ada Quill", active=True) == []


def test_bad_ties_and_bad_endings_are_refused(season: Database, today: Today) -> None:
    today(dt.date(2026, 4, 1))
    with pytest.raises(InvalidInput):
        add_connection(season, 1, "Choir", kind="club")
    with pytest.raises(InvalidInput):
        add_connection(season, 1, "Choir", kind="group", on="2026-04-02")  # after today
    tie = add_connection(season, 1, "Library volunteer", kind="role", on="2026-03-01")
    with pytest.raises(InvalidInput, match="before the connection began"):
        end_connection(season, tie["id"], on="2026-02-28")
    end_connection(season, tie["id"], on="2026-03-15")
    with pytest.raises(InvalidInput, match="already ended on 2026-03-15"):
        end_connection(season, tie["id"], on="2026-03-20")


def test_month_ends_run_to_the_last_day_and_stop_at_the_end() -> None:
    assert month_ends("2026-01-15", "2026-03-10") == ["2026-01-31", "2026-02-28", "2026-03-10"]
    assert month_ends("2028-02-01", "2028-02-29") == ["2028-02-29"]


def test_summaries_count_active_ties_by_setting_kind_and_month(season: Database, today: Today) -> None:
    today(dt.date(2026, 4, 30))
    add_connection(season, 1, "Book club", kind="group", setting="mainstream", on="2026-01-20")
    add_connection(season, 1, "Drop-in centre", kind="place", setting="program", on="2026-02-10")
    walk = add_connection(season, 1, "Walking friend", kind="person", on="2026-02-10")
    end_connection(season, walk["id"], on="2026-03-31")  # ended on the month's last day: not active at its end
    found = summaries(season, [1, 2], month_ends("2026-01-01", "2026-04-30"), "2026-04-30")
    assert found[2]["active"] == 0 and found[2]["mainstream_share"] is None
    ada = found[1]
    assert (ada["active"], ada["mainstream"], ada["program"], ada["mainstream_share"]) == (2, 1, 1, 0.5)
    assert ada["kinds"] == {"person": 0, "group": 1, "place": 1, "role": 0}
    assert [m["active"] for m in ada["by_month"]] == [1, 3, 2, 2]
    assert summaries(season, [], ["2026-01-31"], "2026-01-31") == {}


def test_the_share_is_of_classified_ties_and_the_unclassified_are_counted_apart(season: Database, today: Today) -> None:
    today(dt.date(2026, 4, 30))
    add_connection(season, 1, "Book club", kind="group", setting="mainstream", on="2026-01-20")
    walk = add_connection(season, 1, "Walking friend", kind="person", on="2026-02-10")
    add_connection(season, 2, "Neighbour", kind="person", on="2026-03-10")
    ada = summaries(season, [1, 2], month_ends("2026-01-01", "2026-02-28"), "2026-02-28")
    assert [ada[1][k] for k in ("active", "mainstream", "program", "unclassified", "mainstream_share")] == [
        2, 1, 0, 1, 1.0]  # fmt: skip
    assert [(m["month_end"], m["unclassified"], m["mainstream_share"]) for m in ada[1]["by_month"]] == [
        ("2026-01-31", 0, 1.0), ("2026-02-28", 1, 1.0)]  # fmt: skip
    assert ada[2]["by_month"][-1]["mainstream_share"] is None  # nothing active yet
    assert unclassified(season, [1, 2], ["2026-01-31", "2026-02-28"]) == [walk["id"]]
    assert classify(season, walk["id"], "PROGRAM")["setting"] == "program"
    assert unclassified(season, [1, 2], ["2026-01-31", "2026-02-28"]) == []
    with pytest.raises(InvalidInput):
        classify(season, walk["id"], "elsewhere")


def test_a_split_with_nothing_classified_has_no_share() -> None:
    assert counted(2, 0, 0) == {"active": 2, "mainstream": 0, "program": 0, "unclassified": 2,
                                "mainstream_share": None}  # fmt: skip
    assert counted(5, 1, 2)["mainstream_share"] == 0.333
