"""Continued-stay reviews, as the service definition asks.

A review records whether the person is progressing and wants to continue,
and when the next review is due (`review_interval_days`, default 90). Someone
never reviewed is due `review_interval_days` after enrolling. Both answers
"no" meet the discharge criteria, so the review suggests a discharge; the
coach decides.
"""

import datetime as dt

from sqlite_utils import Database

from peertool import validate
from peertool.participants import resolve_participant
from peertool.store import write


def record_review(db: Database, ref: object, *, progressing: str, wants_to_continue: str, config,
                  note: str | None = None, on: str | None = None) -> dict:
    """Record a review and its next due date; say if it suggests discharge."""
    values = {
        "progressing": int(validate.yes_no("progressing", progressing)),
        "wants_to_continue": int(validate.yes_no("wants_to_continue", wants_to_continue)),
        "note": validate.text("note", note),
        "reviewed_on": validate.date("date", on) if on else dt.date.today().isoformat(),
    }
    due = dt.date.fromisoformat(values["reviewed_on"]) + dt.timedelta(days=config["review_interval_days"])
    with write(db):
        person = resolve_participant(db, ref)
        review_id = db["reviews"].insert({"participant_id": person["id"], **values,
                                          "next_due": due.isoformat()}).last_pk
    row = db.execute("SELECT * FROM reviews WHERE id = ?", [review_id]).fetchone()
    return _record(person, row)


def _record(person: dict, row) -> dict:
    _, _, on, progressing, wants, note, due = row
    suggestion = None
    if not progressing and not wants:
        suggestion = "discharge: neither progressing nor wishing to continue (discharge criteria)"
    return {"participant": {"id": person["id"], "name": person["name"]}, "date": on,
            "progressing": bool(progressing), "wants_to_continue": bool(wants), "note": note,
            "next_due": due, "suggestion": suggestion}


def next_reviews(db: Database, people: list[dict], config) -> dict[int, str]:
    """Each person's next review date: from their last review, or from enrollment."""
    interval = dt.timedelta(days=config["review_interval_days"])
    due = {p["id"]: (dt.date.fromisoformat(p["enrolled_on"]) + interval).isoformat() for p in people}
    if due:
        marks = ",".join("?" * len(due))
        rows = db.execute(f"""SELECT participant_id, next_due FROM reviews WHERE participant_id IN ({marks})
                              ORDER BY reviewed_on, id""", list(due))
        due.update(dict(rows.fetchall()))  # the latest review of each person is applied last
    return due
