import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peertool import validate
from peertool.errors import InvalidInput
from peertool.outcomes.outings import split_cost
from peertool.render.outcomes import bar

from helpers import Cli


@given(st.integers(min_value=0, max_value=100_000_000))
def test_money_round_trips_exactly(cents: int) -> None:
    assert validate.money("cost", validate.cents_text(cents)) == cents


@pytest.mark.parametrize("raw", ["-1", "1.005", "abc", "NaN", "Infinity", "", "1e9"])
def test_bad_money_is_refused(raw: str) -> None:
    with pytest.raises(InvalidInput):
        validate.money("cost", raw)


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=2))
def test_shares_add_up_to_the_cost(cents: int, ways: int) -> None:
    shares = split_cost(cents, ways)
    assert sum(shares) == cents and max(shares) - min(shares) <= 1


def test_bar_chart() -> None:
    assert bar(0.8) == "████████░░ 80%"
    assert bar(None) == "no attendance taken"


def test_goals_keep_their_story(riverside: Cli) -> None:
    goal = riverside.json(
        "goal", "add", "Ada Quill", "Get a library card", "--domain", "community", "--date", "2026-01-20"
    )
    assert goal["id"] == 11 and goal["status"] == "active" and goal["updates"] == []
    riverside.ok("goal", "update", "11", "--status", "paused", "--note", "Moving house", "--date", "2026-02-01")
    done = riverside.json("goal", "update", "11", "--status", "achieved", "--date", "2026-03-01")
    assert [(u["date"], u["status"]) for u in done["updates"]] == [("2026-02-01", "paused"), ("2026-03-01", "achieved")]
    assert [g["id"] for g in riverside.json("goal", "list", "1")] == [1, 11]
    assert [g["id"] for g in riverside.json("goal", "list", "--status", "achieved")] == [11]
    assert riverside("goal", "update", "11", "--status", "finished").exit_code == 2
    assert riverside("goal", "update", "99", "--status", "achieved").exit_code == 3
    assert riverside("goal", "add", "1", " ").exit_code == 1


def test_outings_share_costs_exactly(riverside: Cli) -> None:
    partner = riverside.json(
        "outing",
        "log",
        "Riverside",
        "--with",
        "1",
        "--with",
        "Juno Park",
        "--date",
        "2026-03-14",
        "--activity",
        "Museum",
        "--cost",
        "18.01",
    )
    assert partner["kind"] == "partner" and partner["cost"] == "18.01"
    assert [p["share"] for p in partner["people"]] == ["9.01", "9.00"]
    solo = riverside.json("outing", "log", "Riverside", "--with", "1", "--date", "2026-03-15", "--activity", "Walk")
    assert solo["kind"] == "solo" and solo["cost"] == "0.00"
    assert [o["id"] for o in riverside.json("outing", "list", "Riverside")] == [1, 2]


@pytest.mark.parametrize(
    "args",
    [
        ["--with", "1", "--with", "2", "--with", "3"],
        ["--with", "1", "--with", "1"],
        ["--with", "1", "--cost", "-5"],
        ["--with", "1", "--cost", "2.345"],
        ["--with", "1", "--date", "2027-06-01"],
    ],
)
def test_bad_outings_are_refused(riverside: Cli, args: list[str]) -> None:
    before = riverside.dump()
    full = ["outing", "log", "Riverside", "--activity", "Walk", *args]
    if "--date" not in args:
        full += ["--date", "2026-03-14"]
    assert riverside(*full).exit_code == 1
    assert riverside.dump() == before


def test_budget_with_and_without_a_fund(riverside: Cli, env: Path) -> None:
    riverside.ok(
        "outing",
        "log",
        "Riverside",
        "--with",
        "1",
        "--with",
        "2",
        "--date",
        "2026-03-14",
        "--activity",
        "Bowling",
        "--cost",
        "25",
    )
    plain = riverside.json("budget", "Riverside")
    assert plain["fund_per_participant"] is None and plain["participants"][0]["remaining"] is None
    (env / "peertool.yaml").write_text("activity_fund: 300\n")
    funded = riverside.json("budget", "Riverside")
    ada = funded["participants"][0]
    assert (ada["spent"], ada["remaining"]) == ("12.50", "287.50")
    assert funded["total"] == {"spent": "25.00", "fund": "3000.00", "remaining": "2975.00"}


def test_reviews_and_discharge_suggestion(riverside: Cli, env: Path) -> None:
    review = riverside.json("review", "2", "--progressing", "no", "--wants-to-continue", "no", "--date", "2026-04-01")
    assert review["next_due"] == "2026-06-30" and review["suggestion"].startswith("discharge")
    fine = riverside.json("review", "3", "--progressing", "yes", "--wants-to-continue", "yes", "--date", "2026-04-01")
    assert fine["suggestion"] is None
    (env / "peertool.yaml").write_text("review_interval_days: 30\n")
    assert (
        riverside.json("review", "3", "--progressing", "yes", "--wants-to-continue", "no", "--date", "2026-04-02")[
            "next_due"
        ]
        == "2026-05-02"
    )
    assert riverside("review", "3", "--progressing", "maybe", "--wants-to-continue", "no").exit_code == 2


