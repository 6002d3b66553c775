"""Turning what a user types (an id or a name) into exactly one record.

Names match case-insensitively (Unicode case folding). Two people may share a
name, so a name that matches several records is refused with their ids, and
the user can retype the id.
"""

from typing import Any

from sqlite_utils import Database

from peertool.errors import Conflict, NotFound, shown


def name_key(name: str) -> str:
    """The form names are compared in."""
    return " ".join(name.split()).casefold()


def loose_key(name: str) -> str:
    """A name compared as a person would when looking for duplicates: without case, accents or extra spaces."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().split())


def as_id(ref: object) -> int | None:
    """REF as a record id if it is one: ASCII digits that fit SQLite's integer."""
    raw = str(ref).strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 19 else None


def resolve(db: Database, table: str, kind: str, ref: object) -> dict[str, Any]:
    """The one row of `table` that REF names, by id or by name."""
    raw = str(ref).strip()
    record_id = as_id(raw)
    if record_id is not None:
        rows = list(db.query(f"SELECT * FROM {table} WHERE id = ?", [record_id]))
    else:
        rows = list(db.query(f"SELECT * FROM {table} WHERE name_key = ? ORDER BY id", [name_key(raw)]))
    return one(rows, raw, kind)


def one(rows: list[dict[str, Any]], raw: str, kind: str) -> dict[str, Any]:
    """The single match of REF `raw`: none is NotFound, several is Conflict listing their ids."""
    if not rows:
        raise not_found(raw, kind)
    if len(rows) > 1:
        ids = ", ".join(f"id {row['id']}" for row in rows)
        raise Conflict(
            f"{shown(raw)} matches {len(rows)} {kind}s: {ids}.",
            hint="Use the id instead of the name.",
        )
    return rows[0]


def not_found(raw: str, kind: str) -> NotFound:
    """The error for a REF that names no record."""
    return NotFound(f"no {kind} {shown(raw)}.", hint=f"List them with `peertool {kind} list`.")
