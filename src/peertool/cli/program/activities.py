"""CLI: activity log/list/show/delete."""

from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import FutureOpt, GroupArg, JsonOpt, YesOpt, complete_people, confirmer, group_app
from peertool.render import activities as views
from peertool.render.output import render
from peertool.vocab import ActivityKind, PaidBy

commands = make_app()
activity_app = group_app("activity")
commands.add_typer(activity_app, name="activity")
ActivityId = Annotated[str, typer.Argument(metavar="ID", help="Activity id.")]


@activity_app.command("log")
def activity_log(
    ctx: typer.Context,
    group: GroupArg,
    kind: Annotated[ActivityKind, typer.Option(case_sensitive=False, help="What kind of activity it was.")],
    date: Annotated[str, typer.Option(help="When it was held, YYYY-MM-DD.")],
    title: Annotated[str, typer.Option(help="What it was, briefly.")],
    with_: Annotated[
        list[str] | None,
        typer.Option(
            "--with",
            help="Who came: any active participant; repeat, or separate with commas.",
            autocompletion=complete_people,
        ),
    ] = None,  # fmt: skip
    staff: Annotated[
        str | None,
        typer.Option(
            metavar="NAME", help="Which staff went (their name; once staff are defined, a staff member, default: you)."
        ),
    ] = None,  # fmt: skip
    place: Annotated[str | None, typer.Option(help="Where: on site, or the place in the city.")] = None,
    mainstream: Annotated[bool, typer.Option("--mainstream", help="Held in a mainstream community setting.")] = False,
    cost: Annotated[str | None, typer.Option(help="What it cost, e.g. 12.50.")] = None,
    paid_by: Annotated[
        PaidBy | None, typer.Option(case_sensitive=False, help="Who paid (default fund when there is a cost).")
    ] = None,
    note: Annotated[str | None, typer.Option(help="How it went.")] = None,
    future: FutureOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Log an activity of the group, on site or out in the city, with who came and which staff went.

    Example: peertool activity log Drop-in --kind spiritual --date 2026-03-14 --title Service --with 3 --mainstream
    """
    from peertool.program.activities import log_activity

    logged = log_activity(
        ctx.obj.open(), group, kind=kind, date=date, title=title, with_=with_, staff=staff, place=place,
        mainstream=mainstream, cost=cost, paid_by=paid_by, note=note, future=future, settings=ctx.obj.settings,
    )  # fmt: skip
    render(logged, json_out, lambda a: views.activities([a]), f"Logged {logged['kind']} activity {logged['id']}.")


@activity_app.command("list")
def activity_list(
    ctx: typer.Context,
    group: GroupArg,
    start: Annotated[str | None, typer.Option("--from", help="First date (default: the first activity).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date (default: the last activity).")] = None,
    json_out: JsonOpt = False,
) -> None:
    """List a group's activities, oldest first.

    Example: peertool activity list Independence --from 2026-03-01 --to 2026-03-31 --json
    """
    from peertool.program.activities import list_activities

    render(list_activities(ctx.obj.open(), group, start=start, end=end), json_out, views.activities)


@activity_app.command("show")
def activity_show(ctx: typer.Context, activity_id: ActivityId, json_out: JsonOpt = False) -> None:
    """Show one activity and who came.

    Example: peertool activity show 4
    """
    from peertool.program.activities import get_activity

    render(get_activity(ctx.obj.open(), activity_id), json_out, lambda a: views.activities([a]))


@activity_app.command("delete")
def activity_delete(
    ctx: typer.Context, activity_id: ActivityId, yes: YesOpt = False, json_out: JsonOpt = False
) -> None:
    """Erase an activity logged in error, with the record of who came.

    Example: peertool activity delete 4 --yes
    """
    from peertool.program.activities import delete_activity

    result = delete_activity(ctx.obj.open(), activity_id, confirm=confirmer(yes, "activity delete erases records."))
    render(result, json_out, done=f"Erased activity {result['id']}.")
