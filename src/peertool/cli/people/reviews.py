"""CLI: review (a continued-stay review)."""

from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import JsonOpt, RefArg, command
from peertool.render import people as views
from peertool.render.output import message, render

commands = make_app()


@command(commands, "review")
def review(
    ctx: typer.Context,
    ref: RefArg,
    progressing: Annotated[str, typer.Option(help="yes or no: progressing at their level of functioning?")],
    wants_to_continue: Annotated[str, typer.Option(help="yes or no: wishes to continue with peer support?")],
    note: Annotated[str | None, typer.Option(help="Anything else for the record.")] = None,
    date: Annotated[str | None, typer.Option(help="Review date (default today).")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Example: peertool review "Ada Quill" --progressing yes --wants-to-continue yes"""
    from peertool.people.reviews import record_review

    app_ctx = ctx.obj
    result = record_review(
        app_ctx.open(),
        ref,
        progressing=progressing,
        wants_to_continue=wants_to_continue,
        note=note,
        on=date,
        interval_days=app_ctx.settings.review_interval_days,
    )
    done = f"Reviewed {result['participant']['name']} on {result['date']}; next review due {result['next_due']}."
    render(result, json_out, views.nothing, done)
    if result["suggestion"] and not json_out:
        message(f"Suggestion: {result['suggestion']}. Use `peertool discharge` if the participant agrees.")
