"""CLI: meeting record/edit/list/show/delete, each attendee's note, sign and amend."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from peertool.cli.base import make_app
from peertool.cli.fields import takes
from peertool.cli.options import (
    FutureOpt,
    GroupArg,
    JsonOpt,
    Mode,
    RefArg,
    StaffOpt,
    YesOpt,
    complete_people,
    confirmer,
    group_app,
    read_stdin,
    stdin_or,
)
from peertool.cli.signing import add_signing
from peertool.render import notes as note_views
from peertool.render import program as views
from peertool.render.output import render
from peertool.vocab import Homework

if TYPE_CHECKING:
    from peertool.program.attendance import Marks
    from peertool.program.meeting_notes import AttendeeNoteFields
    from peertool.settings import Settings

commands = make_app()
meeting_app = group_app("meeting")
commands.add_typer(meeting_app, name="meeting")

IdArg = Annotated[str, typer.Argument(metavar="ID", help="Meeting id.")]
DateOpt = Annotated[str | None, typer.Option(help="Meeting date: YYYY-MM-DD, today, last tue, ...")]
LessonOpt = Annotated[str | None, typer.Option(help="The lesson taught (a library title or your own).")]
PresentOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--present",
        help="Who came, for the whole meeting (repeat, or REF,REF); the rest are marked absent.",
        autocompletion=complete_people,
    ),
]
AbsentOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--absent",
        help="Who did not (repeat, or REF,REF); the rest are marked present.",
        autocompletion=complete_people,
    ),
]
LateOpt = Annotated[
    list[str] | None,
    typer.Option("--late", metavar="REF:MINUTES", help="Came late: REF:MINUTES, the minutes they were there; repeat."),
]
LeftEarlyOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--left-early", metavar="REF:MINUTES", help="Left early: REF:MINUTES, the minutes they were there; repeat."
    ),
]
ExcusedOpt = Annotated[
    list[str] | None,
    typer.Option("--excused", help="Excused absence (repeat, or REF,REF).", autocompletion=complete_people),
]
StartOpt = Annotated[str | None, typer.Option(help="Start time, HH:MM (default: the group's time).", metavar="HH:MM")]
EndOpt = Annotated[str | None, typer.Option(help="End time, HH:MM (sets the duration).", metavar="HH:MM")]
NotesOpt = Annotated[str | None, typer.Option(help="Meeting notes; '-' reads them from stdin.")]
NotesFileOpt = Annotated[Path | None, typer.Option(help="Read the notes from this file.")]
EditOpt = Annotated[bool, typer.Option("--edit", help="Write the notes in $EDITOR.")]
ThreadOpt = Annotated[list[str] | None, typer.Option("--thread", help="A recurring thread that came up; repeat.")]
HomeworkOpt = Annotated[str | None, typer.Option(help="The skill to try before next meeting.")]
ModeOpt = Annotated[Mode | None, typer.Option(case_sensitive=False, help="How the group met.")]


DurationOpt = Annotated[int | None, typer.Option(help="Minutes (default from config, 90).")]


@dataclass(frozen=True)
class MeetingOptions:
    """The options `meeting record` and `meeting edit` share, declared once (their order is --help's)."""

    date: DateOpt = None
    lesson: LessonOpt = None
    present: PresentOpt = None
    absent: AbsentOpt = None
    late: LateOpt = None
    left_early: LeftEarlyOpt = None
    excused: ExcusedOpt = None
    start: StartOpt = None
    end: EndOpt = None
    notes: NotesOpt = None
    notes_file: NotesFileOpt = None
    edit: EditOpt = False
    thread: ThreadOpt = None
    homework: HomeworkOpt = None
    mode: ModeOpt = None
    duration: DurationOpt = None


if TYPE_CHECKING:
    from peertool.program.meetings import MeetingDetails

    class MeetingArguments(MeetingDetails, total=False):
        """What `record_meeting` and `edit_meeting` both take, from the options given."""

        settings: Settings
        date: str | None
        marks: Marks
        edit_notes: Callable[[dict[str, Any]], str] | None


def _notes(notes: str | None, notes_file: Path | None, max_bytes: int) -> dict[str, str]:
    """The notes from --notes (or stdin with '-') or --notes-file (refused over `max_bytes`), as a {'notes': ...}
    change (or none)."""
    if notes == "-":
        return {"notes": read_stdin()}
    if notes is not None:
        return {"notes": notes}
    if notes_file is not None:
        from peertool.files import read_text

        return {"notes": read_text(notes_file, "--notes-file", max_bytes=max_bytes)}
    return {}


def _arguments(given: MeetingOptions, settings: "Settings") -> "MeetingArguments":
    """The one implementation of what `record` and `edit` share: the options given (None means not given) as the
    library's keyword arguments, notes read (a notes file up to `file_bytes`); refuses two sources of notes."""
    if sum([given.notes is not None, given.notes_file is not None, given.edit]) > 1:
        raise typer.BadParameter("give only one of --notes, --notes-file and --edit.")
    from peertool.cli.editor import edit_notes
    from peertool.program.attendance import Marks

    details = {"lesson": given.lesson, "threads": given.thread, "homework": given.homework, "mode": given.mode,
               "duration": given.duration, "start": given.start, "end": given.end}  # fmt: skip
    chosen: MeetingArguments = {key: value for key, value in details.items() if value is not None}  # type: ignore[assignment]
    chosen.update(_notes(given.notes, given.notes_file, settings.file_bytes))  # type: ignore[typeddict-item]
    marks = Marks(present=given.present, absent=given.absent, late=given.late, left_early=given.left_early,
                  excused=given.excused)  # fmt: skip
    return {**chosen, "settings": settings, "date": given.date, "marks": marks,
            "edit_notes": edit_notes if given.edit else None}  # fmt: skip


@meeting_app.command("record")
@takes(MeetingOptions)
def record(
    ctx: typer.Context,
    group: GroupArg,
    given: MeetingOptions,
    replace: Annotated[bool, typer.Option("--replace", help="Record this group and date again.")] = False,
    all_present: Annotated[bool, typer.Option("--all-present", help="Everyone on the day's roster came.")] = False,
    future: FutureOpt = False,
    staff: StaffOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Record a meeting: lesson, attendance, notes, threads and homework (without --date: the latest meeting day).

    Example: peertool meeting record Riverside --lesson "Calming Skills" --all-present --late 4:70 --excused 6
    """
    from peertool.program.meetings import record_meeting

    arguments = _arguments(given, ctx.obj.settings)
    meeting = record_meeting(ctx.obj.open(), group, replace=replace, all_present=all_present, future=future,
                             staff=staff, **arguments)  # fmt: skip
    render(meeting, json_out, views.meeting, f"Recorded meeting {meeting['id']} on {meeting['date']}.")


@meeting_app.command("edit")
@takes(MeetingOptions)
def edit_cmd(
    ctx: typer.Context, meeting_id: IdArg, given: MeetingOptions, future: FutureOpt = False, json_out: JsonOpt = False
) -> None:
    """Change an unsigned meeting; threads and attendance given replace the old.

    Example: peertool meeting edit 12 --present 1 --present 2 --homework "Call a friend"
    """
    from peertool.program.meetings import MeetingDetails, edit_meeting

    arguments = _arguments(given, ctx.obj.settings)
    changed = MeetingDetails.__optional_keys__ & set(arguments)
    if not changed and not given.edit and not given.date and not arguments["marks"]:
        raise typer.BadParameter("nothing to change; give at least one option.")
    meeting = edit_meeting(ctx.obj.open(), meeting_id, future=future, **arguments)
    render(meeting, json_out, views.meeting, f"Updated meeting {meeting['id']}.")


@meeting_app.command("list")
def list_(ctx: typer.Context, group: GroupArg, json_out: JsonOpt = False) -> None:
    """List a group's meetings, oldest first.

    Example: peertool meeting list Riverside --json
    """
    from peertool.program.meetings import list_meetings

    render(list_meetings(ctx.obj.open(), group), json_out, views.meetings)


@meeting_app.command("show")
def show(ctx: typer.Context, meeting_id: IdArg, json_out: JsonOpt = False) -> None:
    """Show one meeting in full.

    Example: peertool meeting show 12
    """
    from peertool.program.meetings import get_meeting

    render(get_meeting(ctx.obj.open(), meeting_id, ctx.obj.settings), json_out, views.meeting)


@meeting_app.command("delete")
def delete(ctx: typer.Context, meeting_id: IdArg, yes: YesOpt = False, json_out: JsonOpt = False) -> None:
    """Erase a meeting recorded in error, with its attendance and threads.

    Example: peertool meeting delete 12 --yes
    """
    from peertool.program.meetings import delete_meeting

    result = delete_meeting(ctx.obj.open(), meeting_id, confirm=confirmer(yes, "meeting delete erases records."))
    render(result, json_out, done=f"Erased meeting {result['id']}.")


@meeting_app.command("note")
def note(
    ctx: typer.Context,
    meeting_id: IdArg,
    ref: RefArg,
    response: Annotated[str | None, typer.Option(help="How they took part, in their own words.")] = None,
    goal: Annotated[str | None, typer.Option(help="The id of their goal the meeting served.")] = None,
    homework: Annotated[Homework | None, typer.Option(case_sensitive=False, help="The last homework.")] = None,
    text: Annotated[str | None, typer.Option(help="Anything else for their record; '-' reads stdin.")] = None,
    edit: Annotated[bool, typer.Option("--edit", help="Write response, goal, homework and note in $EDITOR.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Record one attendee's own note on a meeting (the fields given change; others stay).

    Example: peertool meeting note 12 "Ada Quill" --response "Shared her bus plan" --goal 3 --homework tried
    """
    from peertool.program.meeting_notes import write_note

    given = {key: value for key, value in (("response", response), ("goal", goal), ("homework", homework),
             ("text", stdin_or(text) if text is not None else None)) if value is not None}  # fmt: skip
    result = write_note(ctx.obj.open(), meeting_id, ref, settings=ctx.obj.settings,
                        edit=_note_in_editor if edit else None, **given)  # fmt: skip
    render(
        result, json_out, note_views.attendee_note, f"Noted {result['participant']['name']} at meeting {meeting_id}."
    )


def _note_in_editor(current: dict[str, Any]) -> "AttendeeNoteFields":
    from peertool.cli.editor import edit_fields

    parts = {"response": "response", "goal": "goal", "homework": "homework", "note": "text"}
    values = current["fields"]
    guide = "# Homework: done, tried or not-tried. Goal: the id of one of their goals.\n"
    written = edit_fields(current["title"], {part: values[field] for part, field in parts.items()}, guide)
    return {parts[part]: value for part, value in written.items()}  # type: ignore[return-value]


add_signing(meeting_app, kind="meeting", label="meeting", module="peertool.program.meeting_notes",
            show=views.meeting)  # fmt: skip
