"""What `--help` shows for each value, and what shell completion inserts (issue 24, items 4 and 5)."""

import pytest

from peertool.cli import app


def _commands():
    """Every command of the tree, with its path, loaded as `peertool CMD --help` would load it."""
    import click
    from typer.main import get_command

    root = get_command(app)
    ctx = click.Context(root, info_name="peertool")
    stack = [(name, root.get_command(ctx, name)) for name in root.list_commands(ctx)]
    while stack:
        path, command = stack.pop()
        yield path, command
        for name, sub in getattr(command, "commands", {}).items():
            stack.append((f"{path} {name}", sub))


def _help(cli, path: str) -> str:
    return cli.ok(*path.split(), "--help").stdout


def test_every_option_with_choices_lists_them_in_help(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    checked = 0
    for path, command in _commands():
        for param in command.params:
            if param.type.name == "choice" and not getattr(param, "is_flag", False):
                shown = f"{param.opts[0]} [{'|'.join(map(str, param.type.choices))}]"
                assert shown in _help(cli, path), (path, shown)
                checked += 1
    assert checked >= 10  # pair --odd, meeting record --mode, enroll --referral and more


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
def test_help_names_values_as_the_user_types_them(cli, monkeypatch, path, shown):
    monkeypatch.setenv("COLUMNS", "80")
    assert shown in _help(cli, path)


def test_examples_in_help_are_never_wrapped_so_they_can_be_pasted(cli, monkeypatch):
    import inspect

    monkeypatch.setenv("COLUMNS", "80")
    examples = 0
    for path, command in _commands():
        for line in inspect.cleandoc(command.help or "").splitlines():
            if line.startswith("Example: "):
                lines = _help(cli, path).splitlines()
                assert any(shown.strip() == line for shown in lines), (path, line)
                examples += 1
    assert examples >= 20
