"""Exports: every record for the coach, or a de-identified snapshot a program office can roll up.

Every export carries a manifest: the site, an export id, when, the period,
the peertool and schema versions, the profile, and (de-identified) the
fingerprint of the pseudonym key, never the key itself. The CSV form lists
each file with its row count and sha256, so the office can check what it got.
"""

import uuid
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict, Unpack

from peertool.clock import now_utc_text
from peertool.db.connection import Database
from peertool.db.tables import every_row
from peertool.errors import InvalidInput
from peertool.safety.coverage import Period, site_id
from peertool.safety.disclosure import Position
from peertool.vocab import DATES

if TYPE_CHECKING:
    from peertool.settings import Settings

Row = dict[str, Any]


class Manifest(TypedDict):
    """What an export is: enough for a program office to check it, combine it and trace it back to its site."""

    site_id: str
    export_id: str
    exported_at: str
    period: dict[str, str] | None
    peertool_version: str
    schema_version: int  # the number of the latest migration the database applied: it changes with every one
    schema_migration: str | None  # that migration's name
    profile: str
    dates: str
    key_fingerprint: str | None  # the pseudonym key's: two exports with the same one share pseudonyms
    signing_key: str | None  # the site key's fingerprint, when the CSV form's manifest is signed (`site_key`)
    vocabularies: dict[str, list[str]]  # the codes the export's coded columns are drawn from
    tables: dict[str, int]  # each table's count of rows
    min_cell: NotRequired[int]  # a counts export: cells from 1 to min_cell - 1 are hidden
    suppressed: NotRequired[list[Position]]  # a counts export: where cells were hidden (never why)


class Document(TypedDict):
    """`export` as JSON (`render.safety` writes it row by row, in this shape)."""

    manifest: Manifest
    tables: dict[str, list[Row]]


class ExportData(Document):
    """The whole export in memory, for scripts and tests."""

    columns: dict[str, list[str]]


TABLES = (
    "participants", "peer_groups", "memberships", "goals", "goal_updates", "pairings", "pairing_pairs",
    "team_breaks", "meetings", "attendance", "meeting_threads", "attendee_notes", "contact_notes", "signatures",
    "addenda", "outings", "outing_people", "reviews", "measures", "connections", "definitions", "screenings",
    "screening_answers", "events", "contact_interventions", "community_contacts", "program_enrollments",
    "support", "activities", "activity_people", "staff", "cosign_draws", "supervision_sessions", "discharges",
    "audit",
)  # fmt: skip
PLANS = "wellness_plans"  # exported only when asked for by name
# The tables no export carries, and why (tests/test_db_schema.py: each table is exported or here).
NOT_EXPORTED: dict[str, str] = {}


class Export:
    """An export ready to write: its manifest, each table's columns, and its rows, read one at a time as they
    are written, so memory stays flat however many records there are."""

    def __init__(self, manifest: Manifest, columns: dict[str, list[str]], rows: Callable[[str], Iterator[Row]]):
        self.manifest = manifest
        self.columns = columns
        self.rows = rows


def open_export(
    db: Database,
    settings: "Settings",
    *,
    deidentify: bool = False,
    include_notes: bool = False,
    include_plans: bool = False,
    counts: bool = False,
    dates: str = "month",
    start: str | None = None,
    end: str | None = None,
) -> Export:
    """An export of every record: identified, or de-identified on request (see `deidentify`), or only counts
    (`counts`: see `safety.counts`). Wellness plans are left out unless `include_plans`, and never go into a
    de-identified export."""
    from peertool import validate

    if counts and (deidentify or include_notes or include_plans):
        raise InvalidInput("--counts writes only counts: leave out --deidentify, --include-notes and --include-plans.")
    if include_notes and not deidentify:
        raise InvalidInput("--include-notes goes with --deidentify (a full export always has the notes).")
    if include_plans and deidentify:
        raise InvalidInput(
            "--include-plans cannot go with --deidentify: a wellness plan is the person's own words and is never "
            "de-identified.",
            hint="Export plans only in an identified export, for the person or their record.",
        )
    dates = validate.choice("dates", dates, DATES)
    period = Period(start, end)
    if counts:
        return _counts_export(db, settings, period)
    if deidentify:
        from peertool.safety.deidentify import SOURCE, deidentified_source

        headers, rows, fingerprint = deidentified_source(db, settings, period, include_notes=include_notes, dates=dates)
        profile = "codes+notes" if include_notes else "codes"
        sizes = {name: _count(db, SOURCE.get(name, name), period) for name in headers}
    else:
        headers = {name: db.columns(name) for name in (*TABLES, *([PLANS] if include_plans else []))}
        rows, fingerprint, profile, dates = _identified_rows(db, period), None, "identified", "exact"
        sizes = {name: _count(db, name, period) for name in headers}
    return Export(manifest(db, settings, profile, dates, period, fingerprint, sizes), headers, rows)


