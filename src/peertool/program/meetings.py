"""Weekly meetings: what was taught, who came, what came up, what to try.

The month and theme of a meeting come from the group's schedule, so a
meeting can only be recorded inside the group's program year. One meeting
per group and date: recording it again needs `replace`.
"""

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypedDict, Unpack, cast

from peertool import validate
from peertool.db import signing
from peertool.db.connection import Database
from peertool.db.refs import as_id, not_found
from peertool.db.store import insert, update, write
from peertool.errors import Conflict, InvalidInput, shown
from peertool.people.attribution import attribute, made_by_id
from peertool.people.scope import GroupScope, load_group
from peertool.program import attendance, visits
from peertool.program.attendance import Marks
from peertool.program.schedule import Month
from peertool.units import clock_plus, span
from peertool.vocab import CONTACT_MODES

if TYPE_CHECKING:
    from peertool.people.shapes import Deleted
    from peertool.program.shapes import AttendeeNote, Meeting, MeetingRecorded, MeetingRow
    from peertool.settings import Settings


class MeetingDetails(TypedDict, total=False):
    """What `record_meeting` and `edit_meeting` take besides the date and attendance: a key left out is not
    given (a meeting edit keeps what was recorded); None clears lesson, notes and homework."""

    lesson: str | None
    notes: str | None
    homework: str | None
    mode: str | None
    duration: int | None
    threads: list[str] | None
    start: str | None
    end: str | None


def clean_details(details: MeetingDetails) -> dict[str, Any]:
    """Check the free-form parts of a meeting; only the keys given (an unknown one, from a caller mypy does not
    check, is refused rather than dropped)."""
    unknown = set(details) - MeetingDetails.__optional_keys__
    if unknown:
        raise TypeError(f"not a meeting detail: {sorted(unknown)}")
    out: dict[str, Any] = {}
    for key in ("lesson", "notes", "homework"):
        if key in details:
            out[key] = validate.text(key, details[key], max_len=100_000 if key == "notes" else 500)
    if details.get("mode") is not None:
        out["mode"] = validate.choice("mode", details["mode"], CONTACT_MODES)
    if details.get("duration") is not None:
        duration = details["duration"]
        if isinstance(duration, bool) or not isinstance(duration, int) or not 1 <= duration <= 600:
            raise InvalidInput(f"duration: {shown(duration)} is not a number of minutes from 1 to 600.")
        out["duration"] = duration
    if details.get("threads") is not None:
        out["threads"] = validate.tags("thread", details["threads"])
    for key, clock in (("start", details.get("start")), ("end", details.get("end"))):
        if clock is not None:
            out[key] = validate.clock(key, clock)
    return out


def timing(start: str | None, end: str | None, duration: int | None, default: int) -> dict[str, Any]:
    """The meeting's start time and length in minutes, from a start, an end and a length (any may be missing).

    An end sets the length from the start; without either, the length is `default`.
    """
    _, duration = span(start, end, duration or (None if end else default), "duration", "a meeting")
    return {"start_time": start, "duration": duration}


