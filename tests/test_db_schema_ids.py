"""Issue 24, item 9: an id is never given twice, so the audit log's rows for one id are about one record.

Migration 0017 rebuilds every table keyed by `id` with AUTOINCREMENT and seeds each table's sequence with the
highest id the table or its audit rows ever held.
"""

import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from peertool.db.backends import open_database
from peertool.db.connection import Database
from peertool.db.migrations import sqlite_set
from peertool.db.triggers import AUDITED

from helpers import Cli, file_of

KEYED_BY_ID = [table for table, key in AUDITED.items() if key == "id"]


def test_a_deleted_participants_id_is_not_given_to_the_next_one_enrolled(riverside: Cli) -> None:
    riverside.ok("participant", "delete", "10", "--yes")
    assert riverside.json("enroll", "Tess Nolan")["id"] == 11


def test_a_deleted_meetings_id_is_not_given_to_the_next_one_recorded(riverside: Cli) -> None:
    riverside.ok("meeting", "record", "Riverside", "--date", "2026-03-03", "--all-present")
    riverside.ok("meeting", "delete", "1", "--yes")
    assert riverside.json("meeting", "record", "Riverside", "--date", "2026-03-10", "--all-present")["id"] == 2


@pytest.mark.sqlite_only
def test_a_restored_backup_does_not_give_back_the_ids_made_since(riverside: Cli, env: Path) -> None:
    """The audit log, kept through a restore, names participant 11: the next person must not be 11 again."""
    riverside.ok("backup", env / "monday.db")
    riverside.ok("enroll", "Tess Nolan")
    riverside.ok("restore", env / "monday.db", "--yes")
    assert riverside.json("enroll", "Uma Reed")["id"] == 12


def _old_database(path: Path) -> sqlite3.Connection:
    """A database of migration 0016 with a group, three people (the highest, id 3, deleted), a meeting and its
    attendance, a signed contact note, a pairing and a goal, written by another tool as peertool 0.16 would."""
    conn = sqlite3.connect(path)
    sqlite_set().apply(sqlite_utils.Database(conn), stop_before="0017_ids_never_reused")
    for statement in (
        "INSERT INTO peer_groups (name, name_key, start_on, weekday, time) VALUES ('Elm', 'elm', '2026-01-06', 1, "
        "'18:00')",
        *(
            f"INSERT INTO participants (name, name_key, enrolled_on) VALUES ('{n}', '{n.lower()}', '2026-01-05')"
            for n in ("Ada Quill", "Bram Oakes", "Cy Fenn")
        ),  # fmt: skip
        "INSERT INTO memberships (group_id, participant_id, joined_on) VALUES (1, 1, '2026-01-06'), "
        "(1, 2, '2026-01-06')",
        "INSERT INTO meetings (group_id, held_on, month, theme, mode, duration) "
        "VALUES (1, '2026-03-03', 2, 'Self-Care', 'in-person', 90)",
        "INSERT INTO attendance (meeting_id, participant_id, present, status) VALUES (1, 1, 1, 'present'), "
        "(1, 2, 0, 'absent')",
        "INSERT INTO contact_notes (participant_id, noted_on, mode, text, signed) VALUES (2, '2026-03-04', 'phone',"
        " 'Called', 1)",
        "INSERT INTO pairings (group_id, paired_on, seed) VALUES (1, '2026-03-01', 7)",
        "INSERT INTO pairing_pairs (pairing_id, first_id, second_id) VALUES (1, 1, 2)",
        "INSERT INTO goals (participant_id, text, created_on) VALUES (1, 'Bus to the shop', '2026-01-05')",
        "DELETE FROM participants WHERE id = 3",
    ):
        conn.execute(statement)
    conn.commit()
    return conn


