"""The Typer application object, where every error a command raises is handed to `failures`.

Kept free of heavy imports: building the command tree must stay cheap, since
a coach's script pays for it on every call.
"""

import re
import sys
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from peertool.cli import failures
from peertool.cli.context import AppContext

try:  # Typer >= 0.29 vendors Click as typer._click; older releases use Click itself.
    import typer._click as click
    from typer._click.exceptions import ClickException, UsageError
except ImportError:  # pragma: no cover
    import click  # type: ignore[no-redef]
    from click.exceptions import ClickException, UsageError  # type: ignore[assignment]


class PeertoolGroup(TyperGroup):
    """Turns library errors into messages and documented exit codes.

    Framework exits (usage errors, --help, Ctrl-C) pass through untouched.
    Anything unexpected is exit 70 with one line that names the exception
    type only: its text could carry participant data.
    """

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """Name the command for the audit log: its path, never its arguments."""
        from peertool.db.audit import set_command

        name, command, rest = super().resolve_command(ctx, args)
        path, node = [name or ""], ctx
        while node.parent is not None:  # the root's own name varies (a test runner calls it 'root')
            path.append(node.info_name or "")
            node = node.parent
        set_command(" ".join(["peertool", *reversed(path)]))
        return name, command, rest

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (ClickException, typer.Exit, typer.Abort):
            raise
        except Exception as exc:
            if failures.caused_by_ctrl_c(exc):  # Ctrl-C that surfaced as another error (while a library cleaned up)
                raise KeyboardInterrupt from None
            app = ctx.find_object(AppContext)
            raise typer.Exit(failures.in_command(exc, app.saved if app else [])) from None
        finally:
            _report_leftovers()


def _report_leftovers() -> None:
    """Say which temporary files of killed runs were removed (`files.sweep_temporaries`), however the command ended."""
    files = sys.modules.get("peertool.files")  # never loaded: nothing was swept
    removed = files.take_removed() if files is not None else []
    if removed:
        from peertool.render.output import message

        listed = ", ".join(removed[:5]) + (f" and {len(removed) - 5} more" if len(removed) > 5 else "")
        message(f"Removed {len(removed)} temporary file(s) a killed peertool run left: {listed}.")


# What help shows for a value, by parameter name; otherwise N for numbers and TEXT for the rest.
METAVARS = {
    "date": "DATE", "since": "DATE", "start": "DATE", "end": "DATE", "enrolled_on": "DATE", "on": "DATE",
    "group": "GROUP", "name": "NAME", "new_name": "NAME", "ref": "REF", "refs": "REF", "present": "REF",
    "absent": "REF", "with_": "REF", "exclude": "REF", "avoid": "REF,REF", "keep": "REF,REF", "meeting_id": "ID",
    "goal_id": "ID", "outing_id": "ID", "note_id": "ID", "time": "HH:MM", "weekday": "DAY", "path": "PATH",
    "out": "PATH", "from_file": "FILE", "notes_file": "FILE", "db": "PATH", "config": "PATH", "cost": "AMOUNT",
    "duration": "MINUTES", "excused": "REF", "instrument": "INSTRUMENT",
}  # fmt: skip


def _kind(param: click.Parameter) -> str:
    """'choice', 'number' or 'text': what kind of value a parameter takes, from its click type.

    The click type is there in every Typer release (an Enum becomes click's
    `Choice` or Typer's `TyperChoice`, both named 'choice'), unlike Typer's
    own annotation record, which only 0.29 has.
    """
    if param.type.name == "choice":
        return "choice"
    return "number" if isinstance(param.type, click.types.IntParamType | click.types.FloatParamType) else "text"


def name_metavars(command: click.Command) -> None:
    """Give every value a plain name in help (DATE, GROUP, REF, [a|b]), not a Python type; keep examples whole.

    Every parameter of a loaded command passes here, so its completions are quoted for the shell here too.
    """
    command.help = _unwrapped_examples(command.help)
    for param in command.params:
        _quote_completions(param)
        if getattr(param, "is_flag", False) or param.metavar:
            continue
        kind = _kind(param)
        if kind == "choice":  # written here, since Typer releases differ: [trio|coach|refuse]
            param.metavar = "[" + "|".join(map(str, getattr(param.type, "choices", ()))) + "]"
        else:
            param.metavar = METAVARS.get(param.name or "", "N" if kind == "number" else "TEXT")
    for sub in getattr(command, "commands", {}).values():
        name_metavars(sub)


