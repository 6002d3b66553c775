"""What an export covers: which site it comes from, and which dates."""

from typing import TYPE_CHECKING

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

# How each table is cut to a period: by its own date, or by the date of the record it belongs to.
PERIOD = {
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
    "participants": "everyone the period's records point at; their own dates are columns",
    "peer_groups": "the groups the period's records point at",
    "memberships": "who was in which group, with both dates as columns",
    "goals": "a goal spans periods; its updates are cut to the period",
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

    def where(self, table: str) -> tuple[str, dict[str, str]]:
        """The WHERE clause (and its parameters) that cuts `table` to the period."""
        if table not in PERIOD or not (self.start or self.end):
            return "", {}
        return f" WHERE {PERIOD[table]}", {"start": self.start or "0000-00-00", "end": self.end or "9999-12-31"}
