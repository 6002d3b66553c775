"""Weekly meetings: what was taught, who came, what came up, what to try.

The month and theme of a meeting come from the group's schedule, so a
meeting can only be recorded inside the group's program year. One meeting
per group and date: recording it again needs `replace`.
"""

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from peertool import validate
from peertool.db.connection import Database
from peertool.db.refs import as_id, not_found
from peertool.db.store import insert, update, write
from peertool.errors import Conflict, InvalidInput, shown
from peertool.people.scope import GroupScope, load_group
from peertool.program.schedule import program_month

if TYPE_CHECKING:
    from peertool.settings import Settings

MODES = validate.CONTACT_MODES


def clean_details(details: dict[str, Any]) -> dict[str, Any]:
    """Check the free-form parts of a meeting; only the keys given."""
    out: dict[str, Any] = {}
    for key in ("lesson", "notes", "homework"):
        if key in details:
            out[key] = validate.text(key, details[key], max_len=100_000 if key == "notes" else 500)
    if details.get("mode") is not None:
        out["mode"] = validate.choice("mode", details["mode"], MODES)
    if details.get("duration") is not None:
        duration = details["duration"]
        if isinstance(duration, bool) or not isinstance(duration, int) or not 1 <= duration <= 600:
            raise InvalidInput(f"duration: {shown(duration)} is not a number of minutes from 1 to 600.")
        out["duration"] = duration
    if details.get("threads") is not None:
        out["threads"] = validate.tags("thread", details["threads"])
    return out


def _named(scope: GroupScope, present: list[str] | None, absent: list[str] | None) -> dict[int, int]:
    """The people named present (1) or absent (0), each a member of the group on the meeting's date."""
    marked: dict[int, int] = {}
    for named, value in ((validate.refs(present), 1), (validate.refs(absent), 0)):
        for ref in named:
            person = scope.member(ref)
            if marked.get(person["id"], value) != value:
                raise InvalidInput(f"participant {shown(ref)} is marked both present and absent.")
            marked[person["id"]] = value
    return marked


def _attendance(scope: GroupScope, present: list[str] | None, absent: list[str] | None) -> dict[int, int] | None:
    """Who was there, over the roster of the meeting's date: naming the present marks the rest absent, and
    the other way round."""
    if not present and not absent:
        return None
    marked = _named(scope, present, absent)
    rest = 0 if present else 1
    return {pid: marked.get(pid, rest) for pid in sorted(scope.ids)}


