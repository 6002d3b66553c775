"""`peertool budget`: the activity fund spent and remaining."""

from pathlib import Path

from helpers import Cli


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
