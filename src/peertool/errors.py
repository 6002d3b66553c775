"""Typed errors of the library layer, and the table of exit codes they and every other failure end in.

Each error carries the exit code the CLI turns it into, so a coach's script can
tell a refusal (1) from a missing record (3) or a busy database (75) without
parsing messages. Messages name the field and the problem; they never carry
stored participant data beyond what the caller passed in.
"""

import errno

# The exit codes, as documented (sysexits.h where one fits); `cli.failures` maps every other failure onto them.
EXIT_INVALID = 1  # invalid input, a program rule that would be broken, a "no" at a prompt
EXIT_USAGE = 2  # an unknown option, a missing argument, a value outside the choices, an argument not UTF-8
EXIT_NOT_FOUND = 3
EXIT_CONFLICT = 4
EXIT_CONFIG = 5
EXIT_UNAVAILABLE = 69  # EX_UNAVAILABLE: the database server cannot be reached
EXIT_INTERNAL = 70  # EX_SOFTWARE: one line naming only the exception's type
EXIT_IO = 74  # EX_IOERR: a full disk, a read-only database, an output that cannot be written
EXIT_BUSY = 75  # EX_TEMPFAIL: still locked after the busy timeout
EXIT_NOT_PERMITTED = 77  # EX_NOPERM: the server refused the login, or its access rules refuse the action
EXIT_INTERRUPTED = 130  # 128 + SIGINT

SHOWN_LIMIT = 60
MESSAGE_LIMIT = 2000


def shown(value: object, limit: int = SHOWN_LIMIT) -> str:
    """A value for an error message: quoted as Python would, cut in the middle to `limit` characters.

    What a user typed can be enormous (a 100,000-character argument, a key a
    YAML file expanded); a message echoes enough of it to recognise, no more.
    The middle goes, so a long path keeps its file name.
    """
    text = str(value)
    if len(text) > limit:
        text = text[: limit // 2 - 1] + "…" + text[-(limit - limit // 2) :]
    return repr(text)


class PeertoolError(Exception):
    """Base of every error peertool reports to its user.

    `suggestion` is a hint that names stored records (the near misses of a
    name typed): the CLI shows it instead of `hint` only to a person at a
    terminal, never into a log or a pipe. The message never holds one.
    """

    exit_code = EXIT_INTERNAL

    def __init__(self, message: str, hint: str | None = None, suggestion: str | None = None):
        if len(message) > MESSAGE_LIMIT:  # a last guard: no message floods the terminal
            message = message[: MESSAGE_LIMIT - 1] + "…"
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.suggestion = suggestion


class InvalidInput(PeertoolError):
    """Bad input, or a program rule that would be broken (odd group, 13th member)."""

    exit_code = EXIT_INVALID


class UsageError(PeertoolError):
    """A value typed on the command line that the option does not take (checked after parsing, by the library)."""

    exit_code = EXIT_USAGE


class NotFound(PeertoolError):
    """A participant, group, meeting or database that does not exist."""

    exit_code = EXIT_NOT_FOUND


class Conflict(PeertoolError):
    """A duplicate, or a name that matches several records."""

    exit_code = EXIT_CONFLICT


class ConfigError(PeertoolError):
    """A configuration file that cannot be read or has an ill-typed key."""

    exit_code = EXIT_CONFIG


class IOFailure(PeertoolError):
    """Input/output failed: a full disk, a read-only database, an output that cannot be written."""

    exit_code = EXIT_IO


class Busy(PeertoolError):
    """The database stayed locked by another writer past the busy timeout."""

    exit_code = EXIT_BUSY


class Unavailable(PeertoolError):
    """The database server cannot be reached: not running, a wrong host or port, the connection lost."""

    exit_code = EXIT_UNAVAILABLE


class NotPermitted(PeertoolError):
    """The database server refused the login, or its access rules refuse what was asked."""

    exit_code = EXIT_NOT_PERMITTED


def not_permitted() -> NotPermitted:
    """The database's access rules refused a change: a privilege, or a row-level security policy."""
    return NotPermitted(
        "the database server's access rules do not let your role do this.",
        "Ask your supervisor or the database's owner if it is part of your work (`peertool db grant`).",
    )


FREE_SPACE = "Free some space, then run the command again."
# What the machine's input/output errors mean, and what to do about each: a plain reason, never a path or a record.
OS_FAILURES = {
    errno.ENOSPC: ("the disk is full", FREE_SPACE),
    errno.EDQUOT: ("the disk quota is used up", FREE_SPACE),
    errno.EROFS: ("the file system is read-only", "Remount it read-write, or choose a place that is writable."),
    errno.EACCES: ("permission denied", "Check the permissions of the file and its folder, or choose another place."),
    errno.EPERM: ("permission denied", "Check the permissions of the file and its folder, or choose another place."),
    errno.EPIPE: ("the reading program stopped", "Write it somewhere else, e.g. to a file."),
    errno.EBADF: ("standard output is closed", "Write it somewhere else, e.g. to a file."),
    errno.EIO: ("the device reported an input/output error", "Check the disk, then run the command again."),
}


def os_failure(exc: OSError) -> tuple[str, str]:
    """The plain reason for an input/output failure and the hint that fits it (a full disk is not a permission)."""
    return OS_FAILURES.get(exc.errno or 0, (exc.strerror or "input/output error", "Check the disk, then retry."))
