"""A program's activities: what it does with its people, on site or out in the city, and who came.

The Independence Program exposes people to "recreational, spiritual and
educational activities" and they "go out with peer support staff into the
city"; an IML group has its community events too. An activity belongs to a
group, has a kind (`vocab.ACTIVITY_KINDS`), a title, and may name its place,
the staff who went (free text until staff are modelled), whether it was in a
mainstream setting, and what it cost and who paid. Who came are the group's
people on the day: an IML group's members, a drop-in's enrolled. Money is kept
in exact cents; only what the fund paid counts in `budget` (`fund_spent`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from peertool import validate
from peertool.db.store import insert, write
from peertool.errors import InvalidInput
from peertool.people.attribution import JOIN_STAFF, attribute, made_by_values
from peertool.people.scope import load_group, resolve_group
from peertool.people.staff import get_staff
from peertool.program.visits import day_month, roster
from peertool.vocab import ACTIVITY_KINDS, PAID_BY, PaidBy

if TYPE_CHECKING:
    from collections.abc import Callable

    from peertool.db.connection import Database
    from peertool.people.shapes import Deleted, Named, StaffBrief
    from peertool.settings import Settings


class Activity(TypedDict):
    """An item of `activity list` (also `activity show`)."""

    id: int
    group: str
    group_id: int
    date: str
    kind: str
    title: str
    place: str | None
    mainstream: bool
    staff: str | None  # who went, as text (a staff member's name once staff are defined)
    staff_member: StaffBrief | None  # the staff member it names (`--staff NAME`, else who logged it); None: no one
    cost: str
    paid_by: str
    note: str | None
    people: list[Named]


class LoggedActivity(Activity):
    """`activity log`: the activity, and whether it looks like a double entry."""

    warnings: list[str]


def log_activity(
    db: Database,
    group_ref: object,
    *,
    kind: str,
    date: str,
    title: str,
    with_: list[str] | None = None,
    staff: str | None = None,
    place: str | None = None,
    mainstream: bool = False,
    cost: object = None,
    paid_by: str | None = None,
    note: str | None = None,
    future: bool = False,
    settings: Settings,
) -> LoggedActivity:
    """An activity of the group on `date` (after today only if `future`), with whoever came, if anyone yet."""
    row: dict[str, Any] = {
        "held_on": validate.not_after_today("date", validate.date("date", date), future=future),
        "kind": validate.choice("kind", kind, ACTIVITY_KINDS),
        "title": validate.required_text("title", title, max_len=200),
        "place": validate.text("place", place, max_len=200),
        "mainstream": int(bool(mainstream)),
        "staff": validate.no_controls("staff", validate.text("staff", staff, max_len=200)),
        **_payment(cost, paid_by),
        "note": validate.text("note", note),
    }
    refs = validate.refs(with_)
    with write(db):
        row = attribute(db, row, staff, text=True)
        if "staff_id" in row:  # with staff defined, the text is the name of the member it names
            row["staff"] = get_staff(db, row["staff_id"])["name"]
        group = resolve_group(db, group_ref)
        if row["held_on"] < group["start_on"]:
            raise InvalidInput(f"date: {row['held_on']} is before group {group['id']} started on {group['start_on']}.")
        day_month(group, row["held_on"], settings)  # an IML group's program year; a drop-in has none
        people = _people(db, group, refs, row["held_on"], settings)
        same = _same_activity(db, group["id"], row)
        activity_id = insert(db, "activities", {"group_id": group["id"], **row})
        db.executemany(
            "INSERT INTO activity_people (activity_id, participant_id) VALUES (?, ?)",
            [(activity_id, pid) for pid in people],
        )
    warnings = [f"activity {same} has the same date, kind and title; if this is a double entry, "
                f"remove it with `peertool activity delete {activity_id}`."] if same else []  # fmt: skip
    return {**get_activity(db, activity_id), "warnings": warnings}


def _payment(cost: object, paid_by: str | None) -> dict[str, Any]:
    """Cost in cents and who paid: a cost alone is the fund's, no cost is free; a free activity costs 0, and the
    fund never pays 0."""
    cents = validate.money("cost", cost) if cost not in (None, "") else 0
    if paid_by is None:
        payer = PaidBy.FUND.value if cents else PaidBy.FREE.value
    else:
        payer = validate.choice("paid-by", paid_by, PAID_BY)
    if payer == PaidBy.FREE and cents:
        raise InvalidInput("--paid-by free: a free activity has no cost; drop --cost or say who paid.")
    if payer == PaidBy.FUND and not cents:
        raise InvalidInput("--paid-by fund: a fund-paid activity needs --cost (e.g. --cost 12.50).")
    return {"cost_cents": cents, "paid_by": payer}


def _people(db: Database, group: dict[str, Any], refs: list[str], day: str, settings: Settings) -> list[int]:
    """The ids REFs name among the group's people on `day` (an IML group's members, a drop-in's enrolled), once
    each: inside a group's command a REF is one of its own, as an outing's or a meeting's are."""
    scope = roster(db, group["id"], day, settings) or load_group(db, group["id"], on=day)
    people: list[int] = []
    for ref in refs:
        person = scope.member(ref, "--with")
        if person["id"] in people:
            raise InvalidInput(f"--with: participant {person['id']} is named twice.")
        people.append(person["id"])
    return people


