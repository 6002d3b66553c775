"""Participants: enrollment, the roster, edits and discharge.

Functions take a database and plain values and return plain dicts. Records
are never deleted: a discharged participant leaves the roster and their
group, and their history stays for reports and reviews.
"""

import datetime as dt
import json
import re

from sqlite_utils import Database

from peertool import validate
from peertool.errors import Conflict, InvalidInput
from peertool.refs import name_key, resolve
from peertool.store import write

REFERRALS = ("self", "clinician", "case-manager", "other")
STAGES = ("partnered", "ready-solo")
STATUSES = ("active", "discharged", "all")
# Fields a row of `enroll --from` may carry, named as the CLI options are.
FIELDS = (
    "name", "gender", "interests", "goals", "referral", "phone",
    "email", "enrolled_on", "external_id", "group",
)
_PHONE = re.compile(r"[0-9+()./ -]{3,30}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")



def clean(raw: dict, *, partial: bool = False) -> dict:
    """Check a participant's fields; return them normalised.

    With `partial`, only the keys present are checked (an edit); otherwise a
    name is required and the enrollment date defaults to today.
    """
    out: dict = {}
    if "name" in raw or not partial:
        out["name"] = validate.text("name", raw.get("name"), required=True, max_len=200)
        if out["name"].isdigit():
            raise InvalidInput(f"name: {out['name']!r} is all digits, which reads as an id; give a name.")
        out["name_key"] = name_key(out["name"])
    if "gender" in raw:
        out["gender"] = validate.text("gender", raw["gender"], max_len=50)
    if "interests" in raw:
        out["interests"] = validate.tags("interest", raw["interests"])
    if "goals" in raw:
        out["goals"] = validate.texts("goal", raw["goals"])
    if raw.get("referral") not in (None, ""):
        out["referral"] = validate.choice("referral", raw["referral"], REFERRALS)
    if "phone" in raw:
        out["phone"] = _matching("phone", raw["phone"], _PHONE, "digits, spaces and + ( ) - . /")
    if "email" in raw:
        out["email"] = _matching("email", raw["email"], _EMAIL, "an address like name@example.org")
    if raw.get("enrolled_on") not in (None, ""):
        out["enrolled_on"] = validate.date("enrolled_on", raw["enrolled_on"])
    elif not partial:
        out["enrolled_on"] = dt.date.today().isoformat()
    if "external_id" in raw:
        out["external_id"] = validate.text("external_id", raw["external_id"], max_len=100)
    if "group" in raw:
        out["group"] = validate.text("group", raw["group"], max_len=200)
    if raw.get("stage") is not None:
        out["stage"] = validate.choice("stage", raw["stage"], STAGES)
    return out


def _matching(field: str, value: object, pattern: re.Pattern, form: str) -> str | None:
    cleaned = validate.text(field, value, max_len=200)
    if cleaned is not None and not pattern.fullmatch(cleaned):
        raise InvalidInput(f"{field}: {cleaned!r} does not look right; use {form}.")
    return cleaned


def enroll(db: Database, fields: dict, *, max_group_size: int) -> dict:
    """Enroll one participant (and their goals, and group if given)."""
    person = clean(fields)
    with write(db):
        if person.get("external_id") and _external_id_taken(db, person["external_id"]):
            raise Conflict(
                f"external_id {person['external_id']!r} is already enrolled.",
                hint="Use `peertool participant show` to find them.",
            )
        pid = insert(db, person, max_group_size=max_group_size)
    return get(db, pid)


def _external_id_taken(db: Database, external_id: str) -> bool:
    return bool(db.execute("SELECT 1 FROM participants WHERE external_id = ?", [external_id]).fetchone())


def insert(db: Database, person: dict, *, max_group_size: int) -> int:
    """Insert a cleaned participant inside the caller's transaction; return its id."""
    from peertool import groups

    row = {k: v for k, v in person.items() if k not in ("goals", "group")}
    row["interests"] = json.dumps(row.get("interests") or [])
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    pid = db.execute(f"INSERT INTO participants ({columns}) VALUES ({marks})", list(row.values())).lastrowid
    if person.get("goals"):
        db.conn.executemany(
            "INSERT INTO goals (participant_id, text, created_on) VALUES (?, ?, ?)",
            [(pid, goal, person["enrolled_on"]) for goal in person["goals"]],
        )
    if person.get("group"):
        group = groups.resolve_group(db, person["group"])
        groups.join(db, group, pid, on=person["enrolled_on"], max_size=max_group_size)
    return pid


