"""Every migration of the schema, in the one order they are applied: `MIGRATIONS`.

A change to the schema is a new migration: a function `m<number>_<what it does>`
decorated with `@schema.migration`, at the end of the newest schema module (or
in a new one), and listed last here. A released migration is never edited,
renamed or moved: each database records the names it has applied in
`_sqlite_migrations`. `tests/test_db_migrations.py` checks the list.
"""

from functools import cache
from typing import TYPE_CHECKING

from peertool.db import (
    schema,
    schema_activities,
    schema_attribution,
    schema_audit,
    schema_due_indexes,
    schema_events,
    schema_ids,
    schema_imports,
    schema_intake,
    schema_interventions,
    schema_notes,
    schema_outcomes,
    schema_outings,
    schema_programs,
    schema_reviews,
    schema_staff,
    schema_supervision,
    schema_visits,
)

if TYPE_CHECKING:
    from sqlite_utils.migrations import Migrations

MIGRATIONS = (
    schema.m0001_people_and_groups,
    schema.m0002_pairings,
    schema.m0003_meetings_and_notes,
    schema.m0004_outcomes,
    schema.m0005_audit_and_settings,
    schema.m0006_team_breaks_by_pairing,
    schema.m0007_audit_chain,
    schema.m0008_export_codes,
    schema.m0009_discharge_history,
    schema.m0010_teams_of_three_or_with_the_coach,
    schema.m0011_names_compared_as_they_look,
    schema.m0012_calendar_identity,
    schema_notes.m0013_chart_grade_notes,
    schema_outcomes.m0014_recovery_outcomes,
    schema_outcomes.m0015_schedule_history,
    schema_audit.m0016_audit_without_switches,
    schema_ids.m0017_ids_never_reused,
    schema_intake.m0018_intake_screening,
    schema_reviews.m0019_reviews_by_criteria,
    schema_interventions.m0020_coded_interventions,
    schema_events.m0021_events_and_treatment_goals,
    schema_programs.m0022_programs_beside_iml,
    schema_activities.m0023_activities,
    schema_outings.m0024_outings_of_any_size_and_support,
    schema_visits.m0025_drop_in_visits,
    schema_staff.m0026_staff_and_caseloads,
    schema_attribution.m0027_records_name_their_staff,
    schema_due_indexes.m0028_due_indexes,
    schema_supervision.m0029_supervision,
    schema_due_indexes.m0030_unsigned_covering,
    schema_imports.m0031_moving_in,
    schema_supervision.m0032_the_server_draws_and_names,
)

# Tables that hold no one's records, only what SQLite, sqlite-utils and peertool keep about the database itself:
# every list that must name each table (erasure, audit, export, chart) leaves these out (tests/test_db_schema.py).
BOOKKEEPING = {
    "sqlite_sequence": "SQLite's AUTOINCREMENT counters (0017)",
    "_sqlite_migrations": "the migrations this database has applied (sqlite-utils)",
    "settings": "the database's pseudonym key and site id, written by migrations: never exported, never a record",
    "imports": "each `db import` of a coach's file: where from (a fingerprint), into whose caseload, row counts",
    "imported_ids": "the id each imported row had in its file: ids only, so a second import adds nothing",
}

# The schema a database is up to date with once it has applied this one (`store` checks it on every open).
LATEST_MIGRATION = MIGRATIONS[-1].name


@cache
def sqlite_set() -> "Migrations":
    """MIGRATIONS as the sqlite-utils set that applies them, made once, when a database needs one: loading
    sqlite-utils takes a tenth of a second, which opening an up-to-date database never pays."""
    from sqlite_utils.migrations import Migrations

    steps = Migrations("peertool")
    for step in MIGRATIONS:
        steps(name=step.name)(step.run)
    return steps


def new_schema() -> tuple[str, list[tuple[str, str, str, str]]]:
    """The last migration's name and every object of a new database migrated in memory, as (type, name, table,
    sql) ordered by type and name: docs/schema.md is generated from them (`cli/reference.py`)."""
    import sqlite_utils

    db = sqlite_utils.Database(memory=True)
    sqlite_set().apply(db)
    latest = db.execute("SELECT name FROM _sqlite_migrations ORDER BY id DESC LIMIT 1").fetchone()[0]
    sql = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name"
    return latest, db.execute(sql).fetchall()
