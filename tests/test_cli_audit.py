"""A tamper-evident audit log that records every connection's changes (issue 12)."""

import json
import os
import pwd
import sqlite3
from pathlib import Path

import pytest

from peertool.db.backends import open_database
from peertool.db.migrations import sqlite_set

from helpers import MEETING, Cli, file_of, tamper


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


@pytest.mark.sqlite_only
def test_insert_or_replace_cannot_rewrite_a_row(logged: Cli) -> None:
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        tamper(logged.db_path, "INSERT OR REPLACE INTO audit (id, at, os_user, command, table_name, record_id, action)"
                               " VALUES (3, 'x', 'x', 'x', 'participants', 1, 'insert')")  # fmt: skip
    assert logged("audit", "verify").exit_code == 0


@pytest.mark.sqlite_only
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
@pytest.mark.sqlite_only
def test_a_rewritten_row_is_found(logged: Cli, statements: list[str]) -> None:
    tamper(logged.db_path, *statements)
    result = logged("audit", "verify", "--json")
    assert result.exit_code == 1
    import json

    assert json.loads(result.stdout)["broken"]["id"] == 5


@pytest.mark.sqlite_only
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
    tamper(logged, "UPDATE participants SET stage = 'partnered' WHERE id = 1")
    rows = logged.json("audit", "--last", "1")
    assert rows[0]["table"] == "participants" and rows[0]["record_id"] == 1 and rows[0]["action"] == "update"
    assert "other tool" in rows[0]["command"]
    assert "partnered" not in str(rows)
    assert logged.json("audit", "verify")["unsealed"] == 1
    logged.ok("goal", "add", "2", "Cook a meal")  # peertool's next write seals the other tool's row into the chain
    assert logged.json("audit", "verify")["unsealed"] == 0


