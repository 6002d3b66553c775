"""Natural supports and community connections: the people, groups, places and roles a participant builds ties
with outside the program, the arc from partner to solo outings to friendships beyond the group.

A connection is mainstream (open to everyone: a book club, a place of
worship) or program (for people in services: a drop-in centre, a peer
group); the share that are mainstream is the pathway into mainstream
community the program describes. A connection that ends keeps its dates.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypedDict

from peertool import validate
from peertool.db.connection import Database
from peertool.db.refs import by_id
from peertool.db.store import insert, write
from peertool.errors import InvalidInput
from peertool.people.scope import resolve_participant
from peertool.vocab import CONNECTION_KINDS

if TYPE_CHECKING:
    from peertool.people.shapes import Named

SETTINGS = ("mainstream", "program")

_SELECT = """SELECT c.id, c.participant_id, p.name, c.text, c.kind, c.setting, c.started_on, c.ended_on
             FROM connections c JOIN participants p ON p.id = c.participant_id"""


class Connection(TypedDict):
    """An item of `connection list` (also `connection add`, `connection end`)."""

    id: int
    participant: Named
    text: str
    kind: str
    setting: str | None
    started_on: str
    ended_on: str | None
    active: bool


class Split(TypedDict):
    """Connections active on a day by setting; the mainstream share is of those classified (None: none are), so
    an unclassified one never lowers it: it is counted apart, to be classified with `connection edit`."""

    active: int
    mainstream: int
    program: int
    unclassified: int
    mainstream_share: float | None


class _MonthKey(TypedDict):
    month_end: str


class MonthEnd(_MonthKey, Split):
    """The connections active at one month's end, by setting."""


class Ties(Split):
    """A person's connections active on a day, by setting and kind (counts only, never the text), and at each
    month's end."""

    kinds: dict[str, int]
    by_month: list[MonthEnd]


def add_connection(
    db: Database,
    ref: object,
    text: str,
    *,
    kind: str,
    setting: str | None = None,
    on: str | None = None,
    future: bool = False,
) -> Connection:
    """Record a new tie, from `on` (default today; after today only if `future`)."""
    row = {
        "text": validate.required_text("text", text, max_len=200),
        "kind": validate.choice("kind", kind, CONNECTION_KINDS),
        "setting": None if setting is None else validate.choice("setting", setting, SETTINGS),
        "started_on": validate.not_after_today("date", validate.date_or_today("date", on), future=future),
    }
    with write(db):
        person = resolve_participant(db, ref)
        connection_id = insert(db, "connections", {"participant_id": person["id"], **row})
    return get_connection(db, connection_id)


def end_connection(db: Database, connection_id: object, *, on: str | None = None, future: bool = False) -> Connection:
    """Mark a tie as ended on `on` (default today; after today only if `future`); it stays in the history."""
    day = validate.not_after_today("date", validate.date_or_today("date", on), future=future)
    with write(db):
        found = get_connection(db, connection_id)
        if found["ended_on"] is not None:
            raise InvalidInput(f"connection {found['id']} already ended on {found['ended_on']}.")
        if day < found["started_on"]:
            raise InvalidInput(f"date: {day} is before the connection began on {found['started_on']}.")
        db.execute("UPDATE connections SET ended_on = ? WHERE id = ?", [day, found["id"]])
    return get_connection(db, found["id"])


def classify(db: Database, connection_id: object, setting: str) -> Connection:
    """Set a connection's setting, mainstream or program: one left unclassified is counted apart from the share."""
    chosen = validate.choice("setting", setting, SETTINGS)
    with write(db):
        found = get_connection(db, connection_id)
        db.execute("UPDATE connections SET setting = ? WHERE id = ?", [chosen, found["id"]])
    return get_connection(db, found["id"])


def get_connection(db: Database, connection_id: object) -> Connection:
    """One connection; NotFound for an id that is not one."""
    return _record(by_id(db, _SELECT + " WHERE c.id = ?", connection_id, "connection")[0])


def list_connections(db: Database, ref: object | None = None, *, active: bool = False) -> list[Connection]:
    """Connections of one person or everyone (only those not ended, with `active`), oldest first."""
    where, params = [], []
    if ref is not None:
        where.append("c.participant_id = ?")
        params.append(resolve_participant(db, ref)["id"])
    if active:
        where.append("c.ended_on IS NULL")
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY c.started_on, c.id"
    return [_record(row) for row in db.execute(sql, params)]


def _record(row: tuple[Any, ...]) -> Connection:
    cid, pid, name, text, kind, setting, started_on, ended_on = row
    return {
        "id": cid,
        "participant": {"id": pid, "name": name},
        "text": text,
        "kind": kind,
        "setting": setting,
        "started_on": started_on,
        "ended_on": ended_on,
        "active": ended_on is None,
    }


def summaries(db: Database, ids: list[int], month_ends: list[str], on: str) -> dict[int, Ties]:
    """Per person: connections active on `on` by setting and kind, the mainstream share, and the count active at
    each month's end (kinds and counts only, never the text)."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    ties: dict[int, list[tuple[str, str | None, str, str | None]]] = {pid: [] for pid in ids}
    for pid, kind, setting, started_on, ended_on in db.execute(
        f"""SELECT participant_id, kind, setting, started_on, ended_on FROM connections
            WHERE participant_id IN ({marks})""",
        ids,
    ):
        ties[pid].append((kind, setting, started_on, ended_on))
    found: dict[int, Ties] = {}
    for pid, own in ties.items():
        now = [t for t in own if _active(t[2], t[3], on)]
        found[pid] = {
            **split([t[1] for t in now]),
            "kinds": {kind: sum(1 for t in now if t[0] == kind) for kind in CONNECTION_KINDS},
            "by_month": [{"month_end": end, **split([t[1] for t in own if _active(t[2], t[3], end)])}
                         for end in month_ends],
        }  # fmt: skip
    return found


def split(settings: list[str | None]) -> Split:
    """Count connections by setting (given the setting of each one active)."""
    mainstream, program = settings.count("mainstream"), settings.count("program")
    return counted(len(settings), mainstream, program)


def counted(active: int, mainstream: int, program: int) -> Split:
    """The split from its counts: the unclassified are the rest; the share is of the classified only."""
    classified = mainstream + program
    return {
        "active": active,
        "mainstream": mainstream,
        "program": program,
        "unclassified": active - classified,
        "mainstream_share": round(mainstream / classified, 3) if classified else None,
    }


def unclassified(db: Database, ids: list[int], days: list[str]) -> list[int]:
    """The ids of these people's connections with no setting that were active on any of `days` (so counted
    apart in some figure), to be classified with `connection edit`."""
    marks = ",".join("?" * len(ids))
    rows = db.execute(
        f"""SELECT id, started_on, ended_on FROM connections WHERE setting IS NULL AND participant_id IN ({marks})
            ORDER BY id""",
        ids,
    )
    return [cid for cid, started_on, ended_on in rows if any(_active(started_on, ended_on, day) for day in days)]


def _active(started_on: str, ended_on: str | None, day: str) -> bool:
    return started_on <= day and (ended_on is None or ended_on > day)


def month_ends(start: str, end: str) -> list[str]:
    """The last day of each calendar month from `start` to `end` (the last one is `end` itself)."""
    from peertool.dates import add_months

    first = dt.date.fromisoformat(start).replace(day=1)
    stop = dt.date.fromisoformat(end)
    ends = []
    while first <= stop:
        last = add_months(first, 1) - dt.timedelta(days=1)
        ends.append(min(last, stop).isoformat())
        first = add_months(first, 1)
    return ends
