"""CLI: export."""

from pathlib import Path
from typing import Annotated, Any

import typer

from peertool.cli.base import make_app
from peertool.cli.options import Dates, ForceOpt, JsonOpt, command, group_app
from peertool.vocab import ExportFormat

commands = make_app()
site_app = group_app("site")
commands.add_typer(site_app, name="site")


@command(commands, "export")
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format", "-f", help="json (one file), csv or parquet (one file per table; parquet: agency extra)."
        ),
    ] = ExportFormat.json,
    out: Annotated[
        Path | None, typer.Option(help="File (json) or folder (csv); json goes to stdout without it.")
    ] = None,
    deidentify: Annotated[
        bool, typer.Option("--deidentify", help="Pseudonyms for names; no contact fields or notes.")
    ] = False,
    include_notes: Annotated[
        bool, typer.Option("--include-notes", help="With --deidentify: keep free text, scrubbed of identifiers.")
    ] = False,
    include_plans: Annotated[
        bool, typer.Option("--include-plans", help="Identified only: add participants' wellness plans.")
    ] = False,
    counts: Annotated[
        bool, typer.Option("--counts", help="Only counts, small ones hidden (disclosure.min_cell): for a funder.")
    ] = False,
    dates: Annotated[
        Dates,
        typer.Option(case_sensitive=False, help="With --deidentify: month (YYYY-MM) or exact (limited data set)."),
    ] = Dates.month,
    start: Annotated[str | None, typer.Option("--from", help="Only records from this date.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Only records up to this date.")] = None,
    force: ForceOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Example: peertool export --deidentify --format csv --out ~/exports/2026-q1"""
    import sys

    from peertool.errors import InvalidInput
    from peertool.files import write_private_stream
    from peertool.render.output import message
    from peertool.render.safety import csv_export, json_export
    from peertool.safety.export import open_export

    if json_out and fmt is not ExportFormat.json:
        raise InvalidInput(f"--json and --format {fmt.value} disagree; give one of them.")
    if fmt is not ExportFormat.json and out is None:
        raise InvalidInput(f"--format {fmt.value} writes one file per table: give --out FOLDER.")
    if fmt is ExportFormat.parquet:
        _need_duckdb()
    db = ctx.obj.open()
    _warn_if_plaintext_of_encrypted(db, deidentify or counts)
    export = open_export(
        db, ctx.obj.settings, deidentify=deidentify, include_notes=include_notes,
        include_plans=include_plans, counts=counts, dates=dates, start=start, end=end,
    )  # fmt: skip
    keep = ctx.obj.database_files()
    if out is None:
        json_export(export, sys.stdout.write)
    elif fmt is ExportFormat.json:
        write_private_stream(
            out, lambda handle: json_export(export, lambda text: handle.write(text.encode())), force=force, keep=keep
        )
        message(f"Exported to {out}.")
    else:
        from peertool.safety.site_key import sign

        written = csv_export(export, out, sign=lambda data: sign(export.manifest["site_id"], data),
                             parquet=fmt is ExportFormat.parquet, force=force, keep=keep)  # fmt: skip
        message(f"Exported {len(written)} tables to {out}/.")
        if (deidentify or counts) and export.manifest["signing_key"] is None:
            message("Warning: the manifest is not signed, so a program office cannot tell it is this site's: "
                    "`peertool site key` makes the site's key (send the office its public key).")  # fmt: skip


def _need_duckdb() -> None:
    """Parquet is written through DuckDB, which only the `agency` extra installs: say so before anything runs."""
    import importlib.util

    from peertool.errors import InvalidInput

    if importlib.util.find_spec("duckdb") is None:
        raise InvalidInput(
            "--format parquet needs DuckDB, which the `agency` extra installs.",
            hint="From a clone: .venv/bin/pip install '.[agency]'.",
        )


def _warn_if_plaintext_of_encrypted(db: Any, deidentify: bool) -> None:
    """An identified export of an encrypted database is plaintext: written only because it was asked for."""
    from peertool.render.output import message

    if db.encrypted and not deidentify:
        message(
            "Warning: this export is not encrypted: it holds the records in plain text. Keep it on encrypted "
            "storage, or share a de-identified export (--deidentify) instead."
        )


@site_app.command("key")
def site_key(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Make this site's signing key, once, or show the one it has: the private key stays in your folder (0600);
    send the public key it prints to your program office, which keeps it as SITE_ID.pub to check your exports.

    Every CSV export made after it has a signed manifest (manifest.sig).

    Example: peertool site key --json | jq -r .public_key > east-1.pub
    """
    from peertool.render.output import render
    from peertool.render.safety import site_key_shown
    from peertool.safety.coverage import site_id
    from peertool.safety.site_key import site_key as made

    result = made(site_id(ctx.obj.open(), ctx.obj.settings), create=True)
    assert result is not None  # made when missing
    render(result, json_out, site_key_shown)
