"""Messages for a person on stderr: errors, and failures to write output.

Every error is one `Error: ...` line and a line saying how to fix it, with
control characters escaped; none shows a stored value or a traceback.
"""

import errno
import os
import sys


def report(message: str, hint: str | None = None) -> None:
    """An error for a person: `Error: ...`, and a line saying how to fix it, control characters escaped."""
    from peertool.render.output import visible

    try:
        sys.stdout.flush()  # so that, read together, stdout and stderr stay in order
    except OSError:
        pass
    say(visible(f"Error: {message}"), *([visible(hint)] if hint else []))


def output_failed(exc: OSError) -> int:
    """Output that could not be written: exit 74, saying what a commit already saved."""
    from peertool.db.store import last_saved

    silence_stdout()
    if exc.errno == errno.EPIPE and last_saved() is None:
        return 74  # a reader that stopped early (`| head`) needs no message
    saved = last_saved()
    reason = describe_os_error(exc)
    if saved:
        say(f"Error: the change was saved ({saved}), but its output could not be written: {reason}.",
             "Do not run the command again; check with a `list` or `show` command.")  # fmt: skip
    else:
        say(f"Error: the output could not be written: {reason}.", "Write it somewhere else, e.g. to a file.")
    return 74


def describe_os_error(exc: OSError) -> str:
    """A plain reason for an input/output failure, never a path or a record."""
    from peertool.errors import os_failure

    return os_failure(exc)[0]


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


def say(*lines: str) -> None:
    """Lines on stderr; a stderr that is gone is not an error worth a traceback."""
    try:
        sys.stderr.write("".join(f"{line}\n" for line in lines))
        sys.stderr.flush()
    except (OSError, AttributeError):
        pass
