"""CLI: enroll, participant list/show/chart/edit, discharge (and its list, sign and amend)."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from peertool.cli.base import make_app
from peertool.cli.fields import takes, values_given
from peertool.cli.options import (
    JsonOpt,
    ReasonCode,
    RefArg,
    Referral,
    StaffOpt,
    Stage,
    Status,
    YesOpt,
    command,
    confirmer,
    group_app,
)
from peertool.cli.people.reviews import RecordByDefault
from peertool.cli.registry import summary
from peertool.cli.signing import add_signing
from peertool.render import people as views
from peertool.render.notes import signed_record as signed_view
from peertool.render.output import render
from peertool.vocab import ChartFormat

if TYPE_CHECKING:
    from peertool.cli.context import AppContext
    from peertool.db.connection import Database
    from peertool.people.enrollments import Enrollment

commands = make_app()
participant_app = group_app("participant")
commands.add_typer(participant_app, name="participant")

GroupOpt = Annotated[str | None, typer.Option("--group", "-g", help="Group name or id.")]
GenderOpt = Annotated[str | None, typer.Option(help="Gender, as the participant describes it.")]
InterestOpt = Annotated[list[str] | None, typer.Option("--interest", help="An interest tag; repeat for more.")]
ReferralOpt = Annotated[Referral | None, typer.Option(case_sensitive=False, help="Who referred them.")]
PhoneOpt = Annotated[str | None, typer.Option(help="Phone number.")]
EmailOpt = Annotated[str | None, typer.Option(help="Email address.")]
GoalOpt = Annotated[list[str] | None, typer.Option("--goal", help="A goal in their own words; repeat for more.")]
EnrolledOpt = Annotated[str | None, typer.Option(help="Enrollment date, YYYY-MM-DD (default today).")]
JoinedOpt = Annotated[
    str | None, typer.Option(help="With --group: when they joined it, YYYY-MM-DD (default: enrollment).")
]
ExternalOpt = Annotated[str | None, typer.Option(help="The agency's own id for them.")]
FromOpt = Annotated[
    Path | None, typer.Option("--from", help="Import a roster: CSV (header = option names) or YAML list.")
]


@dataclass(frozen=True)
class PersonOptions:
    """The options `enroll` and `participant edit` share, declared once (their order is --help's)."""

    group: GroupOpt = None
    gender: GenderOpt = None
    interest: InterestOpt = None
    referral: ReferralOpt = None
    phone: PhoneOpt = None
    email: EmailOpt = None
    goal: GoalOpt = None
    enrolled_on: EnrolledOpt = None


def _given(options: PersonOptions, **more: object) -> dict[str, Any]:
    """The one reading `enroll` and `edit` share: the options the user gave (Typer passes None for the rest),
    named as the library names them."""
    renamed = {"interest": "interests", "goal": "goals"}
    typed = values_given(options) | {key: value for key, value in more.items() if value is not None}
    return {renamed.get(key, key): value for key, value in typed.items()}


@command(commands, "enroll")
@takes(PersonOptions)
def enroll(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="Full name, or leave out with --from.")] = None,
    given: PersonOptions = PersonOptions(),
    joined_on: JoinedOpt = None,
    external_id: ExternalOpt = None,
    from_file: FromOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Example: peertool enroll "Dana Reyes" --group Tuesday --interest hiking --goal "Take the bus to work\""""
    app_ctx = ctx.obj
    if from_file is not None:
        if name is not None:
            raise typer.BadParameter("give either NAME or --from FILE, not both.")
        per_person = _given(replace(given, group=None), joined_on=joined_on, external_id=external_id)
        column = next(iter(per_person), None)  # the first one given, in --help's order
        if column is not None:
            option = "--" + (column[:-1] if column in ("interests", "goals") else column).replace("_", "-")
            raise typer.BadParameter(f"{option} cannot apply to a whole file; put it in the file's {column} column.")
        _enroll_file(app_ctx, from_file, json_out, given.group)
        return
    if name is None:  # a usage error (2), as a missing argument is
        raise typer.BadParameter("give the participant's full name, or --from FILE for a roster.", param_hint="'NAME'")
    from peertool.people.participants import enroll as enroll_one

    values = _given(given, external_id=external_id, joined_on=joined_on, name=name)
    db = app_ctx.open(create=True)
    person = enroll_one(db, values, max_group_size=_most_in(app_ctx, db, given.group))
    render(person, json_out, views.person, f"Enrolled {person['name']} as participant {person['id']}.")


def _enroll_file(app_ctx: Any, path: Path, json_out: bool, group: str | None) -> None:
    from peertool.people.importing import import_file
    from peertool.render.progress import progress_bar

    summary = import_file(
        lambda: app_ctx.open(create=True), path, max_group_size=app_ctx.max_group_size, progress=progress_bar,
        default_group=group,
    )  # fmt: skip
    done = (f"Enrolled {summary['enrolled']} of {summary['rows']} rows; "
            f"skipped {summary['skipped']} already enrolled (same external_id).")  # fmt: skip
    render(summary, json_out, done=done)


