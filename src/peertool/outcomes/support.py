"""Support from the activity fund that is not an outing: a bus pass, a class fee, paid for one person.

Each payment counts in its group's `budget` beside the outings the fund paid
for. Its group is the one named, else the group the person was in that day;
a person in no group that day is supported outside any group's budget.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peertool import validate
from peertool.db.store import insert, write
from peertool.errors import InvalidInput
from peertool.people.scope import resolve_group, resolve_participant

if TYPE_CHECKING:
    from collections.abc import Callable

    from peertool.db.connection import Database
    from peertool.outcomes.shapes import SupportRecord
    from peertool.people.shapes import Deleted

_SELECT = """SELECT s.id, p.id, p.name, g.name, s.group_id, s.given_on, s.amount_cents, s.purpose, s.note
             FROM support s JOIN participants p ON p.id = s.participant_id
             LEFT JOIN peer_groups g ON g.id = s.group_id"""


def add_support(
    db: Database,
    ref: object,
    amount: object,
    *,
    purpose: str,
    date: str | None = None,
    note: str | None = None,
    group: object = None,
) -> SupportRecord:
    """Record that the fund paid `amount` for participant REF, for `purpose`, on `date` (today unless given)."""
    row: dict[str, Any] = {
        "given_on": validate.not_after_today("date", validate.date_or_today("date", date), future=False),
        "amount_cents": validate.money("amount", amount),
        "purpose": validate.required_text("for", purpose),
        "note": validate.text("note", note),
    }
    if row["amount_cents"] <= 0:
        raise InvalidInput("amount: support is more than 0.00.")
    with write(db):
        person = resolve_participant(db, ref)
        group_id = resolve_group(db, group)["id"] if group not in (None, "") else _group_on(db, person["id"], row)
        support_id = insert(db, "support", {"participant_id": person["id"], "group_id": group_id, **row})
    return _read(db, " WHERE s.id = ?", [support_id])[0]


def _group_on(db: Database, pid: int, row: dict[str, Any]) -> int | None:
    """The group the person was a member of on the day, if any (the latest joined)."""
    found = db.execute(
        """SELECT group_id FROM memberships WHERE participant_id = ? AND joined_on <= ?
           AND (left_on IS NULL OR left_on >= ?) ORDER BY joined_on DESC, id DESC LIMIT 1""",
        [pid, row["given_on"], row["given_on"]],
    ).fetchone()
    return int(found[0]) if found else None


def list_support(
    db: Database, ref: object = None, *, group: object = None, start: str | None = None, end: str | None = None
) -> list[SupportRecord]:
    """Support given, oldest first: to one participant, or within one group, between `start` and `end`."""
    if ref not in (None, "") and group not in (None, ""):
        raise InvalidInput("give a participant or --group, not both.")
    conditions = ["s.given_on BETWEEN ? AND ?"]
    params: list[Any] = [validate.optional_date("from", start) or "0000-00-00",
                         validate.optional_date("to", end) or "9999-12-31"]  # fmt: skip
    if ref not in (None, ""):
        conditions.append("s.participant_id = ?")
        params.append(resolve_participant(db, ref)["id"])
    if group not in (None, ""):
        conditions.append("s.group_id = ?")
        params.append(resolve_group(db, group)["id"])
    return _read(db, " WHERE " + " AND ".join(conditions), params)


def _read(db: Database, where: str, params: list[Any]) -> list[SupportRecord]:
    return [
        {"id": sid, "participant_id": pid, "name": name, "group": group, "group_id": gid, "date": on,
         "amount": validate.cents_text(cents), "purpose": purpose, "note": note}
        for sid, pid, name, group, gid, on, cents, purpose, note in db.execute(
            _SELECT + where + " ORDER BY s.given_on, s.id", params
        )
    ]  # fmt: skip


def delete_support(db: Database, support_id: object, *, confirm: Callable[[str], bool]) -> Deleted:
    """Erase support recorded in error (a double entry, say)."""
    from peertool.db.refs import by_id

    with write(db):
        found = by_id(db, "SELECT id FROM support WHERE id = ?", support_id, "support")[0][0]
        if not confirm(f"Erase support {found}?"):
            raise InvalidInput("nothing was erased.")
        db.execute("DELETE FROM support WHERE id = ?", [found])
    return {"id": found, "deleted": True}
