"""Running the command tree as a process: the exit code, and failures at its edges.

Everything a process can meet outside a command's own logic ends here in
one line on stderr and a documented exit code: a usage error (2) (but a
command group given no command prints its help on stdout, exit 0), Ctrl-C
(130), an argument that is not UTF-8 (2), and output that cannot be written
(74), which after a commit says what was saved, so a script does not retry
and enroll someone twice.
"""

import errno
import signal
import sys
from collections.abc import Callable
from typing import Any

from peertool.cli.messages import output_failed, report, say

try:  # Typer >= 0.29 vendors Click as typer._click; older releases use Click itself.
    from typer._click.exceptions import ClickException
except ImportError:  # pragma: no cover
    from click.exceptions import ClickException  # type: ignore[assignment]


class _ClosedStream:
    """Stands in for a standard stream the process was started without (`>&-`): every write fails."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        """Nothing is ever buffered."""

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def run(args: list[str]) -> int:
    """Run peertool with `args`; return the exit code."""
    if sys.stdout is None:
        sys.stdout = _ClosedStream()
    bad = next((n for n, arg in enumerate(args, start=1) if _not_utf8(arg)), None)
    if bad is not None:
        say(f"Error: argument {bad} is not valid UTF-8 text.", "Retype it, or set your terminal to UTF-8.")
        return 2
    from peertool.cli import app

    try:
        code = exit_code(lambda: app(args=args, prog_name="peertool", standalone_mode=False))
        sys.stdout.flush()
    except OSError as exc:
        return output_failed(exc)
    return code


def _not_utf8(arg: str) -> bool:
    """Python decodes undecodable argument bytes as lone surrogates."""
    return any("\udc80" <= char <= "\udcff" for char in arg)


def exit_code(invoke: Callable[[], Any]) -> int:
    """Run the command tree (not standalone) and turn how it ended into an exit code, in one format."""
    try:
        result = invoke()
    except ClickException as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # `peertool`, `peertool group`: help, as git and gh give
            print(exc.ctx.get_help())  # type: ignore[attr-defined]
            return 0
        report(exc.format_message(), _usage_hint(exc))
        return exc.exit_code
    except BaseException as exc:  # typer.Abort: a "no" at a prompt, or Ctrl-C there (click turns it into Abort)
        if type(exc).__name__ != "Abort":
            raise
        from peertool import interrupts

        if interrupts.pressed():
            return interrupted()
        say("Aborted: nothing was changed.")
        return 1
    if result == 130:
        return interrupted()
    return result if isinstance(result, int) else 0


def _usage_hint(exc: Exception) -> str | None:
    ctx = getattr(exc, "ctx", None)
    if ctx is None:
        return None
    return f"Try '{ctx.command_path} --help' for help."


def interrupted() -> int:
    """Ctrl-C: one line, exit 130 (uncommitted writes were rolled back)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the goodbye
    say("Interrupted: nothing more was changed.")
    return 130
