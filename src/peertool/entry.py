"""The console entry point: imported before anything heavy, so Ctrl-C during start-up still ends cleanly.

`peertool` and `python -m peertool` both start here. A Ctrl-C at any moment
exits 130 with one line; the database rolls back whatever it had not
committed, so nothing is half-written.
"""

import sys

from peertool import interrupts


def main() -> None:
    interrupts.watch()
    try:
        from peertool.cli.process import run

        code = run(sys.argv[1:])
    except KeyboardInterrupt:
        code = _interrupted()
    except Exception as exc:  # outside any command (building the command tree): still one line, no traceback
        code = _interrupted() if interrupts.pressed() else _internal(exc)
    sys.exit(code)


def _interrupted() -> int:
    from peertool.cli.process import interrupted

    return interrupted()


def _internal(exc: Exception) -> int:
    sys.stderr.write(f"Error: internal error ({type(exc).__name__}); nothing more is shown to protect records.\n")
    return 70
