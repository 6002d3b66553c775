"""CLI: meeting record/edit/list/show/delete, each attendee's note, sign and amend."""

from pathlib import Path
from typing import Annotated, Any

import typer

from peertool.cli.base import make_app
from peertool.cli.options import (
    FutureOpt,
    GroupArg,
    JsonOpt,
    Mode,
    RefArg,
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


def _marks(**named: list[str] | None) -> Any:
    from peertool.program.attendance import Marks

    return Marks(**named)


def _details(max_bytes: int, **given: Any) -> dict[str, Any]:
    """The meeting fields the user gave, notes included (a notes file up to `max_bytes`); refuses two sources of
    notes."""
    if sum([given["notes"] is not None, given["notes_file"] is not None, given.pop("edit")]) > 1:
        raise typer.BadParameter("give only one of --notes, --notes-file and --edit.")
    notes = _notes(given.pop("notes"), given.pop("notes_file"), max_bytes)
    given["threads"] = given.pop("thread")
    return {**{key: value for key, value in given.items() if value is not None}, **notes}


@meeting_app.command("record")
def record(
    ctx: typer.Context,
    group: GroupArg,
    date: DateOpt = None,
    lesson: LessonOpt = None,
    present: PresentOpt = None,
    absent: AbsentOpt = None,
    late: LateOpt = None,
    left_early: LeftEarlyOpt = None,
    excused: ExcusedOpt = None,
    start: StartOpt = None,
    end: EndOpt = None,
    notes: NotesOpt = None,
    notes_file: NotesFileOpt = None,
    edit: EditOpt = False,
    thread: ThreadOpt = None,
    homework: HomeworkOpt = None,
    mode: ModeOpt = None,
    duration: DurationOpt = None,
    replace: Annotated[bool, typer.Option("--replace", help="Record this group and date again.")] = False,
    all_present: Annotated[bool, typer.Option("--all-present", help="Everyone on the day's roster came.")] = False,
    future: FutureOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Record a meeting: lesson, attendance, notes, threads and homework (without --date: the latest meeting day).

    Example: peertool meeting record Riverside --lesson "Calming Skills" --all-present --late 4:70 --excused 6
    """
    from peertool.program.meetings import record_meeting

    changes = _details(
        ctx.obj.settings.file_bytes,
        lesson=lesson, thread=thread, homework=homework, mode=mode, duration=duration,
        notes=notes, notes_file=notes_file, edit=edit, start=start, end=end,
    )  # fmt: skip
    marks = _marks(present=present, absent=absent, late=late, left_early=left_early, excused=excused)
    from peertool.cli.editor import edit_notes

    app_ctx = ctx.obj
    meeting = record_meeting(
        app_ctx.open(), group, settings=app_ctx.settings, date=date, marks=marks,
        replace=replace, all_present=all_present, future=future, edit_notes=edit_notes if edit else None, **changes,
    )  # fmt: skip
    render(meeting, json_out, views.meeting, f"Recorded meeting {meeting['id']} on {meeting['date']}.")


@meeting_app.command("edit")
def edit_cmd(
    ctx: typer.Context,
    meeting_id: IdArg,
    date: DateOpt = None,
    lesson: LessonOpt = None,
    present: PresentOpt = None,
    absent: AbsentOpt = None,
    late: LateOpt = None,
    left_early: LeftEarlyOpt = None,
    excused: ExcusedOpt = None,
    start: StartOpt = None,
    end: EndOpt = None,
    notes: NotesOpt = None,
    notes_file: NotesFileOpt = None,
    edit: EditOpt = False,
    thread: ThreadOpt = None,
    homework: HomeworkOpt = None,
    mode: ModeOpt = None,
    duration: DurationOpt = None,
    future: FutureOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Change an unsigned meeting; threads and attendance given replace the old.

    Example: peertool meeting edit 12 --present 1 --present 2 --homework "Call a friend"
    """
    from peertool.cli.editor import edit_notes
    from peertool.program.meetings import edit_meeting

    changes = _details(
        ctx.obj.settings.file_bytes,
        lesson=lesson, thread=thread, homework=homework, mode=mode, duration=duration,
        notes=notes, notes_file=notes_file, edit=edit, start=start, end=end,
    )  # fmt: skip
    marks = _marks(present=present, absent=absent, late=late, left_early=left_early, excused=excused)
    if not changes and not edit and not date and not marks:
        raise typer.BadParameter("nothing to change; give at least one option.")
    app_ctx = ctx.obj
    meeting = edit_meeting(
        app_ctx.open(), meeting_id, settings=app_ctx.settings, date=date, marks=marks, future=future,
        edit_notes=edit_notes if edit else None, **changes,
    )  # fmt: skip
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
    render(result, json_out, lambda r: None, f"Erased meeting {result['id']}.")


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


def _note_in_editor(current: dict[str, Any]) -> dict[str, Any]:
    from peertool.cli.editor import edit_fields

    parts = {"response": "response", "goal": "goal", "homework": "homework", "note": "text"}
    values = current["fields"]
    guide = "# Homework: done, tried or not-tried. Goal: the id of one of their goals.\n"
    written = edit_fields(current["title"], {part: values[field] for part, field in parts.items()}, guide)
    return {parts[part]: value for part, value in written.items()}


add_signing(meeting_app, kind="meeting", label="meeting", module="peertool.program.meeting_notes",
            show=views.meeting)  # fmt: skip
