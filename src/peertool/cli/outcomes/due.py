"""CLI: due (one list of what is due or overdue)."""

from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import JsonOpt, command

commands = make_app()


@command(commands, "due")
def due(
    ctx: typer.Context,
    staff: Annotated[str | None, typer.Option("--staff", help="This staff member's caseload.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Everything (without staff defined, the default).")] = False,
    date: Annotated[str | None, typer.Option(help="As of this date (default today).")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Reviews, measures, screenings and signatures due; meetings nobody recorded; people absent again with no
    contact since; partners without one; groups below their minimum. Each with the command that settles it.
    Exits 1 when anything is overdue, 0 otherwise, so a cron job can mail it. With staff defined, the current
    staff member's caseload (a supervisor's takes in their supervisees'); `--staff NAME` another's; `--all` all.

    Example: peertool due --date 2026-03-09 --json
    """
    from peertool import validate
    from peertool.clock import today_iso
    from peertool.errors import EXIT_INVALID
    from peertool.outcomes.due import due_items, overdue, scope_of
    from peertool.render import due as views
    from peertool.render.output import render

    if staff is not None and all_:  # a usage error (2), as a missing argument is
        raise typer.BadParameter("give --staff NAME or --all, not both.", param_hint="'--staff'")
    on = today_iso() if date is None else validate.date("date", date)  # `--date ""` is no date: refused
    db = ctx.obj.open()
    items = due_items(db, ctx.obj.settings, on=on, scope=None if all_ else scope_of(db, staff))
    render({"items": items}, json_out, views.due)
    if overdue(items):
        raise typer.Exit(EXIT_INVALID)
