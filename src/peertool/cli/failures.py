"""Every way a run can fail, mapped to its exit code (the table in `errors`) and its one message on stderr.

The one exit path: `base.PeertoolGroup.invoke` hands each error a command
raised to `in_command`, `process.exit_code` hands it click's usage errors, a
"no" at a prompt and Ctrl-C, and `entry.main` whatever escapes the command
tree. Each returns the code and has written the message: `Error: ...` and a
line saying how to fix it, through `render.output.to_stderr`. No message
shows a stored value or a traceback; an unexpected error names only its type.

`saved` is what this run's commits created, in order (`db.store.write`
records it on each database the run opened, `context.AppContext` hands them
all the same list): after a commit, an output that cannot be written says
what was saved, so a script does not retry and enroll someone twice.
"""

import errno
import os
import sys
from typing import TYPE_CHECKING

from peertool.errors import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_IO,
    EXIT_USAGE,
    PeertoolError,
    os_failure,
)

if TYPE_CHECKING:
    from typer._click.exceptions import ClickException

HIDDEN = "nothing more is shown to protect records."


def in_command(exc: Exception, saved: list[str]) -> int:
    """An error a command raised: a peertool error, the machine's (disk, output, lock) or an unexpected one."""
    from peertool.db.failures import classify, code_name

    if isinstance(exc, PeertoolError):
        return peertool_error(exc)
    if isinstance(exc, OSError):
        return os_error(exc, saved)
    known = classify(exc, saved)
    if known is not None:
        report(known.message, known.hint)
        return known.exit_code
    name = code_name(exc)  # the driver's code name says what kind, never a value
    return internal(f"database: {name}" if name else type(exc).__name__)


def peertool_error(exc: PeertoolError) -> int:
    """Its own message and code; the near misses it suggests only to a person at a terminal."""
    from peertool.db.audit import command_name

    hint = exc.suggestion if exc.suggestion and stderr_on_terminal() else exc.hint
    report(exc.message, hint or f"See `{command_name()} --help` for what it accepts.")
    return exc.exit_code


def os_error(exc: OSError, saved: list[str]) -> int:
    """The machine's failure: a path too long (1), an output that cannot be written, any other I/O (74)."""
    if exc.errno == errno.ENAMETOOLONG:
        report("a file or folder name is too long.", "Use a shorter path.")
        return EXIT_INVALID
    if exc.errno in (errno.EPIPE, errno.EBADF) or saved:
        return output_failed(exc, saved)
    reason, hint = os_failure(exc)
    report(f"input/output failed: {reason}.", hint)
    return EXIT_IO


def output_failed(exc: OSError, saved: list[str]) -> int:
    """Output that could not be written: exit 74, saying what a commit already saved; a reader gone early is silent."""
    silence_stdout()
    if exc.errno == errno.EPIPE and not saved:
        return EXIT_IO  # a reader that stopped early (`| head`) needs no message
    reason = os_failure(exc)[0]
    if saved:
        report(f"the change was saved ({saved[-1]}), but its output could not be written: {reason}.",
               "Do not run the command again; check with a `list` or `show` command.")  # fmt: skip
    else:
        report(f"the output could not be written: {reason}.", "Write it somewhere else, e.g. to a file.")
    return EXIT_IO


def usage(exc: "ClickException") -> int:
    """click's own errors keep click's code: 2 for usage (unknown option, missing argument, bad choice), else 1."""
    ctx = getattr(exc, "ctx", None)
    report(exc.format_message(), f"Try '{ctx.command_path} --help' for help." if ctx is not None else None)
    return exc.exit_code


def aborted() -> int:
    """A "no" at a prompt."""
    _say("Aborted: nothing was changed.")
    return EXIT_INVALID


def interrupted() -> int:
    """Ctrl-C: one line, exit 130 (uncommitted writes were rolled back)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the goodbye
    _say("Interrupted: nothing more was changed.")
    return EXIT_INTERRUPTED


def caused_by_ctrl_c(exc: BaseException) -> bool:
    """Whether Ctrl-C was pressed, or a KeyboardInterrupt is anywhere in the error's chain."""
    from peertool import interrupts

    if interrupts.pressed():
        return True
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def not_utf8(position: int) -> int:
    """An argument Python could not decode (it arrives holding lone surrogates)."""
    report(f"argument {position} is not valid UTF-8 text.", "Retype it, or set your terminal to UTF-8.")
    return EXIT_USAGE


def internal(kind: str) -> int:
    """Anything else: its text could quote records, so only its kind is shown."""
    report(f"internal error ({kind}); {HIDDEN}")
    return EXIT_INTERNAL


def report(message: str, hint: str | None = None) -> None:
    """An error for a person: `Error: ...`, and a line saying how to fix it."""
    _say(f"Error: {message}", *([hint] if hint else []))


def _say(*lines: str) -> None:
    from peertool.render.output import to_stderr

    to_stderr(*lines)


def silence_stdout() -> None:
    """Point fd 1 at /dev/null so the interpreter's final flush cannot fail a second time."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
    except OSError:
        pass


def stderr_on_terminal() -> bool:
    """Whether a person reads stderr: only then may an error suggest stored names (a near miss)."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # no stderr, or a closed one
        return False
