"""Continued-stay reviews by the service definition's criteria, and each person's review cadence.

A review records continued-stay A (progressing at their level of functioning),
B (wishes to continue) and C (more peer support not yet tried and appropriate),
and whether their goals are substantially met. Discharge is suggested whenever
a discharge criterion holds: A, they no longer wish to receive peer support
(whatever their progress: peer support is voluntary), or B, their goals are
substantially met (the coach says so, or every goal they still pursue is
achieved). With A no further review is booked; the coach decides on discharge.

The next review follows the person's cadence: a date from their service plan
(`participant edit --next-review`), their own interval (`--review-every`), or
`review_interval_days`; `none` (for the person, or in the setting) books none.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypedDict

from peertool import validate
from peertool.db.connection import Database
from peertool.db.ids import in_ids
from peertool.db.store import insert, write
from peertool.errors import Conflict, InvalidInput, shown
from peertool.people.attribution import JOIN_STAFF, attribute, made_by_id, made_by_values
from peertool.people.scope import resolve_participant

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from peertool.people.shapes import Named, StaffBrief

SERVICES_SHOULD_END = (
    "services should end: they no longer wish to receive peer support services (discharge criterion A; "
    "peer support is voluntary)"
)
GOALS_MET = "discharge may be due: the goals of their service plan are substantially met (discharge criterion B)"


class ContinuedStay(TypedDict):
    """The definition's continued-stay criteria as answered: A progressing, B wishes to continue, C more peer
    support not yet tried and appropriate (None: not recorded)."""

    A: bool
    B: bool
    C: bool | None


class Review(TypedDict):
    """An item of `review list` (also `review`)."""

    id: int
    participant: Named
    date: str
    progressing: bool
    wants_to_continue: bool
    more_to_try: bool | None
    goals_met: bool | None
    note: str | None
    next_due: str | None
    continued_stay: ContinuedStay
    discharge_criteria: list[str]
    suggestion: str | None
    reason_code: str | None
    staff: StaffBrief | None  # who made it (`--staff NAME`, else the current staff member); None: no one


def goals_substantially_met(statuses: Iterable[str]) -> bool:
    """Every goal they still pursue is achieved: at least one achieved and none active (paused and dropped
    goals are not pursued)."""
    seen = set(statuses)
    return "achieved" in seen and "active" not in seen


def discharge_criteria(*, wants_to_continue: bool, goals_met: bool | None) -> list[str]:
    """The discharge criteria that hold: A when they do not wish to continue, whatever else; B when their goals
    are substantially met."""
    return [code for code, holds in (("A", not wants_to_continue), ("B", bool(goals_met))) if holds]


def record_review(
    db: Database,
    ref: object,
    *,
    progressing: str,
    wants_to_continue: str,
    interval_days: int | None,
    more_to_try: str | None = None,
    goals_met: str | None = None,
    next_review: str | None = None,
    note: str | None = None,
    on: str | None = None,
    future: bool = False,
    staff: str | None = None,
) -> Review:
    """Record a review and when the next is due; say if it suggests discharge. A review is of what has happened,
    so it is not dated after today unless `future`. Without the coach's `goals_met`, it is what their goals
    show on the day (yes when all are achieved, else not recorded), so the review keeps what held then."""
    values: dict[str, Any] = {
        "progressing": int(validate.yes_no("progressing", progressing)),
        "wants_to_continue": int(validate.yes_no("wants_to_continue", wants_to_continue)),
        "more_to_try": _optional_yes_no("more_to_try", more_to_try),
        "goals_met": _optional_yes_no("goals_met", goals_met),
        "note": validate.text("note", note),
        "reviewed_on": validate.not_after_today("date", validate.date_or_today("date", on), future=future),
    }
    planned = validate.optional_date("next_review", next_review)
    if planned is not None and planned <= values["reviewed_on"]:
        raise InvalidInput(f"next_review: {planned} must be after the review ({values['reviewed_on']}).")
    with write(db):
        person = resolve_participant(db, ref)
        if db.execute(
            "SELECT 1 FROM reviews WHERE participant_id = ? AND reviewed_on = ?", [person["id"], values["reviewed_on"]]
        ).fetchone():
            raise Conflict(  # a duplicate record, as a second meeting of a group on one date is
                f"participant {shown(ref)} already has a review on {values['reviewed_on']}.",
                hint=f"See it with `peertool review list {person['id']}`.",
            )
        if values["goals_met"] is None:
            statuses = db.execute("SELECT status FROM goals WHERE participant_id = ?", [person["id"]])
            values["goals_met"] = 1 if goals_substantially_met(row[0] for row in statuses) else None
        cadence = _cadence(db, [person["id"]])[person["id"]]
        values["next_due"] = (
            None if not values["wants_to_continue"]  # discharge A: no further review is booked
            else planned or _next_after(cadence, values["reviewed_on"], interval_days)
        )  # fmt: skip
        row = attribute(db, {"participant_id": person["id"], **values}, staff)
        review_id = insert(db, "reviews", row)
    return _record(review_id, person["id"], person["name"], values, made_by_id(db, row.get("staff_id")))


def _optional_yes_no(field: str, value: str | None) -> int | None:
    return None if value is None else int(validate.yes_no(field, value))


def _next_after(cadence: Mapping[str, Any], day: str, interval_days: int | None) -> str | None:
    """The review due after `day` by the person's cadence: their service plan's date if later, else their own
    interval or the program's; None when reviews are off for them or for everyone."""
    if cadence["reviews_off"]:
        return None
    if cadence["next_review_on"] and cadence["next_review_on"] > day:
        return str(cadence["next_review_on"])
    every = cadence["review_every_days"] or interval_days
    return (dt.date.fromisoformat(day) + dt.timedelta(days=every)).isoformat() if every else None


