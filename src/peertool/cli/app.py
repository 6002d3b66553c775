"""The Typer application object and the one place errors become exit codes.

Kept free of heavy imports: building the command tree must stay cheap, since
a coach's script pays for it on every call.
"""

import sqlite3
import sys

import typer
from typer.core import TyperGroup

try:  # Typer >= 0.29 vendors Click; older releases use Click itself.
    from typer._click.exceptions import ClickException
except ImportError:  # pragma: no cover
    from click.exceptions import ClickException


def report(message: str, hint: str | None = None) -> None:
    """An error for a person: one line, and a line saying how to fix it."""
    print(f"Error: {message}", file=sys.stderr)
    if hint:
        print(hint, file=sys.stderr)


class PeertoolGroup(TyperGroup):
    """Turns library errors into messages and documented exit codes.

    Framework exits (usage errors, --help, Ctrl-C) pass through untouched.
    Anything unexpected is exit 70 with one line that names the exception
    type only: its text could carry participant data.
    """

    def resolve_command(self, ctx, args):
        """Name the command for the audit log: its path, never its arguments."""
        from peertool.audit import set_command

        name, command, rest = super().resolve_command(ctx, args)
        path, node = [name], ctx
        while node.parent is not None:  # the root's own name varies (a test runner calls it 'root')
            path.append(node.info_name)
            node = node.parent
        set_command(" ".join(["peertool", *reversed(path)]))
        return name, command, rest

    def invoke(self, ctx):
        from peertool.errors import PeertoolError

        try:
            return super().invoke(ctx)
        except (ClickException, typer.Exit, typer.Abort):
            raise
        except PeertoolError as exc:
            report(exc.message, exc.hint)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            raise typer.Abort() from None
        except sqlite3.OperationalError as exc:
            from peertool.store import busy_error, is_busy_error

            if is_busy_error(exc):
                busy = busy_error()
                report(busy.message, busy.hint)
                raise typer.Exit(busy.exit_code) from None
            report(f"internal error (database: {_sqlite_reason(exc)}).")
            raise typer.Exit(70) from None
        except Exception as exc:
            report(f"internal error ({type(exc).__name__}); nothing more is shown to protect records.")
            raise typer.Exit(70) from None


def _sqlite_reason(exc: sqlite3.Error) -> str:
    """SQLite's error class name, never its message (which can quote values)."""
    return getattr(exc, "sqlite_errorname", None) or type(exc).__name__


def make_app(**kwargs) -> typer.Typer:
    """A Typer app (or sub-app) that reports errors the peertool way."""
    return typer.Typer(
        cls=PeertoolGroup,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=False,
        **kwargs,
    )
