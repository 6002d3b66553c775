"""psycopg's errors as peertool's: the documented exit codes, one line and a fix, never the server's text."""

import sqlite3
import subprocess
import sys
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peertool.db.pg_errors import database_error, is_retryable
from peertool.errors import (
    EXIT_BUSY,
    EXIT_CONFLICT,
    EXIT_NOT_FOUND,
    EXIT_NOT_PERMITTED,
    EXIT_UNAVAILABLE,
    PeertoolError,
)

# What libpq said when each connection failed (research §3), with the code each must give.
AT = 'connection to server at "db.agency.example" (192.0.2.7), port 5432 failed: '
CONNECTING = [
    (AT + 'FATAL:  password authentication failed for user "coach_a"', EXIT_NOT_PERMITTED, "refused the password"),
    (AT + 'FATAL:  role "ghost" does not exist', EXIT_NOT_PERMITTED, "no login for this role"),
    (AT + 'FATAL:  role "nologin_r" is not permitted to log in', EXIT_NOT_PERMITTED, "no login for this role"),
    (AT + 'FATAL:  permission denied for database "team"', EXIT_NOT_PERMITTED, "may not connect"),
    (AT + 'FATAL:  no pg_hba.conf entry for host "192.0.2.9"', EXIT_NOT_PERMITTED, "refused the connection"),
    (AT + 'FATAL:  database "nodb" does not exist', EXIT_NOT_FOUND, "does not exist"),
    (AT + 'FATAL:  database "role" does not exist', EXIT_NOT_FOUND, "does not exist"),
    (AT + "Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?",
     EXIT_UNAVAILABLE, "(connection refused)"),
    ('connection to server on socket "/tmp/pg/.s.PGSQL.5432" failed: No such file or directory',
     EXIT_UNAVAILABLE, "(no server socket there)"),
    ('failed to resolve host "db.agency.example": Name or service not known', EXIT_UNAVAILABLE, "host name not found"),
    (AT + "server does not support SSL, but SSL was required", EXIT_UNAVAILABLE, "does not offer TLS"),
    ("connection timeout expired", EXIT_UNAVAILABLE, "(timed out)"),
    ("something libpq has never said", EXIT_UNAVAILABLE, "(no answer)"),
]  # fmt: skip
# After connecting: the SQLSTATE decides.
AFTER = [
    ("42501", EXIT_NOT_PERMITTED, "access rules"),
    ("40001", EXIT_BUSY, "conflicting"),
    ("40P01", EXIT_BUSY, "conflicting"),
    ("55P03", EXIT_BUSY, "busy"),
    ("57014", EXIT_BUSY, "time limit"),
    ("57P01", EXIT_UNAVAILABLE, "lost"),
    ("57P02", EXIT_UNAVAILABLE, "lost"),
    ("08006", EXIT_UNAVAILABLE, "lost"),
    ("23505", EXIT_CONFLICT, "already exists"),
]


@pytest.fixture
def psycopg() -> Any:
    return pytest.importorskip("psycopg")


def mapped(exc: BaseException) -> PeertoolError:
    error = database_error(exc)
    assert error is not None, exc
    assert error.hint and "\n" not in error.message + error.hint  # one line, and a fix
    return error


@pytest.mark.parametrize(("text", "code", "says"), CONNECTING)
def test_a_failed_connection_is_not_permitted_not_found_or_unavailable(
    psycopg: Any, text: str, code: int, says: str
) -> None:
    error = mapped(psycopg.OperationalError(text, pgconn=SimpleNamespace(needs_password=False)))
    assert error.exit_code == code and says in error.message
    assert "coach_a" not in error.message and "db.agency" not in error.message  # nothing of the server's text


def test_a_connection_with_no_error_object_left_is_still_mapped(psycopg: Any) -> None:
    error = mapped(psycopg.OperationalError('failed to resolve host "db": Name or service not known'))
    assert error.exit_code == EXIT_UNAVAILABLE  # a DNS failure has no pgconn


def test_a_server_that_wants_a_password_none_was_found_for_points_to_pgpass(psycopg: Any) -> None:
    error = mapped(
        psycopg.OperationalError("fe_sendauth: no password supplied", pgconn=SimpleNamespace(needs_password=True))
    )
    assert error.exit_code == EXIT_NOT_PERMITTED
    assert "~/.pgpass" in (error.hint or "") and "never put it in --db" in (error.hint or "")


