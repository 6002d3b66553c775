"""CLI: intake REF (screen a participant against the service definition), intake list."""

from typing import TYPE_CHECKING, Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import FutureOpt, JsonOpt, RefArg, YesNo, complete_people
from peertool.cli.people.reviews import RecordByDefault
from peertool.cli.registry import summary
from peertool.render import intake as views
from peertool.render.output import render
from peertool.vocab import ServiceKind

if TYPE_CHECKING:
    from peertool.definition import Definition

commands = make_app()
intake_app = make_app(cls=RecordByDefault, help=summary("intake"))
commands.add_typer(intake_app, name="intake")


@intake_app.command("record")
def intake(
    ctx: typer.Context,
    ref: RefArg,
    meets: Annotated[
        list[str] | None,
        typer.Option("--meets", metavar="CODE[,CODE...]", help="Service criteria met (A-G built in), or none."),
    ] = None,
    exclusion: Annotated[
        list[str] | None,
        typer.Option("--exclusion", metavar="CODE=yes|no", help="Each exclusion screened, with its answer."),
    ] = None,
    services: Annotated[str | None, typer.Option(help="Other services the person receives, in words.")] = None,
    service_kind: Annotated[
        list[ServiceKind] | None, typer.Option(case_sensitive=False, help="Kind of other service (repeatable).")
    ] = None,
    team_contact: Annotated[
        str | None, typer.Option(help="Treatment team contact, kept only if the person agrees (--team-consent yes).")
    ] = None,
    team_consent: Annotated[
        YesNo | None, typer.Option(case_sensitive=False, help="Does the person agree to a team contact?")
    ] = None,
    date: Annotated[str | None, typer.Option(help="Screening date (default today).")] = None,
    future: FutureOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Screen a participant: the criteria met and each exclusion's answer, dated and attributed to you.

    Asks at a terminal for what is not given. An exclusion answered yes is saved, and exits 1: the person
    cannot join a group or be marked present until a later screening passes.

    Example: peertool intake "Ada Quill" --meets B,C --exclusion A=no --exclusion B=no --service-kind clinical
    """
    from peertool.definition import load
    from peertool.errors import InvalidInput
    from peertool.people.intake import screen

    app_ctx = ctx.obj
    definition = load(app_ctx.settings)
    result = screen(
        app_ctx.open(),
        ref,
        definition=definition,
        meets=meets or _ask_criteria(definition),
        exclusions=_answers(definition, exclusion or []),
        service_kinds=[kind.value for kind in service_kind or []],
        services_text=services,
        team_contact=team_contact,
        team_consent=team_consent,
        on=date,
        future=future,
    )
    render(result, json_out, views.screening, done=f"Screened {result['participant']['name']} on {result['date']}.")
    if not result["admitted"]:
        pid = result["participant"]["id"]
        raise InvalidInput(
            f"not admitted: {views.verdict(result).removeprefix('not admitted: ')}; the screening is saved "
            f"(id {result['id']}).",
            hint=f"Record a referral: peertool event add {pid} --kind referral --to TEXT",
        )


def _terminal() -> bool:
    import sys

    return sys.stdin.isatty()


def _ask_criteria(definition: "Definition") -> list[str]:
    """At a terminal, each criterion with its wording, then the codes met; in a script, a usage error."""
    if not _terminal():
        raise typer.BadParameter("give the criteria met, or none (nothing is asked: stdin is not a terminal).",
                                 param_hint="'--meets'")  # fmt: skip
    for code, text in definition["service_criteria"].items():
        typer.echo(f"  {code}. {text}", err=True)
    return [typer.prompt("Service criteria met (codes, e.g. B,C; or none)", err=True)]


def _answers(definition: "Definition", given: list[str]) -> dict[str, str]:
    """CODE=yes|no options as a dict; each exclusion not given is asked at a terminal, else a usage error."""
    answers: dict[str, str] = {}
    for item in given:
        code, equals, answer = item.partition("=")
        if not equals or not code.strip():
            raise typer.BadParameter(f"{item!r} is not CODE=yes|no.", param_hint="'--exclusion'")
        if code.strip().casefold() in {known.casefold() for known in answers}:
            raise typer.BadParameter(
                f"exclusion {code.strip()} is answered twice; give each exclusion once.", param_hint="'--exclusion'"
            )
        answers[code.strip()] = answer.strip()
    named = {code.casefold() for code in answers}
    for code, text in definition["exclusions"].items():
        if code.casefold() in named:
            continue
        if not _terminal():
            raise typer.BadParameter(
                f"exclusion {code} is not answered; give --exclusion {code}=yes|no (nothing is asked: stdin is not "
                "a terminal).",
                param_hint="'--exclusion'",
            )
        typer.echo(f"  Exclusion {code}. {text}", err=True)
        answers[code] = typer.prompt(f"Does exclusion {code} apply? [yes/no]", err=True)
    return answers


@intake_app.command("list")
def intake_list(
    ctx: typer.Context,
    ref: Annotated[
        str | None, typer.Argument(help="Only this participant's screenings.", autocompletion=complete_people)
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """List intake screenings, oldest first (re-screening keeps every one).

    Example: peertool intake list "Ada Quill" --json
    """
    from peertool.people.intake import history

    render(history(ctx.obj.open(), ref), json_out, views.screenings)
