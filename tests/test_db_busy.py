"""How long a command waits for another writer, and what it says when the lock was held too long."""

import sqlite3

import pytest

from peertool.db.busy import BUSY_ENV, DEFAULT_BUSY_SECONDS, busy_error, busy_timeout, is_busy_error
from peertool.errors import Busy, ConfigError


def test_the_wait_is_read_from_the_environment_and_defaults_when_unset_or_blank(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(BUSY_ENV, raising=False)
    assert busy_timeout() == DEFAULT_BUSY_SECONDS == 10.0
    monkeypatch.setenv(BUSY_ENV, "  ")
    assert busy_timeout() == DEFAULT_BUSY_SECONDS
    monkeypatch.setenv(BUSY_ENV, "2.5")
    assert busy_timeout() == 2.5
    monkeypatch.setenv(BUSY_ENV, "3600")
    assert busy_timeout() == 3600.0
    monkeypatch.setenv(BUSY_ENV, "0")
    assert busy_timeout() == 0.0


@pytest.mark.parametrize("raw", ["soon", "-1", "3600.5", "nan", "inf"])
def test_a_wait_that_is_not_seconds_between_0_and_3600_is_a_config_error(
    monkeypatch: pytest.MonkeyPatch, raw: str
) -> None:
    monkeypatch.setenv(BUSY_ENV, raw)
    with pytest.raises(ConfigError, match=BUSY_ENV):
        busy_timeout()


def test_only_a_locked_or_busy_operational_error_is_a_busy_database() -> None:
    assert is_busy_error(sqlite3.OperationalError("database is locked"))
    assert is_busy_error(sqlite3.OperationalError("Database Busy"))
    assert not is_busy_error(sqlite3.OperationalError("no such table: participants"))
    assert not is_busy_error(sqlite3.IntegrityError("database is locked"))  # not the kind of error a lock gives
    assert not is_busy_error(ValueError("locked"))


def test_the_busy_error_names_the_wait_and_how_to_lengthen_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BUSY_ENV, "7.5")
    error = busy_error()
    assert isinstance(error, Busy)
    assert "7.5 s" in str(error)
    assert f"{BUSY_ENV}=SECONDS" in (error.hint or "")
