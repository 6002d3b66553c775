"""Migration 0028: `due` finds a caseload and the unsigned records through indexes, never by a scan."""

import sqlite3

from sqlite_utils import Database as Migrated

from peertool.db.migrations import MIGRATIONS, sqlite_set


def _plan(db: Migrated, sql: str) -> str:
    return " | ".join(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql))


def test_0028_is_listed_and_due_reads_caseloads_and_unsigned_records_by_index() -> None:
    assert "0028_due_indexes" in [step.name for step in MIGRATIONS]
    db = Migrated(sqlite3.connect(":memory:"))
    sqlite_set().apply(db)
    for sql, index in (
        ("SELECT id FROM participants WHERE staff_id IN (1, 2)", "participants_staff"),
        ("SELECT id FROM peer_groups WHERE coach_id = 1", "peer_groups_coach"),
        ("SELECT id FROM meetings WHERE signed = 0 AND held_on BETWEEN '2026-01-01' AND '2026-02-01' "
         "ORDER BY held_on, id", "meetings_unsigned"),
        ("SELECT id FROM contact_notes WHERE signed = 0 AND noted_on BETWEEN '2026-01-01' AND '2026-02-01' "
         "ORDER BY noted_on, id", "contact_notes_unsigned"),
    ):  # fmt: skip
        plan = _plan(db, sql)
        assert index in plan and "TEMP B-TREE" not in plan, plan


def test_0030_unsigned_reads_never_visit_the_table() -> None:
    """`due --all` reads every unsigned record by date: from the index alone (COVERING), in date order."""
    assert "0030_unsigned_covering" in [step.name for step in MIGRATIONS]
    db = Migrated(sqlite3.connect(":memory:"))
    sqlite_set().apply(db)
    from peertool.outcomes.due_people import _MEETINGS, _NOTES

    for sql, index in ((_MEETINGS, "meetings_unsigned"), (_NOTES, "contact_notes_unsigned")):
        plan = _plan(db, sql.format(where="").replace("?", "'2026-01-01'"))
        assert f"COVERING INDEX {index}" in plan and "TEMP B-TREE" not in plan, plan
