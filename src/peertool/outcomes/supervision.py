"""What awaits a supervisor's co-signature, and how each supervisee's records are co-signed (issue 28, part 4).

A record awaits a co-signature when `supervision.cosign` drew it as
required when it was signed (`people.signers.draw`, kept in
`cosign_draws`) and no one has co-signed it yet. A supervisor's queue is
the records of the staff they supervise, and of authors with no assigned
supervisor or whose supervisor has left (any supervisor may co-sign those),
never their own; an ended supervisor has none. A director's, and the queue
of a database with no staff, is every record.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypedDict

from peertool.db.ids import marks
from peertool.errors import InvalidInput
from peertool.people.staff import (
    IN_CHARGE,
    SUPERVISING,
    active_staff,
    briefs,
    current_staff,
    staff_defined,
    unknown_login,
)

if TYPE_CHECKING:
    from peertool.db.connection import Database
    from peertool.people.shapes import Named, StaffBrief
    from peertool.people.staff import Staff

# Each signed kind: its table, its date, and whose it is (a person's, or a group's for a meeting).
_RECORDS = {
    "note": ("contact_notes", "noted_on", "participant_id", None),
    "meeting": ("meetings", "held_on", None, "group_id"),
    "review": ("reviews", "reviewed_on", "participant_id", None),
    "discharge": ("discharges", "discharged_on", "participant_id", None),
}
_AWAITING = f"""
    SELECT d.record, d.record_id, s.signed_at, s.signer, s.staff_id, {IN_CHARGE}
    FROM cosign_draws d
    JOIN signatures s ON s.record = d.record AND s.record_id = d.record_id AND s.role = 'author'
    LEFT JOIN staff a ON a.id = s.staff_id LEFT JOIN staff b ON b.id = a.supervisor_id
    WHERE d.required = 1 AND NOT EXISTS (SELECT 1 FROM signatures c
        WHERE c.record = d.record AND c.record_id = d.record_id AND c.role = 'cosigner')
    ORDER BY s.signed_at, d.id
