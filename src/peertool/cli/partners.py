"""CLI: pair, pairs, unpair."""

from typing import Annotated, Optional

import typer

from peertool.cli.app import make_app

from peertool.cli.output import emit_json, message, table
from peertool.cli.options import GroupArg, JsonOpt



def _show(result: dict, *, title: str, explain: bool) -> None:
    rows = []
    for number, pair in enumerate(result["pairs"], start=1):
        a, b = pair["members"]
        row = [number, f"{a['name']} ({a['id']})", f"{b['name']} ({b['id']})"]
        rows.append(row + (["; ".join(pair["reasons"])] if explain else []))
    table(title, ["#", "partner", "partner"] + (["why"] if explain else []), rows)


def pair(
    ctx: typer.Context,
    group: GroupArg,
    seed: Annotated[int, typer.Option(help="Tie-break seed: the same data and seed give the same pairs.")] = 0,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the pairs without saving them.")] = False,
    exclude: Annotated[Optional[list[str]], typer.Option("--exclude", help="Leave out (absent today); repeat.")] = None,
    avoid: Annotated[Optional[list[str]], typer.Option("--avoid", help="REF,REF never to pair today; repeat.")] = None,
    keep: Annotated[Optional[list[str]], typer.Option("--keep", help="REF,REF to pair together; repeat.")] = None,
    keep_current: Annotated[bool, typer.Option("--keep-current", help="Re-pair only those without a partner.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Say why each pair was chosen.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Pair the group's members as peer partners (an exact optimum of the documented score).

    Example: peertool pair Riverside --exclude "Ivo Serra" --exclude 10 --explain
    """
    from peertool.partners import pair_group

    app_ctx = ctx.obj
    result = pair_group(app_ctx.open(), group, config=app_ctx.config, seed=seed, exclude=exclude or [],
                        avoid=avoid or [], keep=keep or [], keep_current=keep_current, dry_run=dry_run)
    for warning in result["warnings"]:
        message(f"Warning: {warning}")
    if json_out:
        emit_json({k: v for k, v in result.items() if k != "group_id"})
        return
    _show(result, title=f"Peer partners: {result['group']}", explain=explain)
    message("Dry run: nothing saved." if dry_run else f"Saved as the current pairing of {result['group']!r}.")


def pairs(
    ctx: typer.Context,
    group: GroupArg,
    history: Annotated[bool, typer.Option("--history", help="Every saved pairing, newest first.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Show the group's current peer partners, or every pairing with --history.

    Example: peertool pairs Riverside --history --json
    """
    from peertool.partners import pairing_history, show_pairs

    db = ctx.obj.open()
    result = pairing_history(db, group) if history else show_pairs(db, group)
    if json_out:
        emit_json(result)
        return
    if history:
        for saved in result["pairings"]:
            _show(saved, title=f"{result['group']}: pairing {saved['id']} of {saved['date']}", explain=False)
        return
    _show(result, title=f"Peer partners: {result['group']} (paired {result['date'] or 'never'})", explain=True)
    if result["unpaired"]:
        message("No partner: " + ", ".join(f"{p['name']} ({p['id']})" for p in result["unpaired"]))
    for note in result["warnings"]:
        message(note)


def unpair(
    ctx: typer.Context,
    group: GroupArg,
    ref: Annotated[str, typer.Argument(help="A member of the team that is not working.")],
    reason: Annotated[str, typer.Option(help="What is not working, for the record.")],
    json_out: JsonOpt = False,
) -> None:
    """Record that a team is not working: the two are not paired again unless --keep names them.

    Example: peertool unpair Riverside "Ada Quill" --reason "schedules never match"
    """
    from peertool.partners import unpair as record

    result = record(ctx.obj.open(), group, ref, reason)
    if json_out:
        emit_json(result)
        return
    a, b = result["members"]
    message(f"Recorded: {a['name']} and {b['name']} are no longer partners. "
            f"Re-pair them with: peertool pair {result['group']!r} --keep-current")


def register(app: typer.Typer) -> None:
    app.command("pair")(pair)
    app.command("pairs")(pairs)
    app.command("unpair")(unpair)


commands = make_app()
register(commands)
