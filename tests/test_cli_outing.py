import pytest

from helpers import Cli


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
    ],
)
def test_bad_outings_are_refused(riverside: Cli, args: list[str]) -> None:
    before = riverside.dump()
    full = ["outing", "log", "Riverside", "--activity", "Walk", *args]
    if "--date" not in args:
        full += ["--date", "2026-03-14"]
    assert riverside(*full).exit_code == 1
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
