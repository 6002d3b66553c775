"""Turning what a user types (an id or a name) into exactly one record.

Names match case-insensitively (Unicode case folding). Two people may share a
name, so a name that matches several records is refused with their ids, and
the user can retype the id.
"""

from typing import Any

from peertool.db.connection import Database
from peertool.errors import Conflict, NotFound, shown

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
                         "\u201c": '"', "\u201d": '"', "\u201f": '"', "\u2033": '"'})  # fmt: skip


def name_key(name: str) -> str:
    """The form names are compared in: Unicode NFC, typographic quotes as plain ones, spaces folded, case folded.

    So "Zoë O’Brien" typed with a combining diaeresis and a curly
    apostrophe finds "Zoë O'Brien"; the name itself is stored as typed.
    """
    import unicodedata

    return " ".join(unicodedata.normalize("NFC", name).translate(_QUOTES).split()).casefold()


def twin_key(name: str) -> str:
    """A name as it reads, for refusing a second one that would look the same: `name_key` after NFKC (fullwidth,
    mathematical or ligature letters as plain ones) and without the joiners a name may hold between letters."""
    import unicodedata

    return name_key("".join(ch for ch in unicodedata.normalize("NFKC", name) if unicodedata.category(ch) != "Cf"))


def loose_key(name: str) -> str:
    """A name compared as a person would when looking for duplicates: without case, accents or extra spaces."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().split())


def as_id(ref: object) -> int | None:
    """REF as a record id if it is one: ASCII digits that fit SQLite's integer."""
    raw = str(ref).strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 19 else None


def by_id(db: Database, sql: str, ref: object, kind: str) -> list[Any]:
    """The rows `sql` (a SELECT ending in `= ?`) finds for record id REF; NotFound naming `kind` when REF is not
    an id or finds nothing."""
    raw = str(ref).strip()
    record_id = as_id(raw)
    rows = db.execute(sql, [record_id]).fetchall() if record_id is not None else []
    if not rows:
        raise not_found(raw, kind)
    return rows


def resolve(db: Database, table: str, kind: str, ref: object) -> dict[str, Any]:
    """The one row of `table` that REF names, by id or by name."""
    raw = str(ref).strip()
    record_id = as_id(raw)
    if record_id is not None:
        rows = list(db.query(f"SELECT * FROM {table} WHERE id = ?", [record_id]))
    else:
        rows = list(db.query(f"SELECT * FROM {table} WHERE name_key = ? ORDER BY id", [name_key(raw)]))
    if not rows and record_id is None:  # a near miss: suggest the closest names
        raise not_found(raw, kind, [(r[0], r[1]) for r in db.execute(f"SELECT id, name FROM {table}")])
    return one(rows, raw, kind)


def one(
    rows: list[dict[str, Any]], raw: str, kind: str, candidates: list[tuple[int, str]] | None = None
) -> dict[str, Any]:
    """The single match of REF `raw`: none is NotFound (suggesting near misses among `candidates`),
    several is Conflict listing their ids."""
    if not rows:
        raise not_found(raw, kind, candidates)
    if len(rows) > 1:
        ids = ", ".join(f"id {row['id']}" for row in rows)
        raise Conflict(
            f"{shown(raw)} matches {len(rows)} {kind}s: {ids}.",
            hint="Use the id instead of the name.",
        )
    return rows[0]


def not_found(raw: str, kind: str, candidates: list[tuple[int, str]] | None = None) -> NotFound:
    """The error for a REF that names no record; with `candidates` (id, name), the closest names are suggested.

    The suggestion names stored records, so it rides on the error apart from
    the hint, for the CLI to show on a terminal only.
    """
    close = suggestions(raw, candidates or [])
    suggestion = "Did you mean " + " or ".join(f"{name} (id {rid})" for rid, name in close) + "?" if close else None
    return NotFound(f"no {kind} {shown(raw)}.", hint=f"List them with `peertool {kind} list`.", suggestion=suggestion)


def suggestions(raw: str, candidates: list[tuple[int, str]], most: int = 3) -> list[tuple[int, str]]:
    """The candidates whose names are closest to what was typed (a near miss, not any name), then those with a
    word that is what was typed: a first name or a surname alone ("Kit" for "Kit Vale"), which is too short
    beside the whole name to count as close."""
    from difflib import get_close_matches

    keys: dict[str, list[tuple[int, str]]] = {}
    for rid, name in candidates:
        keys.setdefault(name_key(name), []).append((rid, name))
    typed = name_key(raw)
    close = get_close_matches(typed, list(keys), n=most, cutoff=0.6)
    worded = [key for key in keys if key not in close and typed in key.split()]
    return [entry for key in [*close, *worded] for entry in keys[key]][:most]
