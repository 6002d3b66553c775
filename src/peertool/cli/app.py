"""The Typer application object and the one place errors become exit codes.

Kept free of heavy imports: building the command tree must stay cheap, since
a coach's script pays for it on every call.
"""

import sys

import typer
from typer.core import TyperGroup

try:  # Typer >= 0.29 vendors Click; older releases use Click itself.
    from typer._click.exceptions import ClickException
except ImportError:  # pragma: no cover
    from click.exceptions import ClickException


def report(message: str, hint: str | None = None) -> None:
    """An error for a person: one line, and a line saying how to fix it (stdout flushed first, to keep order)."""
    sys.stdout.flush()
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
        except Exception as exc:
            raise typer.Exit(_internal(exc)) from None


def _internal(exc: Exception) -> int:
    """Report an unexpected error in one line; its text could quote records, so only its kind is shown."""
    import sqlite3

    from peertool.store import busy_error, is_busy_error

    if is_busy_error(exc):
        busy = busy_error()
        report(busy.message, busy.hint)
        return busy.exit_code
    if isinstance(exc, sqlite3.Error):
        kind = f"database: {getattr(exc, 'sqlite_errorname', None) or type(exc).__name__}"
    else:
        kind = type(exc).__name__
    report(f"internal error ({kind}); nothing more is shown to protect records.")
    return 70


class LazyCommands(dict):
    """The root's commands, each imported from its module on first use.

    Keys are known up front (for listing and typo suggestions). While `--help`
    is being drawn (`listing`), a command not yet loaded is stood in for by
    its summary from the registry, so listing imports nothing.
    """

    def __init__(self, registry: dict[str, tuple[str, str]]):
        super().__init__()
        self.registry = registry
        self.listing = False

    def keys(self):
        return self.registry.keys()

    def __contains__(self, name):
        return name in self.registry

    def get(self, name, default=None):
        if name not in self.registry:
            return default
        if not super().__contains__(name):
            if self.listing:
                from typer.core import TyperCommand

                return TyperCommand(name=name, help=self.registry[name][1])
            self._load(name)
        return super().get(name, default)

    def __getitem__(self, name):
        command = self.get(name)
        if command is None:
            raise KeyError(name)
        return command

    def _load(self, name: str) -> None:
        import importlib

        from typer.main import get_command

        module = importlib.import_module(f"peertool.cli.{self.registry[name][0]}")
        built = get_command(module.commands)
        # A Typer app with a single command builds that command itself, not a group.
        found = built.commands if isinstance(built, TyperGroup) else {name: built}
        self.update({key: cmd for key, cmd in found.items() if key in self.registry})


class RootGroup(PeertoolGroup):
    """The `peertool` group: commands load lazily from `registry.COMMANDS`."""

    def __init__(self, **kwargs):
        from peertool.cli.registry import COMMANDS

        super().__init__(**kwargs)
        self.commands = LazyCommands(COMMANDS)

    def list_commands(self, ctx):
        return list(self.commands.keys())

    def format_help(self, ctx, formatter):
        self.commands.listing = True
        try:
            return super().format_help(ctx, formatter)
        finally:
            self.commands.listing = False


def make_app(cls=PeertoolGroup, **kwargs) -> typer.Typer:
    """A Typer app (or sub-app) that reports errors the peertool way."""
    return typer.Typer(
        cls=cls,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=False,
        **kwargs,
    )
