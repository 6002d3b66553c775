"""Continued-stay reviews, as the service definition asks.

A review records whether the person is progressing and wants to continue,
and when the next review is due (`review_interval_days`, default 90). Someone
never reviewed is due `review_interval_days` after enrolling. Both answers
"no" meet the discharge criteria, so the review suggests a discharge; the
coach decides.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypedDict

from peertool import validate
from peertool.db.connection import Database
from peertool.db.store import insert, write
from peertool.errors import Conflict, shown
from peertool.people.scope import resolve_participant

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from peertool.people.shapes import Named

DISCHARGE_SUGGESTION = "discharge: neither progressing nor wishing to continue (discharge criteria)"


class Review(TypedDict):
    """An item of `review list` (also `review`)."""

    id: int
    participant: Named
    date: str
    progressing: bool
    wants_to_continue: bool
    note: str | None
    next_due: str
    suggestion: str | None


def record_review(
    db: Database,
    ref: object,
    *,
    progressing: str,
    wants_to_continue: str,
    interval_days: int,
    note: str | None = None,
    on: str | None = None,
    future: bool = False,
) -> Review:
    """Record a review and its next due date; say if it suggests discharge. A review is of what has
    happened, so it is not dated after today unless `future`."""
    values: dict[str, Any] = {
        "progressing": int(validate.yes_no("progressing", progressing)),
        "wants_to_continue": int(validate.yes_no("wants_to_continue", wants_to_continue)),
        "note": validate.text("note", note),
        "reviewed_on": validate.not_after_today("date", validate.date_or_today("date", on), future=future),
    }
    values["next_due"] = (dt.date.fromisoformat(values["reviewed_on"]) + dt.timedelta(days=interval_days)).isoformat()
    with write(db):
        person = resolve_participant(db, ref)
        if db.execute(
            "SELECT 1 FROM reviews WHERE participant_id = ? AND reviewed_on = ?", [person["id"], values["reviewed_on"]]
        ).fetchone():
            raise Conflict(  # a duplicate record, as a second meeting of a group on one date is
                f"participant {shown(ref)} already has a review on {values['reviewed_on']}.",
                hint=f"See it with `peertool review list {person['id']}`.",
            )
        review_id = insert(db, "reviews", {"participant_id": person["id"], **values})
    return _record(review_id, person["id"], person["name"], values)


def _record(review_id: int, pid: int, name: str, values: dict[str, Any]) -> Review:
    suggestion = None if values["progressing"] or values["wants_to_continue"] else DISCHARGE_SUGGESTION
    return {
        "id": review_id,
        "participant": {"id": pid, "name": name},
        "date": values["reviewed_on"],
        "progressing": bool(values["progressing"]),
        "wants_to_continue": bool(values["wants_to_continue"]),
        "note": values["note"],
        "next_due": values["next_due"],
        "suggestion": suggestion,
    }


def next_reviews(db: Database, people: Sequence[Mapping[str, Any]], interval_days: int) -> dict[int, str]:
    """Each person's next review date: from their last review, or from enrollment."""
    interval = dt.timedelta(days=interval_days)
    due = {p["id"]: (dt.date.fromisoformat(p["enrolled_on"]) + interval).isoformat() for p in people}
    if due:
        marks = ",".join("?" * len(due))
        rows = db.execute(
            f"""SELECT participant_id, next_due FROM reviews WHERE participant_id IN ({marks})
                ORDER BY reviewed_on, id""",
            list(due),
        )
        due.update(dict(rows.fetchall()))  # the latest review of each person is applied last
    return due


def list_reviews(db: Database, ref: object | None = None) -> list[Review]:
    """Continued-stay reviews of one participant or everyone, oldest first."""
    where, params = (
        ("WHERE r.participant_id = ?", [resolve_participant(db, ref)["id"]]) if ref is not None else ("", [])
    )
    rows = db.execute(
        f"""SELECT r.id, p.id, p.name, r.reviewed_on, r.progressing, r.wants_to_continue, r.note, r.next_due
            FROM reviews r JOIN participants p ON p.id = r.participant_id {where} ORDER BY r.reviewed_on, r.id""",
        params,
    )
    keys = ("reviewed_on", "progressing", "wants_to_continue", "note", "next_due")
    return [_record(row[0], row[1], row[2], dict(zip(keys, row[3:], strict=True))) for row in rows]
