"""Continued-stay reviews and discharges, signed and amended like contact notes (issue 28, part 3).

A signed review or discharge is locked the way a note is: its `signed`
mark stays (a trigger keeps it), the signature binds what it says, and
what comes later is a dated addendum. A person in a signed one is never
erased. A readmission later is an event of its own: it is kept beside the
discharge (`readmitted_on`), which a signature does not cover.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from peertool.db import signing
from peertool.people.signers import sign_record

if TYPE_CHECKING:
    from peertool.db.connection import Database
    from peertool.db.shapes import Addendum, Signature
    from peertool.people.shapes import Named
    from peertool.settings import Settings

# What a signature covers, by kind: the table, the record's date and its columns as recorded.
_SIGNED = {
    "review": ("reviews", "reviewed_on", ("participant_id", "reviewed_on", "progressing", "wants_to_continue",
                                          "more_to_try", "goals_met", "note", "next_due")),
    "discharge": ("discharges", "discharged_on", ("participant_id", "discharged_on", "reason", "reason_code")),
}  # fmt: skip


class SignedRecord(TypedDict):
    """`review sign/amend`, `discharge list/sign/amend`: the record as signed, whose it is, and its seal (the keys
    of `db.shapes.Seal`, last, as every signable record's JSON ends)."""

    kind: str
    id: int
    participant: Named
    date: str
    content: dict[str, Any]  # the columns the signature covers, as recorded
    signed: bool
    signatures: list[Signature]
    intact: bool | None
    addenda: list[Addendum]


def _find(db: Database, kind: str, ref: object) -> tuple[int, dict[str, Any], Named]:
    """The record with id REF (NotFound, exit 3), its signed content, and whose it is."""
    from peertool.db.refs import as_id, not_found

    table, _, columns = _SIGNED[kind]
    raw = str(ref).strip()
    record_id = as_id(raw)
    row = None if record_id is None else db.execute(
        f"SELECT r.id, {', '.join('r.' + c for c in columns)}, p.name FROM {table} r "
        "JOIN participants p ON p.id = r.participant_id WHERE r.id = ?", [record_id]).fetchone()  # fmt: skip
    if row is None:
        raise not_found(raw, kind)
    content = {"id": row[0], **dict(zip(columns, row[1:-1], strict=True))}
    return row[0], content, {"id": content["participant_id"], "name": row[-1]}


def get_signed(db: Database, kind: str, ref: object) -> SignedRecord:
    """A review or discharge with its signatures and addenda."""
    record_id, content, person = _find(db, kind, ref)
    sealed = signing.seal(db, kind, record_id, content)
    return {"kind": kind, "id": record_id, "participant": person, "date": content[_SIGNED[kind][1]],
            "content": content, **sealed}  # fmt: skip


def list_discharges(db: Database, ref: object | None = None) -> list[SignedRecord]:
    """Discharges of one participant or everyone, oldest first, with their ids (for `discharge sign ID`)."""
    from peertool.people.scope import resolve_participant

    where, params = ("WHERE participant_id = ?", [resolve_participant(db, ref)["id"]]) if ref is not None else ("", [])
    ids = db.execute(f"SELECT id FROM discharges {where} ORDER BY discharged_on, id", params).fetchall()
    return [get_signed(db, "discharge", rid) for (rid,) in ids]


def _sign(db: Database, kind: str, ref: object, who: object | None, settings: Settings, cosign: bool
          ) -> SignedRecord:  # fmt: skip
    def found() -> signing.Signable:
        record_id, content, _ = _find(db, kind, ref)
        return record_id, content, None

    return get_signed(db, kind, sign_record(db, kind, found, who, cosign=cosign, settings=settings))


def _amend(db: Database, kind: str, ref: object, text: object, reason: object) -> SignedRecord:
    record_id = signing.amend_record(db, kind, lambda: _find(db, kind, ref)[0], text, reason)
    return get_signed(db, kind, record_id)


def sign_review(db: Database, ref: object, who: object | None, *, settings: Settings, cosign: bool = False
                ) -> SignedRecord:  # fmt: skip
    """Sign (or co-sign) a continued-stay review, which locks it."""
    return _sign(db, "review", ref, who, settings, cosign)


def amend_review(db: Database, ref: object, text: object, *, reason: object, settings: Settings) -> SignedRecord:
    """Add a dated addendum to a review; the review stays as it was."""
    return _amend(db, "review", ref, text, reason)


def sign_discharge(db: Database, ref: object, who: object | None, *, settings: Settings, cosign: bool = False
                   ) -> SignedRecord:  # fmt: skip
    """Sign (or co-sign) a discharge, which locks it."""
    return _sign(db, "discharge", ref, who, settings, cosign)


def amend_discharge(db: Database, ref: object, text: object, *, reason: object, settings: Settings
                    ) -> SignedRecord:  # fmt: skip
    """Add a dated addendum to a discharge; the discharge stays as it was."""
    return _amend(db, "discharge", ref, text, reason)
