"""psycopg's errors as peertool's: one plain line and a fix, with the documented exit code.

Connecting: libpq's failures carry no SQLSTATE (psycopg/psycopg#1188), so the
kind is read from what is known: no password found, the server answering
`FATAL` (it refused this login: 77, except an unknown database: 3), or no
server reached at all (69). After connecting, the SQLSTATE says it.

A server message can quote a row (`DETAIL: Key (name)=(...) already exists`),
a role or a table; none of its text is passed on. Only the exception's
`sqlstate`, `pgconn` and its text, to tell the connecting failures apart, are
read, so a test can build one by hand. psycopg is recognised by its classes'
module, never imported here: a SQLite run does not load it, and the type
checks pass where the driver is not installed.
"""

import re

from peertool.db.busy import busy_error
from peertool.errors import (
    Busy,
    Conflict,
    InvalidInput,
    NotFound,
    NotPermitted,
    PeertoolError,
    Unavailable,
    not_permitted,
)

# A conflict between concurrent transactions: the transaction may be run again from its start.
RETRYABLE = frozenset({"40001", "40P01"})  # serialization_failure, deadlock_detected
# The server, or the connection to it, went away mid-command.
GONE = frozenset({"57P01", "57P02", "57P03"})  # admin_shutdown, crash_shutdown, cannot_connect_now

LOGIN_HINT = "Check the user name in the location and your ~/.pgpass entry, or ask the database's administrator."
SERVER_HINT = "Check that the server is running and that the host and port in the location are right."
NO_TLS_HINT = "Ask the administrator to turn TLS on; do not lower sslmode for a server on another host."
TRY_AGAIN = "Run the command again; nothing was changed."
# What the server says when it refuses a login (after `FATAL:`), and how to fix each; any other is a plain refusal.
NO_DATABASE = re.compile(r'FATAL:\s+database ".*" does not exist')
REFUSALS = (
    (re.compile(r"FATAL:\s+password authentication failed"), "the server refused the password for this role",
     LOGIN_HINT),
    (re.compile(r'FATAL:\s+role ".*" (does not exist|is not permitted to log in)'),
     "the server has no login for this role", "Ask the database's administrator to create it (CREATE ROLE ... LOGIN)."),
    (re.compile(r"FATAL:\s+permission denied for database"), "this role may not connect to that database",
     "Ask the database's owner to GRANT CONNECT on it to your role."),
)  # fmt: skip


def is_retryable(exc: BaseException) -> bool:
    """Whether a failed transaction was a conflict with another that may succeed when run again."""
    return _is_psycopg(exc, "Error") and _sqlstate(exc) in RETRYABLE


def database_error(exc: BaseException) -> PeertoolError | None:
    """The peertool error a psycopg error means, or None when it is not one this knows (an internal error)."""
    if not _is_psycopg(exc, "Error"):
        return None
    state = _sqlstate(exc)
    if state is None and _is_psycopg(exc, "DataError") and "NUL" in str(exc):  # refused by psycopg, before sending
        return InvalidInput("a value holds a NUL character, which the database server cannot store or look up; "
                            "nothing was changed.", "Remove the character and try again.")  # fmt: skip
    if state is None:
        return _connection_failure(exc) if _is_psycopg(exc, "OperationalError") else None
    return _refused_after_connecting(state)


def _is_psycopg(exc: BaseException, kind: str) -> bool:
    """Whether the error is psycopg's `kind` (Error, OperationalError) or a subclass, without importing psycopg."""
    return any(c.__name__ == kind and c.__module__.split(".")[0] == "psycopg" for c in type(exc).__mro__)


def _sqlstate(exc: BaseException) -> str | None:
    state = getattr(exc, "sqlstate", None)
    return state if isinstance(state, str) else None


def _refused_after_connecting(state: str) -> PeertoolError | None:
    """What the server's SQLSTATE means for the user; None for one that is a fault of peertool's own."""
    if state == "42501":  # insufficient_privilege: a GRANT missing, or a row-level security policy refused it
        return not_permitted()
    if state in RETRYABLE:
        return Busy("another change to the same records kept conflicting with this one.", TRY_AGAIN)
    if state == "55P03":  # lock_not_available: lock_timeout, set from PEERTOOL_BUSY_TIMEOUT
        return busy_error()
    if state == "57014":  # query_canceled: statement_timeout
        return Busy("the database server stopped the command: it ran past the server's time limit.", TRY_AGAIN)
    if state in GONE or state.startswith("08"):  # 08: connection_exception
        return Unavailable("the connection to the database server was lost.", "Check with a `list` or `show` command "
                           "whether the change was saved before running it again.")  # fmt: skip
    if state == "23505":  # unique_violation: its DETAIL would quote the values, so it is never shown
        return Conflict("a record with the same identifying values already exists.", "Check the existing records.")
    return None


def _connection_failure(exc: BaseException) -> PeertoolError:
    """A failure to connect: no password found or a login refused (77), no such database (3), no server (69)."""
    pgconn = getattr(exc, "pgconn", None)
    text = str(exc)
    if pgconn is not None and getattr(pgconn, "needs_password", False):
        return NotPermitted(
            "the database server asks for a password and none was found for this location.",
            "Add a line for it to ~/.pgpass (host:port:database:user:password, mode 0600); never put it in --db.",
        )
    if "FATAL:" in text:  # the server answered, and refused
        if NO_DATABASE.search(text):
            return NotFound("the database named in the location does not exist on the server.",
                            "Check its name, or ask the administrator to create it (CREATE DATABASE).")  # fmt: skip
        for pattern, message, hint in REFUSALS:
            if pattern.search(text):
                return NotPermitted(f"{message}.", hint)
        return NotPermitted("the database server refused the connection.", LOGIN_HINT)
    if "SSL was required" in text or "does not support SSL" in text:
        return Unavailable("the database server does not offer TLS, and the location requires it.", NO_TLS_HINT)
    return Unavailable(f"cannot reach the database server ({_reason(text)}).", SERVER_HINT)


def _reason(text: str) -> str:
    """A plain reason for an unreachable server, from libpq's words; never its text, which names paths and hosts."""
    lowered = text.lower()
    for words, reason in (
        ("connection refused", "connection refused"),
        ("no such file or directory", "no server socket there"),
        ("could not translate host name", "host name not found"),
        ("failed to resolve host", "host name not found"),
        ("timeout", "timed out"),
        ("definition of service", "no service of that name in the service file"),
        ("server closed the connection", "the server closed the connection"),
    ):
        if words in lowered:
            return reason
    return "no answer"
