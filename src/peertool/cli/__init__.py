"""The `peertool` command: root options and the command tree.

Each capability's commands live in their own small module, listed in
`registry.py` and imported only when used (see `app.RootGroup`). Commands
import the library lazily too, so `--help`, `--version` and `schedule` never
load sqlite-utils or yaml.
"""

from typing import Annotated, Optional

import typer

from peertool import __version__
from peertool.cli.app import RootGroup, make_app
from peertool.cli.context import AppContext

app = make_app(cls=RootGroup)


def _version(value: bool) -> None:
    if value:
        print(f"peertool {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[Optional[str], typer.Option("--db", help="Database file (else PEERTOOL_DB, config, per-user default).")] = None,
    config: Annotated[Optional[str], typer.Option("--config", help="Config file (else PEERTOOL_CONFIG, ./peertool.yaml, per-user).")] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = False,
) -> None:
    """Run peer support groups: enroll, pair, schedule, record meetings, report outcomes.

    Example: peertool enroll "Dana Reyes" --group Tuesday
    """
    ctx.obj = AppContext(db, config)


def main() -> None:
    app(prog_name="peertool")