def _cadence(db: Database, pids: Sequence[int] | None) -> dict[int, dict[str, Any]]:
    """Each person's review settings (pids None: every participant's)."""
    where, params = in_ids("id", pids)
    rows = db.execute(
        f"SELECT id, enrolled_on, review_every_days, reviews_off, next_review_on FROM participants WHERE TRUE {where}",
        params,
    )
    keys = ("enrolled_on", "review_every_days", "reviews_off", "next_review_on")
    return {row[0]: dict(zip(keys, row[1:], strict=True)) for row in rows}


def _record(review_id: int, pid: int, name: str, values: Mapping[str, Any], staff: StaffBrief | None) -> Review:
    optional = {key: None if values[key] is None else bool(values[key]) for key in ("more_to_try", "goals_met")}
    held = discharge_criteria(wants_to_continue=bool(values["wants_to_continue"]), goals_met=optional["goals_met"])
    suggestion, code = (
        (SERVICES_SHOULD_END, "no-longer-wishes") if "A" in held else (GOALS_MET, "goals-met") if held else (None, None)
    )
    return {
        "id": review_id,
        "participant": {"id": pid, "name": name},
        "date": values["reviewed_on"],
        "progressing": bool(values["progressing"]),
        "wants_to_continue": bool(values["wants_to_continue"]),
        "more_to_try": optional["more_to_try"],
        "goals_met": optional["goals_met"],
        "note": values["note"],
        "next_due": values["next_due"],
        "continued_stay": {
            "A": bool(values["progressing"]),
            "B": bool(values["wants_to_continue"]),
            "C": optional["more_to_try"],
        },
        "discharge_criteria": held,
        "suggestion": suggestion,
        "reason_code": code,
        "staff": staff,
    }


def next_reviews(
    db: Database, people: Sequence[Mapping[str, Any]], interval_days: int | None, *, everyone: bool = False
) -> dict[int, str | None]:
    """Each person's next review date: a later date from their service plan, else their latest review's next
    due, else their cadence from enrollment (or from their latest readmission, which starts a new stay: a review
    of the stay before it counts no more). A review that booked none while they still wished to continue (reviews
    were off) is followed by their cadence from its date. None: no review is due (reviews off for them or for
    everyone, or their latest review found they no longer wish to continue): they are on no due list.
    `everyone`: `people` are every active participant."""
    pids = None if everyone else [p["id"] for p in people]  # None: every participant's rows, no list of ids
    cadence = _cadence(db, pids) if people else {}
    latest: dict[int, tuple[str, str | None, int]] = {}
    back: dict[int, str] = {}
    if people:
        where, params = in_ids("participant_id", pids)
        rows = db.execute(
            f"""SELECT participant_id, reviewed_on, next_due, wants_to_continue FROM reviews
                WHERE TRUE {where} ORDER BY reviewed_on, id""",
            params,
        )
        latest = {pid: (on, due, wants) for pid, on, due, wants in rows}  # each person's latest is applied last
        back = dict(db.execute(
            f"""SELECT participant_id, max(readmitted_on) FROM discharges
                WHERE readmitted_on IS NOT NULL {where} GROUP BY participant_id""",
            params,
        ).fetchall())  # fmt: skip
    due: dict[int, str | None] = {}
    for pid in (p["id"] for p in people):
        person = cadence[pid]
        stay = back.get(pid)
        review = latest.get(pid)
        if review is None or (stay is not None and review[0] < stay):
            due[pid] = _next_after(person, stay or person["enrolled_on"], interval_days)
            continue
        reviewed_on, next_due, wants = review
        planned = person["next_review_on"]
        if person["reviews_off"]:
            due[pid] = None
        elif planned and planned > reviewed_on:
            due[pid] = planned
        else:
            due[pid] = _next_after(person, reviewed_on, interval_days) if next_due is None and wants else next_due
    return due


def list_reviews(db: Database, ref: object | None = None) -> list[Review]:
    """Continued-stay reviews of one participant or everyone, oldest first."""
    where, params = (
        ("WHERE r.participant_id = ?", [resolve_participant(db, ref)["id"]]) if ref is not None else ("", [])
    )
    keys = ("reviewed_on", "progressing", "wants_to_continue", "more_to_try", "goals_met", "note", "next_due")
    rows = db.execute(
        f"""SELECT r.id, p.id, p.name, {", ".join("r." + key for key in keys)}, r.staff_id, st.name, st.credential
            FROM reviews r JOIN participants p ON p.id = r.participant_id {JOIN_STAFF.format(alias="r")} {where}
            ORDER BY r.reviewed_on, r.id""",
        params,
    )
    return [_record(row[0], row[1], row[2], dict(zip(keys, row[3:-3], strict=True)), made_by_values(row[-3:]))
            for row in rows]  # fmt: skip
