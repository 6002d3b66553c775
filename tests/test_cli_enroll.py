import json
from pathlib import Path
from typing import Any

import pytest

from helpers import EXAMPLES, Cli


def test_enroll_prints_json_record(cli: Cli) -> None:
    person = cli.json(
        "enroll",
        "Tess Nolan",
        "--interest",
        "music",
        "--goal",
        "Take the bus to work",
        "--enrolled-on",
        "2026-01-05",
        "--referral",
        "self",
    )
    assert person["id"] == 1 and person["name"] == "Tess Nolan"
    assert person["goals"][0]["text"] == "Take the bus to work"


def test_enroll_human_output_and_messages_on_stderr(cli: Cli) -> None:
    result = cli.ok("enroll", "Tess Nolan")
    assert "Tess Nolan" in result.stdout
    assert "Enrolled Tess Nolan as participant 1" in result.stderr


def test_enroll_refusals_change_nothing_and_look_the_same(cli: Cli) -> None:
    cli.ok("init")
    before = cli.dump()
    cases = [(["enroll", ""], 1), (["enroll", "A", "--enrolled-on", "2026-02-30"], 1),
             (["enroll", "A", "--referral", "x"], 2), (["enroll", "A", "--no-such-option"], 2)]  # fmt: skip
    for args, code in cases:
        result = cli(*args)
        assert result.exit_code == code, args
        assert result.stderr.startswith("Error: ") and "╭" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 2  # the error, and how to fix it
    assert cli.dump() == before


def test_enroll_from_file_and_reimport(riverside: Cli) -> None:
    again = riverside.json("enroll", "--from", EXAMPLES / "roster.csv")
    assert again == {"enrolled": 0, "skipped": 10, "rows": 10, "ids": [], "warnings": []}
    people = riverside.json("participant", "list", "--group", "riverside")
    assert len(people) == 10 and people[0]["group"] == "Riverside"


def test_enroll_needs_name_or_file_not_both(cli: Cli) -> None:
    assert cli("enroll", "A", "--from", EXAMPLES / "roster.csv").exit_code == 2


def test_participant_list_show_edit_discharge(riverside: Cli) -> None:
    cli = riverside
    shown = cli.json("participant", "show", "cleo marsh")
    assert shown["email"] == "cleo.marsh@example.org"
    edited = cli.json("participant", "edit", "3", "--stage", "ready-solo", "--interest", "chess")
    assert edited["stage"] == "ready-solo" and edited["interests"] == ["chess"]
    assert cli("participant", "edit", "3").exit_code == 2
    result = cli.ok("discharge", "Cleo Marsh", "--reason", "no longer wishes to take part")
    assert "Discharged participant 3" in result.stderr
    assert len(cli.json("participant", "list")) == 9
    discharged = cli.json("participant", "list", "--status", "discharged")
    assert [p["name"] for p in discharged] == ["Cleo Marsh"]
    assert discharged[0]["discharge_reason"] == "no longer wishes to take part"
    assert cli("participant", "list", "--status", "gone").exit_code == 2


def test_ambiguous_name_exits_4_listing_ids(cli: Cli) -> None:
    cli.ok("enroll", "Sam Lee")
    cli.ok("enroll", "Sam Lee")
    result = cli("participant", "show", "sam lee")
    assert result.exit_code == 4
    assert "id 1" in result.stderr and "id 2" in result.stderr


def test_empty_list_json_is_an_empty_array(cli: Cli) -> None:
    cli.ok("init")
    assert cli.json("participant", "list") == []
    assert cli.json("group", "list") == []


def test_group_commands(riverside: Cli) -> None:
    cli = riverside
    groups = cli.json("group", "list")
    assert groups[0]["name"] == "Riverside" and groups[0]["size"] == 10 and groups[0]["weekday"] == "tue"
    cli.ok("enroll", "Kai Moss")
    cli.ok("enroll", "Lia Fern")
    cli.ok("group", "add", "Riverside", "Kai Moss", "Lia Fern")
    cli.ok("enroll", "Max Dale")
    full = cli("group", "add", "Riverside", "Max Dale")
    assert full.exit_code == 1 and "12 members" in full.stderr
    cli.ok("group", "remove", "Riverside", "Kai Moss")
    shown = cli.json("group", "show", "riverside")
    assert len(shown["members"]) == 11
    assert {"id", "name"} == set(shown["members"][0])
    assert cli("group", "create", "Riverside", "--start", "2026-01-01", "--weekday", "mon").exit_code == 4
    assert cli("group", "create", "New", "--start", "2026-01-01", "--weekday", "mon", "--time", "7pm").exit_code == 1
    assert cli("group", "show", "Nowhere").exit_code == 3


def test_db_path_precedence(cli: Cli, env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli.ok("db", "path").stdout.strip() == str(cli.db_path)
    assert cli.ok("--db", env / "other.db", "db", "path").stdout.strip() == str(env / "other.db")
    monkeypatch.delenv("PEERTOOL_DB")
    out = json.loads(cli.ok("db", "path", "--json").stdout)
    assert out["source"] == "default" and out["path"].endswith("peertool.db")


def test_version_and_help_examples(cli: Cli) -> None:
    assert cli.ok("--version").stdout.startswith("peertool ")
    for args in (["enroll"], ["participant", "list"], ["group", "create"], ["discharge"], ["init"]):
        assert "Example: peertool" in cli.ok(*args, "--help").stdout


def test_names_with_markup_are_shown_literally(cli: Cli) -> None:
    cli.ok("enroll", "[b]Robin[/b]")
    assert "[b]Robin[/b]" in cli.ok("participant", "list").stdout


def test_every_registered_command_loads_and_matches_its_summary(cli: Cli) -> None:
    """The registry's summaries (listed by --help without importing) match the commands' own."""
    from typer.main import get_command

    from peertool.cli import app
    from peertool.cli.registry import COMMANDS

    listed = cli.ok("--help").stdout
    root: Any = get_command(app)  # a click group, walked by duck typing
    ctx = root.make_context("peertool", ["init"])
    assert root.list_commands(ctx) == list(COMMANDS)
    for name, (_, summary) in COMMANDS.items():
        assert name in listed
        command = root.get_command(ctx, name)
        assert command is not None and command.get_short_help_str(limit=300) == summary, name
        cli.ok(name, "--help")


def test_a_weekday_range_is_refused_not_cut_to_its_first_day(riverside: Cli) -> None:
    before = riverside.dump()
    created = riverside("group", "create", "Elm", "--start", "2026-11-02", "--weekday", "mon-fri")
    edited = riverside("group", "edit", "Riverside", "--weekday", "mo")
    scheduled = riverside("schedule", "--start", "2026-11-02", "--weekday", "monx")
    for result in (created, edited, scheduled):
        assert result.exit_code == 1, (result.stdout, result.stderr)
        assert result.stderr.startswith("Error: weekday:") and "mon, tue, wed, thu, fri, sat, sun" in result.stderr
    assert riverside.dump() == before
