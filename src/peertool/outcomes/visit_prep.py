"""The coach's sheet for a drop-in group's week: its open days, the activities planned, and who has not come.

A drop-in has no pairs and no monthly theme to prepare: `prep GROUP` of a
drop-in group lists the seven days from the date given (its open days, skip
dates marked), the activities logged for them (logged ahead with
`activity log --future`), and the people enrolled in its program whom no
group of the program has seen for `dropin.unseen_weeks` weeks, with their
last visit, so a coach can call them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypedDict

from peertool import validate
from peertool.clock import today
from peertool.db.connection import Database
from peertool.people.scope import resolve_group

if TYPE_CHECKING:
    from peertool.program.activities import Activity
    from peertool.settings import Settings

WEEK = 7


class OpenDay(TypedDict):
    """A day of the week the drop-in is open: `skipped` when a skip date closes it."""

    date: str
    day: str
    skipped: bool


class Unseen(TypedDict):
    """Someone enrolled whom the program has not seen for the weeks set: `last_visit` None if never."""

    id: int
    name: str
    enrolled_on: str
    last_visit: str | None


# `prep` of a drop-in group (a TypedDict call: `from` is a Python keyword).
VisitPrep = TypedDict(
    "VisitPrep",
    {
        "group": str,
        "group_id": int,
        "program": str,
        "from": str,
        "to": str,
        "time": str | None,
        "location": str | None,
        "coach": str | None,
        "open_days": list[OpenDay],
        "activities": list["Activity"],
        "unseen_weeks": int,
        "unseen": list[Unseen],
    },
)


def build(db: Database, group_ref: object, *, settings: Settings, on: str | None = None) -> VisitPrep:
    """The week of the drop-in group from `on` (a date as typed; default today)."""
    from peertool.program.activities import list_activities
    from peertool.programs import group_program

    group = resolve_group(db, group_ref)
    given = validate.optional_date("date", on)
    first = dt.date.fromisoformat(given) if given else today()
    week = [first + dt.timedelta(days=n) for n in range(WEEK)]
    last = week[-1].isoformat()
    program = group_program(settings, group).name
    weeks = settings.dropin_unseen_weeks
    return {
        "group": group["name"],
        "group_id": group["id"],
        "program": program,
        "from": first.isoformat(),
        "to": last,
        "time": group["time"],
        "location": group["location"],
        "coach": group["coach"],
        "open_days": _open_days(group, week, settings.skip_dates),
        "activities": list_activities(db, group["id"], start=first.isoformat(), end=last),
        "unseen_weeks": weeks,
        "unseen": unseen(db, program, first, weeks),
    }


def _open_days(group: dict[str, Any], week: list[dt.date], skips: list[str]) -> list[OpenDay]:
    """The week's days the group is open on (from its opening), a skip date marked `skipped`."""
    open_days = group["days"].split(",")
    days = [(d.isoformat(), validate.WEEKDAYS[d.weekday()]) for d in week]
    return [
        {"date": iso, "day": day, "skipped": iso in skips}
        for iso, day in days
        if day in open_days and iso >= group["start_on"]
    ]


def unseen(db: Database, program: str, day: dt.date, weeks: int) -> list[Unseen]:
    """People enrolled in `program` on `day` whose last visit to any of its groups and current enrollment (someone
    back after leaving is unseen only from their return) are both `weeks` weeks or more before `day`, longest
    unseen first."""
    from peertool.people.enrollments import enrolled

    ids = enrolled(db, program, day.isoformat())
    cutoff = (day - dt.timedelta(weeks=weeks)).isoformat()
    marks = ",".join("?" * len(ids))
    rows = db.execute(
        f"""SELECT p.id, p.name,
                  (SELECT max(e.enrolled_on) FROM program_enrollments e WHERE e.participant_id = p.id
                     AND e.program = ? AND e.enrolled_on <= ?),
                  (SELECT max(m.held_on) FROM attendance a JOIN meetings m ON m.id = a.meeting_id
                     JOIN peer_groups g ON g.id = m.group_id
                   WHERE a.participant_id = p.id AND a.present = 1 AND g.program = ? AND m.held_on <= ?)
            FROM participants p WHERE p.id IN ({marks})""",
        [program, day.isoformat(), program, day.isoformat(), *ids],
    ).fetchall()
    everyone: list[Unseen] = [
        {"id": pid, "name": name, "enrolled_on": since, "last_visit": last} for pid, name, since, last in rows
    ]
    found = [person for person in everyone if _seen_since(person) <= cutoff]
    return sorted(found, key=lambda u: (_seen_since(u), u["name"].casefold()))


def _seen_since(person: Unseen) -> str:
    """The day someone has been unseen since: their last visit, or their current enrollment if it is later."""
    return max(person["last_visit"] or person["enrolled_on"], person["enrolled_on"])