def record_meeting(
    db: Database,
    group_ref: object,
    *,
    settings: "Settings",
    date: str | None = None,
    marks: Marks | None = None,
    replace: bool = False,
    all_present: bool = False,
    future: bool = False,
    edit_notes: Callable[[dict[str, Any]], str] | None = None,
    staff: str | None = None,
    **details: Unpack[MeetingDetails],
) -> "MeetingRecorded":
    """Record a meeting (its attendance, threads and homework) in one transaction.

    Without a date, it is the group's latest scheduled meeting on or before
    today, and the result says so; a date the group does not meet on is
    recorded with a warning, and so is a skip date; a date after today is
    refused unless `future` (scheduling is not recording). `all_present` marks the day's whole roster
    present, but for the late, early-leaving and excused people `marks` names.
    It starts at the group's time unless `start` is given, and lasts
    `meeting_minutes` unless `duration` or `end` say otherwise. Once staff
    are defined it names who recorded it: `staff` (a name), else the current
    staff member (a replaced meeting names who recorded it again).
    """
    marks = marks or Marks()
    if all_present and marks.says_the_rest:
        raise InvalidInput("--all-present marks everyone; leave out --present and --absent.")
    notes: list[str] = []
    held_on = validate.optional_date("date", date) or _latest_meeting_day(db, group_ref, settings, notes)
    validate.not_after_today("date", held_on, future=future)
    if edit_notes is not None:  # before the write lock: an editor can stay open for minutes
        from peertool.people.scope import resolve_group

        group = resolve_group(db, group_ref)
        month = visits.day_month(group, held_on, settings)
        details["notes"] = edit_notes(
            {"group": group["name"], "date": held_on, "month": month.month, "theme": month.theme, "notes": None}
        )
    fields = clean_details(details)
    fields.setdefault("mode", "in-person")
    with write(db):
        scope = _roster(db, group_ref, held_on, settings)
        start, end = fields.pop("start", None) or scope.group["time"], fields.pop("end", None)
        fields.update(timing(start, end, fields.get("duration"), settings.meeting_minutes))
        month = visits.day_month(scope.group, held_on, settings)
        notes.extend(_off_schedule(scope, month, held_on, settings))
        full = attendance.full_marks(scope, marks, fields["duration"], all_present=all_present)
        existing = db.execute(
            "SELECT id FROM meetings WHERE group_id = ? AND held_on = ?", [scope.id, held_on]
        ).fetchone()
        if existing and not replace:
            raise Conflict(
                f"group {scope.id} already has a meeting on {held_on} (id {existing[0]}).",
                hint="Use --replace to record it again, or `peertool meeting edit` to change it.",
            )
        threads = fields.pop("threads", [])
        row = {
            "group_id": scope.id,
            "held_on": held_on,
            "month": month.month,
            "theme": month.theme,
            "lesson": None,
            "notes": None,
            "homework": None,
            **fields,
        }
        row = attribute(db, row, staff)
        if existing:  # replaced in place, so the meeting keeps its id
            meeting_id = existing[0]
            signing.refuse_if_signed(db, "meeting", meeting_id)
            update(db, "meetings", meeting_id, row)
            for table in ("attendance", "attendee_notes"):
                db.execute(f"DELETE FROM {table} WHERE meeting_id = ?", [meeting_id])
        else:
            meeting_id = insert(db, "meetings", row)
        _save_threads(db, meeting_id, threads)
        attendance.save(db, meeting_id, full)
    if full is None:
        notes.append(f"attendance was not recorded: add it with `peertool meeting edit {meeting_id} --present ...`.")
    return {**get_meeting(db, meeting_id, settings), "warnings": notes}


def _off_schedule(scope: GroupScope, month: Month, held_on: str, settings: "Settings") -> list[str]:
    """A warning when the date is not one of the group's meeting days (a drop-in's open days): another weekday,
    or a configured skip date (a holiday), either of which would otherwise be billed without a word."""
    if isinstance(scope, visits.VisitScope):
        return visits.closed_day(scope.group, held_on, settings)
    if held_on in [d.isoformat() for d in month.skipped]:
        return [f"{held_on} is a skip date in the config (no meeting is scheduled). Recorded all the same."]
    if held_on in [d.isoformat() for d in month.meetings]:
        return []
    weekday = validate.WEEKDAYS[scope.group["weekday"]]
    day = validate.WEEKDAYS[dt.date.fromisoformat(held_on).weekday()]
    return [f"{held_on} is a {day}; group {shown(scope.name)} meets on {weekday}. Recorded all the same."]


def _roster(db: Database, group_ref: object, held_on: str, settings: "Settings") -> GroupScope:
    """The group with its members on a meeting's date (a drop-in's: those enrolled in its program); a date with
    none is refused, as a meeting with no one on its roster records nothing (a group brought in mid-year whose
    memberships start too late)."""
    scope = visits.roster(db, group_ref, held_on, settings) or load_group(db, group_ref, on=held_on)
    if isinstance(scope, visits.VisitScope):
        return scope
    if not scope.members:
        raise InvalidInput(
            f"group {scope.id} had no members on {held_on}, so a meeting then has no one to record.",
            hint="If its members joined earlier than recorded, correct each start: "
            f"peertool group membership {scope.id} REF --start {held_on}",
        )
    return scope


def _latest_meeting_day(db: Database, group_ref: object, settings: "Settings", notes: list[str]) -> str:
    """The group's latest scheduled meeting on or before today (today itself if none has come yet)."""
    from peertool.clock import today
    from peertool.people.scope import resolve_group
    from peertool.program.schedule import group_program

    now = today()
    days = [d for m in group_program(resolve_group(db, group_ref), settings) for d in m.meetings if d <= now]
    chosen = days[-1] if days else now
    notes.append(f"no --date given: recorded for {chosen.isoformat()}, the group's latest meeting day.")
    return chosen.isoformat()


