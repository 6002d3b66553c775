"""Who signs a record of care, who may co-sign it, and whether a supervisor must (issue 28, parts 3 and 4).

Without staff, a signature is the "NAME, CREDENTIAL" typed with `--as`, as
it always was, and a co-signature must name another person (`db.signing`
compares the names). Once staff are defined, a record is signed by the
current staff member (`--as` is refused): the signature stores their id and
"Name, Credential". A co-signature is then a supervisor's or director's who
is not the author and, when the author has an assigned supervisor who has
not left, is that supervisor.

When a record is signed, whether it needs a co-signature is drawn and kept
(`Database.draw`, `db.cosign`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from peertool.db import signing
from peertool.db.store import write
from peertool.errors import InvalidInput
from peertool.people.staff import IN_CHARGE, SUPERVISING, current_staff, staff_defined, unknown_login

if TYPE_CHECKING:
    from collections.abc import Callable

    from peertool.db.connection import Database
    from peertool.people.staff import Staff
    from peertool.settings import Settings


def sign_record(db: Database, kind: str, find: Callable[[], signing.Signable], who: object | None, *,
                cosign: bool, settings: Settings) -> int:  # fmt: skip
    """Sign (or co-sign) a record in one write transaction, `find` reading it under the lock; its id.

    The one shape of signing every kind: only how a record is found and what it covers differ.
    """
    with write(db):
        record_id, content, legacy = find()
        name, staff_id = signer_of(db, kind, record_id, who, cosign=cosign)
        signing.sign(db, kind, record_id, content, name, cosign=cosign, legacy=legacy, staff_id=staff_id)
        if not cosign:
            from peertool.clock import today_iso

            db.draw(kind, record_id, settings.cosign.get(kind), today_iso())
    return record_id


def signer_of(db: Database, kind: str, record_id: int, who: object | None, *, cosign: bool
              ) -> tuple[object, int | None]:  # fmt: skip
    """Who signs: the text `--as` gave (no staff), or the current staff member's "Name, Credential" and id."""
    if not staff_defined(db):
        if who is None:
            raise InvalidInput('--as: name who signs, e.g. --as "Dana Reyes, CPS".')
        return who, None
    if who is not None:
        raise InvalidInput(
            "--as: staff are defined, so you sign as yourself, the current staff member; leave --as out.",
            hint="`peertool staff whoami` says who peertool takes you for.",
        )
    member = current_staff(db)
    if member is None:
        raise unknown_login(db, "nobody can sign as you")
    behalf = ""
    if cosign:
        _may_cosign(db, kind, record_id, member)
    else:
        behalf = _may_sign(db, kind, record_id, member)
    return f"{member['name']}, {member['credential']}{behalf}", member["id"]


def _may_sign(db: Database, kind: str, record_id: int, member: Staff) -> str:
    """The first signature is the author's: the staff member the record names as its maker. A colleague signing
    first would make themselves its author, and so choose who may co-sign. A record made before staff (naming
    no one) may be signed by any staff member. An author who has left cannot sign: the supervisor in charge of
    their records (`IN_CHARGE`; none: any supervisor or director) signs for them, and the signature says so
    (returned: what follows the signer's "Name, Credential"; "" when they sign their own)."""
    from peertool.clock import today_iso
    from peertool.db.triggers import SIGNED_ALL

    table = next(name for name, signed in SIGNED_ALL.items() if signed == kind)
    row = db.execute(
        f"""SELECT a.id, a.name, a.credential, a.ended_on, {IN_CHARGE}, b.name FROM {table} r
            JOIN staff a ON a.id = r.staff_id LEFT JOIN staff b ON b.id = a.supervisor_id WHERE r.id = :id""",
        {"id": record_id, "today": today_iso()},
    ).fetchone()
    if row is None or row[0] == member["id"]:
        return ""
    author_id, author, credential, left, boss_id, boss = row
    if left is None or left > today_iso():
        raise InvalidInput(
            f"this {kind} was made by {author}; its first signature is theirs, not {member['name']}'s.",
            hint="A supervisor adds theirs with --cosign once the author has signed.",
        )
    if member["role"] in SUPERVISING and boss_id in (None, member["id"]):
        return f", for {author}, {credential}, who left on {left}"
    signs = f"their supervisor, {boss}," if boss_id is not None else "a supervisor or director"
    raise InvalidInput(f"this {kind} was made by {author}, who left on {left}; {signs} signs it for them.")


def _may_cosign(db: Database, kind: str, record_id: int, member: Staff) -> None:
    """A co-signer supervises: a supervisor or director, not the author, and the author's own supervisor when
    they have one in charge (`IN_CHARGE`: one who has left strands nobody's records). A record not signed yet
    is left to `db.signing` to refuse."""
    from peertool.clock import today_iso

    if member["role"] not in SUPERVISING:
        raise InvalidInput(f"--cosign: {member['name']} is a {member['role']}; a co-signature is a supervisor's "
                           "or a director's.")  # fmt: skip
    row = db.execute(
        f"""SELECT s.staff_id, a.name, {IN_CHARGE}, b.name, b.ended_on FROM signatures s
            LEFT JOIN staff a ON a.id = s.staff_id LEFT JOIN staff b ON b.id = a.supervisor_id
            WHERE s.record = :kind AND s.record_id = :id AND s.role = 'author'""",
        {"kind": kind, "id": record_id, "today": today_iso()},
    ).fetchone()
    if row is None or row[0] is None:
        return
    author_id, author, boss_id, boss, leaves = row
    if author_id == member["id"]:
        raise InvalidInput("--cosign: a co-signature is a second person's; you signed this record as its author.")
    if boss_id is not None and boss_id != member["id"]:
        import shlex

        leaving = f", who leaves on {leaves}" if leaves else ""
        raise InvalidInput(
            f"--cosign: {author}'s records are co-signed by their supervisor, {boss}{leaving}.",
            hint=f"For someone else to, give {author} a new supervisor: "
            f"`peertool staff edit {shlex.quote(author)} --supervisor NAME`.",
        )
