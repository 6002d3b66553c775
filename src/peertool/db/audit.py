"""The audit log: who changed which records, with what command, and when; tamper-evident.

Permanent triggers (see `schema.audit_trigger`) log every inserted, updated
or deleted record, by any connection: time, OS user, command, table and
record id, never a field value. peertool's own transactions name the user
(from the operating system's uid, not the environment) and the command in
`audit_context`; a change made with another tool is logged as one.

Each row is sealed into a hash chain: its hash covers its fields and the
hash of the row before. peertool seals new rows at the end of each of its
own write transactions, so rows other tools add are sealed by peertool's
next write. `verify` recomputes the chain. It proves that no sealed row
was changed, removed or inserted since it was sealed, and that the
protective triggers are in place. It cannot prove that the newest rows were
not cut off, nor stop someone who rewrites the whole chain: keep the `head`
it prints somewhere else to check against later.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from peertool.clock import now_utc_text

if TYPE_CHECKING:  # the CLI names the command on every call: keep this module light
    from peertool.db.connection import Database

GENESIS = "0" * 64
_command = "python"
_FIELDS = "id, at, os_user, command, table_name, record_id, action"
GUARDS = ("audit_no_update", "audit_seal_once", "audit_no_delete", "audit_no_replace")


def set_command(name: str) -> None:
    """Name the command being run (the CLI sets 'peertool enroll' etc.; never its arguments)."""
    global _command
    _command = name


def command_name() -> str:
    """The command being run, as `set_command` named it."""
    return _command


def os_user() -> str:
    """The user this process runs as, from the operating system (USER and LOGNAME can say anything)."""
    import os
    import pwd

    uid = os.geteuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def prepare(db: Database, *, quiet: bool = False) -> int:
    """Say who and what this transaction is, for the triggers; return the id its first audit row will have.

    `quiet` turns the per-record rows off, for a transaction that records
    its own summary (a restore). Returns 0 on a database with no audit log yet.
    """
    from peertool.db.cipher import errors  # here, not at the top: every command names itself through this module

    try:
        db.execute(
            "INSERT OR REPLACE INTO audit_context (id, at, os_user, command, quiet) VALUES (1, ?, ?, ?, ?)",
            [now_utc_text(), os_user(), _command, int(quiet)],
        )
    except errors("OperationalError") as exc:  # a database still being created has no audit tables yet
        if "no such table" in str(exc):
            return 0
        raise
    return int(db.execute("SELECT coalesce(max(id), 0) + 1 FROM audit").fetchone()[0])


def finish(db: Database) -> None:
    """Seal this transaction's rows (and any other tool's before them) and clear the context, before commit."""
    seal(db)
    db.execute("DELETE FROM audit_context")


def row_hash(previous: str, row: Iterable[Any]) -> str:
    """The hash of one audit row: its fields, chained to the hash of the row before."""
    import hashlib  # here: every command names itself through this module, few of them hash

    text = "\x1f".join("" if value is None else str(value) for value in row)
    return hashlib.sha256(f"{previous}\x1e{text}".encode()).hexdigest()


SEAL_BATCH = 5000


def seal(db: Database) -> int:
    """Give every unsealed row its hash, in id order, chained from the last sealed row; return how many.

    Read and hashed in batches (a 100,000-person import leaves 200,000 rows), then written with one
    UPDATE from a temporary table: far cheaper than an UPDATE per row.
    """
    first = db.execute("SELECT min(id) FROM audit WHERE hash IS NULL").fetchone()[0]
    if first is None:
        return 0
    before = db.execute(
        "SELECT hash FROM audit WHERE id < ? AND hash IS NOT NULL ORDER BY id DESC LIMIT 1", [first]
    ).fetchone()
    previous = before[0] if before else GENESIS
    db.execute("CREATE TEMP TABLE IF NOT EXISTS audit_sealing (id INTEGER PRIMARY KEY, hash TEXT NOT NULL)")
    pending = db.conn.execute(f"SELECT {_FIELDS} FROM audit WHERE hash IS NULL ORDER BY id")
    count = 0
    while batch := pending.fetchmany(SEAL_BATCH):
        sealed = []
        for row in batch:
            previous = row_hash(previous, row)
            sealed.append((row[0], previous))
        db.conn.executemany("INSERT INTO temp.audit_sealing (id, hash) VALUES (?, ?)", sealed)
        count += len(sealed)
    db.execute("UPDATE audit SET hash = s.hash FROM temp.audit_sealing s WHERE audit.id = s.id")
    db.execute("DELETE FROM temp.audit_sealing")
    return count


def record_bulk(db: Database, table: str, key: str, action: str, first_id: int) -> None:
    """Audit, in one statement, every row of `table` from `first_id` on, in a transaction `prepare`d quiet.

    The same rows the triggers would write, without a trigger per record:
    a 10,000-person import stays fast.
    """
    db.execute(
        f"""INSERT INTO audit (at, os_user, command, table_name, record_id, action)
            SELECT ?, ?, ?, ?, {key}, ? FROM {table} WHERE rowid >= ? ORDER BY rowid""",
        [now_utc_text(), os_user(), _command, table, action, first_id],
    )


def record_event(db: Database, table_name: str) -> None:
    """Audit a change no trigger sees (a restore), in the caller's transaction."""
    db.execute(
        """INSERT INTO audit (at, os_user, command, table_name, record_id, action)
           VALUES (?, ?, ?, ?, NULL, 'update')""",
        [now_utc_text(), os_user(), _command, table_name],
    )


