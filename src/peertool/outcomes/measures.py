"""Outcome measures taken over time: recording them, listing them, and who is due for one.

A measure stores the answers and the score they made when it was taken, so
a figure in a report can be traced to the answers behind it. The program's
`measures` setting says which instruments are due: at enrollment, then every
N months after it, on dates anchored to the enrollment date.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypedDict

from peertool import validate
from peertool.dates import add_months
from peertool.db.connection import Database
from peertool.db.ids import in_ids
from peertool.db.refs import by_id
from peertool.db.store import insert, write
from peertool.errors import InvalidInput
from peertool.outcomes import instruments as kit
from peertool.people.attribution import JOIN_STAFF, attribute, made_by_values
from peertool.people.scope import resolve_participant

if TYPE_CHECKING:
    from peertool.outcomes.shapes import MeasureDue
    from peertool.people.shapes import Deleted, Named, StaffBrief
    from peertool.settings import Settings

# A measure taken up to this many days before its due date counts for it.
EARLY_DAYS = 14

_SELECT = f"""SELECT m.id, m.participant_id, p.name, m.instrument, m.taken_on, m.answers, m.score, m.staff_id,
             st.name, st.credential FROM measures m JOIN participants p ON p.id = m.participant_id
             {JOIN_STAFF.format(alias="m")}"""


class Measure(TypedDict):
    """An item of `measure list` (also `measure add`)."""

    id: int
    participant: Named
    instrument: str
    date: str
    answers: list[int]
    score: float
    percent: float | None
    low: bool | None
    subscales: dict[str, float]
    staff: StaffBrief | None  # who took it (`--staff NAME`, else the current staff member); None: no one


def add_measure(
    db: Database,
    settings: Settings,
    ref: object,
    instrument: str,
    answers: object,
    *,
    on: str | None = None,
    future: bool = False,
    staff: str | None = None,
) -> Measure:
    """Score and record one measure (made by `staff`, a name, or the current staff member once staff are
    defined); answers out of count or range, or a date after today without `future`, change nothing (exit 1)."""
    known = kit.load(settings)
    chosen = kit.find(known, str(instrument))
    values = kit.parse_answers(chosen, answers)
    day = validate.not_after_today("date", validate.date_or_today("date", on), future=future)
    with write(db):
        person = resolve_participant(db, ref)
        if day < person["enrolled_on"]:
            raise InvalidInput(f"date: {day} is before their enrollment on {person['enrolled_on']}.")
        row = {
            "participant_id": person["id"],
            "instrument": chosen["id"],
            "taken_on": day,
            "answers": json.dumps(values),
            "score": kit.score(chosen, values)["score"],
        }
        measure_id = insert(db, "measures", attribute(db, row, staff))
    return get_measure(db, settings, measure_id, known)


def get_measure(
    db: Database, settings: Settings, measure_id: object, known: dict[str, kit.Instrument] | None = None
) -> Measure:
    """One measure; NotFound for an id that is not one."""
    row = by_id(db, _SELECT + " WHERE m.id = ?", measure_id, "measure")[0]
    return _record(row, known if known is not None else kit.load(settings))


def list_measures(
    db: Database, settings: Settings, ref: object | None = None, *, instrument: str | None = None
) -> list[Measure]:
    """Measures of one person or everyone, optionally of one instrument, oldest first."""
    known = kit.load(settings)
    where, params = [], []
    if ref is not None:
        where.append("m.participant_id = ?")
        params.append(resolve_participant(db, ref)["id"])
    if instrument is not None:
        where.append("m.instrument = ?")
        params.append(kit.find(known, instrument)["id"])
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY m.taken_on, m.id"
    return [_record(row, known) for row in db.execute(sql, params)]


def delete_measure(db: Database, settings: Settings, measure_id: object, *, confirm: Callable[[str], bool]) -> Deleted:
    """Erase a measure recorded in error (audited); a mistyped answer is put right by deleting and adding again."""
    with write(db):
        found = get_measure(db, settings, measure_id)
        if not confirm(f"Erase measure {found['id']}?"):
            raise InvalidInput("nothing was erased.")
        db.execute("DELETE FROM measures WHERE id = ?", [found["id"]])
    return {"id": found["id"], "deleted": True}


def _record(row: tuple[Any, ...], known: dict[str, kit.Instrument]) -> Measure:
    measure_id, pid, name, instrument, taken_on, answers, total, *made = row
    definition = known.get(kit.key(instrument))
    values = json.loads(answers)
    # subscales from the answers, while they still fit the instrument (a program may have changed its file)
    scored = kit.score(definition, values) if definition and len(values) == definition["items"] else None
    return {
        "id": measure_id,
        "participant": {"id": pid, "name": name},
        "instrument": instrument,
        "date": taken_on,
        "answers": values,
        "score": kit.number(total),
        "percent": kit.percent(definition, total),
        "low": kit.low(definition, total),
        "subscales": scored["subscales"] if scored else {},
        "staff": made_by_values(made),
    }


def due(db: Database, settings: Settings, people: Sequence[Mapping[str, Any]], until: dt.date, *,
        everyone: bool = False) -> list[MeasureDue]:  # fmt: skip
    """Who is due a measure by `until`: the latest scheduled date (enrollment, then every N months) on or before
    it that no measure of that instrument has answered (one taken up to 14 days early counts). `everyone`:
    `people` are every active participant."""
    if not settings.measures or not people:
        return []
    known = kit.load(settings)
    where, ids = in_ids("participant_id", None if everyone else [p["id"] for p in people])
    last = {
        (pid, kit.key(instrument)): taken
        for pid, instrument, taken in db.execute(
            f"""SELECT participant_id, instrument, max(taken_on) FROM measures WHERE TRUE {where}
                GROUP BY participant_id, instrument""",
            ids,
        )
    }
    schedule = [(kit.find(known, entry["instrument"])["id"], entry["every_months"]) for entry in settings.measures]
    found: list[MeasureDue] = []
    for person in people:
        for instrument, every in schedule:
            point = _latest_point(dt.date.fromisoformat(person["enrolled_on"]), every, until)
            taken = last.get((person["id"], kit.key(instrument)))
            if point is not None and (taken is None or taken < (point - dt.timedelta(days=EARLY_DAYS)).isoformat()):
                found.append(
                    {"id": person["id"], "name": person["name"], "instrument": instrument, "due": str(point),
                     "last": taken}
                )  # fmt: skip
    return found


def _latest_point(enrolled: dt.date, every: int | None, until: dt.date) -> dt.date | None:
    """The latest scheduled date on or before `until`: enrollment, then each `every` months after it."""
    if enrolled > until:
        return None
    if every is None:
        return enrolled
    months = (until.year - enrolled.year) * 12 + until.month - enrolled.month
    steps = months // every
    while steps > 0 and add_months(enrolled, steps * every) > until:
        steps -= 1
    return add_months(enrolled, steps * every)
