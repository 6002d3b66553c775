"""CLI: threads (a group's recurring threads)."""

from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import GroupArg, JsonOpt, command

commands = make_app()


@command(commands, "threads")
def threads(
    ctx: typer.Context,
    group: GroupArg,
    since: Annotated[str | None, typer.Option(help="Only meetings on or after this date.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Example: peertool threads Riverside --since 2026-03-01"""
    from peertool.program.threads import threads_of
    from peertool.render import program as views
    from peertool.render.output import render

    render(threads_of(ctx.obj.open(), group, since=since), json_out, views.threads)
