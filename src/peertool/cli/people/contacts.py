"""CLI: note add/list (individual contact notes)."""

import sys
from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import JsonOpt, RefArg, group_app
from peertool.render import people as views
from peertool.render.output import render

commands = make_app()
note_app = group_app("note")
commands.add_typer(note_app, name="note")


@note_app.command("add")
def note_add(
    ctx: typer.Context,
    ref: RefArg,
    text: Annotated[str, typer.Argument(help="What happened; '-' reads stdin.")],
    date: Annotated[str | None, typer.Option(help="Contact date, YYYY-MM-DD (default today).")] = None,
    mode: Annotated[str, typer.Option(help="in-person, phone or video.")] = "in-person",
    json_out: JsonOpt = False,
) -> None:
    """Document a contact with one participant.

    Example: peertool note add "Ada Quill" "Called to check in after two missed meetings" --mode phone
    """
    from peertool.people.contacts import add_note

    note = add_note(ctx.obj.open(), ref, sys.stdin.read() if text == "-" else text, date=date, mode=mode)
    done = f"Noted contact {note['id']} with {note['participant']['name']} on {note['date']} ({note['mode']})."
    render(note, json_out, views.nothing, done)


@note_app.command("list")
def note_list(ctx: typer.Context, ref: RefArg, json_out: JsonOpt = False) -> None:
    """List a participant's contact notes.

    Example: peertool note list "Ada Quill" --json
    """
    from peertool.people.contacts import list_notes

    render(list_notes(ctx.obj.open(), ref), json_out, views.notes)