def resolve_participant(db: Database, ref: object) -> dict:
    """The participant REF names: an id, or a name that matches exactly one."""
    return resolve(db, "participants", "participant", ref)


_KEYS = ("id", "name", "gender", "interests", "referral", "phone", "email", "enrolled_on", "external_id",
         "status", "stage", "group", "discharged_on", "discharge_reason")
_SELECT = """
    SELECT p.id, p.name, p.gender, p.interests, p.referral, p.phone, p.email, p.enrolled_on, p.external_id,
           p.status, p.stage, g.name, p.discharged_on, p.discharge_reason
    FROM participants p
    LEFT JOIN memberships m ON m.participant_id = p.id AND m.left_on IS NULL
    LEFT JOIN peer_groups g ON g.id = m.group_id
"""


def _records(db: Database, where: str, params: list) -> list[dict]:
    """Participants as the stable dicts `--json` prints, straight from the row tuples.

    Built without intermediate dicts: `participant list` of an agency's
    10,000 people spends most of its time here.
    """
    loads = json.loads
    out = []
    for row in db.conn.execute(_SELECT + where, params):
        person = dict(zip(_KEYS, row))
        person["interests"] = loads(person["interests"])
        out.append(person)
    return out


def get(db: Database, pid: int) -> dict:
    """One participant with their goals."""
    person = _records(db, " WHERE p.id = ?", [pid])[0]
    person["goals"] = list(
        db.query("SELECT id, text, domain, status FROM goals WHERE participant_id = ? ORDER BY id", [pid])
    )
    return person


def show(db: Database, ref: object) -> dict:
    return get(db, resolve_participant(db, ref)["id"])


def list_participants(db: Database, *, group: str | None = None, status: str = "active") -> list[dict]:
    """The roster, optionally of one group, by status (active by default)."""
    from peertool import groups

    status = validate.choice("status", status, STATUSES)
    where, params = [], []
    if status != "all":
        where.append("p.status = ?")
        params.append(status)
    if group is not None:
        where.append("m.group_id = ?")
        params.append(groups.resolve_group(db, group)["id"])
    return _records(db, (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY p.id", params)


def edit(db: Database, ref: object, changes: dict, *, max_group_size: int) -> dict:
    """Change the given fields; goals given are added, a group given is a move."""
    from peertool import groups

    fields = clean(changes, partial=True)
    with write(db):
        person = resolve_participant(db, ref)
        new_goals = fields.pop("goals", None)
        moving = "group" in fields
        new_group = fields.pop("group", None)
        if fields.get("external_id") and fields["external_id"] != person["external_id"]:
            if _external_id_taken(db, fields["external_id"]):
                raise Conflict(f"external_id {fields['external_id']!r} is already in use.")
        if "interests" in fields:
            fields["interests"] = json.dumps(fields["interests"])
        if fields:
            assignments = ", ".join(f"{column} = ?" for column in fields)
            db.execute(f"UPDATE participants SET {assignments} WHERE id = ?", [*fields.values(), person["id"]])
        if new_goals:
            today = dt.date.today().isoformat()
            db.conn.executemany(
                "INSERT INTO goals (participant_id, text, created_on) VALUES (?, ?, ?)",
                [(person["id"], goal, today) for goal in new_goals],
            )
        if moving:
            groups.move(db, person, new_group, max_size=max_group_size)
    return get(db, person["id"])


def discharge(db: Database, ref: object, reason: str, *, on: str | None = None) -> dict:
    """Discharge: off the active roster and out of their group; history stays."""
    from peertool import groups

    reason = validate.text("reason", reason, required=True)
    on = validate.date("date", on) if on else dt.date.today().isoformat()
    with write(db):
        person = resolve_participant(db, ref)
        if person["status"] == "discharged":
            raise InvalidInput(f"participant {ref!r} was already discharged on {person['discharged_on']}.")
        if on < person["enrolled_on"]:
            raise InvalidInput(f"date: {on} is before their enrollment on {person['enrolled_on']}.")
        db.execute(
            "UPDATE participants SET status = 'discharged', discharged_on = ?, discharge_reason = ? WHERE id = ?",
            [on, reason, person["id"]],
        )
        groups.leave(db, person["id"], on=on)
    return get(db, person["id"])
