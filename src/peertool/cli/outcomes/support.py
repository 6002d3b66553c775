"""CLI: support add/list/delete: fund support that is not an outing."""

from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import JsonOpt, RefArg, YesOpt, complete_groups, complete_people, confirmer, group_app
from peertool.render import outcomes as views
from peertool.render.output import render

commands = make_app()
support_app = group_app("support")
commands.add_typer(support_app, name="support")

GroupOpt = Annotated[str | None, typer.Option("--group", help="Group name or id.", autocompletion=complete_groups)]


@support_app.command("add")
def support_add(
    ctx: typer.Context,
    ref: RefArg,
    amount: Annotated[str, typer.Argument(metavar="AMOUNT", help="What the fund paid, e.g. 42.50.")],
    purpose: Annotated[str, typer.Option("--for", help="What it paid for, e.g. a bus pass.")],
    date: Annotated[str | None, typer.Option(help="When, YYYY-MM-DD (default today).")] = None,
    note: Annotated[str | None, typer.Option(help="Anything to add.")] = None,
    group: Annotated[
        str | None,
        typer.Option(
            help="The group whose budget it counts in (default: the person's group that day).",
            autocompletion=complete_groups,
        ),
    ] = None,  # fmt: skip
    json_out: JsonOpt = False,
) -> None:
    """Record what the fund paid for one person outside an outing: counted in `budget`.

    Example: peertool support add "Ada Quill" 42.50 --for "bus pass" --date 2026-03-02
    """
    from peertool.outcomes.support import add_support

    record = add_support(ctx.obj.open(), ref, amount, purpose=purpose, date=date, note=note, group=group)
    render(record, json_out, lambda r: views.support([r]), f"Recorded support {record['id']}.")


@support_app.command("list")
def support_list(
    ctx: typer.Context,
    ref: Annotated[
        str | None, typer.Argument(help="Participant id or name (default: everyone).", autocompletion=complete_people)
    ] = None,
    group: GroupOpt = None,
    start: Annotated[str | None, typer.Option("--from", help="Only support from this date.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Only support up to this date.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """List support given: to one person, or within a group.

    Example: peertool support list --group Riverside --from 2026-03-01 --json
    """
    from peertool.outcomes.support import list_support

    render(list_support(ctx.obj.open(), ref, group=group, start=start, end=end), json_out, views.support)


@support_app.command("delete")
def support_delete(
    ctx: typer.Context,
    support_id: Annotated[str, typer.Argument(metavar="ID", help="Support id.")],
    yes: YesOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Erase support recorded in error.

    Example: peertool support delete 3 --yes
    """
    from peertool.outcomes.support import delete_support

    result = delete_support(ctx.obj.open(), support_id, confirm=confirmer(yes, "support delete erases records."))
    render(result, json_out, done=f"Erased support {result['id']}.")
