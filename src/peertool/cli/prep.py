"""CLI: peertool prep."""

from typing import Annotated, Optional

import typer

from peertool.cli.app import make_app

from peertool.cli.options import GroupArg
from peertool.cli.output import SheetFormat, emit_json


def prep(
    ctx: typer.Context,
    group: GroupArg,
    date: Annotated[Optional[str], typer.Option(help="Prepare the first meeting on or after this date (default today).")] = None,
    fmt: Annotated[SheetFormat, typer.Option("--format", "-f", help="table, markdown or json.")] = SheetFormat.table,
) -> None:
    """The coach's sheet for the group's next meeting: theme, lessons, threads, follow-ups, pairs, sign-in.

    Example: peertool prep Riverside --date 2026-03-09 --format markdown > sheet.md
    """
    from peertool import prep as sheets
    from peertool import validate

    app_ctx = ctx.obj
    sheet = sheets.build(app_ctx.open(), group, config=app_ctx.config, on=validate.date("date", date) if date else None)
    if fmt is SheetFormat.json:
        emit_json(sheet)
    elif fmt is SheetFormat.markdown:
        print(sheets.to_markdown(sheet), end="")
    else:
        from rich.markdown import Markdown

        from peertool.cli.output import console

        console().print(Markdown(sheets.to_markdown(sheet)))


def register(app: typer.Typer) -> None:
    app.command("prep")(prep)


commands = make_app()
register(commands)
