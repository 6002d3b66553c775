"""The README documents every command and subcommand that `peertool --help` lists."""

import re
from pathlib import Path
from typing import Any

from typer.main import get_command

from peertool.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def command_paths() -> list[str]:
    """Every command path the CLI offers, walked through click's own API (list_commands / get_command)."""
    root = get_command(app)
    paths = []

    def walk(command: Any, ctx: Any, prefix: list[str]) -> None:  # a click tree, walked by duck typing
        names = command.list_commands(ctx) if hasattr(command, "list_commands") else []
        for name in names:
            sub = command.get_command(ctx, name)
            sub_ctx = sub.make_context(name, ["--help"], parent=ctx, resilient_parsing=True)
            if hasattr(sub, "list_commands"):
                walk(sub, sub_ctx, prefix + [name])
            else:
                paths.append(" ".join(prefix + [name]))

    walk(root, root.make_context("peertool", ["--help"], resilient_parsing=True), [])
    return paths


def test_the_cli_lists_every_command_and_subcommand() -> None:
    paths = command_paths()
    assert {"init", "participant list", "meeting record", "db path", "config show", "demo"} <= set(paths)
    assert len(paths) >= 35


def test_the_readme_documents_every_command() -> None:
    reference = README[README.index("## Command reference") :]
    missing = [path for path in command_paths() if not re.search(rf"`(peertool )?{re.escape(path)}\b", reference)]
    assert missing == []
