"""Community outings, alone, with a partner, in a group or with the coach, and the activity fund they draw on.

Money is kept in exact cents. An outing's cost, net of any group discount, is
shared by those who went: equal shares, the odd cents falling to the first
named, so the shares always add up to what was paid. Only what the fund paid
counts in `budget`, beside the fund's support outside outings (`support`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from peertool import validate
from peertool.db.connection import Database
from peertool.db.store import insert, write
from peertool.errors import InvalidInput, shown
from peertool.outcomes.outing_kinds import COUNT_KEYS, empty_counts, kind_sql
from peertool.people.attribution import JOIN_STAFF, STAFF_COLUMNS, attribute, made_by_values
from peertool.people.scope import GroupScope, load_group, resolve_group
from peertool.program.activities import fund_spent
from peertool.program.schedule import program_month
from peertool.vocab import PAID_BY, OutingKind, PaidBy

if TYPE_CHECKING:
    from peertool.outcomes.shapes import Budget, BudgetRow, BudgetTotal, LoggedOuting, Outing, Suggestion
    from peertool.people.shapes import Deleted
    from peertool.settings import Settings


def _refuse_drop_in(group: dict[str, Any], settings: Settings) -> None:
    """Outings are peer partners' trips, in a group whose members pair; a drop-in has no members and no
    partners, and its trips into the city with staff are activities (who came, which staff, what it cost)."""
    from peertool.program.visits import drop_in_program

    program = drop_in_program(group, settings)
    if program is not None:
        raise InvalidInput(
            f"group {shown(group['name'])} is a drop-in of program {shown(program.name)}: it has no peer partners "
            "to log an outing for.",
            hint=f"Log the trip as an activity: peertool activity log {shown(group['name'])} --kind recreational "
            "--date D --title TEXT --with REF --staff NAME",
        )


def log_outing(
    db: Database,
    group_ref: object,
    *,
    with_: list[str],
    date: str,
    activity: str,
    settings: Settings,
    cost: object = None,
    note: str | None = None,
    future: bool = False,
    with_coach: bool = False,
    discount: object = None,
    paid_by: object = None,
    staff: str | None = None,
) -> LoggedOuting:
    """An outing of one or more people, the coach along if `with_coach`; dated after today only if `future`.

    A group `discount` comes off the cost before it is shared; `paid_by` says
    who paid (the fund unless told), and a free outing costs nothing.
    """
    row: dict[str, Any] = {
        "held_on": validate.not_after_today("date", validate.date("date", date), future=future),
        "activity": validate.required_text("activity", activity),
        "cost_cents": _cents("cost", cost),
        "note": validate.text("note", note),
        "with_coach": int(bool(with_coach)),
        "discount_cents": _cents("discount", discount),
        "paid_by": validate.choice("paid-by", paid_by, PAID_BY) if paid_by not in (None, "") else PaidBy.FUND.value,
    }
    _check_payment(row)
    with_ = validate.refs(with_)
    if not with_:
        raise InvalidInput("--with: name one person (a solo outing) or more (two partners, or a group).")
    with write(db):
        scope = load_group(db, group_ref)
        _refuse_drop_in(scope.group, settings)
        program_month(scope.group, row["held_on"], settings)
        people: list[int] = []
        for ref in with_:
            person = scope.member(ref, "--with")
            if person["id"] in people:
                raise InvalidInput("--with: the people who went must be different people; name each once.")
            people.append(person["id"])
        same = _same_outing(db, scope.id, row, people)
        outing_id = insert(db, "outings", attribute(db, {"group_id": scope.id, **row}, staff))
        shares = split_cost(row["cost_cents"] - row["discount_cents"], len(people))
        db.executemany(
            "INSERT INTO outing_people (outing_id, participant_id, share_cents) VALUES (?, ?, ?)",
            [(outing_id, pid, share) for pid, share in zip(people, shares, strict=True)],
        )
    warnings = [f"outing {same} has the same people, date and activity; if this is a double entry, "
                f"remove it with `peertool outing delete {outing_id}`."] if same else []  # fmt: skip
    return {**list_outings(db, scope.id, outing_id=outing_id)[0], "warnings": warnings}


def _same_outing(db: Database, group_id: int, row: dict[str, Any], people: list[int]) -> int | None:
    """An outing already logged with the same people, date and activity (any case), if there is one."""
    for oid, activity, who in db.execute(
        """SELECT o.id, o.activity, group_concat(op.participant_id) FROM outings o
           JOIN outing_people op ON op.outing_id = o.id WHERE o.group_id = ? AND o.held_on = ? GROUP BY o.id""",
        [group_id, row["held_on"]],
    ):
        if activity.casefold() == row["activity"].casefold() and sorted(map(int, who.split(","))) == sorted(people):
            return int(oid)
    return None


def _cents(field: str, value: object) -> int:
    """An amount in cents; none given is 0."""
    return validate.money(field, value) if value not in (None, "") else 0


def _check_payment(row: dict[str, Any]) -> None:
    """A discount never exceeds the cost, and a free outing has no cost to pay."""
    if row["discount_cents"] > row["cost_cents"]:
        raise InvalidInput("--discount: a discount cannot be more than the cost.")
    if row["paid_by"] == PaidBy.FREE and row["cost_cents"]:
        raise InvalidInput("--paid-by free: a free outing has no cost; leave out --cost, or say who paid.")


def split_cost(cents: int, ways: int) -> list[int]:
    """Equal shares that add up exactly; the remainder cents go to the first."""
    share, rest = divmod(cents, ways)
    return [share + (1 if i < rest else 0) for i in range(ways)]


def list_outings(db: Database, group_ref: object, *, outing_id: int | None = None) -> list[Outing]:
    """The group's outings, oldest first, each with who went and their share."""
    group = resolve_group(db, group_ref)
    sql = f"""SELECT o.id, o.held_on, o.activity, o.cost_cents, o.note, p.id, p.name, op.share_cents,
             {kind_sql("o")}, o.with_coach, o.discount_cents, o.paid_by, o.staff_id, {STAFF_COLUMNS}
             FROM outings o JOIN outing_people op ON op.outing_id = o.id {JOIN_STAFF.format(alias="o")}
             JOIN participants p ON p.id = op.participant_id WHERE o.group_id = ?"""
    params = [group["id"]]
    if outing_id is not None:
        sql += " AND o.id = ?"
        params.append(outing_id)
    outings: dict[int, Outing] = {}
    rows = db.execute(sql + " ORDER BY o.held_on, o.id, op.rowid", params)
    for oid, on, activity, cost, note, pid, name, share, kind, coach, discount, paid_by, *made in rows:
        outing = outings.setdefault(
            oid,
            {
                "id": oid,
                "group": group["name"],
                "group_id": group["id"],
                "date": on,
                "activity": activity,
                "cost": validate.cents_text(cost),
                "note": note,
                "people": [],
                "kind": kind,
                "with_coach": bool(coach),
                "discount": validate.cents_text(discount or 0),
                "paid_by": paid_by or PaidBy.FUND.value,
                "staff": made_by_values(made),
            },
        )
        outing["people"].append({"id": pid, "name": name, "share": validate.cents_text(share)})
    return list(outings.values())


