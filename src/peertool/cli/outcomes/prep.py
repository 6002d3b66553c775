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
    """A drop-in group's sheet is its week: open days, planned activities, people not seen lately.

    Example: peertool prep Riverside --date 2026-03-09 --format markdown > sheet.md
    """
    from peertool.people.scope import resolve_group
    from peertool.program.visits import drop_in_program
    from peertool.render.output import sheet as sheet_out

    app_ctx = ctx.obj
    if json_out:
        fmt = SheetFormat.json
    db, settings = app_ctx.open(), app_ctx.settings
    if drop_in_program(resolve_group(db, group), settings):  # the week's open days, not a meeting's pairs and theme
        from peertool.outcomes import visit_prep
        from peertool.render import visits

        sheet_out(visit_prep.build(db, group, settings=settings, on=date), fmt.value, visits.prep_markdown,
                  visits.prep_table)  # fmt: skip
        return
    from peertool.outcomes.prep import build
    from peertool.render import outcomes as views

    sheet_out(build(db, group, settings=settings, on=date), fmt.value, views.prep_markdown, views.prep_table)
