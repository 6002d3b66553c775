"""CLI: staff add/list/show/edit/end/whoami."""

from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import JsonOpt, group_app
from peertool.render import people as views
from peertool.render.output import render
from peertool.vocab import StaffRole

commands = make_app()
staff_app = group_app("staff")
commands.add_typer(staff_app, name="staff")

StaffArg = Annotated[str, typer.Argument(help="Staff member id or name.")]
CredentialOpt = Annotated[str, typer.Option(help="Their credential, printed after their name: CPS, CPRS, LCSW.")]
LoginOpt = Annotated[
    str | None, typer.Option(help="The user name they run peertool as (or their PEERTOOL_LOGIN); '' for none.")
]
SupervisorOpt = Annotated[
    str | None, typer.Option(metavar="NAME", help="Their supervisor: an active supervisor or director.")
]


@staff_app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Their full name.")],
    role: Annotated[StaffRole, typer.Option(case_sensitive=False, help="What they do.")],
    credential: CredentialOpt,
    login: LoginOpt = None,
    supervisor: SupervisorOpt = None,
    date: Annotated[str | None, typer.Option(help="The day they started, YYYY-MM-DD (default today).")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Add a staff member; groups whose coach text is their name are linked to them.

    Example: peertool staff add "Rae Lin" --role coach --credential CPS --login rlin --supervisor "Sol Park"
    """
    from peertool.people.staff_records import add_staff

    made = add_staff(ctx.obj.open(create=True), name, role=role, credential=credential, login=login,
                     supervisor=supervisor, on=date)  # fmt: skip
    links = "".join(f"\nLinked group {g['name']!r} (coach {made['name']})." for g in made["linked"])
    render(made, json_out, views.staff_member, f"Added {made['name']} as staff member {made['id']}.{links}")


@staff_app.command("list")
def list_(
    ctx: typer.Context,
    every: Annotated[bool, typer.Option("--all", help="Those who left too.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """List the active staff (with --all, those who left too).

    Example: peertool staff list --all --json
    """
    from peertool.people.staff_records import list_staff

    render(list_staff(ctx.obj.open(), every=every), json_out, views.staff_list)


@staff_app.command("show")
def show(ctx: typer.Context, name: StaffArg, json_out: JsonOpt = False) -> None:
    """Show a staff member.

    Example: peertool staff show "Rae Lin"
    """
    from peertool.people.staff import get_staff

    render(get_staff(ctx.obj.open(), name), json_out, views.staff_member)


@staff_app.command("edit")
def edit(
    ctx: typer.Context,
    name: StaffArg,
    new_name: Annotated[str | None, typer.Option("--name", help="A new name.")] = None,
    role: Annotated[StaffRole | None, typer.Option(case_sensitive=False, help="What they do.")] = None,
    credential: Annotated[str | None, typer.Option(help="Their credential: CPS, CPRS, LCSW.")] = None,
    login: LoginOpt = None,
    supervisor: SupervisorOpt = None,
    no_supervisor: Annotated[bool, typer.Option("--no-supervisor", help="They have no supervisor.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Change a staff member's name, role, credential, login or supervisor (audited).

    Example: peertool staff edit "Rae Lin" --login rlin --supervisor "Sol Park"
    """
    from peertool.people.staff_records import edit_staff

    if supervisor is not None and no_supervisor:
        raise typer.BadParameter("give --supervisor NAME or --no-supervisor, not both.")
    given = {"name": new_name, "role": role, "credential": credential, "login": login, "supervisor": supervisor}
    changes = {key: value for key, value in given.items() if value is not None}
    if no_supervisor:
        changes["supervisor"] = ""
    changed = edit_staff(ctx.obj.open(), name, changes)
    render(changed, json_out, views.staff_member, f"Updated staff member {changed['id']}.")


@staff_app.command("end")
def end(
    ctx: typer.Context,
    name: StaffArg,
    date: Annotated[str, typer.Option(help="The day they leave (no longer active from it), YYYY-MM-DD.")],
    json_out: JsonOpt = False,
) -> None:
    """A staff member leaves on a date; their row and every record naming them stay.

    Example: peertool staff end "Kit Vale" --date 2026-06-30
    """
    from peertool.people.staff_records import end_staff

    ended = end_staff(ctx.obj.open(), name, on=date)
    render(ended, json_out, views.staff_member, f"{ended['name']} leaves the staff on {ended['ended_on']}.")


@staff_app.command("whoami")
def whoami(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """The staff member you are: the one whose login is PEERTOOL_LOGIN, or your user name. Exits 1 when there is
    none (no staff defined, or none with that login), so a script can test it.

    Example: PEERTOOL_LOGIN=rlin peertool staff whoami
    """
    from peertool.errors import EXIT_INVALID, shown
    from peertool.people.staff import staff_defined
    from peertool.people.staff import whoami as who

    db = ctx.obj.open()
    found = who(db)
    if found["staff"]:
        render(found, json_out, views.whoami)
        return
    done = (
        f"No active staff member has the login {shown(found['login'])}. Give yours with "
        "`peertool staff edit NAME --login USER`, or set PEERTOOL_LOGIN (a convenience, not a security boundary)."
        if staff_defined(db) else
        "No staff are defined; peertool works without them (`peertool staff add NAME --role ROLE --credential "
        "TEXT --login USER` defines one)."
    )  # fmt: skip
    render(found, json_out, None, done)
    raise typer.Exit(EXIT_INVALID)