@pytest.mark.parametrize(("sqlstate", "code", "says"), AFTER)
def test_after_connecting_the_sqlstate_decides(psycopg: Any, sqlstate: str, code: int, says: str) -> None:
    error = mapped(psycopg.errors.lookup(sqlstate)("the server's own words"))
    assert error.exit_code == code and says in error.message
    assert "server's own words" not in error.message + (error.hint or "")


def test_a_duplicate_never_shows_the_values_the_server_quotes(psycopg: Any) -> None:
    duplicate = psycopg.errors.UniqueViolation(
        'duplicate key value violates unique constraint "participants_name"\n'
        "DETAIL:  Key (name, enrolled)=(Ada Quill, 2026-01-05) already exists."
    )
    error = mapped(duplicate)
    assert "Ada" not in error.message + (error.hint or "") and "participants" not in error.message


def test_a_lock_wait_past_the_timeout_is_the_busy_error_every_command_gives(
    psycopg: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEERTOOL_BUSY_TIMEOUT", "4")
    error = mapped(psycopg.errors.LockNotAvailable("canceling statement due to lock timeout"))
    assert "4 s" in error.message and "PEERTOOL_BUSY_TIMEOUT" in (error.hint or "")


def test_only_conflicts_between_transactions_are_worth_retrying(psycopg: Any) -> None:
    assert is_retryable(psycopg.errors.SerializationFailure("could not serialize access"))
    assert is_retryable(psycopg.errors.DeadlockDetected("deadlock detected"))
    for state in ("42501", "55P03", "57014", "23505"):
        assert not is_retryable(psycopg.errors.lookup(state)("x"))
    assert not is_retryable(psycopg.OperationalError("Connection refused"))


def test_errors_that_are_peertools_own_fault_are_left_to_the_internal_error(psycopg: Any) -> None:
    assert database_error(psycopg.errors.lookup("42P01")("relation does not exist")) is None  # undefined_table
    assert database_error(psycopg.errors.lookup("42601")("syntax error")) is None
    assert database_error(psycopg.ProgrammingError("the query has 2 placeholders but 1 parameters")) is None
    assert database_error(psycopg.InterfaceError("the connection is closed")) is None


def test_errors_that_are_not_psycopgs_are_not_mapped_here() -> None:
    assert database_error(sqlite3.OperationalError("database is locked")) is None
    assert database_error(ValueError("FATAL:  password authentication failed")) is None
    assert not is_retryable(RuntimeError("40001"))
    impostor = type("OperationalError", (Exception,), {"sqlstate": "40001"})("FATAL:")  # a name is not enough
    assert database_error(impostor) is None and not is_retryable(impostor)


def test_mapping_an_error_never_loads_the_driver() -> None:
    script = (
        "import sqlite3, sys\n"
        "from peertool.db.pg_errors import database_error, is_retryable\n"
        "assert database_error(sqlite3.OperationalError('database is locked')) is None\n"
        "assert not is_retryable(sqlite3.OperationalError('x'))\n"
        "assert 'psycopg' not in sys.modules, 'psycopg was imported'\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


@given(
    words=st.text(st.characters(codec="utf-8", exclude_characters="\0"), min_size=1, max_size=30),
    case=st.sampled_from([text for text, _, _ in CONNECTING] + [state for state, _, _ in AFTER]),
)
def test_no_text_of_the_servers_reaches_the_user(words: str, case: str) -> None:
    """Whatever the server's message holds (a name, a row), none of it is shown."""
    psycopg = pytest.importorskip("psycopg")
    secret = "Zq9" + words
    if case in {state for state, _, _ in AFTER}:
        exc = psycopg.errors.lookup(case)(f"{secret}\nDETAIL:  Key (name)=({secret}) already exists.")
    else:
        exc = psycopg.OperationalError(f"{case} {secret}", pgconn=SimpleNamespace(needs_password=False))
    error = mapped(exc)
    assert secret not in error.message + (error.hint or "")


def test_a_nul_character_psycopg_refuses_to_send_is_invalid_input_not_internal() -> None:
    error = type("Error", (Exception,), {"__module__": "psycopg"})
    DataError = type("DataError", (error,), {"__module__": "psycopg"})
    refused = database_error(DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes"))
    assert refused is not None and refused.exit_code == 1 and "NUL" in refused.message
