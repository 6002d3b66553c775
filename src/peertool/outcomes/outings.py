"""Community outings, with a partner or alone, and the activity fund they draw on.

Money is kept in exact cents. A partner outing's cost is shared: each pays
half, and an odd cent falls to the first named, so the shares always add up
to the cost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from peertool import validate
from peertool.db.connection import Database
from peertool.db.store import insert, write
from peertool.errors import InvalidInput
from peertool.people.scope import load_group, resolve_group
from peertool.program.activities import fund_spent
from peertool.program.schedule import program_month

if TYPE_CHECKING:
    from peertool.outcomes.shapes import Budget, BudgetRow, LoggedOuting, Outing, OutingBase, Suggestion
    from peertool.people.shapes import Deleted
    from peertool.settings import Settings


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
) -> LoggedOuting:
    """A partner outing (two people) or a solo outing (one); dated after today only if `future`."""
    row: dict[str, Any] = {
        "held_on": validate.not_after_today("date", validate.date("date", date), future=future),
        "activity": validate.required_text("activity", activity),
        "cost_cents": validate.money("cost", cost) if cost not in (None, "") else 0,
        "note": validate.text("note", note),
    }
    if len(with_) not in (1, 2):
        raise InvalidInput("--with: name one person (a solo outing) or two (a partner outing).")
    with write(db):
        scope = load_group(db, group_ref)
        program_month(scope.group, row["held_on"], settings)
        people: list[int] = []
        for ref in with_:
            person = scope.member(ref, "--with")
            if person["id"] in people:
                raise InvalidInput("--with: the two partners must be different people.")
            people.append(person["id"])
        same = _same_outing(db, scope.id, row, people)
        outing_id = insert(db, "outings", {"group_id": scope.id, **row})
        shares = split_cost(row["cost_cents"], len(people))
        db.conn.executemany(
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


def split_cost(cents: int, ways: int) -> list[int]:
    """Equal shares that add up exactly; the remainder cents go to the first."""
    share, rest = divmod(cents, ways)
    return [share + (1 if i < rest else 0) for i in range(ways)]


def list_outings(db: Database, group_ref: object, *, outing_id: int | None = None) -> list[Outing]:
    """The group's outings, oldest first, each with who went and their share."""
    group = resolve_group(db, group_ref)
    sql = """SELECT o.id, o.held_on, o.activity, o.cost_cents, o.note, p.id, p.name, op.share_cents
             FROM outings o JOIN outing_people op ON op.outing_id = o.id
             JOIN participants p ON p.id = op.participant_id WHERE o.group_id = ?"""
    params = [group["id"]]
    if outing_id is not None:
        sql += " AND o.id = ?"
        params.append(outing_id)
    outings: dict[int, OutingBase] = {}
    rows = db.execute(sql + " ORDER BY o.held_on, o.id, op.rowid", params)
    for oid, on, activity, cost, note, pid, name, share in rows:
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
            },
        )
        outing["people"].append({"id": pid, "name": name, "share": validate.cents_text(share)})
    return [{**outing, "kind": "partner" if len(outing["people"]) == 2 else "solo"} for outing in outings.values()]


def budget(db: Database, group_ref: object, *, settings: Settings) -> Budget:
    """Spent and remaining activity fund, per participant and for the group.

    Everyone who is in the group now or went on one of its outings is listed.
    Without `activity_fund` in the config only spending is shown.
    """
    scope = load_group(db, group_ref)
    fund = validate.money("activity_fund", settings.activity_fund) if settings.activity_fund else None
    spent: dict[int, tuple[str, int]] = {
        pid: (name, cents)
        for pid, name, cents in db.execute(
            """SELECT p.id, p.name, sum(op.share_cents) FROM outing_people op
               JOIN outings o ON o.id = op.outing_id JOIN participants p ON p.id = op.participant_id
               WHERE o.group_id = ? GROUP BY p.id""",
            [scope.id],
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
    return {
        "group": scope.name,
        "group_id": scope.id,
        "fund_per_participant": validate.cents_text(fund) if fund is not None else None,
        "participants": rows,
        "total": {
            "spent": validate.cents_text(total),
            "fund": validate.cents_text(fund * len(rows)) if fund is not None else None,
            "remaining": validate.cents_text(fund * len(rows) - total) if fund is not None else None,
            **({"activities": validate.cents_text(activities)} if activities else {}),  # type: ignore[typeddict-item]
        },
    }


def outing_counts(
    db: Database, group_id: int, *, start: str = "0000-00-00", end: str = "9999-12-31"
) -> dict[int, dict[str, int]]:
    """Per participant: {'partner': n, 'solo': n} outings with the group in [start, end]."""
    counts: dict[int, dict[str, int]] = {}
    rows = db.execute(
        """SELECT op.participant_id, (SELECT count(*) FROM outing_people x WHERE x.outing_id = o.id)
           FROM outings o JOIN outing_people op ON op.outing_id = o.id
           WHERE o.group_id = ? AND o.held_on BETWEEN ? AND ?""",
        [group_id, start, end],
    )
    for pid, people in rows:
        entry = counts.setdefault(pid, {"partner": 0, "solo": 0})
        entry["partner" if people == 2 else "solo"] += 1
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

    outing, group_id = by_id(db, "SELECT id, group_id FROM outings WHERE id = ?", outing_id, "outing")[0]
    return {"id": outing, "group_id": group_id}


def edit_outing(
    db: Database, outing_id: object, changes: dict[str, Any], *, settings: Settings, future: bool = False
) -> Outing:
    """Correct an outing's date (after today only if `future`), activity, cost or note; a new cost is shared
    again to the cent."""
    from peertool.db.store import update
    from peertool.people.scope import resolve_group
    from peertool.program.schedule import program_month

    fields: dict[str, Any] = {}
    if changes.get("date") is not None:
        fields["held_on"] = validate.not_after_today("date", validate.date("date", changes["date"]), future=future)
    if changes.get("activity") is not None:
        fields["activity"] = validate.required_text("activity", changes["activity"])
    if changes.get("cost") is not None:
        fields["cost_cents"] = validate.money("cost", changes["cost"]) if changes["cost"] != "" else 0
    if changes.get("note") is not None:
        fields["note"] = validate.text("note", changes["note"])
    if not fields:
        raise InvalidInput("nothing to change; give --date, --activity, --cost or --note.")
    with write(db):
        outing = _find(db, outing_id)
        if "held_on" in fields:
            program_month(resolve_group(db, outing["group_id"]), fields["held_on"], settings)
        update(db, "outings", outing["id"], fields)
        if "cost_cents" in fields:
            people = [
                row[0]
                for row in db.execute(
                    "SELECT participant_id FROM outing_people WHERE outing_id = ? ORDER BY rowid", [outing["id"]]
                )
            ]
            shares = split_cost(fields["cost_cents"], len(people))
            db.conn.executemany(
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
