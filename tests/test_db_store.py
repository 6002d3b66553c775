import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from peertool.db.connection import Database
from peertool.db.migrations import migrations
from peertool.db.store import open_database, storage_failure, write
from peertool.errors import Busy, NotFound


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o277])
def test_new_database_is_private_whatever_the_umask(env, umask):
    old = os.umask(umask)
    try:
        path = env / "a" / "b" / "peertool.db"
        open_database(path, create=True).conn.close()
    finally:
        os.umask(old)
    assert mode(path) == 0o600
    assert mode(env / "a") == 0o700
    assert mode(env / "a" / "b") == 0o700


def test_a_reader_never_creates_a_file(env):
    path = env / "missing" / "peertool.db"
    with pytest.raises(NotFound) as err:
        open_database(path, create=False)
    assert "peertool init" in err.value.hint
    assert not path.exists() and not path.parent.exists()


def test_read_commands_do_not_create_the_database(cli):
    for args in (["participant", "list"], ["group", "list"], ["participant", "show", "1"]):
        result = cli(*args)
        assert result.exit_code == 3
        assert "peertool init" in result.stderr
    assert not cli.db_path.exists()


def test_unusable_database_paths_are_clean_errors(cli, env):
    (env / "notes.txt").write_text("not a database")
    for args in (
        ["--db", env / "notes.txt", "participant", "list"],
        ["--db", env, "participant", "list"],
        ["--db", "/proc/no/such/place.db", "init"],
    ):
        result = cli(*args)
        assert result.exit_code == 1, (args, result.stderr)
        assert result.stderr.startswith("Error: database:")


def test_connection_settings(db):
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA secure_delete").fetchone()[0] == 1


def test_init_is_idempotent(cli):
    cli.ok("init")
    first = cli.dump()
    result = cli.ok("init")
    assert "ready" in result.stderr
    assert cli.dump() == first
    import sqlite_utils

    assert not migrations.pending(sqlite_utils.Database(open_database(cli.db_path, create=False).conn))


def test_write_rolls_back_everything_on_error(db):
    with pytest.raises(RuntimeError):
        with write(db):
            db.execute("INSERT INTO peer_groups (name, name_key, start_on, weekday) VALUES ('a', 'a', '2026-01-01', 0)")
            raise RuntimeError("boom")
    assert db.execute("SELECT count(*) FROM peer_groups").fetchone()[0] == 0


def test_a_commit_that_fails_is_rolled_back_and_its_own_error_surfaces(db):
    with pytest.raises(sqlite3.IntegrityError):
        with write(db):
            db.execute("PRAGMA defer_foreign_keys = ON")  # checked only at commit, as a restore's copy is
            db.execute("INSERT INTO goals (participant_id, text, created_on) VALUES (999, 'x', '2026-01-01')")
    assert not db.conn.in_transaction
    assert db.execute("SELECT count(*) FROM goals").fetchone()[0] == 0


GROUP = "INSERT INTO peer_groups (name, name_key, start_on, weekday) VALUES (?, ?, '2026-01-01', 0)"


def test_each_commit_records_what_it_created_on_its_own_connection(db: Database, env: Path) -> None:
    with write(db):
        db.execute(GROUP, ["a", "a"])
    with write(db):
        pass
    with write(db, audited=False):  # a restore or a migration: not a change the user made
        db.execute(GROUP, ["b", "b"])
    with pytest.raises(RuntimeError), write(db):
        db.execute(GROUP, ["c", "c"])
        raise RuntimeError("rolled back")
    assert db.saved == ["peer_groups id 1", "no new records"]
    other = open_database(env / "lib.db", create=False)
    assert other.saved == []  # another connection, in the same process, saved nothing
    other.conn.close()


def test_a_storage_failure_says_the_last_thing_saved() -> None:
    full = sqlite3.OperationalError("database or disk is full")
    assert str(storage_failure(full)) == "the disk is full; nothing was changed."
    assert str(storage_failure(full, ["goals id 2", "participants id 7"])) == (
        "the disk is full; the change was saved (participants id 7)."
    )
    assert storage_failure(sqlite3.OperationalError("no such table: x"), ["goals id 2"]) is None


def test_busy_database_is_a_busy_error(env, monkeypatch):
    monkeypatch.setenv("PEERTOOL_BUSY_TIMEOUT", "0.2")
    path = env / "busy.db"
    db = open_database(path, create=True)
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(Busy):
            with write(db):
                pass
    finally:
        holder.rollback()
        holder.close()


def test_busy_database_exits_75(cli, monkeypatch):
    cli.ok("init")
    monkeypatch.setenv("PEERTOOL_BUSY_TIMEOUT", "0.2")
    holder = sqlite3.connect(cli.db_path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = cli("enroll", "Tess Nolan")
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 75
    assert "busy" in result.stderr


def test_bad_busy_timeout_is_a_config_error(cli, monkeypatch):
    monkeypatch.setenv("PEERTOOL_BUSY_TIMEOUT", "soon")
    assert cli("init").exit_code == 5


WORKER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from peertool.db.store import open_database
    from peertool.people.participants import enroll
    path, worker, start = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    while time.time() < start:
        time.sleep(0.001)
    for i in range(10):
        db = open_database(path, create=True)
        enroll(db, {"name": f"Worker {worker} person {i}"}, max_group_size=12)
        db.conn.close()
    """
)


@pytest.mark.slow
def test_four_processes_enroll_into_a_brand_new_database(env):
    path = env / "fresh" / "peertool.db"
    start = time.time() + 1.5
    procs = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(path), str(n), str(start)], stderr=subprocess.PIPE)
        for n in range(4)
    ]
    errors = [p.communicate(timeout=60)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], errors
    conn = sqlite3.connect(path)
    names = {row[0] for row in conn.execute("SELECT name FROM participants")}
    applied = conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    conn.close()
    assert names == {f"Worker {w} person {i}" for w in range(4) for i in range(10)}
    assert applied == len(migrations._migrations)
    assert mode(path) == 0o600


def test_the_cheap_schema_check_names_the_last_migration():
    from peertool.db.store import LATEST_MIGRATION

    assert LATEST_MIGRATION == migrations._migrations[-1].name
