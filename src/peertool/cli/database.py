"""CLI: init, db path, config show."""


import typer

from peertool.cli.app import make_app
from peertool.cli.output import emit_json, message, table
from peertool.cli.options import JsonOpt

db_app = make_app(help="Where the database is.")
config_app = make_app(help="The settings in force.")


def init(ctx: typer.Context) -> None:
    """Create the database (or bring it up to date); safe to run again.

    Example: peertool --db ~/coach/peertool.db init
    """
    path, source = ctx.obj.db_location()
    existed = path.exists()
    ctx.obj.open(create=True).conn.close()
    message(f"{'Database is ready' if existed else 'Created database'} at {path} (chosen by {source}).")


@db_app.command("path")
def path(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Print where the database is (it need not exist yet).

    Example: peertool db path
    """
    location, source = ctx.obj.db_location()
    if json_out:
        emit_json({"path": str(location), "source": source, "exists": location.exists()})
    else:
        print(location)


@config_app.command("show")
def show(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Print every setting in force and where it came from.

    Example: peertool config show --json
    """
    config = ctx.obj.config
    rows = [{"key": k, "value": config.values[k], "source": config.sources[k]} for k in config.values]
    if json_out:
        emit_json(rows)
        return
    table(f"Config ({config.path or 'built-in defaults'})", ["key", "value", "source"], [r.values() for r in rows])


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.add_typer(db_app, name="db")
    app.add_typer(config_app, name="config")


commands = make_app()
register(commands)
