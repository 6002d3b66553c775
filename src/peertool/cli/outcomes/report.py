"""CLI: report (person-centered outcomes)."""

from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import GroupArg, JsonOpt, SheetFormat, command

commands = make_app()


@command(commands, "report")
def report(
    ctx: typer.Context,
    group: GroupArg,
    start: Annotated[str | None, typer.Option("--from", help="From this date (default: program start).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="To this date (default: today, or the program end).")] = None,
    fmt: Annotated[SheetFormat, typer.Option("--format", "-f", help="table, markdown or json.")] = SheetFormat.table,
    json_out: JsonOpt = False,
) -> None:
    """Example: peertool report Riverside --from 2026-01-06 --to 2026-06-30 --format markdown"""
    from peertool.outcomes.report import build
    from peertool.render import outcomes as views
    from peertool.render.output import sheet as sheet_out

    app_ctx = ctx.obj
    result = build(app_ctx.open(), group, settings=app_ctx.settings, start=start, end=end)
    if json_out:
        fmt = SheetFormat.json
    sheet_out(result, fmt.value, views.report_markdown, views.report_table)
