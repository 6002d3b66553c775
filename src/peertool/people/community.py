"""Community education: a peer specialist's contact with community providers or natural supports (family,
friends, a faith community) about recovery and peer support, with no enrolled person.

The service definition names it as one of the six interventions. It is
counted (`report`, by the group it was for), never billed: the units it
would make are shown with `billed: false`, as no one's record holds it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from peertool import validate
from peertool.db.connection import Database
from peertool.db.store import insert, write
from peertool.errors import InvalidInput
from peertool.people.attribution import JOIN_STAFF, STAFF_COLUMNS, attribute, made_by
from peertool.people.scope import resolve_group
from peertool.vocab import AUDIENCES, COMMUNITY_EDUCATION, CONTACT_MODES

if TYPE_CHECKING:
    from peertool.people.shapes import Named, StaffBrief
    from peertool.settings import Settings

_SELECT = f"""SELECT c.*, g.name AS group_name, {STAFF_COLUMNS} FROM community_contacts c
               LEFT JOIN peer_groups g ON g.id = c.group_id {JOIN_STAFF.format(alias="c")}"""


class CommunityContact(TypedDict):
    """An item of `contact list` (also `contact add`)."""

    id: int
    date: str
    minutes: int
    units: int | float | None
    billed: bool
    mode: str
    audience: str
    location: str | None
    group: Named | None
    interventions: list[str]
    text: str | None
    staff: StaffBrief | None  # who made it; None: no one (no staff defined)


def add_community(
    db: Database,
    *,
    minutes: int,
    settings: Settings,
    audience: str = "providers",
    mode: str | None = None,
    date: str | None = None,
    text: str | None = None,
    location: str | None = None,
    group: object = None,
    future: bool = False,
    staff: str | None = None,
) -> CommunityContact:
    """Record one community education contact (today, in person, with providers, unless said otherwise; after
    today only if `future`), made by `staff` (a name) or the current staff member once staff are defined."""
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 1440:
        raise InvalidInput("minutes: must be a whole number of minutes from 1 to 1440.")
    row: dict[str, Any] = {
        "noted_on": validate.not_after_today("date", validate.date_or_today("date", date), future=future),
        "minutes": minutes,
        "mode": validate.choice("mode", mode or "in-person", CONTACT_MODES),
        "audience": validate.choice("audience", audience, AUDIENCES),
        "location": validate.text("location", location, max_len=500) or None,
        "text": validate.text("text", text, max_len=10_000) or None,
    }
    with write(db):
        row["group_id"] = None if group is None else resolve_group(db, group)["id"]
        contact_id = insert(db, "community_contacts", attribute(db, row, staff))
    return _as_dict(next(db.query(_SELECT + " WHERE c.id = ?", [contact_id])), settings)


def list_community(
    db: Database, settings: Settings, *, start: str | None = None, end: str | None = None
) -> list[CommunityContact]:
    """Community contacts between start and end (both optional, inclusive), oldest first."""
    first = validate.optional_date("from", start) or "0000-00-00"
    last = validate.optional_date("to", end) or "9999-12-31"
    rows = db.query(_SELECT + " WHERE c.noted_on BETWEEN ? AND ? ORDER BY c.noted_on, c.id", [first, last])
    return [_as_dict(row, settings) for row in rows]


def _as_dict(row: dict[str, Any], settings: Settings) -> CommunityContact:
    return {
        "id": row["id"],
        "date": row["noted_on"],
        "minutes": row["minutes"],
        "units": settings.units(row["minutes"]),
        "billed": False,
        "mode": row["mode"],
        "audience": row["audience"],
        "location": row["location"],
        "group": {"id": row["group_id"], "name": row["group_name"]} if row["group_id"] else None,
        "interventions": [COMMUNITY_EDUCATION],
        "text": row["text"],
        "staff": made_by(row),
    }
