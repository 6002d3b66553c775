"""Participants' own goals, and the story of each: every status change is kept with its date."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from peertool import validate
from peertool.db.connection import Database
from peertool.db.refs import by_id
from peertool.db.store import insert, update, write
from peertool.people.scope import resolve_participant
from peertool.vocab import GOAL_STATUSES

if TYPE_CHECKING:
    from peertool.people.shapes import Named

# Goal attainment scaling: -2 much less than expected, -1 less, 0 the expected outcome, +1 more, +2 much more.
ATTAINMENT = range(-2, 3)

_SELECT = """SELECT g.id, g.participant_id, p.name, g.text, g.domain, g.treatment_goal, g.status, g.created_on,
                    g.attainment FROM goals g JOIN participants p ON p.id = g.participant_id"""


class GoalUpdate(TypedDict):
    date: str
    status: str
    attainment: int | None
    note: str | None


class Goal(TypedDict):
    """An item of `goal list` (also `goal add`, `goal update`, `goal edit`): a goal with its story."""

    id: int
    participant: Named
    text: str
    domain: str | None
    treatment_goal: str | None  # the clinical plan's own goal it serves, in that plan's words or by its id there
    status: str
    created_on: str
    attainment: int | None
    updates: list[GoalUpdate]


def add_goal(
    db: Database,
    ref: object,
    text: str,
    *,
    domain: str | None = None,
    treatment_goal: str | None = None,
    on: str | None = None,
) -> Goal:
    """A new goal, in the participant's own words, set on date `on` (default today; a group brought in
    mid-year has goals set earlier), never before their enrollment; `treatment_goal` links it to the goal of
    the person's clinical plan it serves."""
    from peertool.errors import InvalidInput

    row = {
        "text": validate.required_text("text", text),
        "domain": validate.text("domain", domain, max_len=100),
        "treatment_goal": validate.text("treatment_goal", treatment_goal),
        "created_on": validate.date_or_today("date", on),
    }
    with write(db):
        person = resolve_participant(db, ref)
        if row["created_on"] < person["enrolled_on"]:
            raise InvalidInput(f"date: {row['created_on']} is before they enrolled on {person['enrolled_on']}.")
        goal_id = insert(db, "goals", {"participant_id": person["id"], **row})
    return get_goal(db, goal_id)


def update_goal(
    db: Database,
    goal_id: object,
    status: str | None = None,
    *,
    attainment: int | None = None,
    note: str | None = None,
    on: str | None = None,
    future: bool = False,
) -> Goal:
    """Change a goal's status, its attainment (goal attainment scaling, -2 to 2), or both; the change is kept
    with its date (not after today unless `future`) and note."""
    from peertool.errors import InvalidInput

    if status is None and attainment is None:
        raise InvalidInput("nothing to record; give --status, --attainment or both.")
    status = None if status is None else validate.choice("status", status, GOAL_STATUSES)
    if attainment is not None and (isinstance(attainment, bool) or attainment not in ATTAINMENT):
        raise InvalidInput("attainment: must be a whole number from -2 (much less than expected) to 2 (much more).")
    note = validate.text("note", note)
    on = validate.not_after_today("date", validate.date_or_today("date", on), future=future)
    with write(db):
        goal = get_goal(db, goal_id)
        enrolled = db.execute("SELECT enrolled_on FROM participants WHERE id = ?", [goal["participant"]["id"]])
        start = max(goal["created_on"], enrolled.fetchone()[0])
        if on < start:
            raise InvalidInput(f"date: {on} is before the goal began on {start} (it was set, or they enrolled, then).")
        status = status or goal["status"]
        rated = goal["attainment"] if attainment is None else attainment
        db.execute("UPDATE goals SET status = ?, attainment = ? WHERE id = ?", [status, rated, goal["id"]])
        db.execute(
            "INSERT INTO goal_updates (goal_id, updated_on, status, note, attainment) VALUES (?, ?, ?, ?, ?)",
            [goal["id"], on, status, note, attainment],
        )
    return get_goal(db, goal["id"])


def _records(db: Database, rows: list[tuple[Any, ...]]) -> list[Goal]:
    goals: list[Goal] = [
        {
            "id": r[0],
            "participant": {"id": r[1], "name": r[2]},
            "text": r[3],
            "domain": r[4],
            "treatment_goal": r[5],
            "status": r[6],
            "created_on": r[7],
            "attainment": r[8],
            "updates": [],
        }
        for r in rows
    ]
    by_id = {g["id"]: g for g in goals}
    if by_id:
        marks = ",".join("?" * len(by_id))
        for goal_id, on, status, note, attainment in db.execute(
            f"""SELECT goal_id, updated_on, status, note, attainment FROM goal_updates WHERE goal_id IN ({marks})
                ORDER BY id""",
            list(by_id),
        ):
            by_id[goal_id]["updates"].append({"date": on, "status": status, "attainment": attainment, "note": note})
    return goals


def get_goal(db: Database, goal_id: object) -> Goal:
    """One goal with its story; NotFound for an id that is not a goal."""
    return _records(db, by_id(db, _SELECT + " WHERE g.id = ?", goal_id, "goal"))[0]


def list_goals(db: Database, ref: object | None = None, *, status: str | None = None) -> list[Goal]:
    """Goals of one participant or everyone, optionally of one status, with their stories."""
    where: list[str] = []
    params: list[Any] = []
    if ref is not None:
        where.append("g.participant_id = ?")
        params.append(resolve_participant(db, ref)["id"])
    if status is not None:
        where.append("g.status = ?")
        params.append(validate.choice("status", status, GOAL_STATUSES))
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY g.id"
    return _records(db, db.execute(sql, params).fetchall())


def edit_goal(
    db: Database,
    goal_id: object,
    *,
    text: str | None = None,
    domain: str | None = None,
    treatment_goal: str | None = None,
) -> Goal:
    """Correct a goal's words or domain, or its link to the treatment goal ('' removes it); its story of updates
    stays."""
    from peertool.errors import InvalidInput

    fields: dict[str, Any] = {}
    if text is not None:
        fields["text"] = validate.required_text("text", text)
    if domain is not None:
        fields["domain"] = validate.text("domain", domain, max_len=100)
    if treatment_goal is not None:
        fields["treatment_goal"] = validate.text("treatment_goal", treatment_goal)
    if not fields:
        raise InvalidInput("nothing to change; give --text, --domain or --treatment-goal.")
    with write(db):
        goal = get_goal(db, goal_id)
        update(db, "goals", goal["id"], fields)
    return get_goal(db, goal["id"])


def goal_of(db: Database, participant_id: int, goal_ref: object) -> int | None:
    """The id of the goal a note addresses, which must be one of that participant's own (empty: none)."""
    from peertool.errors import InvalidInput, shown

    raw = "" if goal_ref is None else str(goal_ref).strip()
    if not raw:
        return None
    goal = get_goal(db, raw)
    if goal["participant"]["id"] != participant_id:
        raise InvalidInput(f"goal: {shown(raw)} is another participant's goal; a note addresses the person's own.")
    return int(goal["id"])
