"""CLI for the database itself: init, db path, config show, audit."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypedDict

import typer

from peertool.cli.base import make_app
from peertool.cli.options import JsonOpt, YesOpt, command, confirmer, group_app
from peertool.cli.registry import summary
from peertool.render.output import emit_json, message, render, table

if TYPE_CHECKING:
    from peertool.db.shapes import Verification


class DatabasePath(TypedDict):
    """`db path`."""

    path: str
    source: str  # the option, variable or config that chose it, or "default"
    exists: bool | None  # None for a database on a server: `db path` does not connect


class SettingRow(TypedDict):
    """An item of `config show`."""

    key: str
    value: object
    source: str


commands = make_app()
db_app = group_app("db")
config_app = group_app("config")
commands.add_typer(db_app, name="db")
commands.add_typer(config_app, name="config")


@command(commands, "init")
def init(
    ctx: typer.Context,
    encrypt: Annotated[
        bool, typer.Option("--encrypt", help="Create it encrypted (needs peertool[encryption]; see README).")
    ] = False,
) -> None:
    """Example: peertool --db ~/coach/peertool.db init --encrypt"""
    from peertool.db.backends import shown

    location, source = ctx.obj.db_location()
    ctx.obj.new_key = encrypt and not any(file.exists() and file.stat().st_size for file in ctx.obj.database_files())
    db = ctx.obj.open(create=True, encrypt=encrypt)
    db.close()
    form = "encrypted database" if encrypt else "database"
    message(f"{'Created ' + form if db.created else 'Database is ready'} at {shown(location)} (chosen by {source}).")


@db_app.command("encrypt")
def db_encrypt(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Encrypt the database in place (needs peertool[encryption]); an encrypted copy of it is kept beside it.

    Plain copies kept beside it by an earlier restore or migration are encrypted too.

    The key comes from encryption.key_command, else a passphrase typed twice.
    No other peertool command may have the database open meanwhile.

    Example: peertool db encrypt
    """
    from peertool.db.cipher import is_encrypted
    from peertool.db.conversion import convert

    location = ctx.obj.database_file("db encrypt")
    ctx.obj.new_key = not is_encrypted(location)  # a new key is typed twice; leftover copies take the one in use
    result = convert(location, encrypt=True)
    done = f"Encrypted {result['path']}; the copy before is {result['previous_saved_as']}."
    render(result, json_out, done=done if result["previous_saved_as"] else None)
    copies = result["copies_encrypted"]
    if copies:
        message(f"Encrypted {len(copies)} plain copies of the records kept beside it: {', '.join(copies)}.")


@db_app.command("decrypt")
def db_decrypt(ctx: typer.Context, yes: YesOpt = False, json_out: JsonOpt = False) -> None:
    """Decrypt the database in place: its records are plain on disk afterwards. An encrypted copy is kept.

    Example: peertool db decrypt --yes
    """
    from peertool.db.conversion import convert

    confirm = confirmer(yes, "db decrypt leaves the records unencrypted on disk.")
    result = convert(ctx.obj.database_file("db decrypt"), encrypt=False, confirm=confirm)
    render(result, json_out, done=f"Decrypted {result['path']}; the copy before is {result['previous_saved_as']}.")


