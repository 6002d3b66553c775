"""CLI: pair, pairs, unpair."""

from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import GroupArg, JsonOpt, Odd, command, complete_people
from peertool.errors import shown
from peertool.render import pairing as views
from peertool.render.output import emit_json, message

commands = make_app()


@command(commands, "pair")
def pair(
    ctx: typer.Context,
    group: GroupArg,
    seed: Annotated[
        int,
        typer.Option(min=-(2**63), max=2**63 - 1, help="Tie-break seed: the same data and seed give the same pairs."),
    ] = 0,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the pairs without saving them.")] = False,
    exclude: Annotated[
        list[str] | None,
        typer.Option("--exclude", help="Leave out (absent today); repeat.", autocompletion=complete_people),
    ] = None,
    avoid: Annotated[list[str] | None, typer.Option("--avoid", help="REF,REF never to pair today; repeat.")] = None,
    keep: Annotated[list[str] | None, typer.Option("--keep", help="REF,REF to pair together; repeat.")] = None,
    keep_current: Annotated[bool, typer.Option("--keep-current", help="Re-pair only those without a partner.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Say why each pair was chosen.")] = False,
    odd: Annotated[
        Odd | None, typer.Option(case_sensitive=False, help="An odd number: one trio, one with the coach, or refuse.")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Example: peertool pair Riverside --exclude "Ivo Serra" --exclude 10 --explain"""
    from peertool.pairing.service import pair_group

    app_ctx = ctx.obj
    result = pair_group(
        app_ctx.open(), group, settings=app_ctx.settings, seed=seed, exclude=exclude or [], avoid=avoid or [],
        keep=keep or [], keep_current=keep_current, dry_run=dry_run, odd=odd,
    )  # fmt: skip
    for warning in result["warnings"]:
        message(f"Warning: {warning}")
    if json_out:
        emit_json(result)
        return
    views.pairs(result, title=f"Peer partners: {result['group']}", explain=explain)
    if dry_run:
        message("Dry run: nothing saved.")
    elif result["saved"]:
        message(f"Saved as the current pairing of {shown(result['group'])}.")


@command(commands, "pairs")
def pairs(
    ctx: typer.Context,
    group: GroupArg,
    history: Annotated[bool, typer.Option("--history", help="Every saved pairing, newest first.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Example: peertool pairs Riverside --history --json"""
    from peertool.pairing.service import pairing_history, show_pairs
    from peertool.render.output import render

    db = ctx.obj.open()
    if history:
        render(pairing_history(db, group), json_out, views.history)
    else:
        from peertool.people.enrollments import program_of_group

        render(show_pairs(db, group, program=program_of_group(ctx.obj.settings, db, group)), json_out, views.current)


@command(commands, "unpair")
def unpair(
    ctx: typer.Context,
    group: GroupArg,
    ref: Annotated[str, typer.Argument(help="A member of the team that is not working.")],
    reason: Annotated[str, typer.Option(help="What is not working, for the record.")],
    json_out: JsonOpt = False,
) -> None:
    """Example: peertool unpair Riverside "Ada Quill" --reason "schedules never match\""""
    from peertool.pairing.service import unpair as record

    result = record(ctx.obj.open(), group, ref, reason)
    if json_out:
        emit_json(result)
        return
    views.broken(result)
