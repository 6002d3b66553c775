"""Support from the activity fund that is not an outing: a bus pass, a class fee, paid for one person.

Each payment counts in its group's `budget` beside the outings the fund paid
for. Its group is the one named (the person's that day: a member of it, or
for a drop-in enrolled in its program), else the group the person was in
that day; a person in no group that day is supported outside any group's
budget, which `support add` warns of. Support is dated within the person's
time in the program: not before their enrollment, nor after a discharge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peertool import validate
from peertool.db.store import insert, write
from peertool.errors import InvalidInput, shown
from peertool.people.scope import resolve_group, resolve_participant

if TYPE_CHECKING:
    from collections.abc import Callable

    from peertool.db.connection import Database
    from peertool.outcomes.shapes import AddedSupport, SupportRecord
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
) -> AddedSupport:
    """Record that the fund paid `amount` for participant REF, for `purpose`, on `date` (today unless given)."""
    row: dict[str, Any] = {
        "given_on": validate.not_after_today("date", validate.date_or_today("date", date), future=False),
        "amount_cents": validate.money("amount", amount),
        "purpose": validate.required_text("for", purpose),
        "note": validate.text("note", note),
    }
    if row["amount_cents"] <= 0:
        raise InvalidInput("amount: must be more than 0.00.")
    with write(db):
        person = resolve_participant(db, ref)
        _check_in_program(db, person, row["given_on"])
        group_id = _named_group(db, person, group, row["given_on"]) if group not in (None, "") else _group_on(
            db, person["id"], row)  # fmt: skip
        support_id = insert(db, "support", {"participant_id": person["id"], "group_id": group_id, **row})
    warnings = [] if group_id else [f"support {support_id} counts in no group's budget: participant {person['id']} "
                                    f"was in no group on {row['given_on']}."]  # fmt: skip
    return {**_read(db, " WHERE s.id = ?", [support_id])[0], "warnings": warnings}


def _check_in_program(db: Database, person: dict[str, Any], day: str) -> None:
    """Support is given within someone's time in the program: not before enrollment, nor after a discharge."""
    from peertool.people.discharges import discharged_before

    if day < person["enrolled_on"]:
        raise InvalidInput(f"date: {day} is before participant {person['id']} enrolled on {person['enrolled_on']}.")
    gone = discharged_before(db, person["id"], day)
    if gone:
        raise InvalidInput(f"date: participant {person['id']} was discharged on {gone}, before {day}.")


def _named_group(db: Database, person: dict[str, Any], ref: object, day: str) -> int:
    """The group `--group` names, when it was the person's on the day: its member then, or for a drop-in
    enrolled in its program; else its fund did not pay for them, and a budget would count a stranger."""
    from peertool.people.enrollments import enrolled
    from peertool.people.scope import members
    from peertool.programs import is_drop_in

    group = resolve_group(db, ref)
    if day < group["start_on"]:
        raise InvalidInput(f"date: {day} is before group {group['id']} started on {group['start_on']}.")
    if is_drop_in(group):
        theirs = person["id"] in enrolled(db, group["program"], day)
        was_not = f"was not enrolled in its program {shown(group['program'])}"
    else:
        theirs = any(member["id"] == person["id"] for member in members(db, group["id"], day))
        was_not = f"was not a member of group {group['id']}"
    if not theirs:
        raise InvalidInput(
            f"--group: participant {person['id']} {was_not} on {day}.",
            hint="Leave out --group: support counts in the group they were in that day, if any.",
        )
    return int(group["id"])


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
