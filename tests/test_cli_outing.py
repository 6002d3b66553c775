from pathlib import Path

import pytest

from helpers import Cli, drop_in


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
        ["--with", "1", "--with", "1"],
        ["--with", "1", "--cost", "-5"],
        ["--with", "1", "--cost", "2.345"],
        ["--with", "1", "--date", "2027-06-01"],
        ["--with", "1", "--with", "2", "--cost", "10", "--discount", "10.01"],
        ["--with", "1", "--cost", "10", "--paid-by", "free"],
        ["--with", "1", "--discount", "-1"],
        ["--with", "1", "--paid-by", "club"],
    ],
)
def test_bad_outings_are_refused(riverside: Cli, args: list[str]) -> None:
    before = riverside.dump()
    full = ["outing", "log", "Riverside", "--activity", "Walk", *args]
    if "--date" not in args:
        full += ["--date", "2026-03-14"]
    assert riverside(*full).exit_code in (1, 2)  # 2: a word --paid-by does not offer
    assert riverside.dump() == before


def test_a_trio_logs_its_outing_and_shares_the_cost(riverside: Cli) -> None:
    trio = riverside.json("outing", "log", "Riverside", "--with", "1", "--with", "2", "--with", "3",
                          "--date", "2026-03-14", "--activity", "Bowling", "--cost", "10")  # fmt: skip
    assert trio["kind"] == "group" and [p["share"] for p in trio["people"]] == ["3.34", "3.33", "3.33"]


def test_an_outing_with_the_coach_is_not_solo(riverside: Cli) -> None:
    for day in ("2026-03-15", "2026-03-18", "2026-03-21"):
        out = riverside.json("outing", "log", "Riverside", "--with", "6", "--with-coach", "--date", day,
                             "--activity", "Library")  # fmt: skip
        assert out["kind"] == "with-coach" and out["with_coach"] is True
    report = riverside.json("report", "Riverside", "--to", "2026-03-31")
    assert report["suggestions"]["ready_solo"] == []
    finn = next(p for p in report["participants"] if p["id"] == 6)
    assert finn["outings"] == {"partner": 0, "solo": 0, "group": 0, "with_coach": 3}


def test_a_group_discount_is_taken_off_before_the_cost_is_shared(riverside: Cli, env: Path) -> None:
    four = riverside.json("outing", "log", "Riverside", *(x for i in "1234" for x in ("--with", i)), "--date",
                          "2026-03-14", "--activity", "Theatre", "--cost", "80", "--discount", "20.01")  # fmt: skip
    assert (four["kind"], four["discount"], four["paid_by"], four["with_coach"]) == ("group", "20.01", "fund", False)
    assert [p["share"] for p in four["people"]] == ["15.00", "15.00", "15.00", "14.99"]
    assert "80.00 (less 20.01)" in riverside.ok("outing", "list", "Riverside").stdout
    (env / "peertool.yaml").write_text("activity_fund: 100\n")
    assert riverside.json("budget", "Riverside")["total"]["spent"] == "59.99"


def test_only_fund_paid_outings_count_in_the_budget(riverside: Cli) -> None:
    riverside.ok("outing", "log", "Riverside", "--with", "1", "--date", "2026-03-14", "--activity", "Cinema",
                 "--cost", "9", "--paid-by", "participants")  # fmt: skip
    riverside.ok("outing", "log", "Riverside", "--with", "1", "--date", "2026-03-15", "--activity", "Park",
                 "--paid-by", "free")  # fmt: skip
    assert riverside.json("budget", "Riverside")["total"]["spent"] == "0.00"
    assert "9.00 (paid by participants)" in riverside.ok("outing", "list", "Riverside").stdout


def test_edit_changes_the_coach_discount_and_payer(riverside: Cli) -> None:
    riverside.ok("outing", "log", "Riverside", "--with", "1", "--with", "2", "--date", "2026-03-14",
                 "--activity", "Bowling", "--cost", "25")  # fmt: skip
    edited = riverside.json("outing", "edit", "1", "--with-coach", "--discount", "5", "--paid-by", "participants")
    assert (edited["kind"], edited["discount"], edited["paid_by"]) == ("with-coach", "5.00", "participants")
    assert [p["share"] for p in edited["people"]] == ["10.00", "10.00"]
    assert riverside.json("outing", "edit", "1", "--without-coach")["kind"] == "partner"
    before = riverside.dump()
    assert riverside("outing", "edit", "1", "--discount", "30").exit_code == 1
    assert riverside("outing", "edit", "1", "--paid-by", "free").exit_code == 1
    assert riverside.dump() == before


def test_an_outing_logged_as_before_reads_and_prints_as_before(riverside: Cli) -> None:
    riverside.ok("outing", "log", "Riverside", "--with", "1", "--with", "2", "--date", "2026-03-14",
                 "--activity", "Bowling", "--cost", "25")  # fmt: skip
    out = riverside.json("outing", "list", "Riverside")[0]
    assert (out["kind"], out["with_coach"], out["discount"], out["paid_by"]) == ("partner", False, "0.00", "fund")
    assert "25.00 (" not in riverside.ok("outing", "list", "Riverside").stdout


def test_a_drop_in_group_logs_its_trips_as_activities_not_outings(riverside: Cli, env: Path) -> None:
    """Outings are peer partners' (a group that pairs); a drop-in's trips into the city are activities."""
    drop_in(riverside, env, visits=False)
    before = riverside.dump()
    refused = riverside("outing", "log", "Main St", "--with", "Kai Lund", "--date", "2026-03-10", "--activity", "Zoo")
    assert refused.exit_code == 1 and "drop-in" in refused.stderr
    assert "peertool activity log 'Main St' --kind recreational" in refused.stderr
    assert "program year" not in refused.stderr and riverside.dump() == before


def test_with_takes_comma_separated_people_as_well_as_repeats(riverside: Cli) -> None:
    logged = riverside.json("outing", "log", "Riverside", "--with", "1,2,3", "--with", "4", "--date", "2026-03-07",
                            "--activity", "Picnic", "--cost", "8.00")  # fmt: skip
    assert logged["kind"] == "group" and [p["id"] for p in logged["people"]] == [1, 2, 3, 4]


def test_amounts_read_as_amounts_in_help(riverside: Cli) -> None:
    assert "--discount AMOUNT" in riverside.ok("outing", "log", "--help").stdout
    assert "AMOUNT" in riverside.ok("support", "add", "--help").stdout
