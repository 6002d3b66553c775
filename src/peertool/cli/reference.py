"""The generated references: docs/cli.md (every command's `--help`) and docs/schema.md (the current schema).

cog writes them (`cog -r README.md docs/*.md examples/peertool.yaml`) and
`cog --check` in `.ci/run` fails when the code has changed and they have
not. Nothing at run time imports this module.
"""

from collections.abc import Iterator
from typing import TYPE_CHECKING

from typer.core import TyperGroup

if TYPE_CHECKING:
    from typer._click import Command, Context

WIDTH = 80  # the terminal width the help is drawn for, so the reference does not depend on who generates it


def command_tree() -> Iterator[tuple[list[str], "Command"]]:
    """Every command and command group with its path, the root first, in the order `--help` lists them.

    The root loads each command from its module as it is asked for (`RootGroup.get_command`), so every command
    is built here as `peertool CMD --help` would build it.
    """
    from typer.main import get_command

    from peertool.cli import app

    root = get_command(app)

    def walk(command: "Command", ctx: "Context", path: list[str]) -> Iterator[tuple[list[str], "Command"]]:
        yield path, command
        if isinstance(command, TyperGroup):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None:
                    yield from walk(sub, sub.make_context(name, [], parent=ctx, resilient_parsing=True), [*path, name])

    return walk(root, root.make_context("peertool", [], resilient_parsing=True), [])


def help_text(path: list[str]) -> str:
    """`peertool PATH --help` as printed at a terminal WIDTH columns wide, with no config and no database."""
    import tempfile
    from contextlib import chdir

    from typer.testing import CliRunner

    from peertool.cli import app

    with tempfile.TemporaryDirectory() as home, chdir(home):  # no ./peertool.yaml, nor config, of whoever runs it
        env = {"XDG_CONFIG_HOME": home, "HOME": home, "PEERTOOL_CONFIG": None, "PEERTOOL_DB": None, "NO_COLOR": "1"}
        result = CliRunner().invoke(app, [*path, "--help"], env=env, prog_name="peertool", terminal_width=WIDTH)
    if result.exit_code != 0:
        raise RuntimeError(f"peertool {' '.join(path)} --help exited {result.exit_code}: {result.output}")
    return result.stdout


def cli_reference() -> str:
    """docs/cli.md's body: a heading and the `--help` of every command and command group."""
    parts = []
    for path, _ in command_tree():
        heading = "#" * min(2 + max(len(path) - 1, 0), 3)
        parts.append(f"{heading} peertool {' '.join(path)}".rstrip() + f"\n\n```\n{help_text(path).rstrip()}\n```\n")
    return "\n".join(parts)


def schema() -> str:
    """docs/schema.md's body: every table of a new database migrated to the latest migration, with its indexes
    and triggers. The audit triggers every table has (insert, update, delete) are named, not repeated."""
    from peertool.db.migrations import new_schema

    latest, objects = new_schema()
    parts = [f"The schema after migration `{latest}`.\n"]
    for kind, table, _, create in objects:
        if kind == "table" and not table.startswith(("sqlite_", "_sqlite_")):  # SQLite's and sqlite-utils' own
            parts.append(_table(table, create, [(k, n, sql) for k, n, t, sql in objects if t == table and k != kind]))
    return "\n".join(parts)


def _table(table: str, create: str, rows: list[tuple[str, str, str]]) -> str:
    """One table's section: its CREATE statement, then its indexes and triggers (`rows`: type, name, sql)."""
    audited = [name for kind, name, _ in rows if kind == "trigger" and name.startswith(f"audit_{table}_")]
    statements = [_tidy(create)] + [_tidy(sql) for kind, name, sql in rows if name not in audited]
    text = f"## {table}\n\n```sql\n" + ";\n\n".join(statements) + ";\n```\n"
    if audited:
        text += "\nAudited by the triggers " + ", ".join(f"`{name}`" for name in audited) + ".\n"
    return text


def _tidy(sql: str) -> str:
    """A statement as SQLite keeps it (as written, indented inside the Python that made it), re-indented."""
    import textwrap

    first, _, rest = sql.strip().partition("\n")
    return (first + "\n" + textwrap.dedent(rest)).strip()
