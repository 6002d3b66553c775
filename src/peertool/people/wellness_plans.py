"""A participant's own wellness and crisis plan: kept in versions, shown only when asked for by name.

The service definition lists pre-crisis support: helping a person write a
wellness recovery or personal crisis plan. The plan belongs to the
participant, so nothing else peertool prints ever includes it: not
`participant show`, `prep`, `report`, the chart, nor any export unless
`--include-plans` is given. Every edit adds a version; the newest is the plan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from peertool import validate
from peertool.clock import now_utc_text
from peertool.db.connection import Database
from peertool.db.store import insert, write
from peertool.errors import InvalidInput, NotFound
from peertool.people.scope import resolve_participant

if TYPE_CHECKING:
    from peertool.people.shapes import Named

SECTIONS = (
    "Wellness toolbox",
    "Daily maintenance",
    "Triggers",
    "Early warning signs",
    "When things are breaking down",
    "Crisis plan",
    "Post-crisis",
)
TEMPLATE = "".join(f"## {section}\n\n" for section in SECTIONS)
LONGEST = 100_000


class PlanVersion(TypedDict):
    """One version of a plan, without its text."""

    id: int
    participant: Named
    version: int
    written_at: str


class Plan(PlanVersion):
    """`plan show`."""

    text: str


class PlanLength(PlanVersion):
    """An item of `plan history`: how long each version is, never its text."""

    characters: int


class PlanSaved(PlanVersion):
    """`plan edit`: the version kept, and whether the text changed."""

    changed: bool


def save_plan(db: Database, ref: object, text: str) -> PlanSaved:
    """Keep `text` as the person's plan: a new version, the earlier ones kept. Text the same as the current
    plan adds nothing (`changed` is false); a plan with nothing written under its headings is refused."""
    cleaned = validate.required_text("plan", text, max_len=LONGEST)
    if not any(line.strip() and not line.startswith("#") for line in cleaned.splitlines()):
        raise InvalidInput("plan: nothing is written under its headings; nothing was saved.")
    with write(db):
        person = resolve_participant(db, ref)
        current = _version_row(db, person["id"], None)
        if current is not None and current[3] == cleaned:
            return {**_meta(person, current), "changed": False}
        version = 1 if current is None else current[1] + 1
        row = {"participant_id": person["id"], "version": version, "written_at": now_utc_text(), "text": cleaned}
        row_id = insert(db, "wellness_plans", row)
    return {**_meta(person, (row_id, version, row["written_at"], cleaned)), "changed": True}


def get_plan(db: Database, ref: object, *, version: int | None = None) -> Plan:
    """The person's plan (or one earlier version of it), text included: for `plan show` only."""
    person = resolve_participant(db, ref)
    found = _version_row(db, person["id"], version)
    if found is None:
        raise _missing(person, version)
    return {**_meta(person, found), "text": found[3]}


def draft(db: Database, ref: object) -> tuple[dict[str, Any], str]:
    """The person, and the text an edit starts from: their plan, or the template of headings for a first one."""
    person = resolve_participant(db, ref)
    found = _version_row(db, person["id"], None)
    return person, (found[3] + "\n" if found else TEMPLATE)


def history(db: Database, ref: object) -> list[PlanLength]:
    """Every version of the person's plan, newest first: when each was written and how long, never the text."""
    person = resolve_participant(db, ref)
    rows = db.execute(
        """SELECT id, version, written_at, length(text) FROM wellness_plans WHERE participant_id = ?
           ORDER BY version DESC""",
        [person["id"]],
    ).fetchall()
    return [{**_meta(person, row), "characters": row[3]} for row in rows]


def _version_row(db: Database, pid: int, version: int | None) -> tuple[Any, ...] | None:
    sql = "SELECT id, version, written_at, text FROM wellness_plans WHERE participant_id = ?"
    if version is None:
        row = db.execute(sql + " ORDER BY version DESC LIMIT 1", [pid]).fetchone()
    else:
        row = db.execute(sql + " AND version = ?", [pid, version]).fetchone()
    return tuple(row) if row else None


def _meta(person: dict[str, Any], row: tuple[Any, ...]) -> PlanVersion:
    return {
        "id": row[0],
        "participant": {"id": person["id"], "name": person["name"]},
        "version": row[1],
        "written_at": row[2],
    }


def _missing(person: dict[str, Any], version: int | None) -> NotFound:
    if version is None:
        return NotFound(
            f"participant {person['id']} has no wellness plan yet.",
            hint=f"Write one with `peertool plan edit {person['id']}`.",
        )
    return NotFound(
        f"participant {person['id']}'s plan has no version {version}.",
        hint=f"See the versions with `peertool plan history {person['id']}`.",
    )
