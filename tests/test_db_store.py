import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from peertool.db import cipher, sqlite
from peertool.db.backends import open_database
from peertool.db.connection import Database
from peertool.db.conversion import convert
from peertool.db.migrations import LATEST_MIGRATION, MIGRATIONS, sqlite_set
from peertool.db.sqlite import storage_failure
from peertool.db.store import write
from peertool.errors import Busy, NotFound
from peertool.people.participants import enroll, list_participants

from helpers import Cli, file_of


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o277])
def test_new_database_is_private_whatever_the_umask(env: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        path = env / "a" / "b" / "peertool.db"
        file_of(open_database(path, create=True)).conn.close()
    finally:
        os.umask(old)
    assert mode(path) == 0o600
    assert mode(env / "a") == 0o700
    assert mode(env / "a" / "b") == 0o700


def test_a_reader_never_creates_a_file(env: Path) -> None:
    path = env / "missing" / "peertool.db"
    with pytest.raises(NotFound) as err:
        open_database(path, create=False)
    assert err.value.hint is not None and "peertool init" in err.value.hint
    assert not path.exists() and not path.parent.exists()


@pytest.mark.sqlite_only
def test_read_commands_do_not_create_the_database(cli: Cli) -> None:
    for args in (["participant", "list"], ["group", "list"], ["participant", "show", "1"]):
        result = cli(*args)
        assert result.exit_code == 3
        assert "peertool init" in result.stderr
    assert not cli.db_path.exists()


def test_unusable_database_paths_are_clean_errors(cli: Cli, env: Path) -> None:
    (env / "notes.txt").write_text("not a database")
    for args in (
        ["--db", env / "notes.txt", "participant", "list"],
        ["--db", env, "participant", "list"],
        ["--db", "/proc/no/such/place.db", "init"],
    ):
        result = cli(*args)
        assert result.exit_code == 1, (args, result.stderr)
        assert result.stderr.startswith("Error: database:")


def test_connection_settings(db: Database) -> None:
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA secure_delete").fetchone()[0] == 1


@pytest.mark.sqlite_only
def test_init_is_idempotent(cli: Cli) -> None:
    cli.ok("init")
    first = cli.dump()
    result = cli.ok("init")
    assert "ready" in result.stderr
    assert cli.dump() == first
    import sqlite_utils

    assert not sqlite_set().pending(sqlite_utils.Database(file_of(open_database(cli.db_path, create=False)).conn))


def test_write_rolls_back_everything_on_error(db: Database) -> None:
    with pytest.raises(RuntimeError):
        with write(db):
            db.execute("INSERT INTO peer_groups (name, name_key, start_on, weekday) VALUES ('a', 'a', '2026-01-01', 0)")
            raise RuntimeError("boom")
    assert db.execute("SELECT count(*) FROM peer_groups").fetchone()[0] == 0


def test_a_commit_that_fails_is_rolled_back_and_its_own_error_surfaces(db: Database) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        with write(db):
            db.execute("PRAGMA defer_foreign_keys = ON")  # checked only at commit, as a restore's copy is
            db.execute("INSERT INTO goals (participant_id, text, created_on) VALUES (999, 'x', '2026-01-01')")
    assert not file_of(db).conn.in_transaction
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
    other.close()


def test_a_storage_failure_says_the_last_thing_saved() -> None:
    full = sqlite3.OperationalError("database or disk is full")
    assert str(storage_failure(full)) == "the disk is full; nothing was changed."
    assert str(storage_failure(full, ["goals id 2", "participants id 7"])) == (
        "the disk is full; the change was saved (participants id 7)."
    )
    assert storage_failure(sqlite3.OperationalError("no such table: x"), ["goals id 2"]) is None


def test_busy_database_is_a_busy_error(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
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


@pytest.mark.sqlite_only
def test_busy_database_exits_75(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
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


def test_bad_busy_timeout_is_a_config_error(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEERTOOL_BUSY_TIMEOUT", "soon")
    assert cli("init").exit_code == 5


WORKER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from peertool.db.backends import open_database
    from peertool.people.participants import enroll
    path, worker, start = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    while time.time() < start:
        time.sleep(0.001)
    for i in range(10):
        db = open_database(path, create=True)
        enroll(db, {"name": f"Worker {worker} person {i}"}, max_group_size=12)
        db.close()
    """
)


@pytest.mark.slow
def test_four_processes_enroll_into_a_brand_new_database(env: Path) -> None:
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
    assert applied == len(MIGRATIONS)
    assert mode(path) == 0o600


def test_upgrading_a_previous_schema_backs_up_first(env: Path) -> None:
    path = env / "old.db"
    conn = sqlite3.connect(path)
    from sqlite_utils import Database

    old = Database(conn)
    sqlite_set().apply(old, stop_before=LATEST_MIGRATION)
    old.execute(
        "INSERT INTO participants (name, name_key, enrolled_on) VALUES ('Old Timer', 'old timer', '2025-01-01')"
    )
    conn.commit()
    conn.close()
    db = open_database(path, create=False)
    assert not sqlite_set().pending(sqlite_utils.Database(file_of(db).conn))
    assert db.execute("SELECT name FROM participants").fetchone()[0] == "Old Timer"
    backups = list(env.glob("old.db.before-*.bak"))
    assert len(backups) == 1 and mode(backups[0]) == 0o600
    assert backups[0].name == f"old.db.before-{LATEST_MIGRATION}.bak"
    saved = sqlite3.connect(backups[0])
    assert saved.execute("SELECT count(*) FROM participants").fetchone()[0] == 1
    applied = {r[0] for r in saved.execute("SELECT name FROM _sqlite_migrations")}
    saved.close()
    assert LATEST_MIGRATION not in applied


def test_a_failing_migration_leaves_the_schema_unchanged(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = env / "db.db"
    file_of(open_database(path, create=True)).conn.close()

    def broken(db: sqlite_utils.Database) -> None:
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("migration failed")

    steps = sqlite_set()
    monkeypatch.setattr(steps, "_migrations", [*steps._migrations, steps._Migration("9999_broken", broken)])
    monkeypatch.setattr("peertool.db.sqlite.LATEST_MIGRATION", "9999_broken")  # the release that adds it says so
    with pytest.raises(RuntimeError):
        open_database(path, create=False)
    conn = sqlite3.connect(path)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    applied = {r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")}
    conn.close()
    assert "half_done" not in names and "9999_broken" not in applied


@pytest.mark.sqlite_only
def test_deleted_text_does_not_linger_in_the_file(riverside: Cli) -> None:
    marker = "zqxsecretthreadzqx"
    riverside.ok("meeting", "record", "Riverside", "--date", "2026-02-10", "--thread", marker, "--notes", marker)
    riverside.ok("meeting", "record", "Riverside", "--date", "2026-02-10", "--replace")
    conn = sqlite3.connect(riverside.db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    assert marker.encode() not in riverside.db_path.read_bytes()


@pytest.mark.slow
def test_four_processes_of_write_commands_lose_nothing(cli: Cli) -> None:
    cli.ok("init")
    script = (
        "import sys, subprocess\n"
        "for i in range(8):\n"
        "    subprocess.run([sys.executable, '-m', 'peertool', 'enroll', f'W{sys.argv[1]} P{i}'], check=True,"
        " capture_output=True)\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", script, str(n)]) for n in range(4)]
    assert [p.wait(timeout=300) for p in procs] == [0, 0, 0, 0]
    names = {p["name"] for p in cli.json("participant", "list")}
    assert names == {f"W{w} P{i}" for w in range(4) for i in range(8)}


KEY = "5a" * 32


@pytest.fixture
def key_source() -> Iterator[None]:
    cipher.use_key_source(lambda label: KEY)
    yield
    cipher._source.clear()
    cipher._key.clear()


@pytest.mark.parametrize("encrypt", [True, False])
def test_a_writer_that_opened_the_file_before_a_conversion_is_told_busy(
    env: Path, key_source: None, monkeypatch: pytest.MonkeyPatch, encrypt: bool
) -> None:
    """The writer's connection is on the old file when `db encrypt` (or `decrypt`) replaces it: the next read
    finds the old file zeroed, which is neither a wrong key nor a broken database, but a database that was busy."""
    pytest.importorskip("sqlcipher3")
    path = env / "conv.db"
    enroll(open_database(path, create=True, encrypt=not encrypt), {"name": "Tess Nolan"}, max_group_size=12)
    # The writer's first read of the file: through its key when the file is encrypted, else switching on WAL.
    module, name = (sqlite, "_enable_wal") if encrypt else (cipher, "apply_key")
    real = getattr(module, name)
    started: list[bool] = []

    def first_read(*args: Any) -> object:  # ... waits out a whole conversion (whose own reads go straight through)
        if not started:
            started.append(True)
            convert(path, encrypt=encrypt)
        return real(*args)

    monkeypatch.setattr(module, name, first_read)
    with pytest.raises(Busy) as raised:
        open_database(path, create=False)
    assert "convert" in raised.value.message
    monkeypatch.undo()
    assert [p["name"] for p in list_participants(open_database(path, create=False))] == ["Tess Nolan"]


@pytest.mark.slow
def test_writers_while_db_encrypt_runs_are_done_or_told_busy(env: Path) -> None:
    """Writers started in a loop while `db encrypt` converts the database: each is saved, or exits 75, never 1."""
    pytest.importorskip("sqlcipher3")
    import subprocess
    import time

    from helpers import PEERTOOL

    secret, script = env / "key", env / "key.sh"
    secret.write_text(KEY + "\n")
    script.write_text(f"#!/bin/sh\ncat '{secret}'\n")
    script.chmod(0o700)
    config = env / "xdg" / "peertool" / "config.yaml"
    config.parent.mkdir(parents=True, mode=0o700)
    config.write_text(f"encryption:\n  key_command: {script}\n")
    run: dict[str, Any] = {"env": {**os.environ, "PEERTOOL_CONFIG": str(config), "PEERTOOL_BUSY_TIMEOUT": "0.5"},
           "capture_output": True, "text": True}  # fmt: skip
    subprocess.run([*PEERTOOL, "enroll", "Tess Nolan"], check=True, **run)
    codes: dict[int, str] = {}
    for round_ in range(3):
        command = ["db", "decrypt", "--yes"] if round_ % 2 else ["db", "encrypt"]
        # The conversion waits longer than the writers: it needs the file to itself, and a loaded machine's
        # stream of writers may hold it for more than their own half second.
        encrypt = subprocess.Popen([*PEERTOOL, *command], env={**run["env"], "PEERTOOL_BUSY_TIMEOUT": "30"},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        while encrypt.poll() is None:
            writer = subprocess.run([*PEERTOOL, "enroll", f"Writer {round_}"], **run)
            codes.setdefault(writer.returncode, writer.stderr)
            time.sleep(0.01)
        assert encrypt.returncode == 0
    assert set(codes) <= {0, 75}, codes
