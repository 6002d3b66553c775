"""Participants: enrollment, the roster and edits.

Functions take a database and plain values and return the shapes in
`people/shapes.py`. Discharge and readmission are in `people/discharges.py`;
erasing someone's records, in `people/erasure.py`.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from peertool import validate
from peertool.clock import today_iso
from peertool.db.refs import loose_key, name_key
from peertool.db.store import update, write
from peertool.errors import Conflict, InvalidInput, shown
from peertool.people import groups, memberships
from peertool.people.scope import resolve_group, resolve_participant
from peertool.vocab import REFERRALS, STAGES, STATUSES

if TYPE_CHECKING:
    from collections.abc import Callable

    from peertool.db.connection import Database
    from peertool.people.enrollments import Enrollment
    from peertool.people.shapes import Participant, ParticipantChanged, ParticipantRow

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
    return out | _cadence(raw)


def _cadence(raw: dict[str, Any]) -> dict[str, Any]:
    """Their own review cadence: every N days, or `none` (off every due list: a long-term support model);
    and a next review date from their service plan ('' clears it)."""
    out: dict[str, Any] = {}
    if raw.get("review_every") is not None:
        every = str(raw["review_every"]).strip().casefold()
        if every == "none":
            out["review_every_days"], out["reviews_off"] = None, 1
        elif every.isdigit() and 1 <= int(every) <= 3660:
            out["review_every_days"], out["reviews_off"] = int(every), None
        else:
            raise InvalidInput(f"review_every: {shown(raw['review_every'])} is not a number of days 1-3660 or none.")
    if "next_review" in raw:
        out["next_review_on"] = validate.optional_date("next_review", raw["next_review"] or None)
    if out.get("reviews_off") and out.get("next_review_on"):
        raise InvalidInput("next_review: a review date and --review-every none contradict each other; give one.")
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


def enroll(db: Database, fields: dict[str, Any], *, max_group_size: int) -> ParticipantChanged:
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
    warnings: list[str] = []
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
        db.executemany(
            "INSERT INTO goals (participant_id, text, created_on) VALUES (?, ?, ?)",
            [(pid, goal, person["enrolled_on"]) for goal in person["goals"]],
        )
    if person.get("group"):
        group = resolve_group(db, person["group"])
        on = person.get("joined_on") or person["enrolled_on"]
        groups.join(db, group, pid, on=on, max_size=max_group_size)
    return pid


_SELECT = """
    SELECT p.id, p.name, p.gender, p.interests, p.referral, p.phone, p.email, p.enrolled_on, p.external_id,
           p.status, p.stage, g.name, g.id, p.discharged_on, p.discharge_reason
    FROM participants p
    LEFT JOIN memberships m ON m.participant_id = p.id AND m.left_on IS NULL
    LEFT JOIN peer_groups g ON g.id = m.group_id
"""


def _records(db: Database, where: str, params: list[Any]) -> list[ParticipantRow]:
    """Participants as the stable dicts `--json` prints, straight from the row tuples.

    Built without intermediate dicts: `participant list` of an agency's
    10,000 people spends most of its time here.
    """
    loads = json.loads
    return [
        {"id": pid, "name": name, "gender": gender, "interests": loads(interests), "referral": referral,
         "phone": phone, "email": email, "enrolled_on": enrolled_on, "external_id": external_id, "status": status,
         "stage": stage, "group": group, "group_id": group_id, "discharged_on": discharged_on,
         "discharge_reason": discharge_reason}
        for (pid, name, gender, interests, referral, phone, email, enrolled_on, external_id, status, stage, group,
             group_id, discharged_on, discharge_reason) in db.execute(_SELECT + where, params)
    ]  # fmt: skip


def get(db: Database, pid: int) -> Participant:
    """One participant with their goals, every discharge (a readmission keeps them) and their latest screening
    (intake is imported here: a roster, which never shows screenings, does not load it)."""
    from peertool.people import intake

    goals = db.execute(
        "SELECT id, text, domain, treatment_goal, status FROM goals WHERE participant_id = ? ORDER BY id", [pid]
    )
    discharges = db.execute(
        """SELECT discharged_on, reason, reason_code, readmitted_on FROM discharges
           WHERE participant_id = ? ORDER BY discharged_on, id""",
        [pid],
    )
    every, off, planned, staff_id = db.execute(
        "SELECT review_every_days, reviews_off, next_review_on, staff_id FROM participants WHERE id = ?", [pid]
    ).fetchone()
    from peertool.people.enrollments import open_programs
    from peertool.people.staff import assigned_to

    person: Participant = {
        **_records(db, " WHERE p.id = ?", [pid])[0],
        "review_cadence": {"every_days": every, "off": bool(off), "plan_date": planned},
        "goals": [
            {"id": gid, "text": text, "domain": domain, "treatment_goal": treatment, "status": status}
            for gid, text, domain, treatment, status in goals
        ],
        "discharges": [
            {"date": on, "reason": reason, "reason_code": code, "readmitted_on": back}
            for on, reason, code, back in discharges
        ],
        "screening": intake.summary(intake.latest(db, pid)),  # None: not screened at intake
        "programs": open_programs(db, pid),
        "staff": assigned_to(db, staff_id),  # whose caseload they are on; None: no one's
    }
    return person


def show(db: Database, ref: object) -> Participant:
    """`participant show`: the person REF names, with their goals."""
    return get(db, resolve_participant(db, ref)["id"])


def list_participants(db: Database, *, group: str | None = None, status: str = "active") -> list[ParticipantRow]:
    """The roster, optionally of one group, by status (active by default)."""
    status = validate.choice("status", status, STATUSES)
    where: list[str] = []
    params: list[Any] = []
    if status != "all":
        # With a group, `|| ''` keeps the planner on the group's membership index, so a group's roster reads in
        # the same time however many people the agency has; without one, the status index serves.
        where.append("(p.status || '') = ?" if group is not None else "p.status = ?")
        params.append(status)
    if group is not None:
        where.append("m.group_id = ?")
        params.append(resolve_group(db, group)["id"])
    return _records(db, (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY p.id", params)


def edit(db: Database, ref: object, changes: dict[str, Any], *, max_group_size: int, on: str | None = None,
         min_group_size: int = 0, programs: Enrollment | None = None,
         confirm: Callable[[str], bool] | None = None) -> ParticipantChanged:  # fmt: skip
    """Change the given fields; goals given are added, a group given is a move on date `on` (default today), and
    so is a drop-in program joined or left (`programs`; leaving before visits recorded asks `confirm`); `staff`
    puts them on a staff member's caseload."""
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
        if "staff" in changes:  # their caseload: a staff member's REF, or '' for none
            from peertool.people.staff import active_staff

            fields["staff_id"] = active_staff(db, changes["staff"], "staff")["id"] if changes["staff"] else None
        update(db, "participants", person["id"], fields)
        if new_goals:
            today = today_iso()
            db.executemany(
                "INSERT INTO goals (participant_id, text, created_on) VALUES (?, ?, ?)",
                [(person["id"], goal, today) for goal in new_goals],
            )
        warnings = (groups.move(db, person, new_group, max_size=max_group_size, on=on, min_size=min_group_size)
                    if moving else [])  # fmt: skip
        if programs is not None:
            from peertool.people.enrollments import change_programs

            warnings += change_programs(db, person, programs, on=on or today_iso(), confirm=confirm)
    return {**get(db, person["id"]), "warnings": warnings}
