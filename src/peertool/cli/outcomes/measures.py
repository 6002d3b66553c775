"""CLI: measure add/list/delete."""

from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import FutureOpt, JsonOpt, RefArg, StaffOpt, YesOpt, complete_people, confirmer, group_app
from peertool.render import recovery as views
from peertool.render.output import render

commands = make_app()
measure_app = group_app("measure")
commands.add_typer(measure_app, name="measure")
MeasureId = Annotated[str, typer.Argument(metavar="ID", help="Measure id.")]


@measure_app.command("add")
def measure_add(
    ctx: typer.Context,
    ref: RefArg,
    instrument: Annotated[str, typer.Argument(help="Instrument id: who5, or one of the instruments_file's.")],
    answers: Annotated[str, typer.Option(help="Each item's answer, in order, separated by commas: 3,4,2,5,3.")],
    date: Annotated[str | None, typer.Option(help="Date taken (default today).")] = None,
    future: FutureOpt = False,
    staff: StaffOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Score and record an outcome measure; answers of the wrong count or range are refused.

    Example: peertool measure add "Ada Quill" who5 --answers 3,2,4,3,2 --date 2026-01-06
    """
    from peertool.outcomes.measures import add_measure

    app_ctx = ctx.obj
    found = add_measure(app_ctx.open(), app_ctx.settings, ref, instrument, answers, on=date, future=future, staff=staff)
    percent = "" if found["percent"] is None else f" ({found['percent']:g}%)"
    done = f"Recorded measure {found['id']}: {found['instrument']} {found['score']:g}{percent} on {found['date']}."
    render(found, json_out, lambda m: views.measures([m]), done)


@measure_app.command("list")
def measure_list(
    ctx: typer.Context,
    ref: Annotated[
        str | None, typer.Argument(help="Only this participant's measures.", autocompletion=complete_people)
    ] = None,
    instrument: Annotated[str | None, typer.Option(help="Only this instrument's.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """List measures with their answers and scores, oldest first.

    Example: peertool measure list "Ada Quill" --instrument who5 --json
    """
    from peertool.outcomes.measures import list_measures

    app_ctx = ctx.obj
    render(list_measures(app_ctx.open(), app_ctx.settings, ref, instrument=instrument), json_out, views.measures)


@measure_app.command("delete")
def measure_delete(ctx: typer.Context, measure_id: MeasureId, yes: YesOpt = False, json_out: JsonOpt = False) -> None:
    """Erase a measure recorded in error (audited); add the right one again.

    Example: peertool measure delete 4 --yes
    """
    from peertool.outcomes.measures import delete_measure

    app_ctx = ctx.obj
    confirm = confirmer(yes, "measure delete erases a record.")
    result = delete_measure(app_ctx.open(), app_ctx.settings, measure_id, confirm=confirm)
    render(result, json_out, done=f"Erased measure {result['id']}.")