def _save_threads(db: Database, meeting_id: int, threads: list[str]) -> None:
    db.execute("DELETE FROM meeting_threads WHERE meeting_id = ?", [meeting_id])
    db.executemany(
        "INSERT INTO meeting_threads (meeting_id, tag) VALUES (?, ?)", [(meeting_id, tag) for tag in threads]
    )


def edit_meeting(
    db: Database,
    meeting_id: object,
    *,
    settings: "Settings",
    date: str | None = None,
    marks: Marks | None = None,
    future: bool = False,
    edit_notes: Callable[[dict[str, Any]], str] | None = None,
    **details: Unpack[MeetingDetails],
) -> "Meeting":
    """Change what is given; threads given replace the old. A signed meeting is never changed.

    Attendance given changes only the people named, on the roster of the
    meeting's date; everyone else keeps what was recorded (a meeting with no
    attendance yet is marked in full, as `record` does). A new date drops
    the marks of anyone who was not a member on it. `edit_notes`, if given,
    is called with the current notes (before the write lock is taken, since
    an editor can stay open for minutes) and returns the new ones.
    """
    if edit_notes is not None:
        found = get_meeting(db, meeting_id, settings)
        details["notes"] = edit_notes({key: found[key] for key in ("group", "date", "month", "theme", "notes")})
    fields = clean_details(details)
    if date:
        date = validate.not_after_today("date", validate.date("date", date), future=future)
    with write(db):
        meeting = find_meeting(db, meeting_id)
        signing.refuse_if_signed(db, "meeting", meeting["id"])
        if {"start", "end", "duration"} & set(fields):
            start, end = fields.pop("start", meeting["start_time"]), fields.pop("end", None)
            duration = fields.get("duration", None if end else meeting["duration"])
            fields.update(timing(start, end, duration, meeting["duration"]))
        held_on = date or meeting["held_on"]
        scope = _roster(db, meeting["group_id"], held_on, settings)
        if date:
            month = visits.day_month(scope.group, held_on, settings)
            fields["month"], fields["theme"] = month.month, month.theme
            clash = db.execute(
                "SELECT id FROM meetings WHERE group_id = ? AND held_on = ? AND id != ?",
                [scope.id, held_on, meeting["id"]],
            ).fetchone()
            if clash:
                raise Conflict(f"group {scope.id} already has a meeting on {held_on} (id {clash[0]}).")
            fields["held_on"] = held_on
        threads = fields.pop("threads", None)
        update(db, "meetings", meeting["id"], fields)
        if threads is not None:
            _save_threads(db, meeting["id"], threads)
        duration = fields.get("duration", meeting["duration"])
        if marks or date:  # a new date's roster drops the marks (and notes) of people not members on it
            attendance.change(db, meeting["id"], scope, marks or Marks(), duration)
            db.execute(
                """DELETE FROM attendee_notes WHERE meeting_id = ? AND participant_id NOT IN
                          (SELECT participant_id FROM attendance WHERE meeting_id = ?)""",
                [meeting["id"]] * 2,
            )
        attendance.check_parts_fit(db, meeting["id"], duration)
    return get_meeting(db, meeting["id"], settings)


def find_meeting(db: Database, meeting_id: object) -> dict[str, Any]:
    raw = str(meeting_id).strip()
    record_id = as_id(raw)
    rows = list(db.query("SELECT * FROM meetings WHERE id = ?", [record_id])) if record_id is not None else []
    if not rows:
        raise not_found(raw, "meeting")
    return rows[0]


def get_meeting(db: Database, meeting_id: object, settings: "Settings") -> "Meeting":
    """One meeting: its times, attendance (status, minutes and units of each), threads, each attendee's own
    note, and its signatures and addenda."""
    meeting = find_meeting(db, meeting_id)
    group_id = meeting["group_id"]
    group = db.execute("SELECT name FROM peer_groups WHERE id = ?", [group_id]).fetchone()[0]
    marked = attendance.attendees(db, meeting["id"], meeting["duration"], settings.units)
    threads = [
        row[0]
        for row in db.execute("SELECT tag FROM meeting_threads WHERE meeting_id = ? ORDER BY rowid", [meeting["id"]])
    ]
    start = meeting["start_time"]
    found: dict[str, Any] = {
        "id": meeting["id"],
        "group": group,
        "group_id": meeting["group_id"],
        "date": meeting["held_on"],
        "start": start,
        "end": clock_plus(start, meeting["duration"]) if start else None,
        "month": meeting["month"],
        "theme": meeting["theme"],
        "lesson": meeting["lesson"],
        "mode": meeting["mode"],
        "duration": meeting["duration"],
        "notes": meeting["notes"],
        "homework": meeting["homework"],
        "threads": threads,
        "service": {"code": visits.service_code(db, group_id, settings), "modifier": settings.group_modifier},
        "present": [p for p in marked if p["status"] in attendance.THERE],
        "absent": [p for p in marked if p["status"] not in attendance.THERE],
        "attendee_notes": attendee_notes(db, meeting["id"]),
        "staff": made_by_id(db, meeting["staff_id"]),
    }
    sealed = signing.seal(db, "meeting", meeting["id"], signed_content(found), legacy_content(found))
    return cast("Meeting", {**found, **sealed})


