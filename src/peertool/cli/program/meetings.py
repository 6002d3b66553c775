"""CLI: meeting record/edit/list/show."""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from peertool.cli.base import make_app
from peertool.cli.options import GroupArg, JsonOpt, Mode, YesOpt, complete_people, confirmer, group_app
from peertool.render import program as views
from peertool.render.output import render

commands = make_app()
meeting_app = group_app("meeting")
commands.add_typer(meeting_app, name="meeting")

IdArg = Annotated[str, typer.Argument(metavar="ID", help="Meeting id.")]
DateOpt = Annotated[str | None, typer.Option(help="Meeting date: YYYY-MM-DD, today, last tue, ...")]
LessonOpt = Annotated[str | None, typer.Option(help="The lesson taught (a library title or your own).")]
PresentOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--present", help="Who came (repeat, or REF,REF); the rest are marked absent.", autocompletion=complete_people
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
NotesOpt = Annotated[str | None, typer.Option(help="Meeting notes; '-' reads them from stdin.")]
NotesFileOpt = Annotated[Path | None, typer.Option(help="Read the notes from this file.")]
EditOpt = Annotated[bool, typer.Option("--edit", help="Write the notes in $EDITOR.")]
ThreadOpt = Annotated[list[str] | None, typer.Option("--thread", help="A recurring thread that came up; repeat.")]
HomeworkOpt = Annotated[str | None, typer.Option(help="The skill to try before next meeting.")]
ModeOpt = Annotated[Mode | None, typer.Option(case_sensitive=False, help="How the group met.")]
DurationOpt = Annotated[int | None, typer.Option(help="Minutes (default from config, 90).")]


def _notes(notes: str | None, notes_file: Path | None) -> dict[str, str]:
    """The notes from --notes (or stdin with '-') or --notes-file, as a {'notes': ...} change (or none)."""
    if notes == "-":
        return {"notes": sys.stdin.read()}
    if notes is not None:
        return {"notes": notes}
    if notes_file is not None:
        from peertool.files import read_text

        return {"notes": read_text(notes_file, "--notes-file")}
    return {}


def _details(**given: Any) -> dict[str, Any]:
    """The meeting fields the user gave, notes included; refuses two sources of notes."""
    if sum([given["notes"] is not None, given["notes_file"] is not None, given.pop("edit")]) > 1:
        raise typer.BadParameter("give only one of --notes, --notes-file and --edit.")
    notes = _notes(given.pop("notes"), given.pop("notes_file"))
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
    notes: NotesOpt = None,
    notes_file: NotesFileOpt = None,
    edit: EditOpt = False,
    thread: ThreadOpt = None,
    homework: HomeworkOpt = None,
    mode: ModeOpt = None,
    duration: DurationOpt = None,
    replace: Annotated[bool, typer.Option("--replace", help="Record this group and date again.")] = False,
    all_present: Annotated[bool, typer.Option("--all-present", help="Everyone on the day's roster came.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Record a meeting: lesson, attendance, notes, threads and homework (without --date: the latest meeting day).

    Example: peertool meeting record Riverside --lesson "Calming Skills" --absent 4 --thread anxiety
    """
    from peertool.program.meetings import record_meeting

    changes = _details(
        lesson=lesson, thread=thread, homework=homework, mode=mode, duration=duration,
        notes=notes, notes_file=notes_file, edit=edit,
    )  # fmt: skip
    from peertool.cli.editor import edit_notes

    app_ctx = ctx.obj
    meeting = record_meeting(
        app_ctx.open(), group, settings=app_ctx.settings, date=date, present=present, absent=absent,
        replace=replace, all_present=all_present, edit_notes=edit_notes if edit else None, **changes,
    )  # fmt: skip
    if not json_out and not meeting["present"] and not meeting["absent"]:
        meeting["warnings"].append("attendance was not recorded: add it with `peertool meeting edit ID --present ...`.")
    render(meeting, json_out, views.meeting, f"Recorded meeting {meeting['id']} on {meeting['date']}.")


@meeting_app.command("edit")
def edit_cmd(
    ctx: typer.Context,
    meeting_id: IdArg,
    date: DateOpt = None,
    lesson: LessonOpt = None,
    present: PresentOpt = None,
    absent: AbsentOpt = None,
    notes: NotesOpt = None,
    notes_file: NotesFileOpt = None,
    edit: EditOpt = False,
    thread: ThreadOpt = None,
    homework: HomeworkOpt = None,
    mode: ModeOpt = None,
    duration: DurationOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Change a recorded meeting; threads and attendance given replace the old.

    Example: peertool meeting edit 12 --present 1 --present 2 --homework "Call a friend"
    """
    from peertool.cli.editor import edit_notes
    from peertool.program.meetings import edit_meeting

    changes = _details(
        lesson=lesson, thread=thread, homework=homework, mode=mode, duration=duration,
        notes=notes, notes_file=notes_file, edit=edit,
    )  # fmt: skip
    if not changes and not edit and not date and not present and not absent:
        raise typer.BadParameter("nothing to change; give at least one option.")
    app_ctx = ctx.obj
    meeting = edit_meeting(
        app_ctx.open(), meeting_id, settings=app_ctx.settings, date=date, present=present, absent=absent,
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

    render(get_meeting(ctx.obj.open(), meeting_id), json_out, views.meeting)


@meeting_app.command("delete")
def delete(ctx: typer.Context, meeting_id: IdArg, yes: YesOpt = False, json_out: JsonOpt = False) -> None:
    """Erase a meeting recorded in error, with its attendance and threads.

    Example: peertool meeting delete 12 --yes
    """
    from peertool.program.meetings import delete_meeting

    result = delete_meeting(ctx.obj.open(), meeting_id, confirm=confirmer(yes, "meeting delete erases records."))
    render(result, json_out, lambda r: None, f"Erased meeting {result['id']}.")
