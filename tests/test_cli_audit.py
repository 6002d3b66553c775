"""A tamper-evident audit log that records every connection's changes (issue 12)."""

import os
import pwd
import sqlite3

import pytest

from helpers import Cli, tamper


@pytest.fixture
def logged(riverside: Cli) -> Cli:
    """Riverside, plus a few more changes: an audit log of 50-odd rows."""
    riverside.ok("participant", "edit", "1", "--stage", "ready-solo")
    riverside.ok("goal", "add", "1", "Ride the bus")
    return riverside


def test_verify_passes_on_an_intact_log(logged: Cli) -> None:
    result = logged.json("audit", "verify")
    assert result["ok"] is True and result["broken"] is None and result["rows"] > 30
    assert result["unsealed"] == 0 and len(result["head"]) == 64


def test_insert_or_replace_cannot_rewrite_a_row(logged: Cli) -> None:
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        tamper(logged.db_path, "INSERT OR REPLACE INTO audit (id, at, os_user, command, table_name, record_id, action)"
                               " VALUES (3, 'x', 'x', 'x', 'participants', 1, 'insert')")  # fmt: skip
    assert logged("audit", "verify").exit_code == 0


def test_a_removed_row_is_found_after_the_triggers_are_dropped(logged: Cli) -> None:
    tamper(logged.db_path, "DROP TRIGGER audit_no_delete", "DELETE FROM audit WHERE id = 5")
    result = logged("audit", "verify")
    assert result.exit_code == 1
    assert "row 6" in result.stderr and "audit_no_delete" in result.stderr


@pytest.mark.parametrize(
    "statements",
    [
        ["DROP TRIGGER audit_no_update", "UPDATE audit SET record_id = 99 WHERE id = 5"],
        ["DROP TRIGGER audit_seal_once", "UPDATE audit SET os_user = 'someone' WHERE id = 5"],
    ],
)
def test_a_rewritten_row_is_found(logged: Cli, statements: list[str]) -> None:
    tamper(logged.db_path, *statements)
    result = logged("audit", "verify", "--json")
    assert result.exit_code == 1
    import json

    assert json.loads(result.stdout)["broken"]["id"] == 5


def test_an_inserted_row_is_found(logged: Cli) -> None:
    tamper(
        logged.db_path,
        "DROP TRIGGER audit_no_update",
        "UPDATE audit SET id = id + 1000 WHERE id > 10",
        "INSERT INTO audit (id, at, os_user, command, table_name, record_id, action, hash)"
        " VALUES (11, '2026-01-01T00:00:00Z', 'x', 'peertool enroll', 'participants', 1, 'insert', 'f00')",
    )
    assert logged("audit", "verify").exit_code == 1


def test_changes_by_other_tools_are_recorded_and_marked(logged: Cli) -> None:
    tamper(logged.db_path, "UPDATE participants SET stage = 'partnered' WHERE id = 1")
    rows = logged.json("audit", "--last", "1")
    assert rows[0]["table"] == "participants" and rows[0]["record_id"] == 1 and rows[0]["action"] == "update"
    assert "other tool" in rows[0]["command"]
    assert "partnered" not in str(rows)
    assert logged.json("audit", "verify")["unsealed"] == 1
    logged.ok("goal", "add", "2", "Cook a meal")  # peertool's next write seals the other tool's row into the chain
    assert logged.json("audit", "verify")["unsealed"] == 0


def test_the_user_comes_from_the_operating_system_not_the_environment(
    logged: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("USER", "dr_who")
    monkeypatch.setenv("LOGNAME", "dr_who")
    logged.ok("goal", "add", "2", "Cook a meal")
    assert logged.json("audit", "--last", "1")[0]["user"] == pwd.getpwuid(os.geteuid()).pw_name
