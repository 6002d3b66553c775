"""CLI: peertool schedule. Needs no database unless --group is given."""

from pathlib import Path
from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import ForceOpt, JsonOpt, command
from peertool.vocab import ScheduleFormat

commands = make_app()


@command(commands, "schedule")
def schedule(
    ctx: typer.Context,
    start: Annotated[str | None, typer.Option(help="Program start date, YYYY-MM-DD.")] = None,
    group: Annotated[
        str | None, typer.Option("--group", "-g", help="Use this group's start, weekday, time and place.")
    ] = None,
    weekday: Annotated[
        str | None, typer.Option(help="With --start: meeting day (default: the start's weekday).")
    ] = None,
    time: Annotated[str | None, typer.Option(help="With --start: meeting time HH:MM, for the calendar.")] = None,
    on: Annotated[str | None, typer.Option(help="Only the month containing this date (YYYY-MM-DD or 'today').")] = None,
    fmt: Annotated[
        ScheduleFormat, typer.Option("--format", "-f", help="table, json, csv, markdown or ics.")
    ] = ScheduleFormat.table,
    out: Annotated[Path | None, typer.Option(help="Write to this file (mode 0600) instead of stdout.")] = None,
    force: ForceOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Example: peertool schedule --group Riverside --on today --format json"""
    from peertool.errors import InvalidInput
    from peertool.program.schedule import schedule_for
    from peertool.render import program as views

    app_ctx = ctx.obj
    if json_out:
        fmt = ScheduleFormat.json
    if out and fmt is ScheduleFormat.table:
        raise InvalidInput("--out needs --format json, csv, markdown or ics.")
    sched = schedule_for(
        app_ctx.settings, start=start, weekday=weekday, time=time, group=group, on=on, open_db=app_ctx.open
    )
    if fmt is ScheduleFormat.ics and not sched.dated:
        raise InvalidInput("--format ics needs dates: give --start or --group.")
    if fmt is ScheduleFormat.table:
        views.schedule_table(sched)
        return
    text = views.schedule_text(sched, fmt.value)
    if out:
        from peertool.files import write_private
        from peertool.render.output import message

        write_private(out, text.encode(), force=force, keep=app_ctx.database_files())
        message(f"Wrote {out}.")
    elif views.is_text_for_terminal(fmt.value):
        from peertool.render.output import write_text

        write_text(text)
    else:
        print(text, end="")
