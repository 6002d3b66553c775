"""Exports of everything, optionally de-identified.

De-identified, participants are known only by a stable pseudonym (an HMAC of
their id under a key kept in the database, so the same person has the same
pseudonym in every export of that database, and it cannot be reversed
without the file). Names, phones, emails and external ids are left out, and
so are free-text notes unless asked for; text that is kept has every
participant's name, phone and email replaced.
"""

import hashlib
import hmac
import re
from collections.abc import Callable
from typing import Any

from sqlite_utils import Database

from peertool.clock import now_utc_text

Rows = list[dict[str, Any]]

TABLES = (
    "participants",
    "peer_groups",
    "memberships",
    "goals",
    "goal_updates",
    "pairings",
    "pairing_pairs",
    "team_breaks",
    "meetings",
    "attendance",
    "meeting_threads",
    "contact_notes",
    "outings",
    "outing_people",
    "reviews",
    "audit",
)
CONTACT_COLUMNS = {"participants": ("name", "name_key", "phone", "email", "external_id")}
NOTE_COLUMNS = {
    "participants": ("discharge_reason",),
    "meetings": ("notes",),
    "contact_notes": ("text",),
    "goal_updates": ("note",),
    "reviews": ("note",),
    "team_breaks": ("reason",),
    "outings": ("note",),
}


def export_data(db: Database, *, deidentify: bool = False, include_notes: bool = False) -> dict[str, Any]:
    """Every table as a list of rows; de-identified on request."""
    from peertool.errors import InvalidInput

    if include_notes and not deidentify:
        raise InvalidInput("--include-notes goes with --deidentify (a full export always has the notes).")
    tables = {name: [dict(row) for row in db.query(f"SELECT * FROM {name} ORDER BY rowid")] for name in TABLES}
    if deidentify:
        _deidentify(db, tables, include_notes)
    return {"exported_at": now_utc_text(), "deidentified": deidentify, "tables": tables}


def pseudonym(key: str, participant_id: int) -> str:
    """A participant's stable pseudonym under the database's key: P- and 10 hex digits."""
    digest = hmac.new(key.encode(), str(participant_id).encode(), hashlib.sha256).hexdigest()
    return f"P-{digest[:10].upper()}"


def _deidentify(db: Database, tables: dict[str, Rows], include_notes: bool) -> None:
    key = db.execute("SELECT value FROM settings WHERE key = 'pseudonym_key'").fetchone()[0]
    people = tables["participants"]
    scrub = _scrubber(key, people)
    for person in people:
        person["pseudonym"] = pseudonym(key, person["id"])
    for name, rows in tables.items():
        dropped = set(CONTACT_COLUMNS.get(name, ())) | (set() if include_notes else set(NOTE_COLUMNS.get(name, ())))
        for row in rows:
            for column in dropped:
                row.pop(column, None)
            for column, value in row.items():
                if isinstance(value, str) and column != "pseudonym":
                    row[column] = scrub(value)


def _scrubber(key: str, people: Rows) -> Callable[[str], str]:
    """Replace every participant's name, phone and email in a text, longest first."""
    replacements = {}
    for person in people:
        replacements[person["name"].casefold()] = pseudonym(key, person["id"])
        for column in ("phone", "email"):
            if person.get(column):
                replacements[person[column].casefold()] = "[contact removed]"
    if not replacements:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(k) for k in sorted(replacements, key=len, reverse=True)), re.IGNORECASE)
    return lambda text: pattern.sub(lambda m: replacements.get(m.group(0).casefold(), "[removed]"), text)
