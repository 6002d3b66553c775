"""A person's chart for a period: their own record of care, as a chart reviewer reads it.

Enrollment and referral, every intake screening, goals with their history, each group meeting they
were marked at (theme, lesson, status, minutes, units, their own note and
the meeting's signature), contact notes in full, reviews, addenda, and the
units by month. It never names another member: a meeting shows how many
were present, not who, and another member's name written into the person's
own notes is printed as "[another member]" (`note lint` finds those notes).
The shared meeting notes, which may mention others, and a meeting's addenda
(written for the whole group) come only on request.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, TypedDict

from peertool import validate
from peertool.clock import today_iso
from peertool.db.connection import Database
from peertool.outcomes import naming
from peertool.outcomes.activities import chart_entries
from peertool.outcomes.service_units import CodeUnits, MonthUnits, by_code, by_month, coded, service_records
from peertool.people import intake, participants
from peertool.people.contacts import list_notes
from peertool.people.goals import list_goals
from peertool.people.reviews import list_reviews
from peertool.people.scope import resolve_participant
from peertool.program.meetings import get_meeting

if TYPE_CHECKING:
    from collections.abc import Mapping

    from peertool.outcomes.activities import ChartActivity
    from peertool.people.intake import Screening
    from peertool.people.shapes import ContactNote
    from peertool.settings import Settings

PERSON_KEYS = ("id", "name", "external_id", "enrolled_on", "referral", "status", "stage", "discharges")
GOAL_KEYS = ("id", "text", "domain", "treatment_goal", "status", "created_on", "updates")
# The tables a chart shows, and those it leaves out with the reason (tests/test_db_schema.py: each table is in
# one; each column of a person and a goal is in PERSON_KEYS and GOAL_KEYS or left out below).
CHARTED = ("participants", "discharges", "goals", "goal_updates", "meetings", "attendance", "attendee_notes",
           "contact_notes", "contact_interventions", "signatures", "addenda", "reviews", "screenings",
           "screening_answers", "definitions", "events", "activities", "activity_people")  # fmt: skip
NOT_CHARTED = {
    "community_contacts": "community education, with no enrolled person: `contact list`",
    "peer_groups": "named on each meeting",
    "memberships": "the group is named on each meeting",
    "pairings": "peer partners are other members, never named in a chart",
    "pairing_pairs": "peer partners are other members, never named in a chart",
    "team_breaks": "peer partners are other members, never named in a chart",
    "meeting_threads": "the group's topics, not the person's",
    "outings": "activity fund spending (`budget`), not care",
    "outing_people": "activity fund spending (`budget`), not care",
    "support": "activity fund spending (`budget`), not care",
    "measures": "outcomes, in `report`",
    "connections": "outcomes, in `report`",
    "wellness_plans": "the person's own plan, shown only by `plan show`",
    "audit": "who changed records, not care",
    "program_enrollments": "which drop-in programs a person attends: `participant show`",
    "staff": "the program's staff, not the person's care (who made each record comes with attribution)",
    "cosign_draws": "whether a supervisor must co-sign: the chart shows the signatures themselves",
    "supervision_sessions": "supervision time between staff, not the person's care",
}
PERSON_LEFT_OUT = {
    "name_key": "a lookup key",
    "gender": "for pairing, not care",
    "interests": "for pairing, not care",
    "phone": "contact details, not care",
    "email": "contact details, not care",
    "discharged_on": "in discharges, with every earlier discharge",
    "discharge_reason": "in discharges, with every earlier discharge",
    "discharge_reason_code": "in discharges, with every earlier discharge",
    **dict.fromkeys(
        ("review_every_days", "reviews_off", "next_review_on"), "the review schedule: in reviews' next_due"
    ),
    "staff_id": "whose caseload they are on: `participant show`",
}
GOAL_LEFT_OUT = {"participant_id": "the chart is one person's", "attainment": "goal attainment scaling, in `report`"}


class ChartService(TypedDict):
    code: str
    group_modifier: str | None


# `participant chart` (a TypedDict call: `from` is a Python keyword). The records are those of `note list`,
# `goal list` and `review list`, less their owner, with other members' names taken out.
Chart = TypedDict(
    "Chart",
    {
        "participant": dict[str, Any],  # PERSON_KEYS of `participant show`
        "from": str,
        "to": str,
        "service": ChartService,
        "screenings": "list[Screening]",  # every screening, whatever the period: why the person was admitted
        "goals": list[dict[str, Any]],  # GOAL_KEYS of `goal list`
        "meetings": list[dict[str, Any]],
        "contacts": "list[ContactNote]",
        "reviews": list[dict[str, Any]],
        "events": list[dict[str, Any]],  # `event list`'s, less their owner
        "activities": "list[ChartActivity]",  # the program's activities they came to
        "units": list[MonthUnits],
        "units_by_code": list[CodeUnits],  # the same units by billing line: a drop-in may bill under its own code
        "group_notes_included": bool,
    },
)


def build(
    db: Database,
    ref: object,
    *,
    settings: Settings,
    start: str | None = None,
    end: str | None = None,
    include_group_notes: bool = False,
) -> Chart:
    """The chart of the participant REF names, from `start` to `end` (default: enrollment to today)."""
    person = participants.get(db, resolve_participant(db, ref)["id"])
    record: Mapping[str, Any] = person  # read by the names in PERSON_KEYS
    start = validate.optional_date("from", start) or person["enrolled_on"]
    end = validate.optional_date("to", end) or max(today_iso(), start)
    validate.not_after(start, end)
    meetings = _meetings(db, person["id"], start, end, settings, include_group_notes)
    contacts = [n for n in list_notes(db, person["id"], settings) if start <= n["date"] <= end]
    pid = person["id"]
    lines = coded(service_records(db, settings, (start, end), None, pid), settings)
    others = naming.finder(naming.other_members(db, person["id"]), person["name"])
    goals = [{key: value for key, value in g.items() if key in GOAL_KEYS} for g in list_goals(db, person["id"])]
    reviews = [
        {key: value for key, value in r.items() if key != "participant"}
        for r in list_reviews(db, person["id"])
        if start <= r["date"] <= end
    ]
    return {
        "participant": {key: record[key] for key in PERSON_KEYS},
        "from": start,
        "to": end,
        "service": {"code": settings.service_code, "group_modifier": settings.group_modifier},
        "screenings": naming.redact(intake.history(db, pid), others),
        "goals": naming.redact(goals, others),
        "meetings": [_redacted(m, others) for m in meetings],
        "contacts": naming.redact(contacts, others),
        "reviews": naming.redact(reviews, others),
        "events": naming.redact(_events(db, pid, start, end), others),
        "activities": naming.redact(chart_entries(db, pid, start, end), others),
        "units": by_month(line[:4] for line in lines).get(pid, []),
        "units_by_code": by_code(lines).get(pid, []),
        "group_notes_included": include_group_notes,
    }


def _events(db: Database, pid: int, start: str, end: str) -> list[dict[str, Any]]:
    """The person's events in the period, and a stay that began before it and was still open when it began."""
    from peertool.people.events import list_events

    return [
        {key: value for key, value in e.items() if key != "participant"}
        for e in list_events(db, pid)
        if start <= e["date"] <= end
        or (e["date"] < start and e["open"] is not None and (e["open"] or (e["closed_on"] or "") >= start))
    ]