def _columns(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Each table of the database, with its columns."""
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                                             "LIKE 'sqlite_%' AND name != '_sqlite_migrations'")]  # fmt: skip
    return {table: [column[1] for column in conn.execute(f"PRAGMA table_info({table})")] for table in tables}


def _contents(conn: sqlite3.Connection, columns: dict[str, list[str]]) -> dict[str, list[Any]]:
    """The rows of these tables and columns (a later migration may add tables and columns: they are not 0017's)."""
    return {table: sorted(conn.execute(f"SELECT {', '.join(names)} FROM {table}").fetchall(), key=repr)
            for table, names in columns.items()}  # fmt: skip


def _indexes(conn: sqlite3.Connection, tables: dict[str, list[str]]) -> list[Any]:
    found = conn.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")
    return [row for row in found if row[1] in tables]


def test_an_upgraded_database_keeps_its_records_links_and_indexes_and_verifies(env: Path) -> None:
    path = env / "data" / "peertool.db"  # where the isolated world's PEERTOOL_DB points
    path.parent.mkdir(mode=0o700)
    conn = _old_database(path)
    columns = _columns(conn)
    records, indexes = _contents(conn, columns), _indexes(conn, columns)
    conn.close()

    db = open_database(path, create=False)
    after = _contents(file_of(db).conn, columns)
    audit_rows = len(records.pop("audit"))
    assert len(after.pop("audit")) == audit_rows  # the rebuild logged no insert or delete: none happened
    later = {table: after.pop(table) for table in set(after) - set(records)}  # made by a later migration
    assert later == dict.fromkeys(later, [])  # and empty
    assert after == records
    assert set(indexes) <= set(_indexes(file_of(db).conn, columns))  # every old index kept (0028 adds some)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA foreign_keys").fetchone() == (1,)
    for table in KEYED_BY_ID:
        sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
        assert "AUTOINCREMENT" in sql, table
    sequence = dict(db.execute("SELECT name, seq FROM sqlite_sequence").fetchall())
    assert sequence["participants"] == 3  # known only from the audit log: the row is gone
    assert (sequence["meetings"], sequence["goals"], sequence["pairing_pairs"]) == (1, 1, 1)
    db.close()

    old = Cli(path)
    verified = old.json("audit", "verify")
    assert verified["ok"] is True and verified["changed"] == [] and verified["unchecked"] == 0
    assert verified["missing_triggers"] == [] and verified["added_triggers"] == []
    assert old.json("enroll", "Dee Lowe")["id"] == 4
    assert old.json("meeting", "record", "Elm", "--date", "2026-03-10", "--all-present")["id"] == 2


def test_an_older_database_with_a_broken_link_already_still_opens(env: Path) -> None:
    """Another tool, with foreign keys off, left attendance for a deleted person: the upgrade keeps it as it was."""
    path = env / "old.db"
    conn = _old_database(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DELETE FROM participants WHERE id = 1")
    conn.commit()
    broken = sorted(conn.execute("PRAGMA foreign_key_check").fetchall())
    conn.close()
    db = open_database(path, create=False)
    assert broken and sorted(db.execute("PRAGMA foreign_key_check").fetchall()) == broken
    assert db.execute("SELECT count(*) FROM attendance WHERE participant_id = 1").fetchone() == (1,)
    db.close()


def test_a_migration_that_breaks_a_link_changes_nothing(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = env / "old.db"
    _old_database(path).close()
    apply = sqlite_set().apply

    def apply_then_break(database: sqlite_utils.Database, **kwargs: Any) -> None:
        apply(database, **kwargs)
        database.execute("DELETE FROM participants WHERE id = 1")  # foreign keys are off while migrating

    monkeypatch.setattr(sqlite_set(), "apply", apply_then_break)
    with pytest.raises(RuntimeError, match="broke the links"):
        open_database(path, create=False)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM participants").fetchone() == (2,)
    assert conn.execute("SELECT sql FROM sqlite_master WHERE name = 'participants'").fetchone()[0].count("AUTO") == 0
    conn.close()


def test_a_database_made_new_counts_from_one(db: Database) -> None:
    """A fresh database has nothing to seed: its first record is id 1, as before."""
    from peertool.db.store import insert, write

    with write(db):
        first = insert(db, "peer_groups", {"name": "Oak", "name_key": "oak", "start_on": "2026-01-06", "weekday": 1})
    assert first == 1


def test_a_trigger_dropped_before_the_upgrade_is_still_named_by_verify(env: Path) -> None:
    """The rebuild makes each table's triggers again as they were stored, so it never repairs tampering unseen."""
    path = env / "data" / "peertool.db"
    path.parent.mkdir(mode=0o700)
    conn = _old_database(path)
    conn.execute("DROP TRIGGER audit_participants_delete")
    conn.commit()
    conn.close()
    verified = Cli(path).json_fail("audit", "verify")
    assert verified["missing_triggers"] == ["audit_participants_delete"]
