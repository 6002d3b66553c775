"""Whether a signed record needs a co-signature: drawn once, as it is signed, and kept (issue 28, part 4).

`supervision.cosign` gives, for each kind of record, the percent a supervisor co-signs. The answer for a record
is kept in `cosign_draws`: a later change of policy draws nothing again, and a record signed with no policy for
its kind has no draw and needs no co-signature. A sample is drawn from the record alone: the record is required
when HMAC-SHA256, keyed with the database's own `cosign_key` (a team database's; a file, whose user reads every
row anyway, has none and uses its `pseudonym_key`; both in the `settings` table), of "cosign:KIND:ID"
(e.g. "cosign:note:12"), read as a big-endian number from its first 8 bytes, modulo 100, is below the percent.
An auditor with the database recomputes it (`draw_required`); a coach cannot steer which records are drawn
without the key.

On a file the signer's own config is the policy, and `draw` here writes the row (`SqliteDatabase.draw`: the file
is theirs). On a team database the server draws (`postgres_draw`): the team's policy is the owner's, and a
signer's config may only ask for more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peertool.db.connection import Database


def draw(db: Database, kind: str, record_id: int, percent: int | None, today: str) -> bool:
    """Whether the record needs a co-signature under a policy of `percent` (None: no policy, nothing drawn),
    drawn once and kept; a record drawn before keeps its draw (in the caller's write transaction)."""
    from peertool.db.store import insert

    kept = db.execute("SELECT required FROM cosign_draws WHERE record = ? AND record_id = ?", [kind, record_id])
    found = kept.fetchone()
    if found is not None:
        return bool(found[0])
    if percent is None:
        return False
    required = percent >= 100 or (percent > 0 and draw_required(db, kind, record_id, percent))
    insert(db, "cosign_draws", {"record": kind, "record_id": record_id, "required": int(required),
                                "percent": percent, "drawn_on": today})  # fmt: skip
    return required


def draw_required(db: Database, kind: str, record_id: int, percent: int) -> bool:
    """The sample's draw for one record, as an auditor recomputes it (see the module's docstring)."""
    import hashlib
    import hmac

    from peertool.db.postgres_draw import DRAW_KEY, PSEUDONYM_KEY

    row = db.execute(  # the draw key where the database has one (a team's, hidden from staff), else the pseudonym key
        "SELECT value FROM settings WHERE key IN (?, ?) ORDER BY key = ? DESC", [DRAW_KEY, PSEUDONYM_KEY, DRAW_KEY]
    ).fetchone()
    key = str(row[0] if row else "").encode()
    digest = hmac.new(key, f"cosign:{kind}:{record_id}".encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") % 100 < percent
