"""CLI: group create/list/show/add/remove."""

from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import GroupArg, JsonOpt, RefArg, group_app
from peertool.errors import shown
from peertool.render import people as views
from peertool.render.output import render

commands = make_app()
group = group_app("group")
commands.add_typer(group, name="group")


@group.command("create")
def create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A name for the group, e.g. 'Tuesday Evenings'.")],
    start: Annotated[str, typer.Option(help="First day of the program year, YYYY-MM-DD.")],
    weekday: Annotated[
        str | None, typer.Option(help="Meeting day: mon, tue, wed, thu, fri, sat or sun (not for a drop-in).")
    ] = None,
    program: Annotated[
        str, typer.Option(help="The group's program (see `config show`): iml, or one declared.")
    ] = "iml",
    days: Annotated[
        str | None, typer.Option(help="A drop-in's open days: mon-fri, mon,wed,fri (default: its program's).")
    ] = None,
    time: Annotated[str | None, typer.Option(help="Meeting time, HH:MM.")] = None,
    location: Annotated[str | None, typer.Option(help="Where the group meets.")] = None,
    coach: Annotated[
        str | None, typer.Option(help="The Peer Life Coach (with staff defined: an active staff member).")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Create a group that meets weekly.

    Example: peertool group create Tuesday --start 2026-01-06 --weekday tue --time 18:00 --location "Library room B"

    Example: peertool group create "Main Street" --program independence --start 2026-01-05 --days mon-fri
    """
    from peertool.people.groups import create_group
    from peertool.programs import program_named

    chosen = program_named(ctx.obj.settings, program)
    db = ctx.obj.open(create=True)
    made = create_group(
        db, name, start=start, weekday=weekday, time=time, location=location, coach=coach, program=chosen, days=days
    )
    render(made, json_out, views.group, f"Created group {shown(made['name'])} (id {made['id']}).")


@group.command("list")
def list_(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """List groups with their sizes.

    Example: peertool group list --json
    """
    from peertool.people.groups import list_groups
    from peertool.programs import program_months

    render(list_groups(ctx.obj.open(), months=program_months(ctx.obj.settings)), json_out, views.groups)


@group.command("show")
def show(ctx: typer.Context, name: GroupArg, json_out: JsonOpt = False) -> None:
    """Show a group and its active members.

    Example: peertool group show Tuesday
    """
    from peertool.people.groups import show_group
    from peertool.programs import program_months

    render(show_group(ctx.obj.open(), name, months=program_months(ctx.obj.settings)), json_out, views.group)


DateOpt = Annotated[str | None, typer.Option(help="From this date, YYYY-MM-DD (default today).")]


@group.command("add")
def add(
    ctx: typer.Context,
    name: GroupArg,
    refs: Annotated[list[str], typer.Argument(help="Participants (ids or names).")],
    date: DateOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Add participants to a group (all or none).

    Example: peertool group add Tuesday 1 2 "Dana Reyes"
    """
    from peertool.people.enrollments import program_of_group
    from peertool.people.groups import add_members

    db = ctx.obj.open()
    most = program_of_group(ctx.obj.settings, db, name).size_max or ctx.obj.max_group_size  # a drop-in is refused
    changed = add_members(db, name, refs, max_size=most, on=date)
    done = f"Added {len(refs)} to {shown(changed['name'])}; it now has {len(changed['members'])} members."
    render(changed, json_out, views.group, done)


@group.command("remove")
def remove(ctx: typer.Context, name: GroupArg, ref: RefArg, date: DateOpt = None, json_out: JsonOpt = False) -> None:
    """Take a participant out of a group (their history stays).

    Example: peertool group remove Tuesday "Dana Reyes"
    """
    from peertool.people.enrollments import program_of_group
    from peertool.people.groups import remove_member

    db = ctx.obj.open()
    changed = remove_member(db, name, ref, on=date, min_size=program_of_group(ctx.obj.settings, db, name).size_min)
    done = f"Removed {ref} from {shown(changed['name'])}; it now has {len(changed['members'])} members."
    render(changed, json_out, views.group, done)


@group.command("membership")
def membership(
    ctx: typer.Context,
    name: GroupArg,
    ref: RefArg,
    start: Annotated[str | None, typer.Option(help="The day the membership really began, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option(help="The day an ended membership really ended, YYYY-MM-DD.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Correct when someone's membership of a group began or ended (audited); an earlier start moves their
    enrollment back too.

    Example: peertool group membership Elm "Bo Two" --start 2026-11-03
    """
    from peertool.people.memberships import correct_membership

    fixed = correct_membership(ctx.obj.open(), name, ref, start=start, end=end)
    until = f" to {fixed['end']}" if fixed["end"] else ""
    done = f"Membership of {shown(fixed['group']['name'])} now runs from {fixed['start']}{until}."
    render(fixed, json_out, done=done)


@group.command("edit")
def edit(
    ctx: typer.Context,
    name: GroupArg,
    new_name: Annotated[str | None, typer.Option("--name", help="A new name.")] = None,
    time: Annotated[str | None, typer.Option(help="Meeting time, HH:MM ('' for none).")] = None,
    weekday: Annotated[str | None, typer.Option(help="Meeting day: mon .. sun.")] = None,
    days: Annotated[str | None, typer.Option(help="A drop-in group's open days, e.g. mon-fri.")] = None,
    location: Annotated[str | None, typer.Option(help="Where the group meets.")] = None,
    coach: Annotated[
        str | None, typer.Option(help="The Peer Life Coach (with staff defined: an active staff member).")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Rename a group or change when and where it meets; recorded meetings keep their dates.

    Example: peertool group edit Tuesday --name "Maple Room" --time 17:30
    """
    from peertool.people.groups import edit_group

    changes = {"name": new_name, "time": time, "weekday": weekday, "days": days, "location": location, "coach": coach}
    changed = edit_group(ctx.obj.open(), name, changes)
    render(changed, json_out, views.group, f"Updated group {changed['name']!r} (id {changed['id']}).")
