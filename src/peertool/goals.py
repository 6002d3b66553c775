"""Participants' own goals, and the story of each: every status change is kept with its date."""

import datetime as dt

from sqlite_utils import Database

from peertool import validate
from peertool.errors import NotFound
from peertool.participants import resolve_participant
from peertool.refs import as_id
from peertool.store import write

GOAL_STATUSES = ("active", "achieved", "paused", "dropped")

_SELECT = """SELECT g.id, g.participant_id, p.name, g.text, g.domain, g.status, g.created_on
             FROM goals g JOIN participants p ON p.id = g.participant_id"""


def add_goal(db: Database, ref: object, text: str, *, domain: str | None = None) -> dict:
    """A new goal, in the participant's own words."""
    text = validate.text("text", text, required=True)
    domain = validate.text("domain", domain, max_len=100)
    with write(db):
        person = resolve_participant(db, ref)
        goal_id = db.execute(
            "INSERT INTO goals (participant_id, text, domain, created_on) VALUES (?, ?, ?, ?)",
            [person["id"], text, domain, dt.date.today().isoformat()],
        ).lastrowid
    return get_goal(db, goal_id)


def update_goal(db: Database, goal_id: object, status: str, *, note: str | None = None, on: str | None = None) -> dict:
    """Change a goal's status; the change is kept with its date and note."""
    status = validate.choice("status", status, GOAL_STATUSES)
    note = validate.text("note", note)
    on = validate.date("date", on) if on else dt.date.today().isoformat()
    with write(db):
        goal = get_goal(db, goal_id)
        db.execute("UPDATE goals SET status = ? WHERE id = ?", [status, goal["id"]])
        db.execute("INSERT INTO goal_updates (goal_id, updated_on, status, note) VALUES (?, ?, ?, ?)",
                   [goal["id"], on, status, note])
    return get_goal(db, goal["id"])


def _records(db, rows) -> list[dict]:
    goals = [{"id": r[0], "participant": {"id": r[1], "name": r[2]}, "text": r[3], "domain": r[4],
              "status": r[5], "created_on": r[6], "updates": []} for r in rows]
    by_id = {g["id"]: g for g in goals}
    if by_id:
        marks = ",".join("?" * len(by_id))
        for goal_id, on, status, note in db.execute(
            f"SELECT goal_id, updated_on, status, note FROM goal_updates WHERE goal_id IN ({marks}) ORDER BY id",
            list(by_id),
        ):
            by_id[goal_id]["updates"].append({"date": on, "status": status, "note": note})
    return goals


def get_goal(db: Database, goal_id: object) -> dict:
    raw = str(goal_id).strip()
    rows = db.execute(_SELECT + " WHERE g.id = ?", [as_id(raw)]).fetchall() if as_id(raw) is not None else []
    if not rows:
        raise NotFound(f"no goal {raw!r}.", hint="List them with `peertool goal list`.")
    return _records(db, rows)[0]


def list_goals(db: Database, ref: object | None = None, *, status: str | None = None) -> list[dict]:
    """Goals of one participant or everyone, optionally of one status, with their stories."""
    where, params = [], []
    if ref is not None:
        where.append("g.participant_id = ?")
        params.append(resolve_participant(db, ref)["id"])
    if status is not None:
        where.append("g.status = ?")
        params.append(validate.choice("status", status, GOAL_STATUSES))
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY g.id"
    return _records(db, db.execute(sql, params).fetchall())
