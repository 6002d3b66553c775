"""The SQLite backend every command reads through: rows as tuples or as dicts, and only the database's own tables."""

from peertool.db.connection import Database

from helpers import two_people


def test_tables_leaves_out_sqlites_own() -> None:
    db = two_people()  # AUTOINCREMENT made sqlite_sequence
    names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert "sqlite_sequence" in names
    assert db.tables() == ["people"]


def test_the_library_database_has_the_program_tables(db: Database) -> None:
    tables = set(db.tables())
    assert {"participants", "peer_groups", "meetings", "contact_notes", "audit", "signatures"} <= tables
    assert not any(name.startswith("sqlite_") for name in tables)


def test_columns_are_a_tables_own_in_order_without_one_named_rowid() -> None:
    db = two_people()
    assert db.columns("people") == ["id", "name", "city"]
    db.execute("CREATE TABLE links (a INTEGER, rowid INTEGER, b TEXT)")  # as PostgreSQL's link tables will have
    assert db.columns("links") == ["a", "b"]


def test_applied_migrations_are_the_schemas_the_latest_last(db: Database) -> None:
    from peertool.db.migrations import LATEST_MIGRATION, MIGRATIONS

    applied = db.applied_migrations()
    assert applied == [migration.name for migration in MIGRATIONS] and applied[-1] == LATEST_MIGRATION
