"""A keyed digest of each audited record's content, so `audit verify` can name a record changed behind the log.

When peertool seals an audit row (see `audit.seal`) it stores an
HMAC-SHA256 of the record's whole current content (all its rows, for a
table keyed by meeting), keyed with a secret kept outside the database:
`audit.key` in the per-user folder (0600, made on first use). The log
shows the digest, never a value, and without the key a digest cannot be
checked against a guess. The digest is part of the row's hash, so it is
chained. `verify` recomputes every record's digest and names those whose
current content is not what the latest sealed audit row recorded: changed
with the triggers dropped or disabled, or restored from outside.

A migration that changes stored content (a new column with a default)
must log each record again, as 0016 does, or every record will differ.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Iterable
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peertool.db.tables import named_columns
from peertool.db.triggers import AUDITED

if TYPE_CHECKING:
    from peertool.db.connection import Database
    from peertool.db.shapes import ChangedRecord, ContentCheck

_UNSEALED = object()  # the latest audit row of a record is not sealed yet: nothing to compare with
_NEVER = object()  # no audit row names the record: it was made behind the log


def key_path() -> Path:
    """Where the key lives: beside the user's config, never in the database it protects."""
    from peertool.settings import user_dir

    return user_dir() / "audit.key"


def load_key(*, create: bool) -> bytes | None:
    """The key, made (0600) on first use when `create`; None when it is absent or cannot be read or made."""
    path = key_path()
    try:
        return _read_key(path)
    except FileNotFoundError:
        if not create:
            return None
    except (OSError, ValueError):
        return None
    try:
        return _make_key(path)
    except (OSError, ValueError):
        return None


def _read_key(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(fd, "rb") as handle:
        key = bytes.fromhex(handle.read(200).decode("ascii").strip())
    if len(key) < 32:
        raise ValueError("short key")
    return key


def _make_key(path: Path) -> bytes:
    """Write a new key under a private temporary name and link it into place: of two processes, one key wins."""
    from peertool.files import make_private_folders, write_private

    make_private_folders(path.parent)
    staged = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    write_private(staged, os.urandom(32).hex().encode() + b"\n")
    try:
        os.link(staged, path)
    except FileExistsError:
        pass
    finally:
        staged.unlink()
    return _read_key(path)


class Digester:
    """Digests records' content under one key; each digest starts with the key's id, so a digest made with
    another key (the database moved to another account) is known as uncheckable, not as changed."""

    def __init__(self, key: bytes):
        self.key = key
        self.key_id = hashlib.sha256(b"peertool audit key\x1f" + key).hexdigest()[:8]

    def of(self, table: str, record_id: object, rows: list[dict[str, Any]]) -> str:
        """The digest of a record's rows (none: the record is gone), in any row order; NULL columns are left
        out, so a column added later does not change the digest of the records made before it."""
        content = sorted(_text(row) for row in rows)
        text = _text({"table": table, "record": record_id, **{str(n): row for n, row in enumerate(content)}})
        return f"{self.key_id}:{hmac.new(self.key, text.encode(), hashlib.sha256).hexdigest()}"

    def records(self, db: Database, wanted: Iterable[tuple[str, Any]]) -> dict[tuple[str, Any], str]:
        """The digests of the records (table, id) as they are now, read a few hundred at a time."""
        by_table: dict[str, set[Any]] = {}
        for table, record_id in wanted:
            by_table.setdefault(table, set()).add(record_id)
        digests = {}
        for table, ids in by_table.items():
            column, order, columns = AUDITED[table], sorted(ids), named_columns(db, table)
            found: dict[Any, list[dict[str, Any]]] = {}
            for chunk in (order[start : start + 500] for start in range(0, len(order), 500)):
                marks = ", ".join("?" * len(chunk))
                for row in db.query(f"SELECT {columns} FROM {table} WHERE {column} IN ({marks})", chunk):
                    found.setdefault(row[column], []).append(row)
            digests.update({(table, rid): self.of(table, rid, found.get(rid, [])) for rid in ids})
        return digests


def _text(row: dict[str, Any]) -> str:
    """A row as one unambiguous text: each non-NULL column's name, type and length before its value."""
    return "".join(f"{k}:{type(v).__name__}:{len(str(v))}:{v};" for k, v in sorted(row.items()) if v is not None)


def check(db: Database) -> ContentCheck:
    """The records whose content differs from what their latest sealed audit row recorded (None: no key), and
    how many could not be checked (their latest digest predates the key, or was made with another)."""
    key = load_key(create=False)
    if key is None:
        return {"changed": None, "unchecked": None,
                "content": f"not checked: the audit key ({key_path()}) is missing or unreadable"}  # fmt: skip
    digester = Digester(key)
    latest: dict[str, dict[Any, Any]] = {table: {} for table in AUDITED}
    sql = """SELECT table_name, record_id, digest, CASE WHEN hash IS NULL THEN 0 ELSE 1 END FROM audit
             WHERE record_id IS NOT NULL ORDER BY id"""  # 0/1 on every backend, never PostgreSQL's true/false
    for table, record_id, digest, sealed in db.execute(sql):
        if table in latest:
            latest[table][record_id] = digest if sealed else _UNSEALED
    changed: list[ChangedRecord] = []
    unchecked = 0
    for table, column in AUDITED.items():
        rows = db.query(f"SELECT {named_columns(db, table)} FROM {table} ORDER BY {column}")
        current = {rid: digester.of(table, rid, list(group)) for rid, group in groupby(rows, itemgetter(column))}
        current.update({rid: digester.of(table, rid, []) for rid in latest[table].keys() - current.keys()})
        for rid, digest in sorted(current.items()):
            logged = latest[table].get(rid, _NEVER)
            if logged is _UNSEALED:
                continue
            if logged is None or (isinstance(logged, str) and not logged.startswith(digester.key_id + ":")):
                unchecked += 1
            elif logged != digest:  # a different content, or a record the log never saw
                changed.append({"table": table, "record_id": rid})
    return {"changed": changed, "unchecked": unchecked, "content": "checked"}
