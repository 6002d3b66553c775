"""What an export covers: which site it comes from, and which dates."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from peertool.db.connection import Database

if TYPE_CHECKING:
    from peertool.settings import Settings


def site_id(db: Database, settings: "Settings") -> str:
    """The site this database's exports come from: the `site_id` setting, else the id the database was given."""
    if settings.site_id:
        return settings.site_id
    row = db.execute("SELECT value FROM settings WHERE key = 'site_id'").fetchone()
    return str(row[0]) if row else "site-unknown"


# A signature, addendum or co-sign draw belongs to the period of the record it is on.
_SIGNED_RECORD_IN_PERIOD = """(record = 'note' AND record_id IN (SELECT id FROM contact_notes WHERE noted_on BETWEEN
    :start AND :end)) OR (record = 'meeting' AND record_id IN (SELECT id FROM meetings WHERE held_on BETWEEN
    :start AND :end)) OR (record = 'review' AND record_id IN (SELECT id FROM reviews WHERE reviewed_on BETWEEN
    :start AND :end)) OR (record = 'discharge' AND record_id IN (SELECT id FROM discharges WHERE discharged_on
    BETWEEN :start AND :end))"""

# Someone active at any time in the period: enrolled by its end, and no discharge before its start that lasted
# past its end (a discharge's own day is still theirs; `discharges` holds each stay's end and readmission).
ACTIVE_IN_PERIOD = """enrolled_on <= :end AND NOT EXISTS (SELECT 1 FROM discharges d
    WHERE d.participant_id = participants.id AND d.discharged_on < :start
    AND (d.readmitted_on IS NULL OR d.readmitted_on > :end))"""
# A goal open at some time in the period: set by its end, and not achieved or dropped before its start.
GOAL_OPEN_IN_PERIOD = """created_on <= :end AND coalesce((SELECT u.status FROM goal_updates u
    WHERE u.goal_id = goals.id AND u.updated_on < :start ORDER BY u.updated_on DESC, u.id DESC LIMIT 1), 'active')
    NOT IN ('achieved', 'dropped')"""

# How each table is cut to a period: by its own date, or by the date of the record it belongs to.
PERIOD = {
    "participants": ACTIVE_IN_PERIOD,
    "peer_groups": "start_on <= :end",
    "memberships": "joined_on <= :end AND (left_on IS NULL OR left_on >= :start)",
    "goals": GOAL_OPEN_IN_PERIOD,
    "discharges": "discharged_on BETWEEN :start AND :end OR readmitted_on BETWEEN :start AND :end",
    "meetings": "held_on BETWEEN :start AND :end",
    "attendance": "meeting_id IN (SELECT id FROM meetings WHERE held_on BETWEEN :start AND :end)",
    "meeting_threads": "meeting_id IN (SELECT id FROM meetings WHERE held_on BETWEEN :start AND :end)",
    "contact_notes": "noted_on BETWEEN :start AND :end",
    "contact_interventions": "note_id IN (SELECT id FROM contact_notes WHERE noted_on BETWEEN :start AND :end)",
    "community_contacts": "noted_on BETWEEN :start AND :end",
    "attendee_notes": "meeting_id IN (SELECT id FROM meetings WHERE held_on BETWEEN :start AND :end)",
    "signatures": _SIGNED_RECORD_IN_PERIOD,
    "addenda": _SIGNED_RECORD_IN_PERIOD,
    "cosign_draws": _SIGNED_RECORD_IN_PERIOD,
    "supervision_sessions": "held_on BETWEEN :start AND :end",
    "outings": "held_on BETWEEN :start AND :end",
    "outing_people": "outing_id IN (SELECT id FROM outings WHERE held_on BETWEEN :start AND :end)",
    "support": "given_on BETWEEN :start AND :end",
    "reviews": "reviewed_on BETWEEN :start AND :end",
    "measures": "taken_on BETWEEN :start AND :end",
    "connections": "started_on <= :end AND (ended_on IS NULL OR ended_on >= :start)",
    "events": "happened_on BETWEEN :start AND :end",
    "program_enrollments": "enrolled_on <= :end AND (ended_on IS NULL OR ended_on >= :start)",
    "wellness_plans": "substr(written_at, 1, 10) BETWEEN :start AND :end",
    "goal_updates": "updated_on BETWEEN :start AND :end",
    "pairings": "paired_on BETWEEN :start AND :end",
    "pairing_pairs": "pairing_id IN (SELECT id FROM pairings WHERE paired_on BETWEEN :start AND :end)",
    "team_breaks": "recorded_on BETWEEN :start AND :end",
    "screenings": "screened_on BETWEEN :start AND :end",
    "screening_answers": "screening_id IN (SELECT id FROM screenings WHERE screened_on BETWEEN :start AND :end)",
    "activities": "held_on BETWEEN :start AND :end",
    "activity_people": "activity_id IN (SELECT id FROM activities WHERE held_on BETWEEN :start AND :end)",
}
# The exported tables a period does not cut, and why (tests/test_db_schema.py: each is here or in PERIOD).
WHOLE = {
    "audit": "the whole log: its hash chain is checked from the first row",
    "definitions": "the wording each screening was made under, whatever the screening's date",
    "staff": "who made and coached the period's records, with their start and end dates as columns",
}