def _counts_export(db: Database, settings: "Settings", period: Period) -> Export:
    """Each table of counts as a file: its row label, its columns and their total, a last row of totals; a hidden
    cell is "*". The manifest adds `min_cell` and where cells were hidden (`suppressed`)."""
    from peertool.safety.counts import count_tables, outcomes
    from peertool.safety.deidentify import pseudonyms

    names, fingerprint = pseudonyms(db, settings)
    tables, log = count_tables(db, settings, period, names)
    headers = {t["name"]: [t["row"], *t["table"]["columns"], "total"] for t in tables}
    headers["outcomes"] = ["instrument", "people", "mean_change"]
    found = outcomes(db, period, settings.min_cell)
    published = {t["name"]: t["table"] for t in tables}

    def rows(name: str) -> Iterator[Row]:
        if name == "outcomes":
            yield from (dict(outcome) for outcome in found)
            return
        table, label = published[name], headers[name][0]
        cells = [*zip(table["rows"], table["cells"], table["row_totals"], strict=True),
                 ("total", table["column_totals"], table["total"])]  # fmt: skip
        for row, values, total in cells:
            yield {label: row, **dict(zip(table["columns"], map(_shown, values), strict=True)), "total": _shown(total)}

    sizes = {name: len(published[name]["rows"]) + 1 for name in published} | {"outcomes": len(found)}
    made = manifest(db, settings, "counts", "month", period, fingerprint, sizes)
    made["min_cell"], made["suppressed"] = settings.min_cell, log
    return Export(made, headers, rows)


def _shown(value: int | None) -> int | str:
    return "*" if value is None else value


class ExportOptions(TypedDict, total=False):
    """What `export_data` passes on to `open_export`, checked by mypy against its keyword arguments."""

    deidentify: bool
    include_notes: bool
    include_plans: bool
    counts: bool
    dates: str
    start: str | None
    end: str | None


def export_data(db: Database, settings: "Settings", **options: Unpack[ExportOptions]) -> ExportData:
    """The whole export in memory: {"manifest", "tables": {name: rows}, "columns"} (for scripts and tests)."""
    export = open_export(db, settings, **options)
    tables = {name: list(export.rows(name)) for name in export.columns}
    return {"manifest": export.manifest, "tables": tables, "columns": export.columns}


def _identified_rows(db: Database, period: Period) -> Callable[[str], Iterator[Row]]:
    def rows(name: str) -> Iterator[Row]:
        return every_row(db, name, *period.where(name))

    return rows


def _count(db: Database, table: str, period: Period) -> int:
    where, params = period.where(table)
    return int(db.execute(f"SELECT count(*) FROM {table}{where}", params).fetchone()[0])


def manifest(
    db: Database,
    settings: "Settings",
    profile: str,
    dates: str,
    period: Period,
    fingerprint: str | None,
    counts: dict[str, int],
) -> Manifest:
    """What an export is: enough for a program office to check it, combine it and trace it back to its site."""
    from peertool import __version__
    from peertool.safety.site_key import site_key

    applied = db.applied_migrations()
    site = site_id(db, settings)
    signer = site_key(site, create=False)
    return {
        "site_id": site,
        "export_id": uuid.uuid4().hex,
        "exported_at": now_utc_text(),
        "period": period.as_dict(),
        "peertool_version": __version__,
        "schema_version": int(applied[-1].split("_", 1)[0]) if applied else 0,
        "schema_migration": applied[-1] if applied else None,
        "profile": profile,
        "dates": dates,
        "key_fingerprint": fingerprint,
        "signing_key": signer["fingerprint"] if signer else None,
        "vocabularies": vocabularies(settings),
        "tables": counts,
    }


def vocabularies(settings: "Settings") -> dict[str, list[str]]:
    """The codes a de-identified export's coded columns are drawn from, so that an office can map or refuse a site
    whose words differ (a domain outside a site's own `goal_domains` is exported as "other")."""
    from peertool.vocab import DISCHARGE_CODES

    return {
        "goal_domains": [*settings.goal_domains, "other"],
        "discharge_reasons": list(DISCHARGE_CODES),
        "genders": ["female", "male", "other", "unrecorded"],
    }
