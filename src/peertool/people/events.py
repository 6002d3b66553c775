"""Events a person's record must hold: an escalation toward a crisis, a referral made, a hospitalization, the
return from one (re-entry into the community), an incident.

Each is dated like every record of what happened (not after today without
`future`, never before the enrollment) and attributed to the user the
operating system names, as the audit log does. A hospitalization is open
until a return closes it: a return closes the person's latest open stay
that began on or before its date, and a return with no stay open is refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from peertool import validate
from peertool.db.connection import Database
from peertool.db.refs import by_id
from peertool.db.store import insert, write
from peertool.errors import InvalidInput
from peertool.people.scope import resolve_participant
from peertool.vocab import EVENT_KINDS

if TYPE_CHECKING:
    from peertool.people.shapes import EventBrief, Named

# A stay's return, if any: the one event that closes it.
_SELECT = """SELECT e.id, e.participant_id, p.name, e.kind, e.happened_on, e.to_text, e.note, e.recorded_by,
                    e.closes_id, r.happened_on
             FROM events e JOIN participants p ON p.id = e.participant_id
             LEFT JOIN events r ON r.closes_id = e.id"""


class Event(TypedDict):
    """An item of `event list` (also `event add`)."""

    id: int
    participant: Named
    kind: str
    date: str
    to: str | None
    note: str | None
    recorded_by: str
    open: bool | None  # a hospitalization: true until a return closes it; null for every other kind
    closed_on: str | None  # a closed hospitalization: the date of the return
    closes: int | None  # a return: the hospitalization it closes


def add_event(
    db: Database,
    ref: object,
    *,
    kind: str,
    to: str | None = None,
    note: str | None = None,
    on: str | None = None,
    future: bool = False,
) -> Event:
    """Record an event on `on` (default today); a return closes the latest hospitalization still open."""
    row: dict[str, Any] = {
        "kind": validate.choice("kind", kind, EVENT_KINDS),
        "happened_on": validate.not_after_today("date", validate.date_or_today("date", on), future=future),
        "to_text": validate.text("to", to, max_len=200),
        "note": validate.text("note", note),
        "recorded_by": db.audit_user(),
    }
    with write(db):
        person = resolve_participant(db, ref)
        if row["happened_on"] < person["enrolled_on"]:
            raise InvalidInput(f"date: {row['happened_on']} is before they enrolled on {person['enrolled_on']}.")
        if row["kind"] == "return":
            row["closes_id"] = _stay_to_close(db, person["id"], row["happened_on"])
        event_id = insert(db, "events", {"participant_id": person["id"], **row})
    return get_event(db, event_id)


def _stay_to_close(db: Database, pid: int, day: str) -> int:
    """The person's latest hospitalization on or before `day` that no return has closed."""
    found = db.execute(
        """SELECT e.id FROM events e WHERE e.participant_id = ? AND e.kind = 'hospitalization'
           AND e.happened_on <= ? AND NOT EXISTS (SELECT 1 FROM events r WHERE r.closes_id = e.id)
           ORDER BY e.happened_on DESC, e.id DESC LIMIT 1""",
        [pid, day],
    ).fetchone()
    if found is None:
        raise InvalidInput(
            f"participant {pid} has no open hospitalization on or before {day} for a return to close.",
            hint=f"Record the stay first: peertool event add {pid} --kind hospitalization --date D",
        )
    return int(found[0])


def get_event(db: Database, event_id: object) -> Event:
    """One event; NotFound for an id that is not one."""
    return _record(by_id(db, _SELECT + " WHERE e.id = ?", event_id, "event")[0])


def list_events(db: Database, ref: object | None = None) -> list[Event]:
    """Events of one person or everyone, in the order they happened."""
    where, params = "", []
    if ref is not None:
        where, params = " WHERE e.participant_id = ?", [resolve_participant(db, ref)["id"]]
    return [_record(row) for row in db.execute(_SELECT + where + " ORDER BY e.happened_on, e.id", params)]


def _record(row: tuple[Any, ...]) -> Event:
    eid, pid, name, kind, on, to, note, recorded_by, closes, returned_on = row
    stay = kind == "hospitalization"
    return {
        "id": eid,
        "participant": {"id": pid, "name": name},
        "kind": kind,
        "date": on,
        "to": to,
        "note": note,
        "recorded_by": recorded_by,
        "open": returned_on is None if stay else None,
        "closed_on": returned_on if stay else None,
        "closes": closes,
    }


def recent(db: Database, pids: list[int], *, since: str, until: str) -> list[EventBrief]:
    """The events of these people from `since` to `until`, and any hospitalization still open on `until`
    (whenever it began), by kind and date only, in the order they happened."""
    if not pids:
        return []
    rows = db.execute(
        f"""SELECT e.participant_id, p.name, e.kind, e.happened_on, CASE WHEN e.kind = 'hospitalization' THEN
                NOT EXISTS (SELECT 1 FROM events r WHERE r.closes_id = e.id AND r.happened_on <= ?) END
            FROM events e JOIN participants p ON p.id = e.participant_id
            WHERE e.participant_id IN ({",".join("?" * len(pids))}) AND e.happened_on <= ?
            ORDER BY e.happened_on, e.id""",
        [until, *pids, until],
    ).fetchall()
    return [
        {"id": pid, "name": name, "kind": kind, "date": on, "open": None if still is None else bool(still)}
        for pid, name, kind, on, still in rows
        if on >= since or still
    ]
