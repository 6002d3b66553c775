"""The audit log: who changed which records, with what command, and when; tamper-evident.

Permanent triggers (see `triggers.logging_trigger`) log every inserted,
updated or deleted record, by any connection and always: time, table and
record id, never a field value. No row in the database can silence them or
say who made a change. peertool names its own changes when it seals them,
at the end of each of its write transactions: the rows written inside that
transaction get the user (from the operating system's uid, not the
environment) and the command; rows from before it were written by another
tool, whatever they claim, and are marked as such.

Each row is sealed into a hash chain: its hash covers its fields, the keyed
digest of the record's content (`audit_content`), and the hash of the row
before. `verify` recomputes the chain, compares every trigger's whole
definition with the one made by `triggers`, and every record's content with
its latest digest. It proves that no sealed row was changed, removed or
inserted since it was sealed, and names a record whose content is not what
the log last recorded. It cannot prove that the newest rows were not cut
off or unsealed, nor stop someone who rewrites the whole chain and knows the
key: a `head` it printed, kept somewhere else, is checked with `kept_head`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from peertool.clock import now_utc_text
from peertool.db.users import os_user

if TYPE_CHECKING:  # the CLI names the command on every call: keep this module light
    from peertool.db.connection import Database
    from peertool.db.shapes import Broken, Entry, TriggerCheck, Verification

GENESIS = "0" * 64
_command = "python"
_FIELDS = "id, at, os_user, command, table_name, record_id, action"


def set_command(name: str) -> None:
    """Name the command being run (the CLI sets 'peertool enroll' etc.; never its arguments)."""
    global _command
    _command = name


def command_name() -> str:
    """The command being run, as `set_command` named it."""
    return _command


def prepare(db: Database) -> int:
    """The id this transaction's first audit row will have: the rows from it on are this transaction's own.

    Returns 0 on a database with no audit log yet.
    """
    from peertool.db.cipher import errors  # here, not at the top: every command names itself through this module

    try:
        return int(db.execute("SELECT coalesce(max(id), 0) + 1 FROM audit").fetchone()[0])
    except errors("OperationalError") as exc:  # a database still being created has no audit table yet
        if "no such table" in str(exc):
            return 0
        raise


def row_hash(previous: str, row: Sequence[Any]) -> str:
    """The hash of one audit row: its fields (the digest, when it has one), chained to the hash of the row before.

    A row sealed before digests existed has none, and keeps the hash it was given.
    """
    import hashlib  # here: every command names itself through this module, few of them hash

    fields = row if row[-1] is not None else row[:-1]
    text = "\x1f".join("" if value is None else str(value) for value in fields)
    return hashlib.sha256(f"{previous}\x1e{text}".encode()).hexdigest()


SEAL_BATCH = 5000


def seal(db: Database, own_from: int) -> int:
    """Name, digest and hash every unsealed row, in id order, chained from the last sealed row; return how many.

    Rows from `own_from` on were written by this transaction: a trigger's row gets this process's user and
    command (a row peertool wrote itself keeps its own). Rows before it were written by another tool. Only
    the records these rows name are digested, so a write costs the same however large the database is. Read
    and hashed in batches (a 100,000-person import leaves 300,000 rows), then written with one UPDATE from a
    temporary table: far cheaper than an UPDATE per row.
    """
    first = db.execute("SELECT min(id) FROM audit WHERE hash IS NULL").fetchone()[0]
    if first is None:
        return 0
    before = db.execute(
        "SELECT hash FROM audit WHERE id < ? AND hash IS NOT NULL ORDER BY id DESC LIMIT 1", [first]
    ).fetchone()
    previous = before[0] if before else GENESIS
    from peertool.db.audit_content import Digester, load_key

    key = load_key(create=True)
    digester = Digester(key) if key else None
    db.execute(
        """CREATE TEMP TABLE IF NOT EXISTS audit_sealing
           (id INTEGER PRIMARY KEY, os_user TEXT, command TEXT, digest TEXT, hash TEXT NOT NULL)"""
    )
    pending = db.execute(f"SELECT {_FIELDS} FROM audit WHERE hash IS NULL ORDER BY id")
    count, me = 0, (db.audit_user(), _command)
    while batch := pending.fetchmany(SEAL_BATCH):
        sealed = []
        digests = digester.records(db, (row[4:6] for row in batch if _is_record(row))) if digester else {}
        for row in batch:
            named = (*row[:2], *_author(row, own_from, me), *row[4:])
            digest = digests.get((row[4], row[5]))
            previous = row_hash(previous, (*named, digest))
            sealed.append((row[0], named[2], named[3], digest, previous))
        db.executemany("INSERT INTO audit_sealing VALUES (?, ?, ?, ?, ?)", sealed)
        count += len(sealed)
    db.execute(
        """UPDATE audit SET os_user = s.os_user, command = s.command, digest = s.digest, hash = s.hash
           FROM audit_sealing s WHERE audit.id = s.id"""
    )
    db.execute("DELETE FROM audit_sealing")
    return count


def _author(row: Sequence[Any], own_from: int, me: tuple[str, str]) -> tuple[str, str]:
    """Who made an unsealed row's change: `me` (user, command) for this transaction's trigger rows; another
    tool for the rows before it."""
    from peertool.db.triggers import OTHER_TOOL, UNKNOWN_USER

    if row[0] < own_from:
        return UNKNOWN_USER, OTHER_TOOL
    if row[3] == OTHER_TOOL:
        return me
    return row[2], row[3]


def _is_record(row: Sequence[Any]) -> bool:
    from peertool.db.triggers import AUDITED

    return row[4] in AUDITED and row[5] is not None


def record_event(db: Database, table_name: str) -> None:
    """Audit a change no trigger sees (a restore), in the caller's transaction."""
    db.execute(
        """INSERT INTO audit (at, os_user, command, table_name, record_id, action)
           VALUES (?, ?, ?, ?, NULL, 'update')""",
        [now_utc_text(), os_user(), _command, table_name],
    )


