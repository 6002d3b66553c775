"""CLI: outing log/list, budget."""

from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import (
    FutureOpt,
    GroupArg,
    JsonOpt,
    StaffOpt,
    YesOpt,
    command,
    complete_people,
    confirmer,
    group_app,
)
from peertool.render import outcomes as views
from peertool.render.output import render
from peertool.vocab import PaidBy

commands = make_app()
outing_app = group_app("outing")
commands.add_typer(outing_app, name="outing")

OutingId = Annotated[str, typer.Argument(metavar="ID", help="Outing id.")]
DiscountOpt = Annotated[
    str | None, typer.Option(metavar="AMOUNT", help="A group discount, e.g. 6: taken off the cost before it is shared.")
]
PaidByOpt = Annotated[
    PaidBy | None, typer.Option("--paid-by", help="Who paid: the activity fund (default; what budget counts).")
]


@outing_app.command("log")
def outing_log(
    ctx: typer.Context,
    group: GroupArg,
    with_: Annotated[
        list[str],
        typer.Option(
            "--with",
            help="Who went: once for solo, twice for partners, more for a group (repeat, or comma-separated).",
            autocompletion=complete_people,
        ),
    ],
    date: Annotated[str, typer.Option(help="Date of the outing, YYYY-MM-DD.")],
    activity: Annotated[str, typer.Option(help="What they did.")],
    cost: Annotated[str | None, typer.Option(help="What it cost, e.g. 12.50 (shared by those who went).")] = None,
    note: Annotated[str | None, typer.Option(help="How it went.")] = None,
    with_coach: Annotated[bool, typer.Option("--with-coach", help="The coach went too: never a solo outing.")] = False,
    discount: DiscountOpt = None,
    paid_by: PaidByOpt = None,
    future: FutureOpt = False,
    staff: StaffOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Log an outing: solo (one --with), partner (two), group (three or more), or with the coach (--with-coach).

    Example: peertool outing log Riverside --with "Ada Quill" --with 10 --date 2026-03-14 --activity "Museum" --cost 18
    """
    from peertool.outcomes.outings import log_outing

    app_ctx = ctx.obj
    outing = log_outing(
        app_ctx.open(), group, with_=with_, date=date, activity=activity, cost=cost, note=note,
        settings=app_ctx.settings, future=future, with_coach=with_coach, discount=discount, paid_by=paid_by,
        staff=staff,
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


@outing_app.command("edit")
def outing_edit(
    ctx: typer.Context,
    outing_id: OutingId,
    date: Annotated[str | None, typer.Option(help="Date of the outing, YYYY-MM-DD.")] = None,
    activity: Annotated[str | None, typer.Option(help="What they did.")] = None,
    cost: Annotated[str | None, typer.Option(help="What it cost; shared again to the cent.")] = None,
    note: Annotated[str | None, typer.Option(help="How it went.")] = None,
    with_coach: Annotated[
        bool | None, typer.Option("--with-coach/--without-coach", help="Whether the coach went too.")
    ] = None,
    discount: DiscountOpt = None,
    paid_by: PaidByOpt = None,
    future: FutureOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Correct an outing's date, activity, cost, note, coach, discount or payer.

    Example: peertool outing edit 7 --cost 18.50
    """
    from peertool.outcomes.outings import edit_outing

    app_ctx = ctx.obj
    changes = {"date": date, "activity": activity, "cost": cost, "note": note, "with_coach": with_coach,
               "discount": discount, "paid_by": paid_by}  # fmt: skip
    outing = edit_outing(app_ctx.open(), outing_id, changes, settings=app_ctx.settings, future=future)
    render(outing, json_out, lambda o: views.outings([o]), f"Updated outing {outing['id']}.")


@outing_app.command("delete")
def outing_delete(ctx: typer.Context, outing_id: OutingId, yes: YesOpt = False, json_out: JsonOpt = False) -> None:
    """Erase an outing logged in error, with its shares.

    Example: peertool outing delete 7 --yes
    """
    from peertool.outcomes.outings import delete_outing

    result = delete_outing(ctx.obj.open(), outing_id, confirm=confirmer(yes, "outing delete erases records."))
    render(result, json_out, done=f"Erased outing {result['id']}.")