def _meetings(
    db: Database, pid: int, start: str, end: str, settings: Settings, include_group_notes: bool
) -> list[dict[str, Any]]:
    """Each meeting the person was marked at: what they need of it, never who else came."""
    rows = db.execute(
        """SELECT m.id FROM attendance a JOIN meetings m ON m.id = a.meeting_id
           WHERE a.participant_id = ? AND m.held_on BETWEEN ? AND ? ORDER BY m.held_on, m.id""",
        [pid, start, end],
    ).fetchall()
    out = []
    for (meeting_id,) in rows:
        full = get_meeting(db, meeting_id, settings)
        marked = full["present"] + full["absent"]
        mark = next(p for p in marked if p["id"] == pid)
        own = next((n for n in full["attendee_notes"] if n["participant"]["id"] == pid), None)
        entry: dict[str, Any]  # some of the meeting's keys, then this person's attendance and note
        entry = {key: full[key] for key in ("id", "group", "date", "start", "end", "duration", "month", "theme",
                                            "lesson", "mode", "homework", "service")}  # fmt: skip
        entry.update({
            **{key: mark[key] for key in ("status", "minutes", "units")},
            "attendance": {"present": len(full["present"]), "marked": len(marked)},
            "own_note": {key: own[key] for key in ("response", "goal", "homework", "text")} if own else None,
            **{key: full[key] for key in ("staff", "signed", "signatures", "intact")},
        })  # fmt: skip
        if include_group_notes:
            entry["group_notes"] = full["notes"]
            entry["addenda"] = full["addenda"]
        out.append(entry)
    return out


def _redacted(meeting: dict[str, Any], others: re.Pattern[str] | None) -> dict[str, Any]:
    """A meeting with other members' names taken out of the person's own parts (the group's notes, asked for,
    stay as written)."""
    shared = {key: meeting[key] for key in ("group_notes", "addenda") if key in meeting}
    return {**naming.redact({k: v for k, v in meeting.items() if k not in shared}, others), **shared}