def test_the_user_comes_from_the_operating_system_or_the_server_not_the_environment(
    logged: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("USER", "dr_who")
    monkeypatch.setenv("LOGNAME", "dr_who")
    monkeypatch.setenv("PEERTOOL_LOGIN", "dr_who")
    logged.ok("goal", "add", "2", "Cook a meal")
    user = logged.json("audit", "--last", "1")[0]["user"]
    if logged.server is None:
        assert user == pwd.getpwuid(os.geteuid()).pw_name
    else:  # on a server, the role it authenticated
        assert user == logged.query("SELECT session_user")[0][0]


def test_every_change_is_audited_without_values(riverside: Cli) -> None:
    riverside.ok("participant", "edit", "1", "--stage", "ready-solo")
    log = riverside.json("audit")
    edits = [e for e in log if e["command"] == "peertool participant edit"]
    assert edits == [{**edits[0], "table": "participants", "record_id": 1, "action": "update"}]
    assert {e["command"] for e in log} >= {"peertool group create", "peertool enroll"}
    assert all(e["user"] for e in log)
    text = json.dumps(log)
    assert "Ada Quill" not in text and "555-0101" not in text and "ready-solo" not in text
    inserts = [e for e in log if e["command"] == "peertool enroll" and e["table"] == "participants"]
    assert sorted(e["record_id"] for e in inserts) == list(range(1, 11))


def test_a_refused_command_leaves_no_audit_rows(riverside: Cli) -> None:
    before = len(riverside.json("audit"))
    assert riverside("group", "add", "Riverside", "1").exit_code == 4
    assert len(riverside.json("audit")) == before


@pytest.mark.sqlite_only
def test_audit_log_is_append_only(riverside: Cli) -> None:
    conn = sqlite3.connect(riverside.db_path)
    for statement in ("UPDATE audit SET os_user = 'someone'", "DELETE FROM audit"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(statement)
    conn.close()


def test_audit_since_and_last(riverside: Cli) -> None:
    assert riverside.json("audit", "--since", "2999-01-01") == []
    every = riverside.json("audit")
    assert riverside.json("audit", "--last", "3") == every[-3:]
    assert riverside("audit", "--last", "0").exit_code == 2
    assert riverside("audit", "--since", "someday").exit_code == 1  # "yesterday" is a date people say


@pytest.fixture
def noted(riverside: Cli) -> Cli:
    """Riverside with a contact note (id 1) and a few audited changes."""
    riverside.ok("note", "add", "1", "Called", "--minutes", "15", "--response", "Fine", "--plan", "Call Friday")
    return riverside


@pytest.mark.sqlite_only
def test_no_row_stored_in_the_database_silences_the_audit(noted: Cli) -> None:
    before = len(noted.json("audit"))
    statements = ["UPDATE participants SET name = 'X' WHERE id = 3", "DELETE FROM contact_notes WHERE id = 1"]
    names = {row[0] for row in sqlite3.connect(noted.db_path).execute("SELECT name FROM sqlite_master")}
    if "audit_context" in names:  # the bypass of issue 23: a context row with quiet = 1, removed afterwards
        statements = ["INSERT INTO audit_context VALUES (1, 'x', 'x', 'x', 1)", *statements,
                      "DELETE FROM audit_context"]  # fmt: skip
    tamper(noted.db_path, *statements)
    rows = noted.json("audit")[before:]
    assert [(r["table"], r["record_id"], r["action"]) for r in rows] == [
        ("participants", 3, "update"),
        ("contact_notes", 1, "delete"),
    ]
    assert all("other tool" in r["command"] for r in rows)


@pytest.mark.sqlite_only
def test_another_tool_cannot_borrow_a_peertool_name(noted: Cli) -> None:
    """Whatever another tool writes where peertool keeps its context, its change is marked as another tool's."""
    before = len(noted.json("audit"))
    names = {row[0] for row in sqlite3.connect(noted.db_path).execute("SELECT name FROM sqlite_master")}
    context = ["INSERT INTO audit_context VALUES (1, '2026-01-01T00:00:00Z', 'dana', 'peertool enroll', 0)"]
    fake_row = ("INSERT INTO audit (at, os_user, command, table_name, record_id, action) "
                "VALUES ('2026-01-01T00:00:00Z', 'dana', 'peertool enroll', 'participants', 3, 'update')")  # fmt: skip
    tamper(noted.db_path, *(context if "audit_context" in names else []), fake_row,
           "UPDATE participants SET stage = 'partnered' WHERE id = 2")  # fmt: skip
    noted.ok("goal", "add", "2", "Cook a meal")  # peertool's next write seals what came before
    rows = noted.json("audit")[before:]
    assert [(r["command"], r["user"]) for r in rows[:2]] == [("other tool (not peertool)", "unknown")] * 2
    assert rows[2:] and all(r["command"] == "peertool goal add" for r in rows[2:])


@pytest.mark.parametrize(
    "statements",
    [
        ["DROP TRIGGER audit_participants_update",
         "CREATE TRIGGER audit_participants_update AFTER UPDATE ON participants WHEN 0 "
         "BEGIN INSERT INTO audit (at, os_user, command, table_name, record_id, action) "
         "VALUES ('x', 'x', 'x', 'participants', NEW.id, 'update'); END"],
        ["DROP TRIGGER audit_no_delete",
         "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit WHEN 0 BEGIN SELECT RAISE(ABORT, 'no'); END"],
    ],
)  # fmt: skip
@pytest.mark.sqlite_only
def test_verify_reads_each_triggers_whole_definition(noted: Cli, statements: list[str]) -> None:
    tamper(noted.db_path, *statements)
    result = noted("audit", "verify", "--json")
    assert result.exit_code == 1
    name = statements[0].split()[-1]
    assert json.loads(result.stdout)["altered_triggers"] == [name] and name in result.stderr


@pytest.mark.sqlite_only
def test_verify_names_a_record_changed_while_its_trigger_was_away(noted: Cli) -> None:
    assert noted.json("audit", "verify")["changed"] == []
    tamper(noted.db_path, "DROP TRIGGER audit_participants_update", "UPDATE participants SET name = 'X' WHERE id = 3")
    trigger = sqlite3.connect(noted.db_path)
    sql = "SELECT sql FROM sqlite_master WHERE name = 'audit_participants_update'"
    assert trigger.execute(sql).fetchone() is None
    from peertool.db.triggers import AUDITED, logging_trigger

    tamper(noted.db_path, logging_trigger("participants", AUDITED["participants"], "update"))
    result = noted("audit", "verify", "--json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert found["altered_triggers"] == [] and found["changed"] == [{"table": "participants", "record_id": 3}]
    assert "participants 3" in result.stderr and "'X'" not in result.stdout + result.stderr


@pytest.mark.sqlite_only
def test_the_log_carries_a_keyed_digest_that_reveals_no_value(noted: Cli, env: Path) -> None:
    conn = sqlite3.connect(noted.db_path)
    digests = [row[0] for row in conn.execute("SELECT digest FROM audit WHERE table_name = 'participants'")]
    conn.close()
    assert digests and all(len(d) > 32 for d in digests)
    import hashlib

    plain = {hashlib.sha256(name.encode()).hexdigest() for name in ("Ada Quill", "Bram Oakes")}
    assert not plain & set(digests)


def test_without_the_key_verify_says_the_content_check_could_not_run(noted: Cli, env: Path) -> None:
    from peertool.db.audit_content import key_path

    if noted.server is None:
        key_path().unlink()
    else:  # the team's key is in the database's settings
        tamper(noted, "DELETE FROM settings WHERE key = 'audit_key'")
    result = noted.json("audit", "verify")
    assert result["ok"] is True and result["changed"] is None and "key" in result["content"]


def test_a_signed_meeting_stays_intact_when_names_elsewhere_change(riverside: Cli) -> None:
    riverside.ok(*MEETING, "--all-present")
    riverside.ok("meeting", "note", "1", "1", "--response", "Joined in", "--goal", "1")
    riverside.ok("meeting", "sign", "1", "--as", "Dana Reyes, CPS")
    riverside.ok("participant", "edit", "1", "--name", "Ada Q. Quill")
    riverside.ok("goal", "edit", "1", "--text", "Ride the bus alone")
    assert riverside.json("meeting", "show", "1")["intact"] is True
    linted = riverside("note", "lint", "--json")
    assert "changed" not in {p["check"] for p in json.loads(linted.stdout)["problems"]}


def test_the_signer_and_time_are_covered_by_the_hash(noted: Cli) -> None:
    noted.ok("note", "sign", "1", "--as", "Dana Reyes, CPS")
    tamper(noted, "UPDATE signatures SET signer = 'Sam Lee, LCSW' WHERE id = 1")
    assert noted.json("note", "show", "1")["intact"] is False
    tamper(noted, "UPDATE signatures SET signer = 'Dana Reyes, CPS', signed_at = '2020-01-01T00:00:00Z'")
    assert noted.json("note", "show", "1")["intact"] is False


def test_a_record_signed_once_stays_locked_when_its_signature_is_removed(noted: Cli) -> None:
    noted.ok("note", "sign", "1", "--as", "Dana Reyes, CPS")
    tamper(noted, "DELETE FROM signatures WHERE id = 1")
    refused = noted("note", "delete", "1", "--yes")
    assert refused.exit_code == 1 and "signed" in refused.stderr
    assert noted("note", "edit", "1", "changed").exit_code == 1
    shown = noted.json("note", "show", "1")
    assert (shown["text"], shown["signed"], shown["intact"]) == ("Called", True, False)
    logged = [(r["table"], r["action"]) for r in noted.json("audit")]
    assert ("signatures", "insert") in logged and ("signatures", "delete") in logged


@pytest.mark.sqlite_only
def test_since_finds_rows_whatever_order_the_clock_gave_them(noted: Cli) -> None:
    conn = sqlite3.connect(noted.db_path)
    base = conn.execute("SELECT max(id) FROM audit").fetchone()[0]
    conn.close()
    tamper(noted, *(f"UPDATE participants SET stage = 'partnered' WHERE id = {n}" for n in (2, 3, 4)))
    # Far ahead of every row the fixture stamped with today's clock, so the cut-offs below select these three alone.
    stamps = {base + 1: "2999-12-10T09:00:00Z", base + 2: "2999-12-04T09:00:00Z", base + 3: "2999-12-04T10:00:00Z"}

    db = open_database(noted.db_path, create=False)
    try:  # the three rows as a clock set back would have stamped them, written before they are sealed
        db.execute("DROP TRIGGER audit_no_update")
        for row_id, at in stamps.items():
            db.execute("UPDATE audit SET at = ? WHERE id = ?", [at, row_id])
        file_of(db).conn.commit()
    finally:
        db.close()
    rows = noted.json("audit", "--since", "2999-12-04")
    assert [r["id"] for r in rows] == [base + 1, base + 2, base + 3]
    assert [r["id"] for r in noted.json("audit", "--since", "2999-12-05")] == [base + 1]


@pytest.mark.sqlite_only
def test_an_added_trigger_that_silences_the_log_is_found(noted: Cli) -> None:
    tamper(noted.db_path, "CREATE TRIGGER hush BEFORE INSERT ON audit BEGIN SELECT RAISE(IGNORE); END")
    result = noted("audit", "verify", "--json")
    assert result.exit_code == 1 and json.loads(result.stdout)["added_triggers"] == ["hush"]


def test_an_older_database_keeps_its_signatures_and_locks_and_verifies(env: Path) -> None:
    """A database of migration 0014, with a contact note signed then, upgraded by opening it."""
    from sqlite_utils import Database

    from peertool.db.signing import content_hash
    from peertool.people.contacts import signed_content

    from helpers import Cli

    path = env / "data" / "peertool.db"  # where the isolated world's PEERTOOL_DB points
    path.parent.mkdir(mode=0o700)
    conn = sqlite3.connect(path)
    sqlite_set().apply(Database(conn), stop_before="0016_audit_without_switches")
    conn.execute("INSERT INTO audit_context (id, at, os_user, command) VALUES (1, 'x', 'dana', 'peertool note add')")
    conn.execute("INSERT INTO participants (name, name_key, enrolled_on) VALUES ('Old Timer', 'old timer', ?)",
                 ["2025-01-01"])  # fmt: skip
    conn.execute("INSERT INTO contact_notes (participant_id, noted_on, mode, text) VALUES (1, ?, 'phone', 'Hi')",
                 ["2025-02-01"])  # fmt: skip
    conn.row_factory = sqlite3.Row
    row = conn.execute("SELECT * FROM contact_notes WHERE id = 1").fetchone()
    note = {key: row[key] for key in row.keys()}
    conn.execute("INSERT INTO signatures (record, record_id, role, signer, signed_at, sha256) VALUES "
                 "('note', 1, 'author', 'Dana Reyes, CPS', '2025-02-01T10:00:00Z', ?)",
                 [content_hash(signed_content(note, []))])  # fmt: skip
    conn.execute("DELETE FROM audit_context")
    conn.commit()
    conn.close()
    old = Cli(path)
    shown = old.json("note", "show", "1")
    assert (shown["signed"], shown["intact"]) == (True, True)
    assert old("note", "delete", "1", "--yes").exit_code == 1
    verified = old.json("audit", "verify")
    assert verified["ok"] is True and verified["changed"] == [] and verified["unchecked"] == 0
    tables = sqlite3.connect(path).execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    assert ("audit_context",) not in tables


def _unseal_the_newest_row(path: Path, *, rename: bool = False) -> None:
    """Drop the seal-once guard, clear the newest row's hash (and, done carefully, its author), put it back."""
    with sqlite3.connect(path) as conn:
        guard = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'audit_seal_once'").fetchone()[0]
    author = ", os_user = 'unknown', command = 'other tool (not peertool)'" if rename else ""
    tamper(path, "DROP TRIGGER audit_seal_once",
           f"UPDATE audit SET hash = NULL{author} WHERE id = (SELECT max(id) FROM audit)", guard)  # fmt: skip


@pytest.mark.sqlite_only
def test_a_sealed_row_unsealed_with_its_author_left_is_found(noted: Cli) -> None:
    _unseal_the_newest_row(noted.db_path)
    result = noted("audit", "verify", "--json")
    assert result.exit_code == 1 and json.loads(result.stdout)["broken"]["reason"].startswith("it is not sealed")


@pytest.mark.sqlite_only
def test_a_kept_head_shows_the_newest_rows_were_unsealed_or_cut_off(noted: Cli) -> None:
    head = noted.json("audit", "verify")["head"]
    assert noted.json("audit", "verify", "--head", head)["kept_head"] == {"hash": head, "row": len(noted.json("audit"))}
    _unseal_the_newest_row(noted.db_path, rename=True)
    assert noted("audit", "verify").exit_code == 0  # without the kept head, nothing can tell
    noted.ok("goal", "add", "2", "Cook a meal")  # the next write seals it again, as another tool's
    result = noted("audit", "verify", "--head", head, "--json")
    assert result.exit_code == 1 and json.loads(result.stdout)["kept_head"] == {"hash": head, "row": None}
    assert "--head" in result.stderr


def test_a_kept_head_must_be_a_hash(noted: Cli) -> None:
    result = noted("audit", "verify", "--head", "abc")
    assert result.exit_code == 1 and "64 hexadecimal" in result.stderr


@pytest.mark.postgresql_only
def test_a_row_the_servers_owner_rewrites_is_found(logged: Cli) -> None:
    """The owner can switch a guard off (no privilege stops the owner): the chain still names the row."""
    tamper(logged, "ALTER TABLE audit DISABLE TRIGGER audit_no_update", "UPDATE audit SET record_id = 99 WHERE id = 5",
           "ALTER TABLE audit ENABLE TRIGGER audit_no_update")  # fmt: skip
    assert logged.json_fail("audit", "verify")["broken"]["id"] == 5
    tamper(logged, "ALTER TABLE goals DISABLE TRIGGER audit_goals")  # and a guard left off is named
    assert "audit_goals" in logged.json_fail("audit", "verify")["altered_triggers"]


@pytest.mark.postgresql_only
def test_a_log_function_that_no_longer_runs_safely_as_the_owner_is_found(logged: Cli) -> None:
    """A temporary table named `audit` would take the log's rows if the function's search_path lost pg_temp."""
    tamper(logged, "ALTER FUNCTION audit_log() SET search_path = pg_catalog, public")
    assert "function audit_log()" in logged.json_fail("audit", "verify")["altered_triggers"]
    tamper(logged, "ALTER FUNCTION audit_log() SET search_path = pg_catalog, public, pg_temp")
    assert logged.json("audit", "verify")["ok"]
    tamper(logged, "ALTER FUNCTION audit_log() SECURITY INVOKER")
    assert "function audit_log()" in logged.json_fail("audit", "verify")["altered_triggers"]
