"""The SQLite backend every command reads through: rows as tuples or as dicts, and only the database's own tables."""

import errno
import os
import sqlite3
import stat
from pathlib import Path

import pytest

import peertool.db.sqlite as sqlite_backend
from peertool.db.connection import Database
from peertool.db.sqlite import SqliteDatabase
from peertool.errors import IOFailure

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


@pytest.mark.sqlite_only
def test_a_new_database_gets_its_name_only_when_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Processes that create one database together never meet a half-made file: the switch to WAL, which SQLite
    refuses at once while another process has the file open, and the migrations happen before the name exists."""
    path = tmp_path / "new" / "peertool.db"
    seen: list[bool] = []
    real_migrate = sqlite_backend._migrate

    def watching(db: SqliteDatabase, at: Path, *, keep_copy: bool) -> None:
        seen.append(os.path.lexists(path))
        real_migrate(db, at, keep_copy=keep_copy)

    monkeypatch.setattr(sqlite_backend, "_migrate", watching)
    db = sqlite_backend.open_file(path, create=True)
    try:
        assert db.created and db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        db.close()
    assert seen == [False]
    assert sorted(p.name for p in path.parent.iterdir()) == ["peertool.db"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = sqlite_backend.open_file(path, create=True)
    again.close()
    assert not again.created and seen == [False]


@pytest.mark.sqlite_only
def test_without_hard_links_a_new_database_is_made_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A memory stick's FAT has no hard links: the database is then made in place, as before, never refused."""

    def no_links(source: object, target: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    old = os.umask(0o277)
    try:
        db = sqlite_backend.open_file(tmp_path / "stick" / "peertool.db", create=True)
    finally:
        os.umask(old)
    try:
        assert db.created and db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        db.close()
    assert [p.name for p in (tmp_path / "stick").iterdir()] == ["peertool.db"]
    assert stat.S_IMODE((tmp_path / "stick" / "peertool.db").stat().st_mode) == 0o600


@pytest.mark.sqlite_only
def test_a_full_disk_while_a_database_is_made_is_the_machines_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite_backend, "_connect", full)
    with pytest.raises(IOFailure, match="the disk is full; nothing was changed"):
        sqlite_backend.open_file(tmp_path / "peertool.db", create=True)
    assert list(tmp_path.iterdir()) == []