class Period:
    """The dates an export covers: both ends given as typed, or none."""

    def __init__(self, start: str | None, end: str | None):
        from peertool import validate

        self.start = validate.optional_date("from", start)
        self.end = validate.optional_date("to", end)
        validate.not_after(self.start, self.end)

    def as_dict(self) -> dict[str, str] | None:
        if not (self.start or self.end):
            return None
        return {"from": self.start or "", "to": self.end or ""}

    def bounds(self) -> dict[str, str]:
        """Both ends, an open one as the earliest or latest date there is."""
        return {"start": self.start or "0000-00-00", "end": self.end or "9999-12-31"}

    def where(self, table: str) -> tuple[str, dict[str, str]]:
        """The WHERE clause (and its parameters) that cuts `table` to the period."""
        if table not in PERIOD or not (self.start or self.end):
            return "", {}
        return f" WHERE {PERIOD[table]}", self.bounds()

    def holds(self, day: str | None) -> bool:
        """Whether a date (or a month, "YYYY-MM") falls in the period; a missing one never does."""
        bounds = self.bounds()
        return day is not None and bounds["start"][: len(day)] <= day <= bounds["end"][: len(day)]


class GoalAtEnd(NamedTuple):
    """A goal as the period leaves it: its status and attainment on the period's last day, and when it was first
    achieved in the period (an update to "achieved" from another status dated in it; None: it was not)."""

    status: str
    attainment: int | None
    achieved_on: str | None


def goals_at_end(db: Database, period: Period) -> dict[int, GoalAtEnd]:
    """Each goal with updates, as the period leaves it (`GoalAtEnd`), read in one pass over the updates.

    A goal's row holds its status now; a later update must not show through a quarter that ended before it. A
    goal whose updates all come after the period's end is as it was set (active, unrated); a goal with none at
    all is as its row says (the caller's: it may be from before updates were kept)."""
    bounds = period.bounds()
    unchanged = GoalAtEnd("active", None, None)
    found: dict[int, GoalAtEnd] = {}
    rows = db.execute(
        "SELECT goal_id, updated_on, status, attainment FROM goal_updates ORDER BY goal_id, updated_on, id"
    )
    for goal_id, on, status, attainment in rows:
        before = found.get(goal_id, unchanged)
        if on > bounds["end"]:
            found[goal_id] = before
            continue
        now = on if status == "achieved" != before.status and on >= bounds["start"] else None
        found[goal_id] = GoalAtEnd(status, before.attainment if attainment is None else attainment,
                                   before.achieved_on or now)  # fmt: skip
    return found


def discharged_at_end(db: Database, period: Period) -> dict[int, tuple[str, str | None, str]]:
    """Who was discharged on the period's last day: each one's discharge then (date, reason code, reason), from the
    history, so a discharge after the period, or a readmission, does not show through."""
    end = period.bounds()["end"]
    rows = db.execute(
        """SELECT participant_id, discharged_on, reason_code, reason FROM discharges
           WHERE discharged_on <= ? AND (readmitted_on IS NULL OR readmitted_on > ?)
           ORDER BY participant_id, discharged_on, id""",
        [end, end],
    )
    return {pid: (on, code, reason) for pid, on, code, reason in rows}  # the latest of each, by the order


def period_values(db: Database, period: Period, date: Callable[[Any], Any]) -> dict[str, Callable[[Any], Any]]:
    """How a de-identified export makes the values that depend on the period (`date`: how it writes a date):
    whether a date is in it, and a person's discharge and a goal's status as the period leaves them. Without a
    period, as they are now."""
    from peertool.people.discharges import reason_code

    bounded = period.as_dict() is not None
    stays = discharged_at_end(db, period) if bounded else {}
    goals = goals_at_end(db, period)

    def stay(raw: dict[str, Any]) -> tuple[str, str | None, str] | None:
        if bounded:
            return stays.get(raw["id"])
        if raw.get("status") != "discharged":
            return None
        return raw["discharged_on"], raw.get("discharge_reason_code"), raw.get("discharge_reason") or ""

    def goal(raw: dict[str, Any]) -> GoalAtEnd:
        # With no update an achievement has no date of its own: all time counts it, on the day the goal was set.
        kept = raw.get("created_on") if raw["status"] == "achieved" and not bounded else None
        return goals.get(raw["id"]) or GoalAtEnd(raw["status"], raw.get("attainment"), kept)

    def code(raw: dict[str, Any]) -> str | None:
        found = stay(raw)
        return None if found is None else found[1] or reason_code(found[2])

    return {
        "in_period": lambda day: int(period.holds(day)),
        "end:status": lambda raw: "active" if stay(raw) is None else "discharged",
        "end:discharged_on": lambda raw: date(None if (found := stay(raw)) is None else found[0]),
        "code:discharge": code,
        "end:goal_status": lambda raw: goal(raw).status,
        "end:goal_attainment": lambda raw: goal(raw).attainment,
        "end:goal_achieved": lambda raw: int(goal(raw).achieved_on is not None),
    }
