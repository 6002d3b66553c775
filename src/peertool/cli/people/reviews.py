"""CLI: review REF (record a continued-stay review), review list."""

from typing import TYPE_CHECKING, Annotated

import typer

from peertool.cli.base import PeertoolGroup, make_app
from peertool.cli.options import FutureOpt, JsonOpt, RefArg, StaffOpt, YesNo, complete_people
from peertool.cli.registry import summary
from peertool.cli.signing import add_signing
from peertool.render import people as views
from peertool.render.notes import signed_record as signed_view
from peertool.render.output import message, render

if TYPE_CHECKING:
    from typer._click import Context


class RecordByDefault(PeertoolGroup):
    """`review REF ...` records a review, as it always has; `review list` lists them (and `intake REF`,
    `discharge REF` record theirs beside their other commands)."""

    def parse_args(self, ctx: "Context", args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["record", *args]
        return super().parse_args(ctx, args)


commands = make_app()
review_app = make_app(cls=RecordByDefault, help=summary("review"))
commands.add_typer(review_app, name="review")


@review_app.command("record")
def review(
    ctx: typer.Context,
    ref: RefArg,
    progressing: Annotated[
        YesNo, typer.Option(case_sensitive=False, help="Progressing at their level of functioning?")
    ],
    wants_to_continue: Annotated[
        YesNo, typer.Option(case_sensitive=False, help="Wishes to continue with peer support? (no: discharge A)")
    ],
    more_to_try: Annotated[
        YesNo | None,
        typer.Option(case_sensitive=False, help="Continued stay C: more peer support not yet tried and appropriate?"),
    ] = None,
    goals_met: Annotated[
        YesNo | None,
        typer.Option(
            case_sensitive=False,
            help="Service plan goals substantially met? (yes: discharge B; "
            "default: yes when all their goals are achieved)",
        ),
    ] = None,  # fmt: skip
    next_review: Annotated[
        str | None, typer.Option(help="The next review's date, e.g. from their service plan (default: cadence).")
    ] = None,
    note: Annotated[str | None, typer.Option(help="Anything else for the record.")] = None,
    date: Annotated[str | None, typer.Option(help="Review date (default today).")] = None,
    future: FutureOpt = False,
    staff: StaffOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Record a continued-stay review (criteria A, B, C) and when the next is due (`review REF ...` for short).
    Discharge is suggested when a discharge criterion holds: A, they no longer wish to continue (no further
    review is booked), or B, their goals are substantially met.

    Example: peertool review "Ada Quill" --progressing yes --wants-to-continue yes --more-to-try no
    """
    from peertool.people.reviews import record_review

    app_ctx = ctx.obj
    result = record_review(
        app_ctx.open(),
        ref,
        progressing=progressing,
        wants_to_continue=wants_to_continue,
        more_to_try=more_to_try,
        goals_met=goals_met,
        next_review=next_review,
        note=note,
        on=date,
        future=future,
        interval_days=app_ctx.settings.review_interval_days,
        staff=staff,
    )
    due = f"next review due {result['next_due']}" if result["next_due"] else "no further review is booked"
    render(result, json_out, done=f"Reviewed {result['participant']['name']} on {result['date']}; {due}.")
    if result["suggestion"] and not json_out:
        command = f"peertool discharge {result['participant']['id']} --reason-code {result['reason_code']}"
        if result["reason_code"] == "no-longer-wishes":
            message(f"{result['suggestion'][0].upper()}{result['suggestion'][1:]}. Discharge them: `{command}`.")
        else:
            message(f"Suggestion: {result['suggestion']}. Use `{command}` if the participant agrees.")


@review_app.command("list")
def review_list(
    ctx: typer.Context,
    ref: Annotated[
        str | None, typer.Argument(help="Only this participant's reviews.", autocompletion=complete_people)
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """List continued-stay reviews, oldest first.

    Example: peertool review list "Ada Quill" --json
    """
    from peertool.people.reviews import list_reviews

    render(list_reviews(ctx.obj.open(), ref), json_out, views.reviews)


add_signing(review_app, kind="review", label="review", module="peertool.people.signed_records",
            show=signed_view)  # fmt: skip
