"""One list of what is due or overdue (`peertool due`), drawn from the same rules `prep` and `note lint` use.

Each kind of item comes from one source, a function of a `Scoped` (the
database, the settings, the day asked about and who is in scope) returning
`DueItem`s; `sources` lists them all, from each module's `SOURCES`
(`due_people`: a person's records; `due_groups`: a group's meetings and
members). An item is listed when it falls due within
`AHEAD_DAYS` of the day asked about, and is overdue when its date is before
that day. `settle` is the command that settles it, naming people and groups
by id (an id is never ambiguous, and needs no quoting).

The co-signature and supervision sources come with supervision (issue 28,
parts 3 and 4): their module's `SOURCES` is added in `sources`, the one
seam, and nothing else here changes. Without staff the scope is everything; with staff, a caseload
(`scope_of`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypedDict

from peertool.outcomes.due_scope import Scoped
from peertool.vocab import DUE_KINDS

if TYPE_CHECKING:
    from peertool.db.connection import Database
    from peertool.outcomes.due_scope import DueItem, Scope, Source
    from peertool.settings import Settings


class Due(TypedDict):
    """`due`."""

    items: list[DueItem]


def sources() -> list[Source]:
    """Every source of items, in the order of `vocab.DueKind` (cosign and supervision join with supervision)."""
    from peertool.outcomes import due_groups, due_people, due_supervision

    return [*due_people.SOURCES, *due_supervision.SOURCES, *due_groups.SOURCES]


def scope_of(db: Database, name: str | None) -> Scope | None:
    """Whose items `due` lists: the caseload of staff member `name`, else of the current member; everything
    (None) without staff, and for a director, whose caseload is everything (no list of every id to pass).
    With staff defined, no `name` and nobody logged in as staff: InvalidInput (exit 1) says how to choose."""
    from peertool.people.staff import caseload, current_staff, get_staff, staff_defined, unknown_login

    if not staff_defined(db):
        return None
    member = get_staff(db, name) if name is not None else current_staff(db)
    if member is None:
        raise unknown_login(
            db, "there is no caseload", "Name one with --staff NAME, list everything with --all, or give"
        )
    if member["role"] == "director":
        return None
    own = caseload(db, member["id"])  # their own short month is for someone above them to settle
    return {"groups": own["groups"], "people": own["people"], "team": [s for s in own["team"] if s != member["id"]]}


def due_items(db: Database, settings: Settings, *, on: str, scope: Scope | None) -> list[DueItem]:
    """Everything due by `on` plus `AHEAD_DAYS`, of everyone (scope None) or of a scope's groups and people;
    grouped by person (a group's own items after them), then by kind in vocabulary order, then by date.

    Items are put in kind order, each kind sorted by date (and settle line) with a key read in C; then one stable
    sort by whose item it is keeps that order within each person's items (`due --all` sorts tens of thousands)."""
    from operator import itemgetter

    scoped = Scoped(db, settings, dt.date.fromisoformat(on), scope)
    last = scoped.until.isoformat()
    by_kind: dict[str, list[DueItem]] = {kind: [] for kind in DUE_KINDS}
    for source in sources():
        for item in source(scoped):
            if item["due"] <= last:
                by_kind[item["kind"]].append(item)
    by_date = itemgetter("due", "settle")
    items = [item for kind in DUE_KINDS for item in sorted(by_kind[kind], key=by_date)]
    whose: dict[int, tuple[int, str, int]] = {}  # each person's or group's place, worked out once
    items.sort(key=lambda item: _whose(item, whose))
    return items


def _whose(item: DueItem, known: dict[int, tuple[int, str, int]]) -> tuple[int, str, int]:
    """A person's place (their name, then id), or after everyone a group's (a group's key is its negative id)."""
    person, group = item["participant"], item["group"]
    key = person["id"] if person else -1 - (group["id"] if group else 0)
    place = known.get(key)
    if place is None:
        named = person or group
        place = known[key] = (0 if person else 1, named["name"].casefold() if named else "", abs(key))
    return place


def overdue(items: list[DueItem]) -> bool:
    """Whether anything listed is overdue: `due` exits 1 then, so a cron job can mail it."""
    return any(item["overdue"] for item in items)
