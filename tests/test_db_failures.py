"""A driver's error as peertool's, whichever backend raised it; never the driver's text."""

import sqlite3

import pytest

from peertool.db.failures import classify, code_name
from peertool.errors import EXIT_BUSY, EXIT_IO, EXIT_NOT_PERMITTED

Error = type("Error", (Exception,), {"__module__": "psycopg"})
ProgrammingError = type("ProgrammingError", (Error,), {"__module__": "psycopg"})
InsufficientPrivilege = type("InsufficientPrivilege", (ProgrammingError,), {"__module__": "psycopg.errors"})


def _psycopg(kind: type[Exception], state: str | None, text: str = "row (Wren Alder) refused") -> Exception:
    exc = kind(text)
    exc.sqlstate = state  # type: ignore[attr-defined]
    return exc


def test_sqlites_busy_and_full_disk_are_75_and_74_saying_what_was_saved() -> None:
    busy = classify(sqlite3.OperationalError("database is locked"))
    assert busy is not None and busy.exit_code == EXIT_BUSY
    full = classify(sqlite3.OperationalError("database or disk is full"), ["participants id 7"])
    assert full is not None and full.exit_code == EXIT_IO
    assert "saved (participants id 7)" in full.message


def test_a_postgresql_refusal_is_77_and_quotes_nothing_the_server_said() -> None:
    refused = classify(_psycopg(InsufficientPrivilege, "42501"))
    assert refused is not None and refused.exit_code == EXIT_NOT_PERMITTED
    assert "Wren" not in refused.message + (refused.hint or "")


@pytest.mark.parametrize(
    ("exc", "name"),
    [
        (_psycopg(ProgrammingError, "42P01"), "SQLSTATE 42P01"),
        (_psycopg(ProgrammingError, None), "ProgrammingError"),
        (sqlite3.IntegrityError("UNIQUE constraint failed: participants.name (Wren Alder)"), "IntegrityError"),
        (ValueError("Wren Alder"), None),
    ],
)
def test_an_unknown_database_error_is_named_by_its_kind_alone(exc: Exception, name: str | None) -> None:
    assert classify(exc) is None
    assert code_name(exc) == name
