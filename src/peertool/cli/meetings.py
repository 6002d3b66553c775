"""CLI: meeting record/list/show/edit, note add/list, lessons, threads."""

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from peertool.cli.app import make_app
from peertool.cli.output import emit_json, fields, message, render, table
from peertool.cli.options import GroupArg, JsonOpt

meeting_app = make_app(help="Record weekly meetings and find them again.")
note_app = make_app(help="Individual contact notes.")
DateOpt = Annotated[Optional[str], typer.Option(help="Meeting date, YYYY-MM-DD (default today).")]
LessonOpt = Annotated[Optional[str], typer.Option(help="The lesson taught (a library title or your own).")]
PresentOpt = Annotated[Optional[list[str]], typer.Option("--present", help="Who came; the rest are marked absent.")]
AbsentOpt = Annotated[Optional[list[str]], typer.Option("--absent", help="Who did not; the rest are marked present.")]
NotesOpt = Annotated[Optional[str], typer.Option(help="Meeting notes; '-' reads them from stdin.")]
NotesFileOpt = Annotated[Optional[Path], typer.Option(help="Read the notes from this file.")]
EditOpt = Annotated[bool, typer.Option("--edit", help="Write the notes in $EDITOR.")]
ThreadOpt = Annotated[Optional[list[str]], typer.Option("--thread", help="A recurring thread that came up; repeat.")]
HomeworkOpt = Annotated[Optional[str], typer.Option(help="The skill to try before next meeting.")]
ModeOpt = Annotated[Optional[str], typer.Option(help="in-person, phone or video.")]
DurationOpt = Annotated[Optional[int], typer.Option(help="Minutes (default from config, 90).")]


def _notes(notes: str | None, notes_file: Path | None, edit: bool, current: str | None = None) -> dict:
    """The notes from exactly one source, as a {'notes': ...} change (or none)."""
    if sum([notes is not None, notes_file is not None, edit]) > 1:
        raise typer.BadParameter("give only one of --notes, --notes-file and --edit.")
    if notes == "-":
        return {"notes": sys.stdin.read()}
    if notes is not None:
        return {"notes": notes}
    if notes_file is not None:
        from peertool.files import read_text

        return {"notes": read_text(notes_file, "--notes-file")}
    if edit:
        from peertool.cli.editor import edit_text

        return {"notes": edit_text(current or "")}
    return {}


def _details(lesson, thread, homework, mode, duration) -> dict:
    given = {"lesson": lesson, "threads": thread, "homework": homework, "mode": mode, "duration": duration}
    return {key: value for key, value in given.items() if value is not None}


def show_meeting(meeting: dict) -> None:
    fields(f"Meeting {meeting['id']}: {meeting['group']}, {meeting['date']}", [
        ("month", f"{meeting['month']}: {meeting['theme']}"),
        ("lesson", meeting["lesson"]),
        ("mode", f"{meeting['mode']}, {meeting['duration']} min"),
        ("present", ", ".join(p["name"] for p in meeting["present"])),
        ("absent", ", ".join(p["name"] for p in meeting["absent"])),
        ("threads", ", ".join(meeting["threads"])),
        ("homework", meeting["homework"]),
        ("notes", meeting["notes"]),
    ])


