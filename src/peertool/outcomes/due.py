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
seam, and nothing else here changes. Without staff the scope is everything; with staff, the
caller passes a caseload as a `Scope`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypedDict

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


def due_items(db: Database, settings: Settings, *, on: str, scope: Scope | None) -> list[DueItem]:
    """Everything due by `on` plus `AHEAD_DAYS`, of everyone (scope None) or of a scope's groups and people;
    grouped by person (a group's own items after them), then by kind in vocabulary order, then by date."""
    scoped = Scoped(db, settings, dt.date.fromisoformat(on), scope)
    items = [item for source in sources() for item in source(scoped) if item["due"] <= scoped.until.isoformat()]
    return sorted(items, key=_order)


def _order(item: DueItem) -> tuple[Any, ...]:
    person, group = item["participant"], item["group"]
    who = (0, person["name"].casefold(), person["id"]) if person else (1, group["name"].casefold() if group else "",
                                                                       group["id"] if group else 0)  # fmt: skip
    return (*who, DUE_KINDS.index(item["kind"]), item["due"], item["settle"])


def overdue(items: list[DueItem]) -> bool:
    """Whether anything listed is overdue: `due` exits 1 then, so a cron job can mail it."""
    return any(item["overdue"] for item in items)
