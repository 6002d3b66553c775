"""Signing, locking and amending a record of care, the way a chart keeps them.

A signed record (a contact note, or a meeting with its attendance and each
attendee's note) is locked: it is never edited or erased again. What comes
later is a dated addendum with its reason, kept beside the original. A
signature stores who signed ("NAME, CREDENTIAL"), when, and the sha256 of
the content signed, so anyone can check the record still says what was
signed. A supervisor may add a second signature (`cosigner`).

The record modules decide what a record's content is; this module only
stores and checks signatures, so both kinds are signed the same way.
"""

import hashlib
import json
from typing import Any

from peertool import validate
from peertool.clock import now_utc_text
from peertool.db.connection import Database
from peertool.db.refs import name_key
from peertool.db.store import insert
from peertool.errors import Conflict, InvalidInput, shown

KINDS = {"note": "contact note", "meeting": "meeting"}
ROLES = ("author", "cosigner")


def content_hash(content: dict[str, Any]) -> str:
    """The sha256 of a record's content, in one canonical JSON form (sorted keys, no spaces)."""
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def signer(value: object) -> str:
    """A signature as typed: "NAME, CREDENTIAL" (e.g. "Dana Reyes, CPS"), both parts given."""
    cleaned = validate.name("--as", value)
    name, comma, credential = cleaned.rpartition(",")
    if not comma or not name.strip() or not credential.strip():
        raise InvalidInput(f'--as: {shown(cleaned)} needs a name and a credential, e.g. "Dana Reyes, CPS".')
    return f"{name.strip()}, {credential.strip()}"


def signatures(db: Database, kind: str, record_id: int) -> list[dict[str, Any]]:
    """The record's signatures, author first."""
    rows = db.execute(
        """SELECT role, signer, signed_at, sha256 FROM signatures WHERE record = ? AND record_id = ?
           ORDER BY role = 'cosigner', id""",
        [kind, record_id],
    )
    return [{"role": role, "signer": who, "at": at, "sha256": digest} for role, who, at, digest in rows]


def addenda(db: Database, kind: str, record_id: int) -> list[dict[str, Any]]:
    """The record's addenda, oldest first."""
    rows = db.execute(
        "SELECT id, written_at, text, reason FROM addenda WHERE record = ? AND record_id = ? ORDER BY id",
        [kind, record_id],
    )
    return [{"id": aid, "at": at, "text": text, "reason": reason} for aid, at, text, reason in rows]


def is_signed(db: Database, kind: str, record_id: int) -> bool:
    return bool(
        db.execute(
            "SELECT 1 FROM signatures WHERE record = ? AND record_id = ? AND role = 'author'", [kind, record_id]
        ).fetchone()
    )


def refuse_if_signed(db: Database, kind: str, record_id: int) -> None:
    """A signed record is locked: say so, and name the way to add to it."""
    if is_signed(db, kind, record_id):
        raise InvalidInput(
            f"{KINDS[kind]} {record_id} is signed, and a signed record is never changed or erased.",
            hint=f"Add a dated addendum instead: `peertool {kind} amend {record_id} TEXT --reason TEXT`.",
        )


def sign(db: Database, kind: str, record_id: int, content: dict[str, Any], who: object, *, cosign: bool) -> None:
    """Sign the record's `content` as its author, or co-sign it (in the caller's write transaction)."""
    name = signer(who)
    digest = content_hash(content)
    done = {s["role"]: s for s in signatures(db, kind, record_id)}
    role = "cosigner" if cosign else "author"
    label = f"{KINDS[kind]} {record_id}"
    if role in done:
        raise Conflict(f"{label} is already {'co-signed' if cosign else 'signed'}.")  # by whom: `show` says
    if cosign:
        if "author" not in done:
            raise InvalidInput(f"{label} is not signed yet; its author signs first, then the supervisor co-signs.")
        if name_key(name) == name_key(done["author"]["signer"]):
            raise InvalidInput("--cosign: a co-signature is a second person's; the author has signed already.")
        if done["author"]["sha256"] != digest:
            raise InvalidInput(f"{label} has changed since it was signed, so it cannot be co-signed.",
                               hint="`peertool audit` shows which command changed it.")  # fmt: skip
    insert(db, "signatures", {"record": kind, "record_id": record_id, "role": role, "signer": name,
                              "signed_at": now_utc_text(), "sha256": digest})  # fmt: skip


def amend(db: Database, kind: str, record_id: int, text: object, reason: object) -> None:
    """Append a dated addendum with its reason (in the caller's write transaction); the record stays as it was."""
    insert(db, "addenda", {
        "record": kind,
        "record_id": record_id,
        "written_at": now_utc_text(),
        "text": validate.required_text("text", text, max_len=100_000),
        "reason": validate.required_text("--reason", reason, max_len=500),
    })  # fmt: skip


def seal(db: Database, kind: str, record_id: int, content: dict[str, Any]) -> dict[str, Any]:
    """The record's signatures and addenda, and whether it still says what was signed (None: unsigned)."""
    signed = signatures(db, kind, record_id)
    author = next((s for s in signed if s["role"] == "author"), None)
    return {
        "signed": author is not None,
        "signatures": signed,
        "intact": None if author is None else author["sha256"] == content_hash(content),
        "addenda": addenda(db, kind, record_id),
    }
