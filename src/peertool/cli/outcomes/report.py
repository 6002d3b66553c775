"""CLI: report (person-centered outcomes)."""

from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import JsonOpt, SheetFormat, command, complete_groups

commands = make_app()


@command(commands, "report")
def report(
    ctx: typer.Context,
    group: Annotated[
        str | None, typer.Argument(help="Group name or id (leave out with --all).", autocompletion=complete_groups)
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Every group in the database, and the total.")] = False,
    staff: Annotated[str | None, typer.Option("--staff", help="The groups of this staff member's caseload.")] = None,
    start: Annotated[str | None, typer.Option("--from", help="From this date (default: program start).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="To this date (default: today, or the program end).")] = None,
    fmt: Annotated[SheetFormat, typer.Option("--format", "-f", help="table, markdown or json.")] = SheetFormat.table,
    json_out: JsonOpt = False,
) -> None:
    """A drop-in group's report counts visits: per person, per day of the week, unique visitors per month.

    `--all` is the director's view: every group's attendance, retention, goals, outcome change and units over
    one period (default: from the first group's start to today), and the total. `--staff NAME`: the same for the
    groups of that staff member's caseload.

    Example: peertool report Riverside --from 2026-01-06 --to 2026-06-30 --format markdown
    """
    from peertool.people.scope import resolve_group
    from peertool.program.visits import drop_in_program
    from peertool.render.output import sheet as sheet_out

    app_ctx = ctx.obj
    if json_out:
        fmt = SheetFormat.json
    if [group is not None, every, staff is not None].count(True) != 1:  # a usage error (2), as a missing argument
        raise typer.BadParameter("give a GROUP, --all for every group or --staff NAME for a caseload's, one of them.",
                                 param_hint="'GROUP'")  # fmt: skip
    db, settings = app_ctx.open(), app_ctx.settings
    if group is None:
        from peertool.outcomes import director
        from peertool.render import director as director_views

        group_ids = None
        if staff is not None:
            from peertool.people.staff import caseload, get_staff

            member = get_staff(db, staff)
            group_ids = None if member["role"] == "director" else caseload(db, member["id"])["groups"]
        sheet_out(director.build(db, settings=settings, start=start, end=end, group_ids=group_ids), fmt.value,
                  director_views.report_markdown, director_views.report_table)  # fmt: skip
        return
    if drop_in_program(resolve_group(db, group), settings):  # visits, not a roster's attendance
        from peertool.outcomes import visits
        from peertool.render import visits as visit_views

        found = visits.build(db, group, settings=settings, start=start, end=end)
        sheet_out(found, fmt.value, visit_views.report_markdown, visit_views.report_table)
        return
    from peertool.outcomes.report import build
    from peertool.render import outcomes as views

    result = build(db, group, settings=settings, start=start, end=end)
    sheet_out(result, fmt.value, views.report_markdown, views.report_table)
