"""CLI: event add/list."""

from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import FutureOpt, JsonOpt, RefArg, complete_people, group_app
from peertool.render import events as views
from peertool.render.output import render
from peertool.vocab import EventKind

commands = make_app()
event_app = group_app("event")
commands.add_typer(event_app, name="event")


@event_app.command("add")
def event_add(
    ctx: typer.Context,
    ref: RefArg,
    kind: Annotated[
        EventKind,
        typer.Option(case_sensitive=False, help="What happened; a return closes the latest open hospitalization."),
    ],
    to: Annotated[str | None, typer.Option(help="Where to: the service referred to, the hospital.")] = None,
    date: Annotated[str | None, typer.Option(help="When it happened (default today).")] = None,
    note: Annotated[str | None, typer.Option(help="What happened, briefly.")] = None,
    future: FutureOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Record an escalation, a referral, a hospitalization, the return from one, or an incident.

    Example: peertool event add "Ada Quill" --kind referral --to "Crisis line" --date 2026-03-02
    """
    from peertool.people.events import add_event

    found = add_event(ctx.obj.open(), ref, kind=kind, to=to, note=note, on=date, future=future)
    closes = f", closing hospitalization {found['closes']}" if found["closes"] else ""
    render(found, json_out, lambda e: views.events([e]), f"Recorded {found['kind']} {found['id']}{closes}.")


@event_app.command("list")
def event_list(
    ctx: typer.Context,
    ref: Annotated[
        str | None, typer.Argument(help="Only this participant's events.", autocompletion=complete_people)
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """List events in the order they happened; a hospitalization shows open until a return closes it.

    Example: peertool event list "Ada Quill" --json
    """
    from peertool.people.events import list_events

    render(list_events(ctx.obj.open(), ref), json_out, views.events)