def _same_activity(db: Database, group_id: int, row: dict[str, Any]) -> int | None:
    """An activity already logged for the group with the same date, kind and title (any case), if any."""
    for aid, title in db.execute(
        "SELECT id, title FROM activities WHERE group_id = ? AND held_on = ? AND kind = ? ORDER BY id",
        [group_id, row["held_on"], row["kind"]],
    ):
        if title.casefold() == row["title"].casefold():
            return int(aid)
    return None


_SELECT = f"""SELECT a.id, g.name, a.group_id, a.held_on, a.kind, a.title, a.place, a.mainstream, a.staff,
    a.cost_cents, a.paid_by, a.note, p.id, p.name, a.staff_id, st.name, st.credential
    FROM activities a JOIN peer_groups g ON g.id = a.group_id {JOIN_STAFF.format(alias="a")}
    LEFT JOIN activity_people ap ON ap.activity_id = a.id LEFT JOIN participants p ON p.id = ap.participant_id"""


def _activities(db: Database, where: str, params: list[Any]) -> list[Activity]:
    """The activities `where` selects, oldest first, each with who came in the order they were logged."""
    found: dict[int, Activity] = {}
    for aid, group, gid, on, kind, title, place, mainstream, staff, cost, paid_by, note, pid, name, *made in db.execute(
        f"{_SELECT} WHERE {where} ORDER BY a.held_on, a.id, ap.rowid", params
    ):
        member = made_by_values(made)
        activity = found.setdefault(aid, {
            "id": aid, "group": group, "group_id": gid, "date": on, "kind": kind, "title": title, "place": place,
            "mainstream": bool(mainstream), "staff": staff, "staff_member": member, "cost": validate.cents_text(cost),
            "paid_by": paid_by, "note": note, "people": [],
        })  # fmt: skip
        if pid is not None:
            activity["people"].append({"id": pid, "name": name})
    return list(found.values())


def list_activities(
    db: Database, group_ref: object, *, start: str | None = None, end: str | None = None
) -> list[Activity]:
    """The group's activities from `start` to `end` (both optional, inclusive), oldest first."""
    first = validate.optional_date("from", start) or "0000-01-01"
    last = validate.optional_date("to", end) or "9999-12-31"
    validate.not_after(first, last)
    group = resolve_group(db, group_ref)
    return _activities(db, "a.group_id = ? AND a.held_on BETWEEN ? AND ?", [group["id"], first, last])


def _find(db: Database, activity_id: object) -> int:
    from peertool.db.refs import by_id

    return int(by_id(db, "SELECT id FROM activities WHERE id = ?", activity_id, "activity")[0][0])


def get_activity(db: Database, activity_id: object) -> Activity:
    """One activity by its id, with who came."""
    return _activities(db, "a.id = ?", [_find(db, activity_id)])[0]


def delete_activity(db: Database, activity_id: object, *, confirm: Callable[[str], bool]) -> Deleted:
    """Erase an activity logged in error (a double entry, say), with the record of who came."""
    with write(db):
        found = _find(db, activity_id)
        if not confirm(f"Erase activity {found} and who came to it?"):
            raise InvalidInput("nothing was erased.")
        db.execute("DELETE FROM activity_people WHERE activity_id = ?", [found])
        db.execute("DELETE FROM activities WHERE id = ?", [found])
    return {"id": found, "deleted": True}


def fund_spent(db: Database, group_id: int) -> int:
    """What the activity fund paid for the group's activities, in cents (`budget` counts it beside outings)."""
    row = db.execute(
        "SELECT coalesce(sum(cost_cents), 0) FROM activities WHERE group_id = ? AND paid_by = ?",
        [group_id, PaidBy.FUND.value],
    ).fetchone()
    return int(row[0])
