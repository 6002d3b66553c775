"""CLI: peertool prep."""

from enum import Enum
from typing import Annotated, Optional

import typer

from peertool.cli.output import emit_json


class Format(str, Enum):
    table = "table"
    markdown = "markdown"
    json = "json"


def prep(
    ctx: typer.Context,
    group: Annotated[str, typer.Argument(help="Group name or id.")],
    date: Annotated[Optional[str], typer.Option(help="Prepare the first meeting on or after this date (default today).")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table, markdown or json.")] = Format.table,
) -> None:
    """The coach's sheet for the group's next meeting: theme, lessons, threads, follow-ups, pairs, sign-in.

    Example: peertool prep Riverside --date 2026-03-09 --format markdown > sheet.md
    """
    from peertool import prep as sheets
    from peertool import validate

    app_ctx = ctx.obj
    sheet = sheets.build(app_ctx.open(), group, config=app_ctx.config, on=validate.date("date", date) if date else None)
    if fmt is Format.json:
        emit_json(sheet)
    elif fmt is Format.markdown:
        print(sheets.to_markdown(sheet), end="")
    else:
        from rich.markdown import Markdown

        from peertool.cli.output import console

        console().print(Markdown(sheets.to_markdown(sheet)))


def register(app: typer.Typer) -> None:
    app.command("prep")(prep)
