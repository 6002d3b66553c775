"""CLI: connection add/list/edit/end."""

from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import FutureOpt, JsonOpt, RefArg, group_app
from peertool.render import recovery as views
from peertool.render.output import render
from peertool.vocab import Kind

commands = make_app()
connection_app = group_app("connection")
commands.add_typer(connection_app, name="connection")


@connection_app.command("add")
def connection_add(
    ctx: typer.Context,
    ref: RefArg,
    text: Annotated[str, typer.Argument(help="Who or what: a friend, a book club, a place of worship, a role.")],
    kind: Annotated[Kind, typer.Option(case_sensitive=False, help="A person, group, place or role.")],
    mainstream: Annotated[bool, typer.Option("--mainstream", help="Open to everyone (a library club).")] = False,
    program: Annotated[bool, typer.Option("--program", help="For people in services (a drop-in centre).")] = False,
    date: Annotated[str | None, typer.Option(help="When it began (default today).")] = None,
    future: FutureOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Record a tie a participant has built outside the group: a natural support or community connection.

    Example: peertool connection add "Ada Quill" "Garden club at the library" --kind group --mainstream
    """
    from peertool.people.connections import add_connection

    setting = _setting(mainstream, program)
    found = add_connection(ctx.obj.open(), ref, text, kind=kind, setting=setting, on=date, future=future)
    render(found, json_out, lambda c: views.connections([c]), f"Added connection {found['id']}.")


def _setting(mainstream: bool, program: bool) -> str | None:
    """The setting the options give (None: neither); both is refused."""
    from peertool.errors import InvalidInput

    if mainstream and program:
        raise InvalidInput("give --mainstream or --program, not both.")
    return "mainstream" if mainstream else "program" if program else None


@connection_app.command("edit")
def connection_edit(
    ctx: typer.Context,
    connection_id: Annotated[str, typer.Argument(metavar="ID", help="Connection id.")],
    mainstream: Annotated[bool, typer.Option("--mainstream", help="Open to everyone (a library club).")] = False,
    program: Annotated[bool, typer.Option("--program", help="For people in services (a drop-in centre).")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Classify a connection as mainstream or program, so the report's mainstream share counts it.

    Example: peertool connection edit 3 --mainstream
    """
    from peertool.people.connections import classify

    setting = _setting(mainstream, program)
    if setting is None:
        raise typer.BadParameter("nothing to change; give --mainstream or --program.")
    found = classify(ctx.obj.open(), connection_id, setting)
    render(found, json_out, lambda c: views.connections([c]), f"Connection {found['id']} is {setting}.")


@connection_app.command("list")
def connection_list(
    ctx: typer.Context,
    ref: Annotated[str | None, typer.Argument(help="Only this participant's connections.")] = None,
    active: Annotated[bool, typer.Option("--active", help="Only those that have not ended.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """List connections, oldest first, with when each began and ended.

    Example: peertool connection list "Ada Quill" --json
    """
    from peertool.people.connections import list_connections

    render(list_connections(ctx.obj.open(), ref, active=active), json_out, views.connections)


@connection_app.command("end")
def connection_end(
    ctx: typer.Context,
    connection_id: Annotated[str, typer.Argument(metavar="ID", help="Connection id.")],
    date: Annotated[str | None, typer.Option(help="When it ended (default today).")] = None,
    future: FutureOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Mark a connection as ended; it stays in the history.

    Example: peertool connection end 3 --date 2026-06-30
    """
    from peertool.people.connections import end_connection

    found = end_connection(ctx.obj.open(), connection_id, on=date, future=future)
    render(found, json_out, lambda c: views.connections([c]), f"Connection {found['id']} ended on {found['ended_on']}.")
