"""Restore that cannot lose data, and backups that cannot clobber each other (issue 12)."""

import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from peertool.db.connection import Database

from helpers import PEERTOOL, Cli, names


@pytest.mark.sqlite_only
@pytest.mark.parametrize("file_name", ["weekly#2.db", "bk%41.db", "what?.db", "a b.db"])
def test_restore_reads_exactly_the_file_named(riverside: Cli, env: Path, file_name: str) -> None:
    riverside.ok("backup", env / file_name)
    riverside.ok("enroll", "Late Comer")
    if file_name == "bk%41.db":  # a different, valid backup where a URI would have looked
        riverside.ok("backup", env / "bkA.db")
    riverside.ok("restore", env / file_name, "--yes")
    assert "Late Comer" not in names(riverside)
    assert not (env / "weekly").exists() and not (env / "what").exists()


@pytest.mark.sqlite_only
def test_two_restores_in_one_second_keep_both_originals(riverside: Cli, env: Path) -> None:
    riverside.ok("backup", env / "b.db")
    riverside.ok("restore", env / "b.db", "--yes")
    riverside.ok("restore", env / "b.db", "--yes")
    kept = list((env / "data").glob("peertool.db.before-restore-*.bak"))
    assert len(kept) == 2


@pytest.mark.sqlite_only
def test_restore_waits_only_the_busy_timeout_and_changes_nothing(riverside: Cli, env: Path) -> None:
    riverside.ok("backup", env / "b.db")
    riverside.ok("enroll", "Late Comer")
    before = riverside.dump()
    holder = sqlite3.connect(riverside.db_path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        result = subprocess.run([*PEERTOOL, "restore", str(env / "b.db"), "--yes"], capture_output=True, text=True,
                                env={**os.environ, "PEERTOOL_BUSY_TIMEOUT": "1"}, timeout=60)  # fmt: skip
        elapsed = time.monotonic() - started
    finally:
        holder.rollback()
        holder.close()
    assert result.returncode == 75, result.stderr
    assert elapsed < 1 + 1 + 1.5
    assert riverside.dump() == before
    assert list((env / "data").glob("*.bak")) == [] and list((env / "data").glob(".*")) == []


@pytest.mark.sqlite_only
def test_the_audit_log_never_gets_shorter_and_records_the_restore(riverside: Cli, env: Path) -> None:
    riverside.ok("backup", env / "b.db")
    riverside.ok("enroll", "Late Comer")
    riverside.ok("goal", "add", "1", "Ride the bus")
    before = riverside.json("audit")
    riverside.ok("restore", env / "b.db", "--yes")
    after = riverside.json("audit")
    assert after[: len(before)] == before
    assert after[-1]["table"] == "database" and after[-1]["command"] == "peertool restore"
    assert riverside.json("audit", "verify")["ok"] is True


@pytest.mark.sqlite_only
def test_a_restore_that_fails_halfway_changes_nothing(
    riverside: Cli, env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    riverside.ok("backup", env / "b.db")
    riverside.ok("enroll", "Late Comer")
    before = riverside.dump()
    import peertool.safety.backup as backup

    def fail(db: Database, table: str, columns: set[str]) -> None:
        if table == "participants":
            raise sqlite3.OperationalError("disk I/O error")
        real(db, table, columns)

    real = backup._copy_table
    monkeypatch.setattr(backup, "_copy_table", fail)
    result = riverside("restore", env / "b.db", "--yes")
    assert result.exit_code == 74
    assert riverside.dump() == before


@pytest.mark.sqlite_only
def test_a_backup_with_another_page_size_restores(riverside: Cli, env: Path) -> None:
    riverside.ok("backup", env / "big-pages.db")
    copy = sqlite3.connect(env / "big-pages.db")
    copy.execute("PRAGMA page_size = 8192")
    copy.execute("VACUUM")
    copy.close()
    assert sqlite3.connect(env / "big-pages.db").execute("PRAGMA page_size").fetchone()[0] == 8192
    riverside.ok("enroll", "Late Comer")
    riverside.ok("restore", env / "big-pages.db", "--yes")
    assert "Late Comer" not in names(riverside)
    assert list((env / "data").glob(".*")) == []


@pytest.mark.sqlite_only
@pytest.mark.slow
def test_kill_9_during_restore_leaves_old_records_or_the_restore_with_its_record(cli: Cli, env: Path) -> None:

    cli.ok("init")
    roster = env / "big.csv"
    roster.write_text("name,external_id\n" + "".join(f"Person {i},X{i}\n" for i in range(3000)))
    cli.ok("enroll", "--from", roster)
    cli.ok("backup", env / "b.db")
    cli.ok("enroll", "Late Comer")
    draw = random.Random(11)
    for _trial in range(12):
        proc = subprocess.Popen([*PEERTOOL, "restore", str(env / "b.db"), "--yes"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(draw.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        conn = sqlite3.connect(cli.db_path)
        late = conn.execute("SELECT count(*) FROM participants WHERE name = 'Late Comer'").fetchone()[0]
        restores = conn.execute("SELECT count(*) FROM audit WHERE table_name = 'database'").fetchone()[0]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        # All of the restore, with its audit row, or none of it.
        assert (late, restores) in ((1, 0), (0, 1)), (late, restores)
        if not late:  # it finished: later trials would only restore the same records again
            break
    assert cli.json("audit", "verify")["ok"] is True


@pytest.mark.sqlite_only
def test_a_backup_holding_orphan_rows_is_refused_naming_the_table(riverside: Cli, env: Path) -> None:
    riverside.ok("goal", "add", "1", "Ride the bus")
    riverside.ok("backup", env / "b.db")
    copy = sqlite3.connect(env / "b.db")  # a goal whose participant is gone: foreign keys off, as sqlite3 allows
    copy.execute("DELETE FROM participants WHERE id = 1")
    copy.commit()
    copy.close()
    riverside.ok("enroll", "Late Comer")
    before = riverside.dump()
    result = riverside("restore", env / "b.db", "--yes")
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    assert "goals" in result.stderr and "busy" not in result.stderr
    assert "Ride the bus" not in result.stderr
    assert riverside.dump() == before


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.mark.sqlite_only
def test_restore_needs_yes_in_scripts_and_backs_up_first(riverside: Cli, env: Path) -> None:
    target = env / "backup.db"
    riverside.ok("backup", target)
    riverside.ok("enroll", "Late Comer")
    before = riverside.dump()
    refused = riverside("restore", target)
    assert refused.exit_code == 1 and "--yes" in refused.stderr
    assert riverside.dump() == before
    result = riverside.json("restore", target, "--yes")
    assert riverside.json("audit", "--last", "1")[0] | {"id": 0, "at": ""} == {
        "id": 0,
        "at": "",
        "user": riverside.json("audit")[0]["user"],
        "command": "peertool restore",
        "table": "database",
        "record_id": None,
        "action": "update",
    }
    assert [p["name"] for p in riverside.json("participant", "list") if p["name"] == "Late Comer"] == []
    saved = env / "data" / os.path.basename(result["previous_saved_as"])
    assert saved.exists() and mode(saved) == 0o600
    assert riverside("restore", env / "nothing.db", "--yes").exit_code == 3
    (env / "junk.db").write_text("not a database")
    assert riverside("restore", env / "junk.db", "--yes").exit_code == 1


@pytest.mark.sqlite_only
def test_restore_in_a_script_says_to_add_yes_once(riverside: Cli, env: Path) -> None:
    target = env / "backup.db"
    riverside.ok("backup", target)
    refused = riverside("restore", target)
    assert refused.exit_code == 1
    assert refused.stderr.lower().count("--yes") == 1, refused.stderr
