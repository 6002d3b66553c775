"""Participants: enrollment, the roster, edits and discharge.

Functions take a database and plain values and return plain dicts. Records
are never deleted: a discharged participant leaves the roster and their
group, and their history stays for reports and reviews.
"""

import json
import re
from collections.abc import Callable
from typing import Any

from peertool import validate
from peertool.clock import today_iso
from peertool.db.connection import Database
from peertool.db.refs import loose_key, name_key
from peertool.db.store import update, write
from peertool.errors import Conflict, InvalidInput, shown
from peertool.people import groups, memberships
from peertool.people.later_attendance import off_later_meetings
from peertool.people.scope import resolve_group, resolve_participant
from peertool.vocab import DISCHARGE_CODES, REFERRALS, STAGES, STATUSES

# Fields a row of `enroll --from` may carry, named as the CLI options are.
FIELDS = (
    "name",
    "gender",
    "interests",
    "goals",
    "referral",
    "phone",
    "email",
    "enrolled_on",
    "external_id",
    "group",
    "joined_on",
)
_PHONE = re.compile(r"[0-9+()./ -]{3,30}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def clean(raw: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Check a participant's fields; return them normalised.

    With `partial`, only the keys present are checked (an edit); otherwise a
    name is required and the enrollment date defaults to today.
    """
    out: dict[str, Any] = {}
    if "name" in raw or not partial:
        name = validate.name("name", raw.get("name"))
        if name.isdigit():
            raise InvalidInput(f"name: {shown(name)} is all digits, which reads as an id; give a name.")
        out["name"], out["name_key"] = name, name_key(name)
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
    if raw.get("joined_on") not in (None, ""):
        out["joined_on"] = _joined_on(raw)
    if raw.get("enrolled_on") not in (None, ""):
        out["enrolled_on"] = validate.date("enrolled_on", raw["enrolled_on"])
    elif not partial:
        out["enrolled_on"] = out.get("joined_on") or today_iso()  # a group brought in: enrolled when they joined
    if out.get("joined_on") and out["joined_on"] < out.get("enrolled_on", out["joined_on"]):
        raise InvalidInput(f"joined_on: {out['joined_on']} is before they enrolled on {out['enrolled_on']}.")
    if "external_id" in raw:
        out["external_id"] = validate.text("external_id", raw["external_id"], max_len=100)
    if "group" in raw:
        out["group"] = validate.text("group", raw["group"], max_len=200)
    if raw.get("stage") is not None:
        out["stage"] = validate.choice("stage", raw["stage"], STAGES)
    return out


def _joined_on(raw: dict[str, Any]) -> str:
    """When their group membership began (a group already running, brought in): only with a group."""
    if raw.get("group") in (None, ""):
        raise InvalidInput("joined_on: give --group (or a group column) too; it says when they joined it.")
    return validate.date("joined_on", raw["joined_on"])


def _matching(field: str, value: object, pattern: re.Pattern[str], form: str) -> str | None:
    cleaned = validate.text(field, value, max_len=200)
    if cleaned is not None and not pattern.fullmatch(cleaned):
        raise InvalidInput(f"{field}: {shown(cleaned)} does not look right; use {form}.")
    return cleaned


def enroll(db: Database, fields: dict[str, Any], *, max_group_size: int) -> dict[str, Any]:
    """Enroll one participant (and their goals, and group if given).

    A name already enrolled (without regard to case or accents) is enrolled
    all the same, since two people can share a name, with a warning that
    names the existing ids.
    """
    person = clean(fields)
    with write(db):
        if person.get("external_id") and _external_id_taken(db, person["external_id"]):
            raise Conflict(
                f"external_id {shown(person['external_id'])} is already enrolled.",
                hint="Use `peertool participant show` to find them.",
            )
        same = namesakes(db, [person["name"]]).get(loose_key(person["name"]), [])
        pid = insert(db, person, max_group_size=max_group_size)
    warnings = []
    if same:
        ids = ", ".join(f"id {i}" for i in same)
        warnings.append(f"{shown(person['name'])} is already enrolled ({ids}); if this is the same person, "
                        f"remove this record with `peertool participant delete {pid}`.")  # fmt: skip
    return {**get(db, pid), "warnings": warnings}


def namesakes(db: Database, names: list[str]) -> dict[str, list[int]]:
    """For each name's loose key, the ids of people already enrolled under it (case and accents ignored)."""
    wanted = {loose_key(name) for name in names}
    found: dict[str, list[int]] = {}
    for pid, name in db.execute("SELECT id, name FROM participants ORDER BY id"):
        key = loose_key(name)
        if key in wanted:
            found.setdefault(key, []).append(pid)
    return found


def _external_id_taken(db: Database, external_id: str) -> bool:
    return bool(db.execute("SELECT 1 FROM participants WHERE external_id = ?", [external_id]).fetchone())


def insert(db: Database, person: dict[str, Any], *, max_group_size: int) -> int:
    """Insert a cleaned participant inside the caller's transaction; return its id."""
    from peertool.db.store import insert as insert_row

    row = {k: v for k, v in person.items() if k not in ("goals", "group", "joined_on")}
    row["interests"] = json.dumps(row.get("interests") or [])
    pid = insert_row(db, "participants", row)
    if person.get("goals"):
        db.conn.executemany(
            "INSERT INTO goals (participant_id, text, created_on) VALUES (?, ?, ?)",
            [(pid, goal, person["enrolled_on"]) for goal in person["goals"]],
        )
    if person.get("group"):
        group = resolve_group(db, person["group"])
        on = person.get("joined_on") or person["enrolled_on"]
        groups.join(db, group, pid, on=on, max_size=max_group_size)
    return pid


_KEYS = (
    "id",
    "name",
    "gender",
    "interests",
    "referral",
    "phone",
    "email",
    "enrolled_on",
    "external_id",
    "status",
    "stage",
    "group",
    "group_id",
    "discharged_on",
    "discharge_reason",
)
_SELECT = """
    SELECT p.id, p.name, p.gender, p.interests, p.referral, p.phone, p.email, p.enrolled_on, p.external_id,
           p.status, p.stage, g.name, g.id, p.discharged_on, p.discharge_reason
    FROM participants p
    LEFT JOIN memberships m ON m.participant_id = p.id AND m.left_on IS NULL
    LEFT JOIN peer_groups g ON g.id = m.group_id
"""


def _records(db: Database, where: str, params: list[Any]) -> list[dict[str, Any]]:
    """Participants as the stable dicts `--json` prints, straight from the row tuples.

    Built without intermediate dicts: `participant list` of an agency's
    10,000 people spends most of its time here.
    """
    loads = json.loads
    out = []
    for row in db.conn.execute(_SELECT + where, params):
        person = dict(zip(_KEYS, row, strict=True))
        person["interests"] = loads(person["interests"])
        out.append(person)
    return out


def get(db: Database, pid: int) -> dict[str, Any]:
    """One participant with their goals and every discharge (a readmission keeps them)."""
    person = _records(db, " WHERE p.id = ?", [pid])[0]
    person["goals"] = list(
        db.query("SELECT id, text, domain, status FROM goals WHERE participant_id = ? ORDER BY id", [pid])
    )
    person["discharges"] = [
        {"date": on, "reason": reason, "reason_code": code, "readmitted_on": back}
        for on, reason, code, back in db.execute(
            """SELECT discharged_on, reason, reason_code, readmitted_on FROM discharges
               WHERE participant_id = ? ORDER BY discharged_on, id""",
            [pid],
        )
    ]
    return person


def show(db: Database, ref: object) -> dict[str, Any]:
    """`participant show`: the person REF names, with their goals."""
    return get(db, resolve_participant(db, ref)["id"])


def list_participants(db: Database, *, group: str | None = None, status: str = "active") -> list[dict[str, Any]]:
    """The roster, optionally of one group, by status (active by default)."""
    status = validate.choice("status", status, STATUSES)
    where: list[str] = []
    params: list[Any] = []
    if status != "all":
        # With a group, "+" keeps the planner on the group's membership index, so a group's roster reads in
        # the same time however many people the agency has; without one, the status index serves.
        where.append("+p.status = ?" if group is not None else "p.status = ?")
        params.append(status)
    if group is not None:
        where.append("m.group_id = ?")
        params.append(resolve_group(db, group)["id"])
    return _records(db, (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY p.id", params)


def edit(db: Database, ref: object, changes: dict[str, Any], *, max_group_size: int, on: str | None = None,
         min_group_size: int = 0) -> dict[str, Any]:  # fmt: skip
    """Change the given fields; goals given are added, a group given is a move on date `on` (default today)."""
    fields = clean(changes, partial=True)
    on = validate.optional_date("date", on)
    with write(db):
        person = resolve_participant(db, ref)
        new_goals = fields.pop("goals", None)
        moving = "group" in fields
        new_group = fields.pop("group", None)
        memberships.check_edit(db, person["id"], fields, new_group, on)
        if fields.get("external_id") and fields["external_id"] != person["external_id"]:
            if _external_id_taken(db, fields["external_id"]):
                raise Conflict(f"external_id {shown(fields['external_id'])} is already in use.")
        if "interests" in fields:
            fields["interests"] = json.dumps(fields["interests"])
        update(db, "participants", person["id"], fields)
        if new_goals:
            today = today_iso()
            db.conn.executemany(
                "INSERT INTO goals (participant_id, text, created_on) VALUES (?, ?, ?)",
                [(person["id"], goal, today) for goal in new_goals],
            )
        warnings = (groups.move(db, person, new_group, max_size=max_group_size, on=on, min_size=min_group_size)
                    if moving else [])  # fmt: skip
    return {**get(db, person["id"]), "warnings": warnings}


def reason_code(reason: str) -> str:
    """The service definition's discharge criterion a reason's wording names, as a code."""
    words = reason.casefold()
    if "no longer" in words and "wish" in words:
        return "no-longer-wishes"
    if "goal" in words and ("met" in words or "achiev" in words):
        return "goals-met"
    return "other"


def discharge(db: Database, ref: object, reason: str, *, on: str | None = None, code: str | None = None,
              min_group_size: int = 0, confirm: Callable[[str], bool] | None = None) -> dict[str, Any]:  # fmt: skip
    """Discharge: off the active roster and out of their group; history stays.

    The reason is kept as typed, and as a code (given, or read from the
    wording) that a de-identified export can carry. "goals-met" for someone
    with no goals recorded warns: the record does not show that criterion.
    A discharge dated before meetings they are marked at would leave those
    meetings billed after it: refused unless `confirm` agrees to take them
    off those meetings (see `later_attendance`).
    """
    reason = validate.required_text("reason", reason)
    code = validate.choice("reason_code", code, DISCHARGE_CODES) if code else reason_code(reason)
    on = validate.date_or_today("date", on)
    with write(db):
        person = resolve_participant(db, ref)
        if person["status"] == "discharged":
            raise InvalidInput(f"participant {shown(ref)} was already discharged on {person['discharged_on']}.")
        if on < person["enrolled_on"]:
            raise InvalidInput(f"date: {on} is before their enrollment on {person['enrolled_on']}.")
        db.execute(
            """UPDATE participants SET status = 'discharged', discharged_on = ?, discharge_reason = ?,
               discharge_reason_code = ? WHERE id = ?""",
            [on, reason, code, person["id"]],
        )
        warnings = off_later_meetings(db, person["id"], on, confirm)
        db.execute(
            "INSERT INTO discharges (participant_id, discharged_on, reason, reason_code) VALUES (?, ?, ?, ?)",
            [person["id"], on, reason, code],
        )
        warnings += groups.move(db, person, None, max_size=0, on=on, min_size=min_group_size)
        goals = db.execute("SELECT count(*) FROM goals WHERE participant_id = ?", [person["id"]]).fetchone()[0]
        if code == "goals-met" and not goals:
            warnings.append("reason code goals-met, but they have no goals recorded (`peertool goal add`).")
    return {**get(db, person["id"]), "warnings": warnings}


def readmit(
    db: Database, ref: object, *, on: str | None = None, group: str | None = None, max_group_size: int = 12
) -> dict[str, Any]:
    """Back to active from date `on` (default today), into `group` if given; earlier discharges are kept."""
    day = validate.date_or_today("date", on)
    with write(db):
        person = resolve_participant(db, ref)
        if person["status"] != "discharged":
            raise InvalidInput(f"participant {shown(ref)} is active; only a discharged participant is readmitted.")
        if day < person["discharged_on"]:
            raise InvalidInput(f"date: {day} is before their discharge on {person['discharged_on']}.")
        db.execute(
            """UPDATE participants SET status = 'active', discharged_on = NULL, discharge_reason = NULL,
               discharge_reason_code = NULL WHERE id = ?""",
            [person["id"]],
        )
        db.execute(
            """UPDATE discharges SET readmitted_on = ? WHERE id =
               (SELECT id FROM discharges WHERE participant_id = ? ORDER BY discharged_on DESC, id DESC LIMIT 1)""",
            [day, person["id"]],
        )
        if group:
            groups.join(db, resolve_group(db, group), person["id"], on=day, max_size=max_group_size)
    return get(db, person["id"])


# What a participant's records are, child tables first: erased with them. Meetings stay (they are the group's).
_ERASE = [
    ("goal_updates", "goal_id IN (SELECT id FROM goals WHERE participant_id = :p)"),
    ("goals", "participant_id = :p"),
    ("memberships", "participant_id = :p"),
    ("attendance", "participant_id = :p"),
    ("attendee_notes", "participant_id = :p"),
    ("addenda", "record = 'note' AND record_id IN (SELECT id FROM contact_notes WHERE participant_id = :p)"),
    ("contact_interventions", "note_id IN (SELECT id FROM contact_notes WHERE participant_id = :p)"),
    ("contact_notes", "participant_id = :p"),
    ("reviews", "participant_id = :p"),
    ("discharges", "participant_id = :p"),
    ("pairing_pairs", ":p IN (first_id, second_id, third_id)"),
    ("team_breaks", ":p IN (first_id, second_id)"),
    ("outing_people", "participant_id = :p"),
    ("measures", "participant_id = :p"),
    ("connections", "participant_id = :p"),
    ("wellness_plans", "participant_id = :p"),
]
_KEPT = {  # the tables `delete` erases nothing from, and why (tests/test_db_schema.py: each is here or in _ERASE)
    "participants": "their own row, deleted last", "peer_groups": "the group's", "meetings": "the group's",
    "pairings": "the group's (their teams are erased)", "meeting_threads": "the meeting's",
    "outings": "the group's (one left with no one is erased)", "audit": "append-only: it keeps ids, never values",
    "signatures": "a person in a signed record is never erased (_refuse_if_signed)",
    "community_contacts": "community education, with no enrolled person",
}  # fmt: skip


def delete(db: Database, ref: object, *, confirm: Callable[[str], bool]) -> dict[str, Any]:
    """Erase a participant and every record about them, in one transaction (a record made in error, or a
    request to erase).

    Meetings stay, and so do outings the other partner went on; an outing
    left with no one is erased too. The audit log keeps ids only.
    """
    with write(db):
        person = resolve_participant(db, ref)
        _refuse_if_signed(db, person["id"])
        if not confirm(f"Erase participant {person['id']} and every record about them?"):
            raise InvalidInput("nothing was erased.")
        orphaned = [row[0] for row in db.execute(
            "SELECT outing_id FROM outing_people GROUP BY outing_id HAVING count(*) = 1 AND max(participant_id) = ?",
            [person["id"]])]  # fmt: skip
        for table, where in _ERASE:
            db.execute(f"DELETE FROM {table} WHERE {where}", {"p": person["id"]})
        db.conn.executemany("DELETE FROM outings WHERE id = ?", [(oid,) for oid in orphaned])
        db.execute("DELETE FROM participants WHERE id = ?", [person["id"]])
    return {"id": person["id"], "deleted": True}


def _refuse_if_signed(db: Database, pid: int) -> None:
    """A signed record is never erased, so neither is a person in one: a signed contact note or meeting."""
    signed = db.execute(
        """SELECT (SELECT count(*) FROM contact_notes WHERE participant_id = :p AND signed = 1)
                + (SELECT count(*) FROM meetings WHERE signed = 1 AND id IN
                      (SELECT meeting_id FROM attendance WHERE participant_id = :p))""",
        {"p": pid},
    ).fetchone()[0]
    if signed:
        raise InvalidInput(
            f"participant {pid} is in {signed} signed record(s), and signed records are never erased.",
            hint="Discharge them instead (`peertool discharge`); their signed records stay as they were.",
        )
