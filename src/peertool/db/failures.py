"""A driver's error as peertool's: the one place that knows which backend raised it.

`cli/failures.in_command` hands every error a command raised that is not
peertool's own to `classify`; an error no rule knows is an internal error
named by `code_name`. psycopg is recognised by its classes' module, never
imported here: a SQLite run does not load it.
"""

from collections.abc import Sequence

from peertool.errors import PeertoolError


def classify(exc: BaseException, saved: Sequence[str] = ()) -> PeertoolError | None:
    """The peertool error a driver's error means (busy 75, I/O 74, unavailable 69, not permitted 77...), or None.

    `saved` is what the run's earlier commits created: a full disk says the last of them was kept.
    """
    if _from_psycopg(exc):
        from peertool.db.pg_errors import database_error

        return database_error(exc)
    from peertool.db.busy import busy_error, is_busy_error

    if is_busy_error(exc):
        return busy_error()
    from peertool.db.sqlite import storage_failure

    return storage_failure(exc, saved)


def code_name(exc: BaseException) -> str | None:
    """The driver's name for an error's kind (SQLite's code name, PostgreSQL's SQLSTATE), never its text, which can
    quote a stored value; None when the error is not a database driver's."""
    if _from_psycopg(exc):
        state = getattr(exc, "sqlstate", None)
        return f"SQLSTATE {state}" if isinstance(state, str) else type(exc).__name__
    from peertool.db.cipher import errors

    if isinstance(exc, errors("Error")):
        return str(getattr(exc, "sqlite_errorname", None) or type(exc).__name__)
    return None


def _from_psycopg(exc: BaseException) -> bool:
    return type(exc).__module__.split(".")[0] == "psycopg"
