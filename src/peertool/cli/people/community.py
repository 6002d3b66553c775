"""CLI: contact add/list (community education, with no enrolled person)."""

from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import FutureOpt, JsonOpt, Mode, StaffOpt, group_app
from peertool.render import notes as views
from peertool.render.output import render
from peertool.vocab import Audience

commands = make_app()
contact_app = group_app("contact")
commands.add_typer(contact_app, name="contact")


@contact_app.command("add")
def contact_add(
    ctx: typer.Context,
    minutes: Annotated[int, typer.Option(help="Minutes spent.")],
    community: Annotated[
        bool, typer.Option("--community", help="Community education: with providers or natural supports.")
    ] = False,
    mode: Annotated[Mode | None, typer.Option(case_sensitive=False, help="How you met (default in-person).")] = None,
    date: Annotated[
        str | None, typer.Option(help="Contact date: YYYY-MM-DD, today, last tue, ... (default today).")
    ] = None,  # fmt: skip
    audience: Annotated[
        Audience, typer.Option(case_sensitive=False, help="Whom with: community providers or natural supports.")
    ] = Audience.providers,
    text: Annotated[str | None, typer.Option(help="What was done, in words.")] = None,
    location: Annotated[str | None, typer.Option(help="Where: the clinic, a church hall, ...")] = None,
    group: Annotated[str | None, typer.Option(help="The group it was for: its report counts it.")] = None,
    future: FutureOpt = False,
    staff: StaffOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Record community education with no enrolled person: counted in the group's report, never billed.

    Example: peertool contact add --community --minutes 45 --audience natural-supports --group Riverside
    --text "Family night: what peer support is"
    """
    from peertool.people.community import add_community

    if not community:
        raise typer.BadParameter("a contact with a participant is a note: peertool note add REF ...; "
                                 "give --community for community education.", param_hint="'--community'")  # fmt: skip
    made = add_community(ctx.obj.open(), minutes=minutes, settings=ctx.obj.settings, audience=audience, mode=mode,
                         date=date, text=text, location=location, group=group, future=future, staff=staff)  # fmt: skip
    done = f"Recorded community education contact {made['id']} on {made['date']} ({made['minutes']} min, not billed)."
    render(made, json_out, lambda c: views.community_contacts([c]), done)


@contact_app.command("list")
def contact_list(
    ctx: typer.Context,
    start: Annotated[str | None, typer.Option("--from", help="Only contacts on or after this date.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Only contacts on or before this date.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """List community education contacts, oldest first, with the units they would make (never billed).

    Example: peertool contact list --from 2026-01-01 --json
    """
    from peertool.people.community import list_community

    render(list_community(ctx.obj.open(), ctx.obj.settings, start=start, end=end), json_out, views.community_contacts)
