"""Backups and restores, through the library."""

import sqlite3
from pathlib import Path

import pytest

from peertool.db import snapshot
from peertool.db.audit import entries
from peertool.db.backends import open_database
from peertool.db.connection import Database
from peertool.errors import Conflict, InvalidInput, NotFound
from peertool.people.participants import enroll, list_participants
from peertool.safety.backup import Declined, backup, check_source, restore

from helpers import file_of


def test_backup_is_private_checked_and_never_overwrites(db: Database, env: Path) -> None:
    enroll(db, {"name": "Tess Nolan"}, max_group_size=12)
    made = backup(db, env / "copy.db")
    assert made["integrity"] == "ok" and (env / "copy.db").stat().st_mode & 0o777 == 0o600
    with pytest.raises(Conflict):
        backup(db, env / "copy.db")
    with pytest.raises(NotFound):
        backup(db, env / "missing" / "copy.db")


def test_restore_asks_first_and_a_no_changes_nothing(db: Database, env: Path) -> None:
    enroll(db, {"name": "Tess Nolan"}, max_group_size=12)
    backup(db, env / "copy.db")
    enroll(db, {"name": "Late Comer"}, max_group_size=12)
    questions: list[str] = []

    def declined(question: str) -> bool:
        questions.append(question)
        return False

    with pytest.raises(Declined):
        restore(env / "lib.db", env / "copy.db", confirm=declined)
    assert "Replace everything" in questions[0]
    assert len(list_participants(db)) == 2


def test_restore_puts_the_backup_back_keeps_the_old_file_and_is_audited(db: Database, env: Path) -> None:
    enroll(db, {"name": "Tess Nolan"}, max_group_size=12)
    backup(db, env / "copy.db")
    enroll(db, {"name": "Late Comer"}, max_group_size=12)
    db.close()
    result = restore(env / "lib.db", env / "copy.db", confirm=lambda q: True)
    reopened = open_database(env / "lib.db", create=False)
    try:
        assert [p["name"] for p in list_participants(reopened)] == ["Tess Nolan"]
        assert entries(reopened)[-1]["table"] == "database"
    finally:
        reopened.close()
    assert (env / result["previous_saved_as"]).exists()


def test_only_an_intact_peertool_database_is_a_source(env: Path) -> None:
    (env / "junk.db").write_text("not a database")
    with pytest.raises(InvalidInput):
        check_source(env / "junk.db")
    with pytest.raises(NotFound):
        check_source(env / "nothing.db")


def test_a_backup_never_replaces_a_file_that_appeared_meanwhile(
    db: Database, env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = snapshot._copy_into

    def racing(source: sqlite3.Connection, target: Path) -> None:
        real(source, target)
        (env / "b.db").write_text("someone else's backup")

    monkeypatch.setattr(snapshot, "_copy_into", racing)
    with pytest.raises(Conflict):
        snapshot.copy_database(file_of(db).conn, env / "b.db")
    assert (env / "b.db").read_text() == "someone else's backup"
    assert [p.name for p in env.iterdir() if p.name.endswith(".partial")] == []


def test_library_restore_keeps_the_records_of_the_backup(db: Database, env: Path) -> None:
    from peertool.people.participants import enroll
    from peertool.safety.backup import backup, restore

    enroll(db, {"name": "Tess Nolan"}, max_group_size=12)
    backup(db, env / "copy.db")
    enroll(db, {"name": "Late Comer"}, max_group_size=12)
    db.close()
    restore(env / "lib.db", env / "copy.db", confirm=lambda q: True)
    reopened = open_database(env / "lib.db", create=False)
    assert [p["name"] for p in list_participants(reopened)] == ["Tess Nolan"]
    reopened.close()