def record_meeting(
    db: Database,
    group_ref: object,
    *,
    settings: "Settings",
    date: str | None = None,
    present: list[str] | None = None,
    absent: list[str] | None = None,
    replace: bool = False,
    all_present: bool = False,
    edit_notes: Callable[[dict[str, Any]], str] | None = None,
    **details: Any,
) -> dict[str, Any]:
    """Record a meeting (its attendance, threads and homework) in one transaction.

    Without a date, it is the group's latest scheduled meeting on or before
    today, and the result says so; a date the group does not meet on is
    recorded with a warning. `all_present` marks the day's whole roster present.
    """
    if all_present and (present or absent):
        raise InvalidInput("--all-present marks everyone; leave out --present and --absent.")
    notes: list[str] = []
    held_on = validate.optional_date("date", date) or _latest_meeting_day(db, group_ref, settings, notes)
    if edit_notes is not None:  # before the write lock: an editor can stay open for minutes
        from peertool.people.scope import resolve_group

        group = resolve_group(db, group_ref)
        month = program_month(group, held_on, settings)
        details["notes"] = edit_notes(
            {"group": group["name"], "date": held_on, "month": month.month, "theme": month.theme, "notes": None}
        )
    fields = clean_details(details)
    fields.setdefault("mode", "in-person")
    fields.setdefault("duration", settings.meeting_minutes)
    with write(db):
        scope = load_group(db, group_ref, on=held_on)
        month = program_month(scope.group, held_on, settings)
        if held_on not in [d.isoformat() for d in month.meetings + month.skipped]:
            weekday = validate.WEEKDAYS[scope.group["weekday"]]
            day = validate.WEEKDAYS[dt.date.fromisoformat(held_on).weekday()]
            notes.append(f"{held_on} is a {day}; group {shown(scope.name)} meets on {weekday}. Recorded all the same.")
        marks = {pid: 1 for pid in scope.ids} if all_present else _attendance(scope, present, absent)
        existing = db.execute(
            "SELECT id FROM meetings WHERE group_id = ? AND held_on = ?", [scope.id, held_on]
        ).fetchone()
        if existing and not replace:
            raise Conflict(
                f"group {shown(scope.name)} already has a meeting on {held_on} (id {existing[0]}).",
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
        if existing:  # replaced in place, so the meeting keeps its id
            meeting_id = existing[0]
            update(db, "meetings", meeting_id, row)
            db.execute("DELETE FROM attendance WHERE meeting_id = ?", [meeting_id])
        else:
            meeting_id = insert(db, "meetings", row)
        _save_threads(db, meeting_id, threads)
        _save_attendance(db, meeting_id, marks)
    return {**get_meeting(db, meeting_id), "warnings": notes}


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
    db.conn.executemany(
        "INSERT INTO meeting_threads (meeting_id, tag) VALUES (?, ?)", [(meeting_id, tag) for tag in threads]
    )


def _save_attendance(db: Database, meeting_id: int, marks: dict[int, int] | None) -> None:
    if marks is None:
        return
    db.execute("DELETE FROM attendance WHERE meeting_id = ?", [meeting_id])
    db.conn.executemany(
        "INSERT INTO attendance (meeting_id, participant_id, present) VALUES (?, ?, ?)",
        [(meeting_id, pid, value) for pid, value in sorted(marks.items())],
    )


def edit_meeting(
    db: Database,
    meeting_id: object,
    *,
    settings: "Settings",
    date: str | None = None,
    present: list[str] | None = None,
    absent: list[str] | None = None,
    edit_notes: Callable[[dict[str, Any]], str] | None = None,
    **details: Any,
) -> dict[str, Any]:
    """Change what is given; threads given replace the old.

    Attendance given changes only the people named, on the roster of the
    meeting's date; everyone else keeps what was recorded (a meeting with no
    attendance yet is marked in full, as `record` does). A new date drops
    the marks of anyone who was not a member on it. `edit_notes`, if given,
    is called with the current notes (before the write lock is taken, since
    an editor can stay open for minutes) and returns the new ones.
    """
    if edit_notes is not None:
        found = get_meeting(db, meeting_id)
        details["notes"] = edit_notes({key: found[key] for key in ("group", "date", "month", "theme", "notes")})
    fields = clean_details(details)
    with write(db):
        meeting = _find(db, meeting_id)
        held_on = validate.date("date", date) if date else meeting["held_on"]
        scope = load_group(db, meeting["group_id"], on=held_on)
        if date:
            month = program_month(scope.group, held_on, settings)
            fields["month"], fields["theme"] = month.month, month.theme
            clash = db.execute(
                "SELECT id FROM meetings WHERE group_id = ? AND held_on = ? AND id != ?",
                [scope.id, held_on, meeting["id"]],
            ).fetchone()
            if clash:
                raise Conflict(f"group {shown(scope.name)} already has a meeting on {held_on} (id {clash[0]}).")
            fields["held_on"] = held_on
        threads = fields.pop("threads", None)
        update(db, "meetings", meeting["id"], fields)
        if threads is not None:
            _save_threads(db, meeting["id"], threads)
        _edit_attendance(db, meeting["id"], scope, present, absent)
    return get_meeting(db, meeting["id"])


def _edit_attendance(
    db: Database, meeting_id: int, scope: GroupScope, present: list[str] | None, absent: list[str] | None
) -> None:
    recorded = {pid: mark for pid, mark in db.execute(
        "SELECT participant_id, present FROM attendance WHERE meeting_id = ?", [meeting_id])}  # fmt: skip
    if not recorded:
        _save_attendance(db, meeting_id, _attendance(scope, present, absent))
        return
    marks = {pid: mark for pid, mark in recorded.items() if pid in scope.ids}  # a new date's roster
    marks.update(_named(scope, present, absent))
    _save_attendance(db, meeting_id, marks)


def _find(db: Database, meeting_id: object) -> dict[str, Any]:
    raw = str(meeting_id).strip()
    record_id = as_id(raw)
    rows = list(db.query("SELECT * FROM meetings WHERE id = ?", [record_id])) if record_id is not None else []
    if not rows:
        raise not_found(raw, "meeting")
    return rows[0]


def get_meeting(db: Database, meeting_id: object) -> dict[str, Any]:
    """One meeting with its attendance and threads."""
    meeting = _find(db, meeting_id)
    group = db.execute("SELECT name FROM peer_groups WHERE id = ?", [meeting["group_id"]]).fetchone()[0]
    attendance = db.execute(
        """SELECT p.id, p.name, a.present FROM attendance a JOIN participants p ON p.id = a.participant_id
           WHERE a.meeting_id = ? ORDER BY p.id""",
        [meeting["id"]],
    ).fetchall()
    threads = [
        row[0]
        for row in db.execute("SELECT tag FROM meeting_threads WHERE meeting_id = ? ORDER BY rowid", [meeting["id"]])
    ]
    return {
        "id": meeting["id"],
        "group": group,
        "group_id": meeting["group_id"],
        "date": meeting["held_on"],
        "month": meeting["month"],
        "theme": meeting["theme"],
        "lesson": meeting["lesson"],
        "mode": meeting["mode"],
        "duration": meeting["duration"],
        "notes": meeting["notes"],
        "homework": meeting["homework"],
        "threads": threads,
        "present": [{"id": pid, "name": name} for pid, name, here in attendance if here],
        "absent": [{"id": pid, "name": name} for pid, name, here in attendance if not here],
    }


def list_meetings(db: Database, group_ref: object) -> list[dict[str, Any]]:
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
    meetings = [dict(zip(keys, row, strict=True)) for row in rows]
    for meeting in meetings:
        meeting["threads"] = meeting["threads"].split(", ") if meeting["threads"] else []
    return meetings


def delete_meeting(db: Database, meeting_id: object, *, confirm: Callable[[str], bool]) -> dict[str, Any]:
    """Erase a meeting recorded in error, with its attendance and threads, in one transaction."""
    with write(db):
        meeting = _find(db, meeting_id)
        if not confirm(f"Erase meeting {meeting['id']} of {meeting['held_on']} with its attendance?"):
            raise InvalidInput("nothing was erased.")
        for table in ("attendance", "meeting_threads"):
            db.execute(f"DELETE FROM {table} WHERE meeting_id = ?", [meeting["id"]])
        db.execute("DELETE FROM meetings WHERE id = ?", [meeting["id"]])
    return {"id": meeting["id"], "deleted": True}
