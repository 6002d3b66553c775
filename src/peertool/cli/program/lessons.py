"""CLI: lessons (the lesson library)."""

from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import JsonOpt, command

commands = make_app()


@command(commands, "lessons")
def lessons(
    ctx: typer.Context,
    theme: Annotated[str | None, typer.Option(help="Only this theme's plans.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Example: peertool lessons --theme "Coping Strategies\""""
    from peertool.program.lessons import library
    from peertool.render import program as views
    from peertool.render.output import render

    settings = ctx.obj.settings
    render(library(settings.lessons_file, theme, settings.file_bytes), json_out, views.lessons)
