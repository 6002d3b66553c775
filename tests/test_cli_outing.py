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