@participant_app.command("list")
def list_(
    ctx: typer.Context,
    group: GroupOpt = None,
    status: Annotated[Status, typer.Option(case_sensitive=False, help="Which participants.")] = Status.active,
    json_out: JsonOpt = False,
) -> None:
    """List participants, active ones by default.

    Example: peertool participant list --group Tuesday --json
    """
    from peertool.people.participants import list_participants

    people = list_participants(ctx.obj.open(), group=group, status=status)
    render(people, json_out, lambda p: views.roster(p, status))


@participant_app.command("show")
def show(ctx: typer.Context, ref: RefArg, json_out: JsonOpt = False) -> None:
    """Show one participant, with goals.

    Example: peertool participant show "Dana Reyes"
    """
    from peertool.people.participants import show as show_one

    render(show_one(ctx.obj.open(), ref), json_out, views.person)


@participant_app.command("chart")
def chart(
    ctx: typer.Context,
    ref: RefArg,
    start: Annotated[str | None, typer.Option("--from", help="From this date (default: enrollment).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="To this date (default: today).")] = None,
    fmt: Annotated[ChartFormat, typer.Option("--format", "-f", help="markdown or json.")] = ChartFormat.markdown,
    include_group_notes: Annotated[
        bool, typer.Option("--include-group-notes", help="Add the shared meeting notes, which may name others.")
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """A person's chart for a period: enrollment, goals, each meeting with their own note, contacts, reviews,
    addenda and units. It never names another member.

    Example: peertool participant chart "Ada Quill" --from 2026-03-01 --to 2026-03-31 > ada-march.md
    """
    from peertool.outcomes.chart import build
    from peertool.render.chart import chart_markdown
    from peertool.render.output import sheet

    app_ctx = ctx.obj
    result = build(app_ctx.open(), ref, settings=app_ctx.settings, start=start, end=end,
                   include_group_notes=include_group_notes)  # fmt: skip
    fmt_name = "json" if json_out else fmt.value
    sheet(result, fmt_name, chart_markdown)


@participant_app.command("edit")
@takes(
    PersonOptions,
    group=Annotated[str | None, typer.Option("--group", "-g", help="Move to this group ('' for none).")],
    interest=Annotated[list[str] | None, typer.Option("--interest", help="Replaces their interests; repeat.")],
    goal=Annotated[list[str] | None, typer.Option("--goal", help="Adds a goal; repeat for more.")],
)
def edit(
    ctx: typer.Context,
    ref: RefArg,
    name: Annotated[str | None, typer.Option(help="New name.")] = None,
    given: PersonOptions = PersonOptions(),
    external_id: ExternalOpt = None,
    stage: Annotated[Stage | None, typer.Option(case_sensitive=False, help="Their stage.")] = None,
    review_every: Annotated[
        str | None,
        typer.Option(metavar="DAYS|none", help="Their own review interval (none: off every list of reviews due)."),
    ] = None,
    next_review: Annotated[
        str | None, typer.Option(metavar="D", help="Their next review, from their service plan ('' clears).")
    ] = None,
    program: Annotated[
        str | None, typer.Option(metavar="P", help="Enroll them in drop-in program P (from --date).")
    ] = None,
    leave_program: Annotated[
        str | None, typer.Option(metavar="P", help="End their enrollment in program P (on --date).")
    ] = None,
    date: Annotated[
        str | None, typer.Option(help="With --group or a program option: the day of the change (default today).")
    ] = None,
    staff: Annotated[str | None, typer.Option(metavar="NAME", help="Put them on this staff member's caseload.")] = None,
    no_staff: Annotated[bool, typer.Option("--no-staff", help="Take them off any staff member's caseload.")] = False,
    yes: Annotated[
        bool, typer.Option("--yes", help="With --leave-program: take them off its days after --date they visited.")
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Change a participant's details, stage, group, programs, review cadence or staff member.

    Example: peertool participant edit 3 --stage ready-solo

    Example: peertool participant edit 3 --program independence --date 2026-03-02
    """
    from peertool.people.participants import edit as edit_one

    if staff is not None and no_staff:
        raise typer.BadParameter("give --staff NAME or --no-staff, not both.")
    changes = _given(given, external_id=external_id, name=name, stage=stage, review_every=review_every,
                     next_review=next_review, staff="" if no_staff else staff)  # fmt: skip
    if not changes and program is None and leave_program is None:
        raise typer.BadParameter("nothing to change; give at least one option.")
    app_ctx = ctx.obj
    db = app_ctx.open()
    sizes = {"max_group_size": _most_in(app_ctx, db, changes.get("group")),
             "min_group_size": _fewest_left(app_ctx, db, ref)}  # fmt: skip
    person = edit_one(db, ref, changes, on=date, programs=_enrollment(app_ctx, program, leave_program),
                      confirm=_asker(yes), **sizes)  # fmt: skip
    render(person, json_out, views.person, f"Updated participant {person['id']}.")


def _enrollment(app_ctx: "AppContext", program: str | None, leave: str | None) -> "Enrollment":
    """The program to enroll in (checked to exist) and the one to leave, for `participant edit`."""
    from peertool.programs import program_named

    return {"join": program_named(app_ctx.settings, program) if program is not None else None, "leave": leave}


def _most_in(app_ctx: "AppContext", db: "Database", group: str | None) -> int:
    """The most members of the group a person joins: its program's rule (a drop-in's group is refused where the
    person would join)."""
    from peertool.people.enrollments import program_of_group

    most = app_ctx.max_group_size
    return (program_of_group(app_ctx.settings, db, group).size_max or most) if group else most


def _fewest_left(app_ctx: "AppContext", db: "Database", ref: str) -> int:
    """The fewest members the group a person is in pairs with (its program's rule), warned of when they leave it."""
    from peertool.people.enrollments import program_of_group
    from peertool.people.participants import show

    group_id = show(db, ref)["group_id"]
    return program_of_group(app_ctx.settings, db, group_id).size_min if group_id else app_ctx.settings.group_size_min


discharge_app = make_app(
    cls=RecordByDefault,
    help=f"{summary('discharge')} `discharge REF ...` records one (see `discharge record --help`); `list`, `sign` "
    'and `amend` act on those recorded.\n\nExample: peertool discharge "Dana Reyes" --reason-code no-longer-wishes',
)
commands.add_typer(discharge_app, name="discharge")


@discharge_app.command("record")
def discharge(
    ctx: typer.Context,
    ref: RefArg,
    reason: Annotated[
        str | None,
        typer.Option(help="Why: e.g. 'no longer wishes to take part' (default with --reason-code: its wording)."),
    ] = None,
    date: Annotated[str | None, typer.Option(help="Discharge date, YYYY-MM-DD (default today).")] = None,
    reason_code: Annotated[
        ReasonCode | None,
        typer.Option(
            case_sensitive=False,
            help="no-longer-wishes and goals-met are the service definition's "
            "discharge criteria A and B (default: read from --reason).",
        ),
    ] = None,  # fmt: skip
    yes: Annotated[
        bool, typer.Option("--yes", help="Take them off meetings after --date they are marked at; needed in scripts.")
    ] = False,
    staff: StaffOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Discharge a participant: off the roster and their group; history stays (`discharge REF ...` for short).

    Example: peertool discharge "Dana Reyes" --reason-code no-longer-wishes
    """
    from peertool.people.discharges import discharge as discharge_one

    if reason is None and reason_code is None:
        raise typer.BadParameter("give --reason TEXT, --reason-code CODE, or both.")

    db = ctx.obj.open()
    person = discharge_one(db, ref, reason, on=date, code=reason_code, min_group_size=_fewest_left(ctx.obj, db, ref),
                           confirm=_asker(yes), staff=staff)  # fmt: skip
    render(person, json_out, views.person, f"Discharged participant {person['id']} on {person['discharged_on']}.")


def _asker(yes: bool) -> Callable[[str], bool]:
    """Yes with --yes; else ask at a terminal, and say no in a script so the library refuses in its own words."""

    def ask(question: str) -> bool:
        import sys

        return yes or (sys.stdin.isatty() and confirmer(yes, question)(question))

    return ask


@participant_app.command("delete")
def delete(ctx: typer.Context, ref: RefArg, yes: YesOpt = False, json_out: JsonOpt = False) -> None:
    """Erase a participant and every record about them (one made in error, or a request to erase).

    Meetings stay, and so do the other partner's outings; the audit log keeps ids only.
    Example: peertool participant delete 12 --yes
    """
    from peertool.people.erasure import delete as erase

    result = erase(ctx.obj.open(), ref, confirm=confirmer(yes, "participant delete erases records."))
    render(result, json_out, done=f"Erased participant {result['id']} and every record about them.")


@participant_app.command("readmit")
def readmit(
    ctx: typer.Context,
    ref: RefArg,
    date: Annotated[str | None, typer.Option(help="Back from this date, YYYY-MM-DD (default today).")] = None,
    group: GroupOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Bring a discharged participant back; their earlier discharges stay on record.

    Example: peertool participant readmit "Dana Reyes" --group Tuesday
    """
    from peertool.people.discharges import readmit as back

    app_ctx = ctx.obj
    db = app_ctx.open()
    person = back(db, ref, on=date, group=group, max_group_size=_most_in(app_ctx, db, group))
    render(person, json_out, views.person, f"Readmitted participant {person['id']}.")


@discharge_app.command("list")
def discharge_list(
    ctx: typer.Context,
    ref: Annotated[str | None, typer.Argument(help="Only this participant's discharges.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """List discharges with their ids, signatures and addenda, oldest first.

    Example: peertool discharge list "Ada Quill" --json
    """
    from peertool.people.signed_records import list_discharges
    from peertool.render.notes import signed_records

    render(list_discharges(ctx.obj.open(), ref), json_out, signed_records)


add_signing(discharge_app, kind="discharge", label="discharge", module="peertool.people.signed_records",
            show=signed_view)  # fmt: skip
