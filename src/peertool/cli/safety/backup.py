"""CLI: backup, restore."""

from pathlib import Path
from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import JsonOpt, YesOpt, command, confirmer
from peertool.render.output import render

commands = make_app()


@command(commands, "backup")
def backup(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="The new backup file (never overwritten).")],
    json_out: JsonOpt = False,
) -> None:
    """Example: peertool backup ~/backups/peertool-2026-03-31.db"""
    from peertool.safety.backup import backup as make

    ctx.obj.database_file("backup")  # a server's database is backed up by its own tools
    result = make(ctx.obj.open(), path)
    render(result, json_out, done=f"Backed up to {result['path']} ({result['bytes']} bytes, integrity ok).")


@command(commands, "restore")
def restore(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A backup made by `peertool backup`.")],
    yes: YesOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Example: peertool restore ~/backups/peertool-2026-03-31.db --yes"""
    from peertool.safety.backup import restore as put_back

    refusal = "restore replaces every record in the database."
    result = put_back(ctx.obj.database_file("restore"), path, confirm=confirmer(yes, refusal))
    done = f"Restored from {result['restored_from']}; the previous database is saved as {result['previous_saved_as']}."
    render(result, json_out, done=done)