@meeting_app.command("record")
def record(
    ctx: typer.Context,
    group: GroupArg,
    date: DateOpt = None, lesson: LessonOpt = None, present: PresentOpt = None, absent: AbsentOpt = None,
    notes: NotesOpt = None, notes_file: NotesFileOpt = None, edit: EditOpt = False, thread: ThreadOpt = None,
    homework: HomeworkOpt = None, mode: ModeOpt = None, duration: DurationOpt = None,
    replace: Annotated[bool, typer.Option("--replace", help="Record this group and date again.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Record a meeting: lesson, attendance, notes, threads and homework.

    Example: peertool meeting record Riverside --lesson "Calming Skills" --absent 4 --thread anxiety --homework "Slow breathing daily"
    """
    from peertool.meetings import record_meeting

    app_ctx = ctx.obj
    changes = {**_details(lesson, thread, homework, mode, duration), **_notes(notes, notes_file, edit)}
    meeting = record_meeting(app_ctx.open(), group, config=app_ctx.config, date=date, present=present,
                             absent=absent, replace=replace, **changes)
    if json_out:
        emit_json(meeting)
        return
    show_meeting(meeting)
    if not meeting["present"] and not meeting["absent"]:
        message("Attendance was not recorded: add it with `peertool meeting edit ID --present ...`.")
    message(f"Recorded meeting {meeting['id']}.")


@meeting_app.command("edit")
def edit_cmd(
    ctx: typer.Context,
    meeting_id: Annotated[str, typer.Argument(metavar="ID", help="Meeting id.")],
    date: DateOpt = None, lesson: LessonOpt = None, present: PresentOpt = None, absent: AbsentOpt = None,
    notes: NotesOpt = None, notes_file: NotesFileOpt = None, edit: EditOpt = False, thread: ThreadOpt = None,
    homework: HomeworkOpt = None, mode: ModeOpt = None, duration: DurationOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Change a recorded meeting; threads and attendance given replace the old.

    Example: peertool meeting edit 12 --present 1 --present 2 --homework "Call a friend"
    """
    from peertool.meetings import edit_meeting, get_meeting

    app_ctx = ctx.obj
    db = app_ctx.open()
    current = get_meeting(db, meeting_id)["notes"] if edit else None
    changes = {**_details(lesson, thread, homework, mode, duration), **_notes(notes, notes_file, edit, current)}
    if not changes and not date and not present and not absent:
        raise typer.BadParameter("nothing to change; give at least one option.")
    meeting = edit_meeting(db, meeting_id, config=app_ctx.config, date=date, present=present, absent=absent, **changes)
    render(meeting, json_out, show_meeting, f"Updated meeting {meeting['id']}.")


@meeting_app.command("list")
def list_(ctx: typer.Context, group: GroupArg, json_out: JsonOpt = False) -> None:
    """List a group's meetings, oldest first.

    Example: peertool meeting list Riverside --json
    """
    from peertool.meetings import list_meetings

    meetings = list_meetings(ctx.obj.open(), group)
    if json_out:
        emit_json(meetings)
        return
    table("Meetings", ["id", "date", "month", "theme", "lesson", "present", "threads"],
          [[m["id"], m["date"], m["month"], m["theme"], m["lesson"],
            f"{m['present']}/{m['recorded']}" if m["recorded"] else "", m["threads"]] for m in meetings])


@meeting_app.command("show")
def show(ctx: typer.Context, meeting_id: Annotated[str, typer.Argument(metavar="ID")], json_out: JsonOpt = False) -> None:
    """Show one meeting in full.

    Example: peertool meeting show 12
    """
    from peertool.meetings import get_meeting

    render(get_meeting(ctx.obj.open(), meeting_id), json_out, show_meeting)


@note_app.command("add")
def note_add(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Participant id or name.")],
    text: Annotated[str, typer.Argument(help="What happened; '-' reads stdin.")],
    date: Annotated[Optional[str], typer.Option(help="Contact date, YYYY-MM-DD (default today).")] = None,
    mode: Annotated[str, typer.Option(help="in-person, phone or video.")] = "in-person",
    json_out: JsonOpt = False,
) -> None:
    """Document a contact with one participant.

    Example: peertool note add "Ada Quill" "Called to check in after two missed meetings" --mode phone
    """
    from peertool.contacts import add_note

    note = add_note(ctx.obj.open(), ref, sys.stdin.read() if text == "-" else text, date=date, mode=mode)
    render(note, json_out, lambda n: None,
           f"Noted contact {note['id']} with {note['participant']['name']} on {note['date']} ({note['mode']}).")


@note_app.command("list")
def note_list(ctx: typer.Context, ref: Annotated[str, typer.Argument(help="Participant id or name.")], json_out: JsonOpt = False) -> None:
    """List a participant's contact notes.

    Example: peertool note list "Ada Quill" --json
    """
    from peertool.contacts import list_notes

    notes = list_notes(ctx.obj.open(), ref)
    if json_out:
        emit_json(notes)
        return
    table("Contact notes", ["id", "date", "mode", "note"], [[n["id"], n["date"], n["mode"], n["text"]] for n in notes])


def lessons_cmd(
    ctx: typer.Context,
    theme: Annotated[Optional[str], typer.Option(help="Only this theme's plans.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """List the lesson library (built-in plans plus the config's lessons_file).

    Example: peertool lessons --theme "Coping Strategies"
    """
    from peertool.lessons import for_theme, load_library

    plans = for_theme(load_library(ctx.obj.config["lessons_file"]), theme)
    if json_out:
        emit_json(plans)
        return
    table("Lesson library", ["theme", "title", "skill", "between meetings"],
          [[p["theme"], p["title"], p["skill"], p["practice"]] for p in plans])


def threads_cmd(
    ctx: typer.Context,
    group: GroupArg,
    since: Annotated[Optional[str], typer.Option(help="Only meetings on or after this date.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Rank the threads a group keeps bringing up, by how often and how recently.

    Example: peertool threads Riverside --since 2026-03-01
    """
    from peertool import validate
    from peertool.groups import resolve_group
    from peertool.threads import group_threads

    db = ctx.obj.open()
    ranked = group_threads(db, resolve_group(db, group)["id"], since=validate.date("since", since) if since else None)
    if json_out:
        emit_json(ranked)
        return
    table("Recurring threads", ["thread", "times", "last", "score"],
          [[t["tag"], t["count"], t["last"], t["score"]] for t in ranked])


def register(app: typer.Typer) -> None:
    app.add_typer(meeting_app, name="meeting")
    app.add_typer(note_app, name="note")
    app.command("lessons")(lessons_cmd)
    app.command("threads")(threads_cmd)


commands = make_app()
register(commands)
