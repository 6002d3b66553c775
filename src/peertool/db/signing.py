"""Signing, locking and amending a record of care, the way a chart keeps them.

A signed record (a contact note, or a meeting with its attendance and each
attendee's note) is locked: it is never edited or erased again. What comes
later is a dated addendum with its reason, kept beside the original. A
signature stores who signed ("NAME, CREDENTIAL"), when, and the sha256 of
the content signed together with who signed it and when, so anyone can check
the record still says what was signed, by whom. A supervisor may add a
second signature (`cosigner`). Signing also marks the record itself as
signed, for good (a trigger keeps the mark): removing the signature row with
another tool leaves the record locked.

The record modules decide what a record's content is; this module only
stores and checks signatures, so both kinds are signed the same way.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from peertool import validate
from peertool.clock import now_utc_text
from peertool.db.connection import Database
from peertool.db.refs import loose_key, name_key
from peertool.db.store import insert, write
from peertool.db.triggers import SIGNED_ALL
from peertool.errors import Conflict, InvalidInput, shown

if TYPE_CHECKING:
    from peertool.db.shapes import Addendum, Seal, StoredSignature

KINDS = {"note": "contact note", "meeting": "meeting", "review": "review", "discharge": "discharge"}
ROLES = ("author", "cosigner")


TABLES = {kind: table for table, kind in SIGNED_ALL.items()}


def content_hash(content: dict[str, Any]) -> str:
    """The sha256 of a record's content, in one canonical JSON form (sorted keys, no spaces)."""
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def signature_hash(kind: str, role: str, name: str, at: str, content: dict[str, Any]) -> str:
    """What a signature made since issue 23 (scheme 2) stores: the hash of the record's content, with which
    record it is, the role, the signer and the time; changing any of them shows."""
    return content_hash({"record": kind, "role": role, "signer": name, "signed_at": at, "content": content})


def _matches(db: Database, kind: str, signature: StoredSignature, content: dict[str, Any], legacy: dict[str, Any]
             ) -> bool:  # fmt: skip
    """Whether a stored signature still fits the record: scheme 1 (before issue 23) hashed the content alone,
    in the form that record kind had then (`legacy`); one made in a coach's own file before it was imported
    hashed the ids the file gave (`db.imported`)."""
    if signature["source"] is not None:
        from peertool.db.imported import in_file

        content, legacy = (in_file(db, signature["source"], TABLES[kind], c) for c in (content, legacy))
    if signature["scheme"] == 1:
        return bool(signature["sha256"] == content_hash(legacy))
    expected = signature_hash(kind, signature["role"], signature["signer"], signature["at"], content)
    return bool(signature["sha256"] == expected)


def signer(value: object) -> str:
    """A signature as typed: "NAME, CREDENTIAL" (e.g. "Dana Reyes, CPS"), both parts given."""
    cleaned = validate.name("--as", value)
    name, comma, credential = cleaned.rpartition(",")
    if not comma or not name.strip() or not credential.strip():
        raise InvalidInput(f'--as: {shown(cleaned)} needs a name and a credential, e.g. "Dana Reyes, CPS".')
    return f"{name.strip()}, {credential.strip()}"


def same_person(first: str, second: str) -> bool:
    """Whether two signatures name one person: their name parts (before the first comma, without any
    parenthesised role) compared without regard to case, accents or spacing, whatever credentials follow."""
    import re

    def person(signature: str) -> str:
        return loose_key(name_key(re.sub(r"\([^)]*\)", " ", signature).split(",", 1)[0]))

    return person(first) == person(second)


def _stored(db: Database, kind: str, record_id: int) -> list[StoredSignature]:
    """The record's signature rows, author first, with the scheme each was hashed by."""
    rows = db.execute(
        """SELECT s.role, s.signer, s.signed_at, s.sha256, s.scheme, i.source FROM signatures s
           LEFT JOIN imported_ids i ON i.table_name = 'signatures' AND i.new_id = s.id
           WHERE s.record = ? AND s.record_id = ? ORDER BY s.role = 'cosigner', s.id""",
        [kind, record_id],
    )
    return [
        {"role": role, "signer": signer, "at": at, "sha256": sha256, "scheme": scheme, "source": source}
        for role, signer, at, sha256, scheme, source in rows
    ]


def addenda(db: Database, kind: str, record_id: int) -> list[Addendum]:
    """The record's addenda, oldest first."""
    rows = db.execute(
        "SELECT id, written_at, text, reason FROM addenda WHERE record = ? AND record_id = ? ORDER BY id",
        [kind, record_id],
    )
    return [{"id": aid, "at": at, "text": text, "reason": reason} for aid, at, text, reason in rows]


