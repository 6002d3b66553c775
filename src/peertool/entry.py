"""The console entry point: imported before anything heavy, so Ctrl-C during start-up still ends cleanly.

`peertool` and `python -m peertool` both start here. A Ctrl-C at any moment
exits 130 with one line; the database rolls back whatever it had not
committed, so nothing is half-written.
"""

import sys


def main() -> None:
    try:
        from peertool.cli.process import run

        code = run(sys.argv[1:])
    except KeyboardInterrupt:
        from peertool.cli.process import interrupted

        code = interrupted()
    except Exception as exc:  # outside any command (building the command tree): still one line, no traceback
        sys.stderr.write(f"Error: internal error ({type(exc).__name__}); nothing more is shown to protect records.\n")
        code = 70
    sys.exit(code)