def verify(db: Database) -> dict[str, Any]:
    """Recompute the chain: the first broken link, if any, the rows not yet sealed, and the guards missing."""
    previous, rows, unsealed = GENESIS, 0, 0
    broken: dict[str, Any] | None = None
    for row in db.execute(f"SELECT {_FIELDS}, hash FROM audit ORDER BY id"):
        rows += 1
        if row[-1] is None:
            unsealed += 1
            continue
        if unsealed and broken is None:
            broken = {"id": row[0], "reason": "it follows rows that were never sealed: rows were inserted"}
        expected = row_hash(previous, row[:-1])
        if expected != row[-1] and broken is None:
            broken = {"id": row[0], "reason": "its hash does not match: it, or a row before it, was changed, "
                                                "removed or inserted"}  # fmt: skip
        previous = row[-1]
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    from peertool.db.triggers import AUDITED

    wanted = [*GUARDS, *(f"audit_{t}_{a}" for t in AUDITED for a in ("insert", "update", "delete"))]
    missing = [name for name in wanted if name not in names]
    return {
        "ok": broken is None and not missing,
        "rows": rows,
        "sealed": rows - unsealed,
        "unsealed": unsealed,
        "head": previous,
        "broken": broken,
        "missing_triggers": missing,
    }


def entries(db: Database, *, since: str | None = None, last: int | None = None) -> list[dict[str, Any]]:
    """The log, oldest first, from `since` (a date, as typed) on; only the `last` N rows if given."""
    from peertool import validate

    since = validate.optional_date("since", since)
    # Flat however long the log: the newest rows by id, from the first row on or after `since`, found
    # through the `at` index (the log is written in time order, so that row starts the period).
    start = "(SELECT id FROM audit INDEXED BY audit_at WHERE at >= :since ORDER BY at, id LIMIT 1)"
    where = f"WHERE id >= coalesce({start}, 1 << 62) AND at >= :since" if since else ""
    rows = db.execute(
        f"""SELECT * FROM (SELECT id, at, os_user, command, table_name, record_id, action FROM audit
            {where} ORDER BY id DESC LIMIT :last) ORDER BY id""",
        {"since": since or "", "last": last or -1},
    )
    keys = ("id", "at", "user", "command", "table", "record_id", "action")
    return [dict(zip(keys, row, strict=True)) for row in rows]
