"""CLI: note add/list/show/edit/delete/sign/amend/lint (documented contacts)."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer

from peertool.cli.base import make_app
from peertool.cli.fields import takes, values_given
from peertool.cli.options import (
    FutureOpt,
    JsonOpt,
    Mode,
    RefArg,
    StaffOpt,
    YesOpt,
    confirmer,
    group_app,
    stdin_or,
)
from peertool.cli.signing import add_signing
from peertool.render import notes as views
from peertool.render.output import render

if TYPE_CHECKING:
    from collections.abc import Mapping

    from peertool.people.contacts import ContactFields

commands = make_app()
note_app = group_app("note")
commands.add_typer(note_app, name="note")

NoteId = Annotated[str, typer.Argument(metavar="ID", help="Contact note id.")]
TextArg = Annotated[str | None, typer.Argument(help="What happened; '-' reads stdin.")]
DateOpt = Annotated[str | None, typer.Option(help="Contact date: YYYY-MM-DD, today, last tue, ... (default today).")]
StartOpt = Annotated[str | None, typer.Option(help="Start time, HH:MM.")]
EndOpt = Annotated[str | None, typer.Option(help="End time, HH:MM.")]
MinutesOpt = Annotated[int | None, typer.Option(help="Minutes, when the times were not kept.")]
ModeOpt = Annotated[Mode | None, typer.Option(case_sensitive=False, help="How you met (default in-person).")]
LocationOpt = Annotated[str | None, typer.Option(help="Where: office, their home, the library, ...")]
GoalOpt = Annotated[str | None, typer.Option(help="The id of the person's goal this contact addressed.")]
InterventionOpt = Annotated[
    list[str] | None,
    typer.Option(metavar="CODE", help="The intervention, as a code of the definition (interventions setting): "
                 "self-help, pre-crisis, ...; repeat or CODE,CODE. On an edit, replaces the note's codes."),
]  # fmt: skip
DetailsOpt = Annotated[str | None, typer.Option(help="What you did, in words: the support or skill offered.")]
ResponseOpt = Annotated[str | None, typer.Option(help="Their response, in their own words.")]
PlanOpt = Annotated[str | None, typer.Option(help="The plan or next step.")]
EditOpt = Annotated[bool, typer.Option("--edit", help="Write goal, details, response, plan and note in $EDITOR.")]
# Editor headings -> the note's fields.
PARTS = {"goal": "goal", "details": "details", "response": "response", "plan": "plan", "note": "text"}


@dataclass(frozen=True)
class NoteOptions:
    """The argument and options `note add` and `note edit` share, declared once (their order is --help's)."""

    text: TextArg = None
    date: DateOpt = None
    start: StartOpt = None
    end: EndOpt = None
    minutes: MinutesOpt = None
    mode: ModeOpt = None
    location: LocationOpt = None
    goal: GoalOpt = None
    intervention: InterventionOpt = None
    details: DetailsOpt = None
    response: ResponseOpt = None
    plan: PlanOpt = None
    edit: EditOpt = False


def _given(options: NoteOptions) -> "ContactFields":
    """The one reading `add` and `edit` share: the fields the user gave (None means not given), with TEXT read
    from stdin for '-'."""
    written = values_given(options)
    if options.intervention:  # the codes, as the library names them (Typer gives an empty list when none)
        written["interventions"] = written.pop("intervention")
    written.pop("intervention", None)
    if options.text is not None:
        written["text"] = stdin_or(options.text)
    return written  # type: ignore[return-value]


def _in_editor(title: str, current: "Mapping[str, Any]") -> "ContactFields":
    """The note's written parts from the editor, starting from `current` (keyed by field)."""
    from peertool.cli.editor import edit_fields

    written = edit_fields(title, {part: current.get(field) for part, field in PARTS.items()})
    return {PARTS[part]: value for part, value in written.items()}  # type: ignore[return-value]


@note_app.command("add")
@takes(NoteOptions)
def note_add(ctx: typer.Context, ref: RefArg, given: NoteOptions, future: FutureOpt = False, staff: StaffOpt = None,
             json_out: JsonOpt = False) -> None:  # fmt: skip
    """Document a contact with one participant: times, how and where, goal, interventions, response and plan.

    Example: peertool note add "Ada Quill" "Check-in call" --mode phone --start 10:00 --end 10:20 --goal 3
    --intervention self-help --details "Practised the bus route" --response "I can do it on my own now"
    --plan "Ride together Friday"
    """
    from peertool.people.contacts import add_note

    written = _given(given)
    if given.edit:
        written.update(_in_editor(f"Contact note: participant {ref}", written))
    note = add_note(ctx.obj.open(), ref, settings=ctx.obj.settings, future=future, staff=staff, **written)
    done = f"Noted contact {note['id']} with {note['participant']['name']} on {note['date']} ({note['mode']})."
    render(note, json_out, views.contact, done)


@note_app.command("list")
def note_list(ctx: typer.Context, ref: RefArg, json_out: JsonOpt = False) -> None:
    """List a participant's contact notes, with their units and whether each is signed.

    Example: peertool note list "Ada Quill" --json
    """
    from peertool.people.contacts import list_notes

    render(list_notes(ctx.obj.open(), ref, ctx.obj.settings), json_out, views.contacts)


@note_app.command("show")
def note_show(ctx: typer.Context, note_id: NoteId, json_out: JsonOpt = False) -> None:
    """Show one contact note in full, with its signatures and addenda.

    Example: peertool note show 4
    """
    from peertool.people.contacts import get_note

    render(get_note(ctx.obj.open(), note_id, ctx.obj.settings), json_out, views.contact)


@note_app.command("edit")
@takes(NoteOptions)
def note_edit(
    ctx: typer.Context, note_id: NoteId, given: NoteOptions, future: FutureOpt = False, json_out: JsonOpt = False
) -> None:
    """Correct an unsigned contact note: what is given changes (a signed note takes `note amend`).

    Example: peertool note edit 4 --response "Said the bus felt easier" --end 10:25
    """
    from peertool.people.contacts import edit_note

    written = _given(given)

    def in_editor(row: dict[str, Any]) -> "ContactFields":
        current = {**row, "details": row["intervention"]}  # the column that keeps the details
        return {**written, **_in_editor(f"Contact note {row['id']} ({row['noted_on']})", current)}

    note = edit_note(ctx.obj.open(), note_id, settings=ctx.obj.settings, edit=in_editor if given.edit else None,
                     future=future, **written)  # fmt: skip
    render(note, json_out, views.contact, f"Updated contact note {note['id']}.")


@note_app.command("delete")
def note_delete(ctx: typer.Context, note_id: NoteId, yes: YesOpt = False, json_out: JsonOpt = False) -> None:
    """Erase an unsigned contact note written in error.

    Example: peertool note delete 4 --yes
    """
    from peertool.people.contacts import delete_note

    result = delete_note(ctx.obj.open(), note_id, confirm=confirmer(yes, "note delete erases records."))
    render(result, json_out, done=f"Erased contact note {result['id']}.")


add_signing(note_app, kind="note", label="contact note", module="peertool.people.contacts", show=views.contact)


@note_app.command("lint")
def note_lint(
    ctx: typer.Context,
    group: Annotated[str | None, typer.Option(help="Only this group's meetings and members.")] = None,
    since: Annotated[str | None, typer.Option(help="Only records on or after this date.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """List what keeps the notes from a chart review; exits 1 when it lists anything, 0 when all is in order.

    Checks: contacts missing a response, plan, goal or times; attendees present with no note of their own;
    records unsigned after notes.sign_within_days; units over billing.daily_cap_units in a day.

    Example: peertool note lint --since "last mon" --json
    """
    from peertool.errors import EXIT_INVALID
    from peertool.outcomes.lint import lint

    found = lint(ctx.obj.open(), settings=ctx.obj.settings, group=group, since=since)
    render(found, json_out, views.lint)
    if found["problems"]:
        raise typer.Exit(EXIT_INVALID)
