"""How long to wait for another writer, and how to say the database stayed busy (exit 75)."""

import os

from peertool.db.cipher import errors
from peertool.errors import Busy, ConfigError, shown

BUSY_ENV = "PEERTOOL_BUSY_TIMEOUT"
DEFAULT_BUSY_SECONDS = 10.0


def busy_timeout() -> float:
    """Seconds to wait for another writer, from PEERTOOL_BUSY_TIMEOUT."""
    raw = os.environ.get(BUSY_ENV)
    if raw is None or raw.strip() == "":
        return DEFAULT_BUSY_SECONDS
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 3600:
        raise ConfigError(f"{BUSY_ENV}={shown(raw)} is not a number of seconds between 0 and 3600.")
    return seconds


def is_busy_error(exc: BaseException) -> bool:
    """SQLite's way of saying another connection holds the lock."""
    text = str(exc).lower()
    return isinstance(exc, errors("OperationalError")) and ("locked" in text or "busy" in text)


def busy_error() -> Busy:
    """The error every command gives when another writer held the lock past the timeout."""
    return Busy(
        f"the database is busy: another process kept it locked for {busy_timeout():g} s.",
        hint=f"Try again, or wait longer with {BUSY_ENV}=SECONDS.",
    )
