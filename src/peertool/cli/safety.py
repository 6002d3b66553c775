"""CLI: audit, backup, restore, export."""

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from peertool.cli.app import make_app

from peertool.cli.output import emit_json, message, render, table
from peertool.cli.options import JsonOpt



def audit(
    ctx: typer.Context,
    since: Annotated[Optional[str], typer.Option(help="Only changes on or after this date, YYYY-MM-DD.")] = None,
    last: Annotated[Optional[int], typer.Option(min=1, help="Only the last N changes.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Who changed which records, with what command, and when (never the values).

    Example: peertool audit --since 2026-03-01 --json
    """
    from peertool import validate
    from peertool.audit import entries

    rows = entries(ctx.obj.open(), since=validate.date("since", since) if since else None, last=last)
    render(rows, json_out, lambda r: table("Audit log", ["id", "at", "user", "command", "table", "record", "action"],
                                           [list(e.values()) for e in r]))


def backup(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="The new backup file (never overwritten).")],
    json_out: JsonOpt = False,
) -> None:
    """Make a consistent, checked, private copy of the database, even while others write.

    Example: peertool backup ~/backups/peertool-2026-03-31.db
    """
    from peertool.backup import backup as make

    result = make(ctx.obj.open(), path)
    render(result, json_out, lambda r: None, f"Backed up to {result['path']} ({result['bytes']} bytes, integrity ok).")


def restore(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A backup made by `peertool backup`.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask; needed in scripts.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Replace the database with a backup; the current file is backed up first.

    Example: peertool restore ~/backups/peertool-2026-03-31.db --yes
    """
    from peertool.audit import record_event
    from peertool.backup import check_source, restore as put_back
    from peertool.errors import InvalidInput
    from peertool.store import write

    app_ctx = ctx.obj
    db_path, _ = app_ctx.db_location()
    db = app_ctx.open()
    check_source(path)
    if not yes:
        if not sys.stdin.isatty():
            raise InvalidInput("restore replaces every record in the database; add --yes to do it from a script.")
        if not typer.confirm(f"Replace everything in {db_path} with {path}?", default=False):
            raise typer.Abort()
    result = put_back(db, db_path, path)
    db.conn.close()
    restored = app_ctx.open()  # reopened so an older backup's schema is brought up to date
    with write(restored, audited=False):
        record_event(restored, "database")
    restored.conn.close()
    render(result, json_out, lambda r: None,
           f"Restored from {result['restored_from']}; the previous database is saved as {result['previous_saved_as']}.")


class Format(str, Enum):
    json = "json"
    csv = "csv"


def export(
    ctx: typer.Context,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json (one file) or csv (one file per table).")] = Format.json,
    out: Annotated[Optional[Path], typer.Option(help="File (json) or folder (csv); json goes to stdout without it.")] = None,
    deidentify: Annotated[bool, typer.Option("--deidentify", help="Pseudonyms for names; no contact fields or notes.")] = False,
    include_notes: Annotated[bool, typer.Option("--include-notes", help="With --deidentify: keep notes, names replaced.")] = False,
) -> None:
    """Export every record, optionally de-identified; files are private (0600).

    Example: peertool export --deidentify --format csv --out ~/exports/2026-q1
    """
    import json

    from peertool.errors import InvalidInput
    from peertool.export import export_data
    from peertool.files import write_private

    if include_notes and not deidentify:
        raise InvalidInput("--include-notes goes with --deidentify (a full export always has the notes).")
    data = export_data(ctx.obj.open(), deidentify=deidentify, include_notes=include_notes)
    if fmt is Format.json:
        if out is None:
            emit_json(data)
            return
        write_private(out, (json.dumps(data, ensure_ascii=False) + "\n").encode())
        message(f"Exported to {out}.")
        return
    if out is None:
        raise InvalidInput("--format csv writes one file per table: give --out FOLDER.")
    from peertool.export import write_csv_folder

    written = write_csv_folder(data, out)
    message(f"Exported {len(written)} tables to {out}/.")


def register(app: typer.Typer) -> None:
    app.command("audit")(audit)
    app.command("backup")(backup)
    app.command("restore")(restore)
    app.command("export")(export)


commands = make_app()
register(commands)
