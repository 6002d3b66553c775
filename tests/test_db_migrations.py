"""The one ordered list of migrations (`db.migrations.MIGRATIONS`): what `LATEST_MIGRATION` and sqlite-utils read."""

import re

from peertool.db.connection import Database
from peertool.db.migrations import LATEST_MIGRATION, MIGRATIONS, sqlite_set

# The names released databases have recorded in `_sqlite_migrations`, in order: never renamed, never reordered.
RELEASED = [
    "0001_people_and_groups",
    "0002_pairings",
    "0003_meetings_and_notes",
    "0004_outcomes",
    "0005_audit_and_settings",
    "0006_team_breaks_by_pairing",
    "0007_audit_chain",
    "0008_export_codes",
    "0009_discharge_history",
    "0010_teams_of_three_or_with_the_coach",
    "0011_names_compared_as_they_look",
    "0012_calendar_identity",
    "0013_chart_grade_notes",
    "0014_recovery_outcomes",
    "0015_schedule_history",
    "0016_audit_without_switches",
    "0017_ids_never_reused",
]


def test_released_migrations_keep_their_names_and_order() -> None:
    names = [step.name for step in MIGRATIONS]
    assert names[: len(RELEASED)] == RELEASED


def test_each_migration_is_numbered_one_after_the_other() -> None:
    numbers = [int(re.fullmatch(r"(\d{4})_[a-z0-9_]+", step.name)[1]) for step in MIGRATIONS]  # type: ignore[index]
    assert numbers == list(range(1, len(MIGRATIONS) + 1))


def test_every_migration_a_schema_module_defines_is_listed() -> None:
    """A migration written but not added to MIGRATIONS would never run: the list must name each one."""
    from peertool.db import schema, schema_audit, schema_ids, schema_notes, schema_outcomes, schema_reviews

    defined = {
        value
        for module in (schema, schema_audit, schema_ids, schema_notes, schema_outcomes, schema_reviews)
        for value in vars(module).values()
        if isinstance(value, schema.Migration)
    }
    assert defined == set(MIGRATIONS)


def test_the_latest_migration_is_the_last_listed() -> None:
    assert LATEST_MIGRATION == MIGRATIONS[-1].name


def test_sqlite_utils_applies_the_list_in_its_order() -> None:
    steps = sqlite_set()
    assert [m.name for m in steps._migrations] == [step.name for step in MIGRATIONS]
    assert steps is sqlite_set()  # one set, made once, which tests may patch


def test_a_new_database_records_every_migration_in_order(db: Database) -> None:
    recorded = [row[0] for row in db.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
    assert recorded == [step.name for step in MIGRATIONS]