"""


class Awaiting(TypedDict):
    """A record that awaits a co-signature (`supervise queue`), oldest signature first."""

    kind: str  # note, meeting, review or discharge
    id: int
    date: str  # the record's own date
    signed_at: str  # when its author signed it
    author: str  # "Name, Credential" as signed
    author_staff: StaffBrief | None  # the staff member who signed (None: signed without staff)
    cosigner: StaffBrief | None  # the author's supervisor, whose co-signature it is (None: any supervisor's)
    participant: Named | None  # whose record (None: a meeting)
    group: Named | None  # a meeting's group
    settle: str


class Queue(TypedDict):
    """`supervise queue`: whose queue it is (None: everyone's) and what awaits a co-signature."""

    supervisor: StaffBrief | None
    items: list[Awaiting]


def queue_of(db: Database, supervisor: str | None = None) -> Queue:
    """What awaits `supervisor`'s co-signature (default: the current staff member; a director, or a database
    with no staff, sees every record)."""
    member = _supervisor(db, supervisor)
    items = awaiting(db, None if member is None or member["role"] == "director" else member["id"])
    brief = None if member is None else briefs(db, {member["id"]})[member["id"]]
    return {"supervisor": brief, "items": items}


def _supervisor(db: Database, ref: str | None) -> Staff | None:
    """The staff member whose queue is asked for: a supervisor or director (exit 1 otherwise); None when no staff
    is defined."""
    if not staff_defined(db):
        return None
    member = active_staff(db, ref, "--supervisor") if ref is not None else current_staff(db)
    if member is None:
        raise unknown_login(db, "whose queue is not known", "Name one with --supervisor NAME, or give")
    if member["role"] not in SUPERVISING:
        raise InvalidInput(f"--supervisor: {member['name']} is a {member['role']}; supervisors and directors "
                           "co-sign.")  # fmt: skip
    return member


def awaiting(db: Database, supervisor_id: int | None) -> list[Awaiting]:
    """Records awaiting a co-signature, oldest signature first: all (None), or those `supervisor_id` may co-sign
    (their supervisees', and those of authors with no supervisor in charge, never their own)."""
    from peertool.clock import today_iso
    from peertool.outcomes.due_people import command

    rows = [
        row for row in db.execute(_AWAITING, {"today": today_iso()})
        if supervisor_id is None or (row[5] in (None, supervisor_id) and row[4] != supervisor_id)
    ]  # fmt: skip
    found = _whose(db, {(kind, rid) for kind, rid, *_ in rows})
    staff = briefs(db, {sid for row in rows for sid in row[4:6] if sid is not None})
    return [
        {"kind": kind, "id": rid, "date": found[kind, rid][0], "signed_at": at, "author": signer,
         "author_staff": staff.get(staff_id) if staff_id is not None else None,
         "cosigner": staff.get(in_charge) if in_charge is not None else None,
         "participant": found[kind, rid][1], "group": found[kind, rid][2],
         "settle": command(kind, "sign", rid, "--cosign")}
        for kind, rid, at, signer, staff_id, in_charge in rows if (kind, rid) in found
    ]  # fmt: skip


Whose = dict[tuple[str, int], tuple[str, "Named | None", "Named | None"]]  # (kind, id) -> date, person, group


def _whose(db: Database, records: set[tuple[str, int]]) -> Whose:
    """Each record's date, and the person or group it is of, read by id for the few records asked about."""
    found: Whose = {}
    for kind, (table, day, person, group) in _RECORDS.items():
        ids = sorted(rid for k, rid in records if k == kind)
        if not ids:
            continue
        owner, names = (f"r.{person}", "participants") if person else (f"r.{group}", "peer_groups")
        rows = db.execute(
            f"SELECT r.id, r.{day}, o.id, o.name FROM {table} r JOIN {names} o ON o.id = {owner} "
            f"WHERE r.id IN ({marks(ids)})",
            ids,
        )
        for rid, on, oid, name in rows:
            whose: Named = {"id": oid, "name": name}
            found[kind, rid] = (on, whose if person else None, None if person else whose)
    return found


class SuperviseeStats(TypedDict):
    """One supervisee's row of `supervise stats` (records by when their author signed them)."""

    staff: StaffBrief | None  # None: records signed without staff (typed names)
    supervisor: StaffBrief | None
    signed: int  # records they signed
    required: int  # of those, drawn to need a co-signature
    cosigned: int  # of those, co-signed (whether drawn or not)
    cosign_rate: float | None  # co-signed of those required (None: none required)
    median_days_to_cosign: float | None  # from their signature to the co-signature (None: none co-signed)


class Stats(TypedDict):
    """`supervise stats`: the period (None: open) and a row per supervisee."""

    start: str | None
    end: str | None
    supervisees: list[SuperviseeStats]


_SIGNED = """
    SELECT s.staff_id, s.signed_at, coalesce(d.required, 0), c.signed_at
    FROM signatures s
    LEFT JOIN cosign_draws d ON d.record = s.record AND d.record_id = s.record_id
    LEFT JOIN signatures c ON c.record = s.record AND c.record_id = s.record_id AND c.role = 'cosigner'
    WHERE s.role = 'author' AND substr(s.signed_at, 1, 10) BETWEEN ? AND ?
"""


def stats(db: Database, start: str | None = None, end: str | None = None) -> Stats:
    """Per supervisee (the staff member who signed), records signed, required, co-signed, the co-sign rate and
    the median days from signature to co-signature, in the period (by the author's signature date)."""
    from peertool import validate

    start, end = validate.optional_date("from", start), validate.optional_date("to", end)
    validate.not_after(start, end)
    rows: dict[int | None, list[tuple[str, int, str | None]]] = {}
    for staff_id, at, required, cosigned_at in db.execute(_SIGNED, [start or "0000-00-00", end or "9999-12-31"]):
        rows.setdefault(staff_id, []).append((at, required, cosigned_at))
    staff = briefs(db, {sid for sid in rows if sid is not None})
    bosses: dict[int, int] = dict(db.execute("SELECT id, supervisor_id FROM staff WHERE supervisor_id IS NOT NULL"))
    boss_briefs = briefs(db, set(bosses.values()))
    order = sorted(rows, key=lambda sid: (sid is None, staff[sid]["name"].casefold() if sid is not None else ""))
    return {"start": start, "end": end, "supervisees": [
        _row(rows[sid], None if sid is None else staff[sid], boss_briefs[bosses[sid]] if sid in bosses else None)
        for sid in order
    ]}  # fmt: skip


def _row(records: list[tuple[str, int, str | None]], staff: StaffBrief | None, boss: StaffBrief | None
         ) -> SuperviseeStats:  # fmt: skip
    from statistics import median  # only `supervise stats` and the director's report: not every `due`

    required = sum(1 for _, needed, _ in records if needed)
    days = [_days(at, done) for at, _, done in records if done is not None]
    return {
        "staff": staff,
        "supervisor": boss,
        "signed": len(records),
        "required": required,
        "cosigned": len(days),
        "cosign_rate": rate(sum(1 for _, needed, done in records if needed and done), required),
        "median_days_to_cosign": float(median(days)) if days else None,
    }


def _days(signed_at: str, cosigned_at: str) -> int:
    return (dt.date.fromisoformat(cosigned_at[:10]) - dt.date.fromisoformat(signed_at[:10])).days


def rate(done: int, required: int) -> float | None:
    """A share, rounded to 3 places; None when nothing was required."""
    return round(done / required, 3) if required else None


def cosign_rate(db: Database, people: list[int], start: str, end: str) -> float | None:
    """The director's figure: of the people's records signed in the period that needed a co-signature, the share
    co-signed (None: none needed one). A meeting is theirs when one of them was marked at it."""
    if not people:
        return None
    theirs = " OR ".join(
        f"(s.record = '{kind}' AND s.record_id IN ("
        + (f"SELECT id FROM {table} WHERE {person}" if person else "SELECT meeting_id FROM attendance WHERE "
           "participant_id") + f" IN ({marks(people)})))"
        for kind, (table, _, person, _) in _RECORDS.items()
    )  # fmt: skip
    row = db.execute(
        f"""SELECT count(*), count(c.id) FROM signatures s
            JOIN cosign_draws d ON d.record = s.record AND d.record_id = s.record_id AND d.required = 1
            LEFT JOIN signatures c ON c.record = s.record AND c.record_id = s.record_id AND c.role = 'cosigner'
            WHERE s.role = 'author' AND substr(s.signed_at, 1, 10) BETWEEN ? AND ? AND ({theirs})""",
        [start, end, *people * len(_RECORDS)],
    ).fetchone()
    return rate(row[1], row[0])
