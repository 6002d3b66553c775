"""CLI: prep (the coach's sheet for the next meeting)."""

from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import GroupArg, JsonOpt, SheetFormat, command

commands = make_app()


@command(commands, "prep")
def prep(
    ctx: typer.Context,
    group: GroupArg,
    date: Annotated[
        str | None, typer.Option(help="Prepare the first meeting on or after this date (default today).")
    ] = None,
    fmt: Annotated[SheetFormat, typer.Option("--format", "-f", help="table, markdown or json.")] = SheetFormat.table,
    json_out: JsonOpt = False,
) -> None:
    """Example: peertool prep Riverside --date 2026-03-09 --format markdown > sheet.md"""
    from peertool.outcomes.prep import build
    from peertool.render import outcomes as views
    from peertool.render.output import sheet as sheet_out

    app_ctx = ctx.obj
    sheet = build(app_ctx.open(), group, settings=app_ctx.settings, on=date)
    if json_out:
        fmt = SheetFormat.json
    sheet_out(sheet, fmt.value, views.prep_markdown, views.prep_table)
