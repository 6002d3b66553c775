"""CLI: outing log/list, budget."""

from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import GroupArg, JsonOpt, command, group_app
from peertool.render import outcomes as views
from peertool.render.output import render

commands = make_app()
outing_app = group_app("outing")
commands.add_typer(outing_app, name="outing")


@outing_app.command("log")
def outing_log(
    ctx: typer.Context,
    group: GroupArg,
    with_: Annotated[list[str], typer.Option("--with", help="Who went: twice for partners, once for solo.")],
    date: Annotated[str, typer.Option(help="Date of the outing, YYYY-MM-DD.")],
    activity: Annotated[str, typer.Option(help="What they did.")],
    cost: Annotated[str | None, typer.Option(help="What it cost, e.g. 12.50 (shared by partners).")] = None,
    note: Annotated[str | None, typer.Option(help="How it went.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Log a partner outing (two --with) or a solo outing (one --with).

    Example: peertool outing log Riverside --with "Ada Quill" --with 10 --date 2026-03-14 --activity "Museum" --cost 18
    """
    from peertool.outcomes.outings import log_outing

    app_ctx = ctx.obj
    outing = log_outing(
        app_ctx.open(), group, with_=with_, date=date, activity=activity, cost=cost, note=note,
        settings=app_ctx.settings,
    )  # fmt: skip
    render(outing, json_out, lambda o: views.outings([o]), f"Logged {outing['kind']} outing {outing['id']}.")


@outing_app.command("list")
def outing_list(ctx: typer.Context, group: GroupArg, json_out: JsonOpt = False) -> None:
    """List a group's outings.

    Example: peertool outing list Riverside --json
    """
    from peertool.outcomes.outings import list_outings

    render(list_outings(ctx.obj.open(), group), json_out, views.outings)


@command(commands, "budget")
def budget(ctx: typer.Context, group: GroupArg, json_out: JsonOpt = False) -> None:
    """Example: peertool budget Riverside"""
    from peertool.outcomes.outings import budget as compute

    app_ctx = ctx.obj
    render(compute(app_ctx.open(), group, settings=app_ctx.settings), json_out, views.budget)
