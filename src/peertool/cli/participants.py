"""CLI: enroll, participant list/show/edit, discharge."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from peertool.cli.app import make_app
from peertool.cli.output import emit_json, fields, message, render, table
from peertool.cli.options import JsonOpt

participant_app = make_app(help="List, show and edit participants.")

GroupOpt = Annotated[Optional[str], typer.Option("--group", "-g", help="Group name or id.")]
GenderOpt = Annotated[Optional[str], typer.Option(help="Gender, as the participant describes it.")]
InterestOpt = Annotated[Optional[list[str]], typer.Option("--interest", help="An interest tag; repeat for more.")]
ReferralOpt = Annotated[Optional[str], typer.Option(help="self, clinician, case-manager or other.")]
PhoneOpt = Annotated[Optional[str], typer.Option(help="Phone number.")]
EmailOpt = Annotated[Optional[str], typer.Option(help="Email address.")]
GoalOpt = Annotated[Optional[list[str]], typer.Option("--goal", help="A goal in their own words; repeat for more.")]
EnrolledOpt = Annotated[Optional[str], typer.Option(help="Enrollment date, YYYY-MM-DD (default today).")]
ExternalOpt = Annotated[Optional[str], typer.Option(help="The agency's own id for them.")]


def _given(**options) -> dict:
    """The options the user actually gave (Typer passes None for the rest)."""
    return {key: value for key, value in options.items() if value is not None}


def show_person(person: dict) -> None:
    goals = "; ".join(f"{g['text']} ({g['status']})" for g in person.get("goals", []))
    fields(
        f"Participant {person['id']}",
        [
            ("name", person["name"]),
            ("group", person["group"]),
            ("status", person["status"]),
            ("stage", person["stage"]),
            ("gender", person["gender"]),
            ("interests", ", ".join(person["interests"])),
            ("referral", person["referral"]),
            ("phone", person["phone"]),
            ("email", person["email"]),
            ("enrolled on", person["enrolled_on"]),
            ("external id", person["external_id"]),
            ("goals", goals),
            ("discharged", f"{person['discharged_on']}: {person['discharge_reason']}" if person["discharged_on"] else None),
        ],
    )


def enroll(
    ctx: typer.Context,
    name: Annotated[Optional[str], typer.Argument(help="Full name, or leave out with --from.")] = None,
    group: GroupOpt = None,
    gender: GenderOpt = None,
    interest: InterestOpt = None,
    referral: ReferralOpt = None,
    phone: PhoneOpt = None,
    email: EmailOpt = None,
    goal: GoalOpt = None,
    enrolled_on: EnrolledOpt = None,
    external_id: ExternalOpt = None,
    from_file: Annotated[
        Optional[Path], typer.Option("--from", help="Import a roster: CSV (header = option names) or YAML list.")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Enroll a participant, or a whole roster with --from.

    Example: peertool enroll "Dana Reyes" --group Tuesday --interest hiking --goal "Take the bus to work"
    """
    app_ctx = ctx.obj
    if from_file is not None:
        if name is not None:
            raise typer.BadParameter("give either NAME or --from FILE, not both.")
        _enroll_file(app_ctx, from_file, json_out)
        return
    from peertool.participants import enroll as enroll_one

    values = _given(
        name=name if name is not None else "", group=group, gender=gender, interests=interest,
        referral=referral, phone=phone, email=email, goals=goal, enrolled_on=enrolled_on, external_id=external_id,
    )
    person = enroll_one(app_ctx.open(create=True), values, max_group_size=app_ctx.max_group_size)
    render(person, json_out, show_person, f"Enrolled {person['name']} as participant {person['id']}.")


def _enroll_file(app_ctx, path: Path, json_out: bool) -> None:
    from peertool.cli.progress import progress_bar
    from peertool.importing import import_rows, read_rows

    rows = read_rows(path)
    db = app_ctx.open(create=True)
    with progress_bar("Enrolling", total=len(rows)) as advance:
        summary = import_rows(db, rows, max_group_size=app_ctx.max_group_size, progress=advance)
    if json_out:
        emit_json(summary)
    else:
        message(
            f"Enrolled {summary['enrolled']} of {summary['rows']} rows; "
            f"skipped {summary['skipped']} already enrolled (same external_id)."
        )


@participant_app.command("list")
def list_(
    ctx: typer.Context,
    group: GroupOpt = None,
    status: Annotated[str, typer.Option(help="active, discharged or all.")] = "active",
    json_out: JsonOpt = False,
) -> None:
    """List participants, active ones by default.

    Example: peertool participant list --group Tuesday --json
    """
    from peertool.participants import list_participants

    people = list_participants(ctx.obj.open(), group=group, status=status)
    if json_out:
        emit_json(people)
        return
    table(
        f"Participants ({status})",
        ["id", "name", "group", "stage", "gender", "interests", "enrolled"],
        [[p["id"], p["name"], p["group"], p["stage"], p["gender"], p["interests"], p["enrolled_on"]] for p in people],
    )


@participant_app.command("show")
def show(ctx: typer.Context, ref: Annotated[str, typer.Argument(help="Id or name.")], json_out: JsonOpt = False) -> None:
    """Show one participant, with goals.

    Example: peertool participant show "Dana Reyes"
    """
    from peertool.participants import show as show_one

    render(show_one(ctx.obj.open(), ref), json_out, show_person)


@participant_app.command("edit")
def edit(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Id or name.")],
    name: Annotated[Optional[str], typer.Option(help="New name.")] = None,
    group: Annotated[Optional[str], typer.Option("--group", "-g", help="Move to this group ('' for none).")] = None,
    gender: GenderOpt = None,
    interest: Annotated[Optional[list[str]], typer.Option("--interest", help="Replaces their interests; repeat.")] = None,
    referral: ReferralOpt = None,
    phone: PhoneOpt = None,
    email: EmailOpt = None,
    goal: Annotated[Optional[list[str]], typer.Option("--goal", help="Adds a goal; repeat for more.")] = None,
    enrolled_on: EnrolledOpt = None,
    external_id: ExternalOpt = None,
    stage: Annotated[Optional[str], typer.Option(help="partnered or ready-solo.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Change a participant's details, stage or group.

    Example: peertool participant edit 3 --stage ready-solo
    """
    from peertool.participants import edit as edit_one

    changes = _given(
        name=name, group=group, gender=gender, interests=interest, referral=referral, phone=phone,
        email=email, goals=goal, enrolled_on=enrolled_on, external_id=external_id, stage=stage,
    )
    if not changes:
        raise typer.BadParameter("nothing to change; give at least one option.")
    app_ctx = ctx.obj
    person = edit_one(app_ctx.open(), ref, changes, max_group_size=app_ctx.max_group_size)
    render(person, json_out, show_person, f"Updated participant {person['id']}.")


def discharge(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Id or name.")],
    reason: Annotated[
        str, typer.Option(help="Why: e.g. 'no longer wishes to take part', 'goals substantially met'.")
    ],
    date: Annotated[Optional[str], typer.Option(help="Discharge date, YYYY-MM-DD (default today).")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Discharge a participant: off the roster and their group; history stays.

    Example: peertool discharge "Dana Reyes" --reason "goals substantially met"
    """
    from peertool.participants import discharge as discharge_one

    person = discharge_one(ctx.obj.open(), ref, reason, on=date)
    render(person, json_out, show_person, f"Discharged participant {person['id']} on {person['discharged_on']}.")


def register(app: typer.Typer) -> None:
    app.command("enroll")(enroll)
    app.command("discharge")(discharge)
    app.add_typer(participant_app, name="participant")


commands = make_app()
register(commands)