@db_app.command("grant")
def db_grant(
    ctx: typer.Context,
    apply: Annotated[bool, typer.Option("--apply", help="Run them now, connected as the tables' owner.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Print the row-level security and GRANTs that give each staff member their caseload on a team database.

    Run it again after staff are added, change role or leave, and after the team's co-sign policy changes (your
    `supervision.cosign` becomes the team's). Creating each staff member's role (CREATE ROLE) is the server
    administrator's job; the output names any that are missing.

    Example: peertool --db postgresql://peertool@db.example.org/agency db grant --apply
    """
    from peertool.render.safety import access

    result = ctx.obj.open().access(apply=apply, cosign=ctx.obj.settings.cosign)
    if apply:
        granted = [member["name"] for member in result["staff"] if member["granted"]]
        done = f"Applied {len(result['statements'])} statements; access for {len(granted)} staff members."
        render(result, json_out, done=done)
    else:
        render(result, json_out, access)


@db_app.command("import")
def db_import(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A coach's own peertool database (plain or encrypted).")],
    staff: Annotated[
        str, typer.Option("--staff", metavar="NAME", help="The staff member whose caseload its records join.")
    ],
    json_out: JsonOpt = False,
) -> None:
    """Bring a coach's own database into this one, under their caseload; importing it again adds nothing.

    The file is only read. Its records get new ids, its signatures still verify, and its audit log is appended.
    People who may already be here (the same external id, or name and enrollment date) are reported, never merged.

    Example: peertool db import ~/rae/peertool.db --staff "Rae Lin"
    """
    from peertool.render.safety import imported
    from peertool.safety.moving_in import import_file

    result = import_file(ctx.obj.open(), path, staff)
    total = sum(result["added"].values())
    done = f"Imported {total} rows for {result['staff']}." if total else "Nothing new: this file was imported before."
    render(result, json_out, imported, done=done)


@db_app.command("path")
def path(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Print where the database is (it need not exist yet).

    Example: peertool db path
    """
    from peertool.db.backends import shown

    location, source = ctx.obj.db_location()
    files = ctx.obj.database_files()
    if json_out:
        exists = files[0].exists() if files else None  # a server's database is not looked for: that means connecting
        found: DatabasePath = {"path": shown(location), "source": source, "exists": exists}
        emit_json(found)
    else:
        print(shown(location))


@config_app.command("init")
def config_init(ctx: typer.Context) -> None:
    """Write a commented starter config (0600) to the per-user config folder; never overwrites.

    Example: peertool config init
    """
    from peertool.settings import write_starter

    path = write_starter()
    message(f"Wrote a starter config to {path}; edit it, then check it with `peertool config show`.")


@config_app.command("show")
def show(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Print every setting in force and where it came from.

    Example: peertool config show --json
    """
    from peertool.db.location import redacted
    from peertool.settings import short_path

    settings = ctx.obj.settings
    rows: list[SettingRow] = [
        {"key": k, "value": redacted(v) if k == "database" and isinstance(v, str) else v,  # never a password
         "source": short_path(settings.sources[k])}
        for k, v in settings.values.items()
    ]  # fmt: skip
    title = f"Config ({settings.path or 'built-in defaults'})"
    render(rows, json_out, lambda r: table(title, ["key", "value", "source"], [row.values() for row in r]))


audit_app = make_app(help=summary("audit"), invoke_without_command=True, no_args_is_help=False)
commands.add_typer(audit_app, name="audit")


@audit_app.callback()
def audit(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option(help="Only changes on or after this date, YYYY-MM-DD.")] = None,
    last: Annotated[int | None, typer.Option(min=1, max=2**63 - 1, help="Only the last N changes.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Example: peertool audit --since 2026-03-01 --json; peertool audit verify"""
    if ctx.invoked_subcommand is not None:
        return
    from peertool.db.audit import entries
    from peertool.render.safety import audit as audit_table

    render(entries(ctx.obj.open(), since=since, last=last), json_out, audit_table)


@audit_app.command("verify")
def verify(
    ctx: typer.Context,
    head: Annotated[
        str | None,
        typer.Option("--head", metavar="HASH", help="A head printed earlier: check the log still reaches it."),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Check the audit log's chain, its triggers and each record's content: exit 0 if intact, 1 naming what is not.

    Example: peertool audit verify --head 3f2a...(the 64 digits kept from an earlier run) --json
    """
    from peertool.db.audit import verify as check
    from peertool.errors import InvalidInput
    from peertool.render.safety import verification

    result = check(ctx.obj.open(), kept_head=head)
    render(result, json_out, verification)
    if not result["ok"]:
        raise InvalidInput(
            verification_problem(result), hint="Restore a backup you trust, and find out who changed it."
        )


def verification_problem(result: "Verification") -> str:
    """What `audit verify` found wrong, in one line."""
    found = []
    if result["broken"]:
        found.append(f"the chain breaks at row {result['broken']['id']}: {result['broken']['reason']}")
    triggers = (result["missing_triggers"], result["altered_triggers"], result["added_triggers"])
    for names, what in zip(triggers, ("dropped", "altered", "added"), strict=True):
        if names:
            found.append(f"triggers were {what}: " + ", ".join(names))
    if result["kept_head"] and result["kept_head"]["row"] is None:
        found.append("the log no longer reaches the --head you kept: its newest rows were cut off or rewritten")
    if result["changed"]:
        records = ", ".join(f"{r['table']} {r['record_id']}" for r in result["changed"][:10])
        more = f" and {len(result['changed']) - 10} more" if len(result["changed"]) > 10 else ""
        found.append(f"records differ from their last audited content: {records}{more}")
    return "the audit log was tampered with: " + "; ".join(found) + "."
