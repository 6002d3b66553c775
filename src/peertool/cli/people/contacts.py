"""CLI: note add/list (individual contact notes)."""

import sys
from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import JsonOpt, Mode, RefArg, YesOpt, confirmer, group_app
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
    mode: Annotated[Mode, typer.Option(case_sensitive=False, help="How you met.")] = Mode.in_person,
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


NoteId = Annotated[str, typer.Argument(metavar="ID", help="Contact note id.")]


@note_app.command("edit")
def note_edit(
    ctx: typer.Context,
    note_id: NoteId,
    text: Annotated[str, typer.Argument(help="The corrected text; '-' reads stdin.")],
    json_out: JsonOpt = False,
) -> None:
    """Correct a contact note's text.

    Example: peertool note edit 4 "Called after the meeting; back next week"
    """
    from peertool.people.contacts import edit_note

    note = edit_note(ctx.obj.open(), note_id, sys.stdin.read() if text == "-" else text)
    render(note, json_out, views.nothing, f"Updated contact note {note['id']}.")


@note_app.command("delete")
def note_delete(ctx: typer.Context, note_id: NoteId, yes: YesOpt = False, json_out: JsonOpt = False) -> None:
    """Erase a contact note written in error.

    Example: peertool note delete 4 --yes
    """
    from peertool.people.contacts import delete_note

    result = delete_note(ctx.obj.open(), note_id, confirm=confirmer(yes, "note delete erases records."))
    render(result, json_out, views.nothing, f"Erased contact note {result['id']}.")
