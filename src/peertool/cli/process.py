"""Running the command tree as a process: the exit code, and failures at its edges.

Everything a process can meet outside a command's own logic is handed to
`failures`, which gives its one line on stderr and its documented exit
code: a usage error (but a command group given no command prints its help
on stdout, exit 0), a "no" at a prompt, Ctrl-C, an argument that is not
UTF-8, and output that cannot be written, which after a commit says what
this run saved.
"""

import errno
import sys
from collections.abc import Callable
from typing import Any

from peertool.cli import failures
from peertool.errors import EXIT_INTERRUPTED

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
        return failures.not_utf8(bad)
    from peertool.cli import app

    saved: list[str] = []  # what this run's commits create: the root command's AppContext is given this list
    try:
        code = exit_code(lambda: app(args=args, prog_name="peertool", standalone_mode=False, obj=saved))
        sys.stdout.flush()
    except OSError as exc:
        return failures.output_failed(exc, saved)
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
        return failures.usage(exc)
    except BaseException as exc:  # typer.Abort: a "no" at a prompt, or Ctrl-C there (click turns it into Abort)
        if type(exc).__name__ != "Abort":
            raise
        from peertool import interrupts

        return failures.interrupted() if interrupts.pressed() else failures.aborted()
    if result == EXIT_INTERRUPTED:
        return failures.interrupted()
    return result if isinstance(result, int) else 0
