"""`peertool support`: fund support that is not an outing (a bus pass, a class fee), and `budget` counting it."""

from pathlib import Path

import pytest

from helpers import Cli


def test_add_list_and_delete(riverside: Cli, env: Path) -> None:
    added = riverside.json("support", "add", "Ada Quill", "42.50", "--for", "bus pass", "--date", "2026-03-02")
    assert {k: added[k] for k in ("id", "name", "group", "amount", "purpose")} == {
        "id": 1, "name": "Ada Quill", "group": "Riverside", "amount": "42.50", "purpose": "bus pass"}  # fmt: skip
    riverside.ok("support", "add", "2", "12", "--for", "class fee", "--date", "2026-04-01", "--note", "pottery")
    assert [s["id"] for s in riverside.json("support", "list", "--group", "Riverside", "--to", "2026-03-31")] == [1]
    assert [s["id"] for s in riverside.json("support", "list", "2")] == [2]
    assert "bus pass" in riverside.ok("support", "list").stdout
    (env / "peertool.yaml").write_text("activity_fund: 100\n")
    assert riverside.json("budget", "Riverside")["total"]["spent"] == "54.50"
    assert riverside("support", "delete", "1").exit_code == 1  # a script must say --yes
    assert riverside.json("support", "delete", "1", "--yes") == {"id": 1, "deleted": True}
    assert riverside.json("budget", "Riverside")["total"]["spent"] == "12.00"


@pytest.mark.parametrize(
    "args",
    [
        ["1", "0", "--for", "x"],
        ["1", "abc", "--for", "x"],
        ["1", "5", "--for", ""],
        ["1", "5", "--for", "x", "--date", "2027-06-01"],
        ["1", "5", "--for", "x", "--date", "someday"],
    ],
)
def test_bad_support_is_refused_and_changes_nothing(riverside: Cli, args: list[str]) -> None:
    before = riverside.dump()
    assert riverside("support", "add", *args).exit_code == 1
    assert riverside.dump() == before


def test_unknown_people_and_ids_are_not_found(riverside: Cli) -> None:
    assert riverside("support", "add", "Nobody Here", "5", "--for", "x").exit_code == 3
    assert riverside("support", "delete", "9", "--yes").exit_code == 3
