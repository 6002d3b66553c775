"""CLI: supervise queue/stats/log (a supervisor's co-signatures and supervision time)."""

from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import JsonOpt, group_app

commands = make_app()
supervise_app = group_app("supervise")
commands.add_typer(supervise_app, name="supervise")


@supervise_app.command("queue")
def queue(
    ctx: typer.Context,
    supervisor: Annotated[
        str | None, typer.Option(metavar="NAME", help="Whose queue (default: yours; a director's is everything).")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """What awaits a supervisor's co-signature, oldest signature first: records `supervision.cosign` drew,
    by the staff they supervise (and by authors with no supervisor).

    Example: peertool supervise queue --supervisor "Sol Park" --json
    """
    from peertool.outcomes.supervision import queue_of
    from peertool.render import supervision as views
    from peertool.render.output import render

    render(queue_of(ctx.obj.open(), supervisor), json_out, views.queue)


@supervise_app.command("stats")
def stats(
    ctx: typer.Context,
    start: Annotated[str | None, typer.Option("--from", help="First day (by the author's signature).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Per supervisee: records signed, required, co-signed, the co-sign rate (co-signed of those required) and
    the median days to co-sign.

    Example: peertool supervise stats --from 2026-01-01 --to 2026-03-31
    """
    from peertool.outcomes.supervision import stats as figures
    from peertool.render import supervision as views
    from peertool.render.output import render

    render(figures(ctx.obj.open(), start, end), json_out, views.stats)


@supervise_app.command("log")
def log(
    ctx: typer.Context,
    coach: Annotated[str, typer.Argument(metavar="COACH", help="The staff member supervised (id or name).")],
    minutes: Annotated[int, typer.Option(help="How long the supervision lasted.")],
    date: Annotated[str | None, typer.Option(help="When (default today).")] = None,
    note: Annotated[str | None, typer.Option(help="What was covered (no participant's details).")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Record supervision time you (the current staff member, a supervisor or director) gave a coach;
    `supervision.minutes_per_month` says how much is expected.

    Example: peertool supervise log "Rae Lin" --minutes 60 --note "Caseload review"
    """
    from peertool.outcomes.supervision_time import log as record
    from peertool.render import supervision as views
    from peertool.render.output import render

    made = record(ctx.obj.open(), coach, minutes, on=date, note=note)
    done = f"Logged {made['minutes']} minutes of supervision of {made['supervisee']['name']} on {made['date']}."
    render(made, json_out, views.session, done)