# What the activity fund paid, per participant of group :g: each source gives rows (pid, cents).
FUND_SPENDING = {
    "outings": """SELECT op.participant_id AS pid, op.share_cents AS cents FROM outing_people op
                  JOIN outings o ON o.id = op.outing_id
                  WHERE o.group_id = :g AND coalesce(o.paid_by, 'fund') = 'fund'""",
    "support": "SELECT participant_id AS pid, amount_cents AS cents FROM support WHERE group_id = :g",
}


def _fund_holders(db: Database, group_ref: object, settings: Settings) -> GroupScope:
    """Whose fund a group's budget holds: its members, or, for a drop-in, those enrolled in its program today
    (on its opening day, if that is still to come)."""
    from peertool.clock import today
    from peertool.program.visits import roster

    group = resolve_group(db, group_ref)
    return roster(db, group["id"], max(today().isoformat(), group["start_on"]), settings) or load_group(db, group["id"])


def budget(db: Database, group_ref: object, *, settings: Settings) -> Budget:
    """Spent and remaining activity fund, per participant and for the group.

    Spent is every source in FUND_SPENDING: shares of fund-paid outings (net of
    discounts) and support. Everyone who is in the group now (a drop-in's:
    enrolled in its program today) or drew on its fund is listed. Without
    `activity_fund` in the config only spending is shown.
    """
    scope = _fund_holders(db, group_ref, settings)
    fund = validate.money("activity_fund", settings.activity_fund) if settings.activity_fund else None
    union = " UNION ALL ".join(FUND_SPENDING.values())
    spent: dict[int, tuple[str, int]] = {
        pid: (name, cents)
        for pid, name, cents in db.execute(
            f"""SELECT p.id, p.name, sum(s.cents) FROM ({union}) AS s
                JOIN participants p ON p.id = s.pid GROUP BY p.id""",
            {"g": scope.id},
        )
    }
    for member in scope.members:
        spent.setdefault(member["id"], (member["name"], 0))
    rows: list[BudgetRow] = []
    for pid in sorted(spent):
        name, cents = spent[pid]
        rows.append(
            {
                "id": pid,
                "name": name,
                "spent": validate.cents_text(cents),
                "remaining": validate.cents_text(fund - cents) if fund is not None else None,
                "over": fund is not None and cents > fund,
            }
        )
    total = sum(cents for _, cents in spent.values()) + (activities := fund_spent(db, scope.id))
    totals: BudgetTotal = {
        "spent": validate.cents_text(total),
        "fund": validate.cents_text(fund * len(rows)) if fund is not None else None,
        "remaining": validate.cents_text(fund * len(rows) - total) if fund is not None else None,
    }
    if activities:
        totals["activities"] = validate.cents_text(activities)
    return {
        "group": scope.name,
        "group_id": scope.id,
        "fund_per_participant": validate.cents_text(fund) if fund is not None else None,
        "participants": rows,
        "total": totals,
    }