def test_prep_lists_reviews_due_and_ready_solo(riverside: Cli, env: Path) -> None:
    (env / "peertool.yaml").write_text("solo_outings_for_ready: 2\n")
    for day in ("2026-03-01", "2026-03-08"):
        riverside.ok("outing", "log", "Riverside", "--with", "3", "--date", day, "--activity", "Library")
    riverside.ok("review", "1", "--progressing", "yes", "--wants-to-continue", "yes", "--date", "2026-03-01")
    sheet = json.loads(riverside.ok("prep", "Riverside", "--date", "2026-04-07", "-f", "json").stdout)
    due = {p["id"]: p["due"] for p in sheet["reviews_due"]}
    assert 1 not in due and due[2] == "2026-04-05"
    assert sheet["suggestions"]["ready_solo"] == [{"id": 3, "name": "Cleo Marsh", "solo_outings": 2}]
    text = riverside.ok("prep", "Riverside", "--date", "2026-04-07", "-f", "markdown").stdout
    assert "Cleo Marsh (id 3) has 2 solo outings" in text and "Bram Oakes (id 2): due 2026-04-05" in text


def simulate_season(cli: Cli) -> None:
    """A short season whose every figure is known."""
    cli.ok("meeting", "record", "Riverside", "--date", "2026-01-06", "--absent", "1", "--thread", "money")
    cli.ok(
        "meeting",
        "record",
        "Riverside",
        "--date",
        "2026-01-13",
        "--absent",
        "1",
        "--absent",
        "2",
        "--thread",
        "money",
        "--thread",
        "sleep",
    )
    cli.ok("meeting", "record", "Riverside", "--date", "2026-02-10", "--present", "1", "--thread", "work")
    cli.ok("goal", "update", "2", "--status", "achieved", "--date", "2026-02-01")
    cli.ok(
        "outing",
        "log",
        "Riverside",
        "--with",
        "1",
        "--with",
        "2",
        "--date",
        "2026-01-20",
        "--activity",
        "Baseball game",
        "--cost",
        "30",
    )
    cli.ok("outing", "log", "Riverside", "--with", "2", "--date", "2026-02-20", "--activity", "Bus to work")


def test_report_agrees_with_the_records(riverside: Cli) -> None:
    simulate_season(riverside)
    report = json.loads(riverside.ok("report", "Riverside", "-f", "json").stdout)
    people = {p["id"]: p for p in report["participants"]}
    assert people[1]["attendance"] == {"present": 1, "recorded": 3, "rate": 0.333}
    assert people[2]["attendance"] == {"present": 1, "recorded": 3, "rate": 0.333}
    assert people[3]["attendance"]["present"] == 2
    assert people[2]["goals"] == {"set": 1, "achieved": 1}
    assert people[1]["outings"] == {"partner": 1, "solo": 0}
    assert people[2]["outings"] == {"partner": 1, "solo": 1}
    assert people[1]["next_review"] == "2026-04-05"
    months = {m["month"]: m for m in report["months"]}
    # Jan 6: only the six who had joined by then are on the roster (the others join Jan 7 and 8).
    assert (months[1]["present"], months[1]["recorded"]) == (13, 16)
    assert (months[2]["present"], months[2]["recorded"]) == (1, 10)
    assert months[3]["recorded"] == 0 and months[3]["rate"] is None
    assert [(t["tag"], t["count"]) for t in report["threads"]] == [("money", 2), ("work", 1), ("sleep", 1)]
    partial = json.loads(
        riverside.ok("report", "Riverside", "--from", "2026-02-01", "--to", "2026-02-28", "-f", "json").stdout
    )
    assert [m["month"] for m in partial["months"]] == [1, 2]
    assert {p["id"]: p["attendance"]["recorded"] for p in partial["participants"]}[1] == 1
    text = riverside.ok("report", "Riverside", "-f", "markdown").stdout
    assert "`████████░░ 81%`" in text and "| 2 | Bram Oakes | active | partnered | 1/3 (33%) | 1/1 | 1 | 1 |" in text
    assert riverside.ok("report", "Riverside").stdout


def test_discharged_members_stay_in_the_report(riverside: Cli) -> None:
    riverside.ok("meeting", "record", "Riverside", "--date", "2026-01-06", "--absent", "1")
    riverside.ok("discharge", "1", "--reason", "goals substantially met", "--date", "2026-01-07")
    report = json.loads(riverside.ok("report", "Riverside", "-f", "json").stdout)
    ada = next(p for p in report["participants"] if p["id"] == 1)
    assert ada["status"] == "discharged" and ada["attendance"]["recorded"] == 1 and ada["next_review"] is None
