"""Supervision time: what a supervisor gave a supervisee (`supervise log`), and the months short of what
`supervision.minutes_per_month` expects (issue 28, part 4).

The service definition has peer specialists supervised by a qualified
professional; how much is the program's to say, so nothing is expected
until `supervision.minutes_per_month` is set. A supervisee's month is
short when the minutes logged for them that month are fewer; it falls
due on the month's last day. Only the month asked about and the one
before it are looked at: supervision time is settled month by month.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypedDict

from peertool import validate
from peertool.db.store import insert, write
from peertool.errors import InvalidInput
from peertool.people.staff import SUPERVISING, briefs, current_staff, get_staff, staff_defined, unknown_login

if TYPE_CHECKING:
    from peertool.db.connection import Database
    from peertool.people.shapes import StaffBrief
    from peertool.people.staff import Staff


class Session(TypedDict):
    """`supervise log`: supervision time a supervisor gave a supervisee."""

    id: int
    supervisor: StaffBrief
    supervisee: StaffBrief
    date: str
    minutes: int
    note: str | None


class Shortfall(TypedDict):
    """A supervisee's month with less supervision than `supervision.minutes_per_month`."""

    supervisee: StaffBrief
    month: str  # YYYY-MM
    minutes: int  # logged that month
    expected: int
    due: str  # the month's last day


def log(db: Database, coach: object, minutes: int, *, on: str | None = None, note: str | None = None) -> Session:
    """Record `minutes` of supervision the current staff member gave `coach` on `on` (default today): see
    `_may_log` for who may, and no day holds more than 1440 minutes of one person's supervision."""
    if not staff_defined(db):
        raise InvalidInput("supervision is between staff, and none are defined.",
                           hint="Add them with `peertool staff add NAME --role ...`.")  # fmt: skip
    if not 1 <= minutes <= DAY:
        raise InvalidInput(f"--minutes: {minutes} must be from 1 to {DAY}.")
    day = validate.not_after_today("date", validate.date_or_today("date", on), future=False)
    text = validate.text("note", note)
    with write(db):
        boss = current_staff(db)
        if boss is None:
            raise unknown_login(db, "who supervised is not known")
        member = get_staff(db, coach)
        _may_log(db, boss, member, day)
        (had,) = db.execute("SELECT coalesce(sum(minutes), 0) FROM supervision_sessions WHERE supervisee_id = ? "
                            "AND held_on = ?", [member["id"], day]).fetchone()  # fmt: skip
        if had + minutes > DAY:
            raise InvalidInput(f"--minutes: {member['name']} already has {had} minutes of supervision logged on "
                               f"{day}; at most {DAY - had} more.")  # fmt: skip
        session_id = insert(db, "supervision_sessions", {"supervisor_id": boss["id"], "supervisee_id": member["id"],
                                                         "held_on": day, "minutes": minutes, "note": text})  # fmt: skip
    named = briefs(db, {boss["id"], member["id"]})
    return {"id": session_id, "supervisor": named[boss["id"]], "supervisee": named[member["id"]], "date": day,
            "minutes": minutes, "note": text}  # fmt: skip


DAY = 1440  # minutes: the most supervision one person can be given in a day
_ABOVE = """
    WITH RECURSIVE up(id) AS (SELECT supervisor_id FROM staff WHERE id = ?
                              UNION SELECT s.supervisor_id FROM staff s JOIN up ON s.id = up.id)
    SELECT id FROM up WHERE id IS NOT NULL
"""  # everyone above a staff member, up their line of supervisors (ended ones too: the line is as assigned)


def _may_log(db: Database, boss: Staff, member: Staff, day: str) -> None:
    """The logger supervises (a supervisor or director) and is above the member: their supervisor, or someone
    up that line; a director may log anyone who is not a director. Both were on staff on `day`."""
    if boss["role"] not in SUPERVISING:
        raise InvalidInput(f"{boss['name']} is a {boss['role']}; supervisors and directors log supervision.")
    if member["id"] == boss["id"]:
        raise InvalidInput("COACH: you cannot log supervision of yourself.", hint="Your supervisor logs yours.")
    above = {sid for (sid,) in db.execute(_ABOVE, [member["id"]])}
    if boss["id"] not in above and (boss["role"] != "director" or member["role"] == "director"):
        import shlex

        whose = f"they are supervised by {member['supervisor']}" if member["supervisor"] else "they have no supervisor"
        raise InvalidInput(
            f"COACH: you do not supervise {member['name']}; {whose}.",
            hint="Supervision is logged by a supervisor or someone above them (a director: anyone below); "
            f"`peertool staff edit {shlex.quote(member['name'])} --supervisor NAME` assigns one.",
        )
    for who in (member, boss):
        if day < who["started_on"]:
            raise InvalidInput(f"date: {day} is before {who['name']} started on {who['started_on']}.")
        if who["ended_on"] is not None and day >= who["ended_on"]:
            raise InvalidInput(f"date: {day} is not before {who['name']} left on {who['ended_on']}.")


def shortfalls(db: Database, expected: int | None, on: dt.date) -> list[Shortfall]:
    """Each active supervisee's months (the one before `on`'s and `on`'s own) with fewer minutes logged than
    `expected`, from the month they started; none when nothing is expected."""
    if expected is None or not staff_defined(db):
        return []
    first = (on.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    months = [first, on.replace(day=1)]
    people = db.execute(
        """SELECT id, started_on FROM staff WHERE supervisor_id IS NOT NULL
           AND (ended_on IS NULL OR ended_on > ?) ORDER BY id""",
        [on.isoformat()],
    ).fetchall()
    logged = dict(((sid, month), total) for sid, month, total in db.execute(
        """SELECT supervisee_id, substr(held_on, 1, 7), sum(minutes) FROM supervision_sessions
           WHERE held_on >= ? GROUP BY 1, 2""", [first.isoformat()]))  # fmt: skip
    named = briefs(db, {sid for sid, _ in people})
    found: list[Shortfall] = []
    for sid, started in people:
        for month in months:
            key, last = month.isoformat()[:7], _last_day(month)
            had = int(logged.get((sid, key), 0))
            if started[:7] <= key and had < expected:
                found.append({"supervisee": named[sid], "month": key, "minutes": had, "expected": expected,
                              "due": last.isoformat()})  # fmt: skip
    return found


def _last_day(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
