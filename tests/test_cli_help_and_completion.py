"""What `--help` shows for each value, and what shell completion inserts (issue 24, items 4 and 5)."""

import re
from typing import Any

import pytest

from peertool.cli import app
from peertool.cli.reference import command_tree

from helpers import Cli

TREE = list(command_tree())


def _help(cli: Cli, path: list[str]) -> str:
    return cli.ok(*path, "--help").stdout


@pytest.mark.parametrize(("path", "command"), TREE, ids=[" ".join(path) or "peertool" for path, _ in TREE])
def test_each_option_with_choices_lists_them_not_text(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, path: list[str], command: Any
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # one line per option, so the name and its choices sit together
    shown = _help(cli, path)
    for param in command.params:
        if param.type.name != "choice" or getattr(param, "is_flag", False):
            continue
        choices = "[" + "|".join(map(str, param.type.choices)) + "]"
        longest = max(param.opts, key=len)  # help writes `-f, --format [json|csv]`
        assert (f"{longest} {choices}" if longest.startswith("-") else choices) in shown, (path, param.opts)
        assert all(f"{opt} TEXT" not in shown for opt in param.opts), (path, param.opts)


def test_the_tree_has_every_command_and_many_choices() -> None:
    paths = {" ".join(path) for path, _ in TREE}
    assert {"", "pair", "meeting record", "participant edit", "export", "audit verify", "config init"} <= paths
    choices = [param for _, command in TREE for param in command.params if param.type.name == "choice"]
    assert len(choices) >= 10  # pair --odd, meeting record --mode, enroll --referral, export --format and more


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("pair", "--odd [trio|coach|refuse]"),
        ("meeting record", "--mode [in-person|phone|video]"),
        ("enroll", "--referral [self|clinician|case-manager|other]"),
        ("meeting record", "--start HH:MM"),
        ("meeting record", "--end HH:MM"),
        ("meeting record", "--excused REF"),
        ("measure add", "{REF} {INSTRUMENT}"),
    ],
)
def test_help_names_values_as_the_user_types_them(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, path: str, shown: str
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert shown in _help(cli, path.split())


def test_examples_in_help_are_never_wrapped_so_they_can_be_pasted(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import inspect

    monkeypatch.setenv("COLUMNS", "80")
    examples = 0
    for path, command in TREE:
        for line in inspect.cleandoc(command.help or "").splitlines():
            if line.startswith("Example: "):
                lines = _help(cli, path).splitlines()
                assert any(shown.strip() == line for shown in lines), (path, line)
                examples += 1
    assert examples >= 20


def _complete_bash(cli: Cli, line: str) -> list[str]:
    """What bash completion offers for `line` (its last word is being completed), one entry a line as bash reads it."""
    import shlex

    words = shlex.split(line) + ([""] if line.endswith(" ") else [])
    env = {"_PEERTOOL_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    result = cli.runner.invoke(app, [], env=env, prog_name="peertool")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return [entry for entry in result.stdout.split("\n") if entry]


def _as_bash_reads(text: str) -> list[str]:
    """The words bash makes of `text` typed on a command line."""
    import subprocess

    done = subprocess.run(["bash", "-c", f"printf '%s\\n' {text}"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


@pytest.fixture
def named(riverside: Cli) -> Cli:
    riverside.ok("group", "create", "Maple Valley", "--start", "2026-01-06", "--weekday", "tue", "--time", "18:00")
    riverside.ok("enroll", "Seán O'Brien", "--group", "Riverside")
    return riverside


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("peertool group show Ma", "Maple Valley"),
        ("peertool participant show Se", "Seán O'Brien"),
        ("peertool meeting record Riverside --present Ad", "Ada Quill"),
        ("peertool outing log Riverside --with Ad", "Ada Quill"),
        ("peertool pair Riverside --exclude Se", "Seán O'Brien"),
        ("peertool review list Se", "Seán O'Brien"),
        ("peertool review record Se", "Seán O'Brien"),
        ("peertool goal list Ad", "Ada Quill"),
        ("peertool measure list Ad", "Ada Quill"),
    ],
)
def test_bash_completion_inserts_names_quoted_for_the_shell(named: Cli, line: str, name: str) -> None:
    offered = _complete_bash(named, line)
    assert len(offered) == 1, offered
    assert _as_bash_reads(offered[0]) == [name]


@pytest.mark.sqlite_only
def test_plain_names_complete_as_typed_and_nothing_matching_offers_nothing(named: Cli) -> None:
    assert _complete_bash(named, "peertool group show Ri") == ["Riverside"]
    assert _complete_bash(named, "peertool group show Zz") == []


def test_version_and_help_examples(cli: Cli) -> None:
    assert cli.ok("--version").stdout.startswith("peertool ")
    for args in (["enroll"], ["participant", "list"], ["group", "create"], ["discharge"], ["init"]):
        assert "Example: peertool" in cli.ok(*args, "--help").stdout


def test_every_registered_command_loads_and_matches_its_summary(cli: Cli) -> None:
    """The registry's summaries (listed by --help without importing) match the commands' own."""
    from typer.main import get_command

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


@pytest.mark.parametrize("args", [[], ["group"], ["meeting"]])
def test_a_command_group_without_a_command_prints_its_help_on_stdout(cli: Cli, args: list[str]) -> None:
    result = cli(*args)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert re.match(rf"Usage: \S+ {' '.join(args)}".rstrip() + r" \[OPTIONS\] COMMAND", result.stdout), result.stdout
    assert result.stderr == ""
