"""Exports: every record for the coach, or a de-identified snapshot a program office can roll up.

Every export carries a manifest: the site, an export id, when, the period,
the peertool and schema versions, the profile, and (de-identified) the
fingerprint of the pseudonym key, never the key itself. The CSV form lists
each file with its row count and sha256, so the office can check what it got.
"""

import uuid
from typing import TYPE_CHECKING, Any

from peertool.clock import now_utc_text
from peertool.db.connection import Database
from peertool.errors import InvalidInput
from peertool.safety.coverage import Period, site_id

if TYPE_CHECKING:
    from peertool.settings import Settings

Rows = list[dict[str, Any]]

TABLES = (
    "participants", "peer_groups", "memberships", "goals", "goal_updates", "pairings", "pairing_pairs",
    "team_breaks", "meetings", "attendance", "meeting_threads", "contact_notes", "outings",
    "outing_people", "reviews", "audit",
)  # fmt: skip


def export_data(
    db: Database,
    settings: "Settings",
    *,
    deidentify: bool = False,
    include_notes: bool = False,
    dates: str = "month",
    start: str | None = None,
    end: str | None = None,
) -> dict[str, Any]:
    """The export: {"manifest", "tables": {name: rows}, "columns": {name: header}}; de-identified on request."""
    from peertool import validate

    if include_notes and not deidentify:
        raise InvalidInput("--include-notes goes with --deidentify (a full export always has the notes).")
    dates = validate.choice("dates", dates, ("month", "exact"))
    period = Period(start, end)
    if deidentify:
        from peertool.safety.deidentify import columns, deidentified_tables

        tables, fingerprint = deidentified_tables(db, settings, period, include_notes=include_notes, dates=dates)
        profile = "codes+notes" if include_notes else "codes"
        headers = {name: columns(name, include_notes) for name in tables}
    else:
        tables, headers = identified_tables(db, period)
        fingerprint, profile, dates = None, "identified", "exact"
    return {
        "manifest": manifest(db, settings, profile, dates, period, fingerprint, tables),
        "tables": tables,
        "columns": headers,
    }


def identified_tables(db: Database, period: Period) -> tuple[dict[str, Rows], dict[str, list[str]]]:
    """Every record of every table, as stored (for the coach's own use), and each table's columns."""
    out, headers = {}, {}
    for name in TABLES:
        where, params = period.where(name)
        cursor = db.execute(f"SELECT * FROM {name}{where} ORDER BY rowid", params)
        headers[name] = [c[0] for c in cursor.description]
        out[name] = [dict(zip(headers[name], row, strict=True)) for row in cursor]
    return out, headers


def manifest(
    db: Database,
    settings: "Settings",
    profile: str,
    dates: str,
    period: Period,
    fingerprint: str | None,
    tables: dict[str, Rows],
) -> dict[str, Any]:
    """What an export is: enough for a program office to check it, combine it and trace it back to its site."""
    from peertool import __version__

    schema = db.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = 'peertool' ORDER BY applied_at DESC, name DESC"
    ).fetchone()
    return {
        "site_id": site_id(db, settings),
        "export_id": uuid.uuid4().hex,
        "exported_at": now_utc_text(),
        "period": period.as_dict(),
        "peertool_version": __version__,
        "schema_version": schema[0] if schema else None,
        "profile": profile,
        "dates": dates,
        "key_fingerprint": fingerprint,
        "tables": {name: len(rows) for name, rows in tables.items()},
    }
