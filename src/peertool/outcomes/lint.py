"""The coach's weekly check of the notes: everything that keeps them from a chart review, one line each.

It lists contacts missing a response, a plan, a goal or their times;
attendees present at a meeting with no note of their own; anything unsigned
after `notes.sign_within_days`; anything awaiting the co-signature
`supervision.cosign` drew it for; anything changed since it was signed; a
person's own note that names another member; and days when a person's units
pass `billing.daily_cap_units`; and active people never screened at intake.
An empty list means the notes are in order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypedDict

from peertool import validate
from peertool.clock import today
from peertool.db.connection import Database
from peertool.db.ids import marks
from peertool.outcomes import naming
from peertool.outcomes.service_units import days_over_cap
from peertool.people.contacts import list_notes
from peertool.people.scope import resolve_group
from peertool.program.meetings import get_meeting

if TYPE_CHECKING:
    from peertool.people.shapes import Named
    from peertool.settings import Settings

Record = Mapping[str, Any]  # a contact note or a meeting, as the library returns it


class Problem(TypedDict):
    """One problem: the record it is in (`note 4`, `meeting 12`, or a day's units), whose, and what is wrong."""

    record: str
    kind: str
    id: int | None
    date: str
    participant: Named | None
    check: str
    problem: str


class Checked(TypedDict):
    contacts: int
    meetings: int


class Lint(TypedDict):
    """`note lint`."""

    group: int | None
    since: str | None
    checked: Checked
    problems: list[Problem]


def lint(db: Database, *, settings: Settings, group: object | None = None, since: str | None = None) -> Lint:
    """The problems in the records on or after `since` (default: all), of one group's meetings and members or
    of everyone."""
    since = validate.optional_date("since", since) or "0001-01-01"
    group_id = resolve_group(db, group)["id"] if group is not None else None
    noted = _noted_people(db, group_id, since)
    contacts = [n for pid in noted for n in list_notes(db, pid, settings) if n["date"] >= since]
    meetings = [get_meeting(db, mid, settings) for mid in _meeting_ids(db, group_id, since)]
    writers = _named(contacts, meetings)
    names = {pid: naming.finder(naming.other_members(db, pid), name) for pid, name in writers.items()}
    problems = [
        *(p for note in contacts for p in _contact_problems(note, names)),
        *(p for meeting in meetings for p in _meeting_problems(meeting, names)),
        *_unsigned(db, settings, since, group_id, noted),
        *_awaiting_cosign(db, since, group_id, noted),
        *_over_cap(db, settings, since, group_id),
        *_not_screened(db, group_id),
    ]
    problems.sort(key=lambda p: (p["date"], p["record"], p["check"]))
    return {
        "group": group_id,
        "since": None if since == "0001-01-01" else since,
        "checked": {"contacts": len(contacts), "meetings": len(meetings)},
        "problems": problems,
    }


def _noted_people(db: Database, group_id: int | None, since: str) -> list[int]:
    """Whose contact notes to check: everyone who was ever in the group, or everyone with a note since `since`."""
    if group_id is None:
        rows = db.execute("SELECT DISTINCT participant_id FROM contact_notes WHERE noted_on >= ? ORDER BY 1", [since])
    else:
        rows = db.execute("SELECT DISTINCT participant_id FROM memberships WHERE group_id = ? ORDER BY 1", [group_id])
    return [row[0] for row in rows]


def _named(contacts: Sequence[Record], meetings: Sequence[Record]) -> dict[int, str]:
    """Each person whose own note is checked here: id -> name."""
    people = {n["participant"]["id"]: n["participant"]["name"] for n in contacts}
    for meeting in meetings:
        people.update((n["participant"]["id"], n["participant"]["name"]) for n in meeting["attendee_notes"])
    return people


def _meeting_ids(db: Database, group_id: int | None, since: str) -> list[int]:
    where, params = ("AND group_id = ?", [since, group_id]) if group_id is not None else ("", [since])
    return [
        row[0] for row in db.execute(f"SELECT id FROM meetings WHERE held_on >= ? {where} ORDER BY held_on", params)
    ]


def _problem(kind: str, record_id: int | None, date: str, person: dict[str, Any] | None, check: str, text: str
             ) -> Problem:  # fmt: skip
    """One problem: the record it is in (`note 4`, `meeting 12`, or a day's units), whose, and what is wrong."""
    who: Named | None = {"id": person["id"], "name": person["name"]} if person else None
    record = f"{kind} {record_id}" if record_id is not None else f"{kind} on {date}"
    return {"record": record, "kind": kind, "id": record_id, "date": date, "participant": who,
            "check": check, "problem": text}  # fmt: skip


def _changed(kind: str, record: Record, person: dict[str, Any] | None) -> list[Problem]:
    if record["intact"] is False:
        return [_problem(kind, record["id"], record["date"], person, "changed", "changed since it was signed")]
    return []


def _unsigned(db: Database, settings: Settings, since: str, group_id: int | None, people: list[int]
              ) -> list[Problem]:  # fmt: skip
    """Records unsigned after `notes.sign_within_days`, by the rule and the query `due` lists them by."""
    from peertool.outcomes.due_people import sign_by, unsigned

    now = today()
    found = unsigned(db, since=since, people=None if group_id is None else people,
                     groups=None if group_id is None else [group_id])  # fmt: skip
    return [
        _problem(r["kind"], r["id"], r["date"], dict(r["participant"]) if r["participant"] else None, "unsigned",
                 f"unsigned {(now - dt.date.fromisoformat(r['date'])).days} days on (notes.sign_within_days)")
        for r in found if sign_by(r["date"], settings) < now.isoformat()
    ]  # fmt: skip


def _awaiting_cosign(db: Database, since: str, group_id: int | None, people: list[int]) -> list[Problem]:
    """Signed records awaiting the co-signature `supervision.cosign` drew them for, as `supervise queue` lists
    them (the group's meetings and its members' records, or everyone's)."""
    from peertool.outcomes.supervision import awaiting

    theirs = set(people)
    return [
        _problem(r["kind"], r["id"], r["date"], dict(r["participant"]) if r["participant"] else None, "cosign",
                 f"awaits a supervisor's co-signature (supervision.cosign), signed {r['signed_at'][:10]}")
        for r in awaiting(db, None)
        if r["date"] >= since and (group_id is None or (r["participant"] or {"id": None})["id"] in theirs
                                   or (r["group"] or {"id": None})["id"] == group_id)
    ]  # fmt: skip


def _contact_problems(note: Record, names: dict[int, re.Pattern[str] | None]
                      ) -> list[Problem]:  # fmt: skip
    person = note["participant"]
    missing = [field for field, value in (("response", note["response"]), ("plan", note["plan"]),
               ("goal", note["goal"]), ("times", note["minutes"])) if not value]  # fmt: skip
    found = [_problem("note", note["id"], note["date"], person, "missing", "missing " + ", ".join(missing))] \
        if missing else []  # fmt: skip
    written = [note[key] for key in ("text", "details", "response", "plan")]
    return found + _changed("note", note, person) + _naming("note", note, person, written, names)


def _meeting_problems(meeting: Record, names: dict[int, re.Pattern[str] | None]
                      ) -> list[Problem]:  # fmt: skip
    found = _changed("meeting", meeting, None)
    noted = {n["participant"]["id"]: n for n in meeting["attendee_notes"]}
    for person in meeting["present"]:
        if person["id"] not in noted:
            found.append(_problem("meeting", meeting["id"], meeting["date"], person, "no-own-note",
                                  "present, with no note of their own"))  # fmt: skip
    for note in noted.values():
        found += _naming("meeting", meeting, note["participant"], [note["response"], note["text"]], names)
    return found


def _naming(kind: str, record: Record, person: dict[str, Any], written: list[str | None],
            finders: dict[int, re.Pattern[str] | None]) -> list[Problem]:  # fmt: skip
    named = naming.found(finders.get(person["id"]), written)
    if not named:
        return []
    return [_problem(kind, record["id"], record["date"], person, "names-member",
                     f"their own note names another member ({', '.join(named)})")]  # fmt: skip


def _not_screened(db: Database, group_id: int | None) -> list[Problem]:
    """Active people never screened at intake, whatever `since` says: a standing gap, not a dated record."""
    from peertool.people.intake import unscreened

    return [_problem("participant", pid, enrolled, {"id": pid, "name": name}, "not-screened",
                     f"not screened at intake (`peertool intake {pid}`)")
            for pid, name, enrolled in unscreened(db, group_id)]  # fmt: skip


def _over_cap(db: Database, settings: Settings, since: str, group_id: int | None) -> list[Problem]:
    """Days when a person's units, group and individual together and in every group, pass the daily cap: of
    everyone, or of those who were in the group or came to its meetings."""
    people = None if group_id is None else _group_people(db, group_id)
    over = days_over_cap(db, settings, since, "9999-12-31", people)
    ids = sorted({pid for pid, _, _ in over})
    names = dict(db.execute(f"SELECT id, name FROM participants WHERE id IN ({marks(ids)})", ids))
    return [
        _problem("units", None, day, {"id": pid, "name": names[pid]}, "over-cap",
                 f"{total:g} units in the day, over the cap of {settings.daily_cap_units}")
        for pid, day, total in over
    ]  # fmt: skip


def _group_people(db: Database, group_id: int) -> set[int]:
    """Everyone ever a member of the group, and everyone marked at its meetings (a drop-in's visitors)."""
    rows = db.execute(
        """SELECT participant_id FROM memberships WHERE group_id = :g UNION SELECT a.participant_id FROM attendance a
           JOIN meetings m ON m.id = a.meeting_id WHERE m.group_id = :g""",
        {"g": group_id},
    )
    return {row[0] for row in rows}
