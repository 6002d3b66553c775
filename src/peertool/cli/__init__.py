"""The `peertool` command: root options and the command tree.

Each capability's commands live in their own small module under `cli/`,
mirroring the library's packages, listed in `registry.py` and imported only
when used (see `base.RootGroup`). Commands import the library lazily too, so
`--help`, `--version` and `schedule` never load sqlite-utils or yaml.
"""

from typing import Annotated

import typer

from peertool import __version__
from peertool.cli.base import RootGroup, make_app
from peertool.cli.context import AppContext

app = make_app(cls=RootGroup, add_completion=True)  # --install-completion, --show-completion


def _version(value: bool) -> None:
    if value:
        print(f"peertool {__version__}")
        raise typer.Exit()


DbOpt = Annotated[str | None, typer.Option("--db", help="Database file (else PEERTOOL_DB, config, per-user default).")]
ConfigOpt = Annotated[
    str | None, typer.Option("--config", help="Config file (else PEERTOOL_CONFIG, ./peertool.yaml, per-user).")
]
VersionOpt = Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")]


@app.callback()
def root(ctx: typer.Context, db: DbOpt = None, config: ConfigOpt = None, version: VersionOpt = False) -> None:
    """Run peer support groups: enroll, pair, schedule, record meetings, report outcomes.

    Example: peertool enroll "Dana Reyes" --group Tuesday
    """
    ctx.obj = AppContext(db, config, saved=ctx.obj)  # `process.run` passes the list this run's saves go in
    if not ctx.resilient_parsing:
        settings = ctx.obj.settings  # every command reads and checks the config: a broken file is exit 5 for all
        if ctx.invoked_subcommand != "config":  # `config show` says which keys were refused
            settings.refuse_local_keys()
