"""The console entry point: imported before anything heavy, so Ctrl-C during start-up still ends cleanly.

`peertool` and `python -m peertool` both start here (`program`). From the first line of
`main`, which installs peertool's Ctrl-C handler before any other peertool
module is imported, a Ctrl-C exits 130 with one line; the database rolls
back whatever it had not committed, so nothing is half-written. Before that
line Python itself is starting up (and has opened no file of peertool's): an
interrupt there is Python's own, which may print a traceback.

With PEERTOOL_TEST_READY=1 in the environment, peertool writes
`peertool: ready` on stderr once the handler is in place, so a test can
send its interrupt inside the promise rather than guess when that is.
"""

import os
import sys

from peertool import interrupts


def main() -> None:
    interrupts.watch()
    try:
        if os.environ.get("PEERTOOL_TEST_READY") == "1":
            from peertool.render.output import to_stderr

            to_stderr("peertool: ready")
        from peertool.cli.process import run

        code = run(sys.argv[1:])
    except KeyboardInterrupt:
        from peertool.cli.failures import interrupted

        code = interrupted()
    except Exception as exc:  # outside any command (building the command tree): still one line, no traceback
        from peertool.cli.failures import internal, interrupted

        code = interrupted() if interrupts.pressed() else internal(type(exc).__name__)
    sys.exit(code)


def program() -> None:
    """The `peertool` command and `python -m peertool`: `main`, then an interrupted run ends at once (an in-process
    caller of `main` gets its SystemExit, as any)."""
    try:
        main()
    except SystemExit as ended:
        if interrupts.pressed():
            _leave_interrupted(ended.code if isinstance(ended.code, int) else 1)
        raise


def _leave_interrupted(code: int) -> None:
    """End an interrupted run now, with its code (130), its output flushed.

    Python ends a process whose KeyboardInterrupt it took for unhandled by
    killing itself with SIGINT (a script sees -2, not 130). A Ctrl-C about
    50 ms into start-up left it so in 15 runs of 900, though peertool had
    handled the interrupt and said so (why Python kept it for unhandled was
    not found); ending here, after the flush, none of 1,260. What was
    committed is on disk; what was not, SQLite rolls back.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a closed pipe: the line was all there was to say
            pass
    os._exit(code)
