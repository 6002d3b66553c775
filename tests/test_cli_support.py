"""`peertool support`: fund support that is not an outing (a bus pass, a class fee), and `budget` counting it."""

import json
from pathlib import Path

import pytest

from helpers import AFTER_TODAY, Cli, drop_in


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
        ["1", "5", "--for", "x", "--date", AFTER_TODAY],
        ["1", "5", "--for", "x", "--date", "someday"],
        ["1", "5", "--for", "x", "--date", "2026-01-04"],  # before Ada enrolled
        ["1", "5", "--for", "x", "--date", "2026-01-05", "--group", "Riverside"],  # before Riverside started
    ],
)
def test_bad_support_is_refused_and_changes_nothing(riverside: Cli, args: list[str]) -> None:
    before = riverside.dump()
    assert riverside("support", "add", *args).exit_code == 1
    assert riverside.dump() == before


def test_unknown_people_and_ids_are_not_found(riverside: Cli) -> None:
    assert riverside("support", "add", "Nobody Here", "5", "--for", "x").exit_code == 3
    assert riverside("support", "delete", "9", "--yes").exit_code == 3


def test_zero_is_refused_in_plain_words(riverside: Cli) -> None:
    assert "amount: must be more than 0.00." in riverside("support", "add", "1", "0", "--for", "x").stderr


def test_a_group_named_must_be_theirs_that_day(riverside: Cli, env: Path) -> None:
    drop_in(riverside, env, visits=False)  # Kai Lund: in no group, enrolled in independence from 2026-03-02
    outsider = riverside("support", "add", "Kai Lund", "10", "--for", "x", "--date", "2026-03-02", "--group", "1")
    assert outsider.exit_code == 1 and "was not a member of group 1 on 2026-03-02" in outsider.stderr
    riverside.ok("participant", "edit", "Kai Lund", "--leave-program", "independence", "--date", "2026-03-05")
    left = riverside("support", "add", "Kai Lund", "10", "--for", "x", "--date", "2026-03-06", "--group", "Main St")
    assert left.exit_code == 1 and "not enrolled in its program 'independence' on 2026-03-06" in left.stderr
    main_st = riverside.json("support", "add", "Kai Lund", "10", "--for", "x", "--date", "2026-03-02",
                             "--group", "Main St")  # fmt: skip
    assert (main_st["group"], main_st["warnings"]) == ("Main St", [])


def test_support_after_a_discharge_is_refused(riverside: Cli) -> None:
    riverside.ok("discharge", "Ada Quill", "--date", "2026-03-10", "--reason-code", "moved")
    riverside.ok("support", "add", "Ada Quill", "5", "--for", "x", "--date", "2026-03-10")
    late = riverside("support", "add", "Ada Quill", "5", "--for", "x", "--date", "2026-03-11")
    assert late.exit_code == 1 and "was discharged on 2026-03-10" in late.stderr


def test_support_in_no_groups_budget_is_warned(riverside: Cli, env: Path) -> None:
    drop_in(riverside, env, visits=False)
    added = riverside("support", "add", "Kai Lund", "25.00", "--for", "Bus pass", "--date", "2026-03-09", "--json")
    data = json.loads(added.stdout)
    assert added.exit_code == 0 and data["group"] is None and "counts in no group's budget" in added.stderr
    assert data["warnings"] == [added.stderr.removeprefix("Warning: ").strip()]