def signed_content(meeting: "Mapping[str, Any]") -> dict[str, Any]:
    """What a meeting's signature covers: its own stored record, not what the settings compute from it (units)
    nor what other records say (a person's name, a goal's text), which may be corrected after signing."""
    own = [{"participant_id": n["participant"]["id"], "goal_id": n["goal"]["id"] if n["goal"] else None,
            **{key: n[key] for key in ("response", "homework", "text")}}
           for n in meeting["attendee_notes"]]  # fmt: skip
    return {**legacy_content(meeting), "attendee_notes": own}


def legacy_content(meeting: "Mapping[str, Any]") -> dict[str, Any]:
    """What a meeting's signature covered before issue 23 (attendee notes with names and goal texts): signatures
    made then are checked against it."""
    keys = ("id", "group_id", "date", "start", "duration", "month", "theme", "lesson", "mode", "notes", "homework",
            "threads", "attendee_notes")  # fmt: skip
    marks = [{key: p[key] for key in ("id", "status", "minutes")} for p in meeting["present"] + meeting["absent"]]
    return {**{key: meeting[key] for key in keys}, "attendance": sorted(marks, key=lambda p: p["id"])}


def attendee_notes(db: Database, meeting_id: int) -> list["AttendeeNote"]:
    """Each attendee's own note on the meeting, by person."""
    rows = db.execute(
        """SELECT p.id, p.name, n.response, n.goal_id, g.text, n.homework, n.text FROM attendee_notes n
           JOIN participants p ON p.id = n.participant_id LEFT JOIN goals g ON g.id = n.goal_id
           WHERE n.meeting_id = ? ORDER BY p.id""",
        [meeting_id],
    )
    return [
        {
            "participant": {"id": pid, "name": name},
            "response": response,
            "goal": {"id": goal_id, "text": goal} if goal_id else None,
            "homework": homework,
            "text": text,
        }
        for pid, name, response, goal_id, goal, homework, text in rows
    ]


def list_meetings(db: Database, group_ref: object) -> list["MeetingRow"]:
    """The group's meetings, oldest first, with attendance counts."""
    from peertool.people.scope import resolve_group

    group = resolve_group(db, group_ref)
    rows = db.execute(
        """SELECT m.id, m.held_on, m.month, m.theme, m.lesson, m.mode,
                  (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.present = 1),
                  (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id),
                  (SELECT group_concat(tag, ', ') FROM meeting_threads t WHERE t.meeting_id = m.id)
           FROM meetings m WHERE m.group_id = ? ORDER BY m.held_on""",
        [group["id"]],
    )
    keys = ("id", "date", "month", "theme", "lesson", "mode", "present", "recorded", "threads")
    return [
        cast("MeetingRow", {**dict(zip(keys, row, strict=True)), "threads": row[-1].split(", ") if row[-1] else []})
        for row in rows
    ]


def delete_meeting(db: Database, meeting_id: object, *, confirm: Callable[[str], bool]) -> "Deleted":
    """Erase an unsigned meeting recorded in error, with its attendance, threads, attendee notes and addenda,
    in one transaction."""
    with write(db):
        meeting = find_meeting(db, meeting_id)
        signing.refuse_if_signed(db, "meeting", meeting["id"])
        if not confirm(f"Erase meeting {meeting['id']} of {meeting['held_on']} with its attendance?"):
            raise InvalidInput("nothing was erased.")
        for table in ("attendance", "meeting_threads", "attendee_notes"):
            db.execute(f"DELETE FROM {table} WHERE meeting_id = ?", [meeting["id"]])
        db.execute("DELETE FROM addenda WHERE record = 'meeting' AND record_id = ?", [meeting["id"]])
        db.execute("DELETE FROM meetings WHERE id = ?", [meeting["id"]])
    return {"id": meeting["id"], "deleted": True}
