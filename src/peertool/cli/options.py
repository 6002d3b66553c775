"""Options, arguments and registration helpers several command modules share, declared once."""

import inspect
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from peertool.cli.registry import summary
from peertool.vocab import Dates as Dates
from peertool.vocab import GoalStatus as GoalStatus
from peertool.vocab import Mode as Mode
from peertool.vocab import Odd as Odd
from peertool.vocab import ReasonCode as ReasonCode
from peertool.vocab import Referral as Referral
from peertool.vocab import SheetFormat as SheetFormat
from peertool.vocab import Stage as Stage
from peertool.vocab import Status as Status
from peertool.vocab import YesNo as YesNo


def _names(ctx: typer.Context, table: str, incomplete: str) -> list[str]:
    """Names in `table` that start with what was typed, for shell completion; never creates or changes a file."""
    try:
        from pathlib import Path

        from peertool.cli.context import AppContext
        from peertool.db.refs import name_key
        from peertool.db.snapshot import open_read_only

        root = ctx.find_root().params
        path = AppContext(root.get("db"), root.get("config")).db_location()[0]
        if not isinstance(path, Path) or not path.is_file():  # a server is never reached for a completion
            return []
        conn = open_read_only(path)
        try:
            names = [row[0] for row in conn.execute(f"SELECT name FROM {table} ORDER BY name")]
        finally:
            conn.close()
        typed = name_key(incomplete)
        return [name for name in names if name_key(name).startswith(typed)]
    except Exception:  # completion must never print an error into the shell
        return []


def complete_groups(ctx: typer.Context, incomplete: str) -> list[str]:
    return _names(ctx, "peer_groups", incomplete)


def complete_people(ctx: typer.Context, incomplete: str) -> list[str]:
    return _names(ctx, "participants", incomplete)


JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
FutureOpt = Annotated[bool, typer.Option("--future", help="Allow a date after today (recording ahead).")]
StaffOpt = Annotated[
    str | None,
    typer.Option(
        "--staff", metavar="NAME", help="The staff member who made it, when recording for a colleague "
        "(default: you, once staff are defined).",
    ),
]  # fmt: skip
GroupArg = Annotated[str, typer.Argument(help="Group name or id.", autocompletion=complete_groups)]
RefArg = Annotated[str, typer.Argument(help="Participant id or name.", autocompletion=complete_people)]

F = TypeVar("F", bound=Callable[..., Any])


def command(app: typer.Typer, name: str) -> Callable[[F], F]:
    """Register a top-level command: its help is the registry's summary, then its docstring."""

    def decorate(func: F) -> F:
        app.command(name, help=f"{summary(name)}\n\n{inspect.cleandoc(func.__doc__ or '')}")(func)
        return func

    return decorate


def group_app(name: str) -> typer.Typer:
    """A top-level command group, whose help is the registry's summary."""
    from peertool.cli.base import make_app

    return make_app(help=summary(name))


YesOpt = Annotated[bool, typer.Option("--yes", help="Do not ask; needed in scripts.")]
ForceOpt = Annotated[
    bool,
    typer.Option("--force", help="Replace an existing --out file, or a folder peertool exported (never the database)."),
]


def confirmer(yes: bool, script_refusal: str) -> Callable[[str], bool]:
    """For a destructive command: go ahead with --yes; else ask at a terminal, and refuse in a script."""

    def confirm(question: str) -> bool:
        import sys

        if yes:
            return True
        if not sys.stdin.isatty():
            from peertool.errors import InvalidInput

            raise InvalidInput(script_refusal, hint="Add --yes to do it from a script.")
        if not typer.confirm(question, default=False):
            raise typer.Abort()
        return True

    return confirm


def stdin_or(text: str) -> str:
    """An argument's text, or standard input for '-'."""
    return read_stdin() if text == "-" else text


def read_stdin(limit: int | None = None) -> str:
    """Standard input as UTF-8 text, line ends made plain '\n' as text mode does: at most `limit` characters,
    or, without one, the whole of it up to FILE_BYTES characters (more is refused: `< /dev/zero` never ends).

    Decoded here, strictly, rather than by the locale's stream: a Latin-1
    byte (`printf 'Jos\351'`) is the user's input to fix (exit 1), not an
    internal error, and is never stored as a lone surrogate. At a terminal
    it first says how to end the text, or peertool would seem to hang.
    """
    import io
    import sys

    from peertool.config_checks import FILE_BYTES
    from peertool.errors import InvalidInput

    if sys.stdin.isatty():
        from peertool.render.output import to_stderr

        to_stderr("Type the text; end it with Ctrl-D on a new line (Ctrl-C cancels).")

    stream = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="strict")
    try:
        text = stream.read(FILE_BYTES + 1 if limit is None else limit)
    except UnicodeDecodeError:
        raise InvalidInput("standard input is not UTF-8 text.", hint="Convert it, e.g. `iconv -t UTF-8`.") from None
    finally:
        stream.detach()  # standard input stays open for whoever reads it next
    if limit is None and len(text) > FILE_BYTES:
        raise InvalidInput(f"standard input is longer than {FILE_BYTES} characters.", hint="Give shorter text.")
    return text


SignerOpt = Annotated[
    str | None,
    typer.Option(
        "--as",
        help='Who signs: "NAME, CREDENTIAL", e.g. "Dana Reyes, CPS" (refused once staff are '
        "defined: you sign as yourself).",
        show_default=False,
    ),
]
CosignOpt = Annotated[bool, typer.Option("--cosign", help="Add the supervisor's second signature.")]
AmendReasonOpt = Annotated[str, typer.Option("--reason", help="Why the addendum was added.")]