def outing_counts(
    db: Database, group_id: int, *, start: str = "0000-00-00", end: str = "9999-12-31"
) -> dict[int, dict[str, int]]:
    """Per participant: outings of each kind with the group in [start, end] ({'partner': n, 'solo': n,
    'group': n, 'with_coach': n}); only `solo` is someone going out on their own."""
    counts: dict[int, dict[str, int]] = {}
    rows = db.execute(
        f"""SELECT op.participant_id, {kind_sql("o")}, count(*) FROM outings o
            JOIN outing_people op ON op.outing_id = o.id
            WHERE o.group_id = ? AND o.held_on BETWEEN ? AND ? GROUP BY 1, 2""",
        [group_id, start, end],
    )
    for pid, kind, n in rows:
        counts.setdefault(pid, empty_counts())[COUNT_KEYS[OutingKind(kind)]] += n
    return counts


def ready_solo_suggestions(
    people: list[dict[str, Any]], counts: dict[int, dict[str, int]], threshold: int
) -> list[Suggestion]:
    """Partnered people with at least `threshold` solo outings: the coach may move them to ready-solo."""
    return [
        {"id": p["id"], "name": p["name"], "solo_outings": counts.get(p["id"], {}).get("solo", 0)}
        for p in people
        if p["stage"] == "partnered" and counts.get(p["id"], {}).get("solo", 0) >= threshold
    ]


def _find(db: Database, outing_id: object) -> dict[str, Any]:
    from peertool.db.refs import by_id

    outing, group_id, cost, discount, paid_by = by_id(
        db, "SELECT id, group_id, cost_cents, discount_cents, paid_by FROM outings WHERE id = ?", outing_id, "outing"
    )[0]
    return {"id": outing, "group_id": group_id, "cost_cents": cost, "discount_cents": discount or 0,
            "paid_by": paid_by or PaidBy.FUND.value}  # fmt: skip


def edit_outing(
    db: Database, outing_id: object, changes: dict[str, Any], *, settings: Settings, future: bool = False
) -> Outing:
    """Correct an outing's date (after today only if `future`), activity, cost, note, coach, discount or payer;
    a new cost or discount is shared again to the cent."""
    from peertool.db.store import update
    from peertool.people.scope import resolve_group
    from peertool.program.schedule import program_month

    fields: dict[str, Any] = {}
    if changes.get("date") is not None:
        fields["held_on"] = validate.not_after_today("date", validate.date("date", changes["date"]), future=future)
    if changes.get("activity") is not None:
        fields["activity"] = validate.required_text("activity", changes["activity"])
    for name, column in (("cost", "cost_cents"), ("discount", "discount_cents")):
        if changes.get(name) is not None:
            fields[column] = _cents(name, changes[name])
    if changes.get("note") is not None:
        fields["note"] = validate.text("note", changes["note"])
    if changes.get("with_coach") is not None:
        fields["with_coach"] = int(bool(changes["with_coach"]))
    if changes.get("paid_by") is not None:
        fields["paid_by"] = validate.choice("paid-by", changes["paid_by"], PAID_BY)
    if not fields:
        raise InvalidInput(
            "nothing to change; give --date, --activity, --cost, --note, --with-coach/--without-coach, "
            "--discount or --paid-by."
        )
    with write(db):
        outing = _find(db, outing_id)
        _check_payment({**outing, **fields})
        if "held_on" in fields:
            program_month(resolve_group(db, outing["group_id"]), fields["held_on"], settings)
        update(db, "outings", outing["id"], fields)
        if fields.keys() & {"cost_cents", "discount_cents"}:
            people = [
                row[0]
                for row in db.execute(
                    "SELECT participant_id FROM outing_people WHERE outing_id = ? ORDER BY rowid", [outing["id"]]
                )
            ]
            paid = {**outing, **fields}
            shares = split_cost(paid["cost_cents"] - paid["discount_cents"], len(people))
            db.executemany(
                "UPDATE outing_people SET share_cents = ? WHERE outing_id = ? AND participant_id = ?",
                [(share, outing["id"], pid) for pid, share in zip(people, shares, strict=True)],
            )
    return list_outings(db, outing["group_id"], outing_id=outing["id"])[0]


def delete_outing(db: Database, outing_id: object, *, confirm: Callable[[str], bool]) -> Deleted:
    """Erase an outing logged in error (a double entry, say), with its shares."""
    with write(db):
        outing = _find(db, outing_id)
        if not confirm(f"Erase outing {outing['id']} and its shares?"):
            raise InvalidInput("nothing was erased.")
        db.execute("DELETE FROM outing_people WHERE outing_id = ?", [outing["id"]])
        db.execute("DELETE FROM outings WHERE id = ?", [outing["id"]])
    return {"id": outing["id"], "deleted": True}