def is_signed(db: Database, kind: str, record_id: int) -> bool:
    """Whether the record was ever signed: its own mark, which stays when a signature row is removed."""
    row = db.execute(f"SELECT signed FROM {TABLES[kind]} WHERE id = ?", [record_id]).fetchone()
    return bool(row and row[0])


def refuse_if_signed(db: Database, kind: str, record_id: int) -> None:
    """A signed record is locked: say so, and name the way to add to it."""
    if is_signed(db, kind, record_id):
        raise InvalidInput(
            f"{KINDS[kind]} {record_id} is signed, and a signed record is never changed or erased.",
            hint=f"Add a dated addendum instead: `peertool {kind} amend {record_id} TEXT --reason TEXT`.",
        )


def sign(db: Database, kind: str, record_id: int, content: dict[str, Any], who: object, *, cosign: bool,
         legacy: dict[str, Any] | None = None, staff_id: int | None = None) -> None:  # fmt: skip
    """Sign the record's `content` as its author, or co-sign it (in the caller's write transaction); `staff_id`:
    the staff member `who` names, when staff are defined (`people.signers` decides who may)."""
    name = signer(who)
    done = {s["role"]: s for s in _stored(db, kind, record_id)}
    role = "cosigner" if cosign else "author"
    label = f"{KINDS[kind]} {record_id}"
    if role in done:
        raise Conflict(f"{label} is already {'co-signed' if cosign else 'signed'}.")  # by whom: `show` says
    if cosign:
        if "author" not in done:
            raise InvalidInput(f"{label} is not signed yet; its author signs first, then the supervisor co-signs.")
        if same_person(name, done["author"]["signer"]):
            raise InvalidInput("--cosign: a co-signature is a second person's; the author has signed already.")
        if not _matches(db, kind, done["author"], content, content if legacy is None else legacy):
            raise InvalidInput(f"{label} has changed since it was signed, so it cannot be co-signed.",
                               hint="`peertool audit` shows which command changed it.")  # fmt: skip
    at = now_utc_text()
    row = {"record": kind, "record_id": record_id, "role": role, "signer": name, "signed_at": at,
           "sha256": signature_hash(kind, role, name, at, content), "scheme": 2}  # fmt: skip
    insert(db, "signatures", row if staff_id is None else {**row, "staff_id": staff_id})
    if not cosign:
        db.execute(f"UPDATE {TABLES[kind]} SET signed = 1 WHERE id = ?", [record_id])


def amend(db: Database, kind: str, record_id: int, text: object, reason: object) -> None:
    """Append a dated addendum with its reason (in the caller's write transaction); the record stays as it was."""
    insert(db, "addenda", {
        "record": kind,
        "record_id": record_id,
        "written_at": now_utc_text(),
        "text": validate.required_text("text", text, max_len=100_000),
        "reason": validate.required_text("--reason", reason, max_len=500),
    })  # fmt: skip


# A record as signed: its id, its content, and the content in the form signatures before issue 23 hashed (None:
# the same). `people.signers.sign_record` signs one.
Signable = tuple[int, dict[str, Any], dict[str, Any] | None]


def amend_record(db: Database, kind: str, find: Callable[[], int], text: object, reason: object) -> int:
    """Add a dated addendum to the record `find` names (read under the write lock); its id."""
    with write(db):
        record_id = find()
        amend(db, kind, record_id, text, reason)
    return record_id


def seal(db: Database, kind: str, record_id: int, content: dict[str, Any], legacy: dict[str, Any] | None = None
         ) -> Seal:  # fmt: skip
    """The record's signatures and addenda, and whether it still says what was signed, by whom and when (None:
    never signed; False as well when it was signed and its signature is gone).

    `legacy` is the content in the form signatures made before issue 23 hashed (the same, unless given).
    """
    stored = _stored(db, kind, record_id)
    ever = is_signed(db, kind, record_id)
    fits = all(_matches(db, kind, s, content, content if legacy is None else legacy) for s in stored)
    has_author = any(s["role"] == "author" for s in stored)
    return {
        "signed": ever or has_author,
        "signatures": [
            {"role": s["role"], "signer": s["signer"], "at": s["at"], "sha256": s["sha256"]} for s in stored
        ],
        "intact": None if not (ever or has_author) else fits and has_author,
        "addenda": addenda(db, kind, record_id),
    }
