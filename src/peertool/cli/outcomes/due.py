"""CLI: due (one list of what is due or overdue)."""

from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import JsonOpt, command

commands = make_app()


@command(commands, "due")
def due(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Everything (without staff defined, the default).")] = False,
    date: Annotated[str | None, typer.Option(help="As of this date (default today).")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Reviews, measures, screenings and signatures due; meetings nobody recorded; people absent again with no
    contact since; partners without one; groups below their minimum. Each with the command that settles it.
    Exits 1 when anything is overdue, 0 otherwise, so a cron job can mail it.

    Example: peertool due --date 2026-03-09 --json
    """
    from peertool import validate
    from peertool.errors import EXIT_INVALID
    from peertool.outcomes.due import due_items, overdue
    from peertool.render import due as views
    from peertool.render.output import render

    on = validate.date_or_today("date", date)
    scope = None  # staff: the caseload of `--staff NAME` or the current member unless --all (the lead wires it)
    items = due_items(ctx.obj.open(), ctx.obj.settings, on=on, scope=scope)
    render({"items": items}, json_out, views.due)
    if overdue(items):
        raise typer.Exit(EXIT_INVALID)