def _quote_completions(param: Any) -> None:
    """Make a parameter's completions safe to insert: bash inserts a completion as it is, so quote it for bash.

    Unquoted, `group show Ma<Tab>` inserts `Maple Valley` (two arguments) and
    `Seán O'Brien` leaves an open quote. zsh and fish quote what they insert
    themselves, so only bash gets `shlex.quote`d values. Typer 0.25-0.28 take
    completions only as plain strings, which they filter against the typed
    text, so the quoting wraps the callback Typer built (click's
    `_custom_shell_complete`), after that filter. `_PEERTOOL_COMPLETE` names
    the shell (`complete_bash` for Typer, `bash_complete` for click): the
    program's name is always `peertool` (`process.run`).
    """
    complete = getattr(param, "_custom_shell_complete", None)
    if complete is None or getattr(complete, "quoted", False):
        return

    def quoted(ctx: Any, param: Any, incomplete: str) -> list[Any]:
        import os
        import shlex

        items = complete(ctx, param, incomplete)
        if "bash" in os.environ.get("_PEERTOOL_COMPLETE", ""):
            for item in items:
                item.value = shlex.quote(item.value)
        return list(items)

    quoted.quoted = True  # type: ignore[attr-defined]
    param._custom_shell_complete = quoted


def _unwrapped_examples(help_text: str | None) -> str | None:
    """Mark each `Example:` paragraph with click's no-rewrap marker, so a wrapped example is never pasted broken."""
    if not help_text:
        return help_text
    return re.sub(r"\n*^([ \t]*)Example: ", "\n\n\\1\b\n\\1Example: ", help_text, flags=re.MULTILINE)


class RootGroup(PeertoolGroup):
    """The `peertool` group: each command is loaded from its module when asked for.

    The standard click way to load lazily: `list_commands` names every
    command from `registry.COMMANDS`, and `get_command` imports a command's
    module on first use. While the root's own `--help` is drawn, a command
    not yet loaded is stood in for by its summary, so listing imports nothing.
    """

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self._loaded: dict[str, click.Command] = {}
        self._listing = False
        name_metavars(self)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command tree; standalone, every ending is one `Error: ...` format and a documented code."""
        standalone = kwargs.pop("standalone_mode", True)
        run = TyperGroup.main
        if not standalone:
            return run(self, *args, **{**kwargs, "standalone_mode": False})
        from peertool.cli.process import exit_code

        sys.exit(exit_code(lambda: run(self, *args, **{**kwargs, "standalone_mode": False})))

    def list_commands(self, ctx: click.Context) -> list[str]:
        from peertool.cli.registry import COMMANDS

        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        from peertool.cli.registry import COMMANDS

        if cmd_name not in COMMANDS:
            return None
        if cmd_name not in self._loaded:
            if self._listing:
                return TyperCommand(name=cmd_name, help=COMMANDS[cmd_name][1])
            self._load(COMMANDS[cmd_name][0])
        return self._loaded[cmd_name]

    def _load(self, module_name: str) -> None:
        """Build every command the module defines (one module may define several)."""
        import importlib

        from typer.main import get_command

        module = importlib.import_module(f"peertool.cli.{module_name}")
        built = get_command(module.commands)
        # A Typer app with a single command builds that command itself, not a group.
        found = built.commands if isinstance(built, TyperGroup) else {built.name or "": built}
        for command in found.values():
            name_metavars(command)
        self._loaded.update(found)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """Suggest the closest command names for a typo (Typer looks in `self.commands`, empty here)."""
        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:
            from difflib import get_close_matches

            matches = get_close_matches(args[0], self.list_commands(ctx)) if args else []
            if matches and "Did you mean" not in exc.message:
                exc.message = exc.message.rstrip(".") + ". Did you mean " + ", ".join(map(repr, matches)) + "?"
            raise


def make_app(cls: type[TyperGroup] = PeertoolGroup, **kwargs: Any) -> typer.Typer:
    """A Typer app (or sub-app) that reports errors the peertool way."""
    kwargs.setdefault("no_args_is_help", True)
    kwargs.setdefault("context_settings", {"help_option_names": ["-h", "--help"]})
    kwargs.setdefault("add_completion", False)
    return typer.Typer(cls=cls, pretty_exceptions_enable=False, rich_markup_mode=None, **kwargs)
