"""Every command's `--help`, read through the real app, lists the choices of each option that has them."""

import pytest

from peertool.cli.reference import command_tree

from helpers import Cli

COMMANDS = list(command_tree())


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(path) or "peertool" for path, _ in COMMANDS])
def test_each_option_with_choices_lists_them_not_text(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, path: list[str], command: object
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # one line per option, so the name and its choices sit together
    shown = cli.ok(*path, "--help").stdout
    for param in getattr(command, "params", []):
        if param.type.name != "choice" or getattr(param, "is_flag", False):
            continue
        choices = "[" + "|".join(map(str, param.type.choices)) + "]"
        longest = max(param.opts, key=len)  # help writes `-f, --format [json|csv]`
        assert (f"{longest} {choices}" if longest.startswith("-") else choices) in shown, (path, param.opts)
        assert all(f"{opt} TEXT" not in shown for opt in param.opts), (path, param.opts)


def test_the_tree_has_every_command_and_many_choices() -> None:
    paths = {" ".join(path) for path, _ in COMMANDS}
    assert {"", "pair", "meeting record", "participant edit", "export", "audit verify", "config init"} <= paths
    choices = [
        param for _, command in COMMANDS for param in command.params if param.type.name == "choice"
    ]  # pair --odd, meeting record --mode, enroll --referral, export --format and more
    assert len(choices) >= 10