def verify(db: Database, *, kept_head: str | None = None) -> Verification:
    """Recompute the chain, compare every trigger with its definition and every record with its latest digest:
    the first broken link, the rows not yet sealed, the triggers missing, altered or added, the records changed.

    With `kept_head` (a head printed earlier and kept elsewhere), also the row whose hash it is, or None: a log
    whose newest rows were cut off, or unsealed and sealed again, no longer reaches it.
    """
    import re

    from peertool.db.triggers import OTHER_TOOL, UNKNOWN_USER
    from peertool.errors import InvalidInput

    if kept_head is not None and not re.fullmatch(r"[0-9a-f]{64}", kept_head):
        raise InvalidInput("--head: a head is the 64 hexadecimal digits `audit verify` printed.")
    previous, rows, unsealed, kept_at = GENESIS, 0, 0, None
    broken: Broken | None = None
    for row in db.execute(f"SELECT {_FIELDS}, digest, hash FROM audit ORDER BY id"):
        rows += 1
        if row[-1] is None:
            unsealed += 1
            named = row[2] != UNKNOWN_USER and not db.names_log_rows  # on a file only sealing names a row
            if (named or row[3] != OTHER_TOOL) and broken is None:
                broken = {"id": row[0], "reason": "it is not sealed but names who made it: a sealed row was "
                                                  "unsealed, or a row was written into the log"}  # fmt: skip
            continue
        if unsealed and broken is None:
            broken = {"id": row[0], "reason": "it follows rows that were never sealed: rows were inserted"}
        expected = row_hash(previous, row[:-1])
        if expected != row[-1] and broken is None:
            broken = {"id": row[0], "reason": "its hash does not match: it, or a row before it, was changed, "
                                                "removed or inserted"}  # fmt: skip
        previous = row[-1]
        if previous == kept_head:
            kept_at = row[0]
    triggers = _triggers(db)
    content = db.content_check()
    return {
        "ok": broken is None
        and not any(triggers.values())
        and not content["changed"]
        and (kept_head is None or kept_at is not None),
        "rows": rows,
        "sealed": rows - unsealed,
        "unsealed": unsealed,
        "head": previous,
        "broken": broken,
        "kept_head": None if kept_head is None else {"hash": kept_head, "row": kept_at},
        **triggers,
        **content,
    }


def _triggers(db: Database) -> TriggerCheck:
    """The triggers whose whole stored definition is not the one `triggers` makes: missing, altered, or added
    (an added trigger on the log or a record could undo or silence what the others do)."""
    wanted, found = db.expected_triggers(), db.stored_triggers()
    return {
        "missing_triggers": [name for name in wanted if name not in found],
        "altered_triggers": [name for name in wanted if name in found and found[name] != wanted[name]],
        "added_triggers": sorted(name for name in found if name not in wanted),
    }


def entries(db: Database, *, since: str | None = None, last: int | None = None) -> list[Entry]:
    """The log, in id order, from `since` (a date, as typed) on; only the `last` N rows if given.

    `since` selects by each row's own time, whatever order the rows were
    written in (a clock set back writes earlier times after later ones).
    """
    from peertool import validate

    since = validate.optional_date("since", since)
    where = "WHERE at >= :since" if since else ""
    limit = "LIMIT :last" if last else ""  # a number of rows, never SQLite's -1 for all, which PostgreSQL refuses
    rows = db.execute(
        f"""SELECT * FROM (SELECT id, at, os_user, command, table_name, record_id, action FROM audit
            {where} ORDER BY id DESC {limit}) AS newest ORDER BY id""",
        {"since": since or "", "last": last},
    )
    return [
        {"id": i, "at": at, "user": user, "command": command, "table": table, "record_id": record, "action": action}
        for i, at, user, command, table, record, action in rows
    ]
