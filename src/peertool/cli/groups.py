"""CLI: group create/list/show/add/remove."""

from typing import Annotated, Optional

import typer

from peertool.cli.app import make_app
from peertool.cli.output import emit_json, fields, render, table
from peertool.cli.options import GroupArg, JsonOpt

group_app = make_app(help="Create groups and manage their members.")


def show_group(group: dict) -> None:
    fields(
        f"Group {group['name']}",
        [
            ("id", group["id"]),
            ("starts", group["start"]),
            ("meets", f"{group['weekday']} {group['time'] or ''}".strip()),
            ("location", group["location"]),
            ("coach", group["coach"]),
            ("members", len(group["members"])),
        ],
    )
    table(None, ["id", "name"], [[m["id"], m["name"]] for m in group["members"]])


@group_app.command("create")
def create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A name for the group, e.g. 'Tuesday Evenings'.")],
    start: Annotated[str, typer.Option(help="First day of the program year, YYYY-MM-DD.")],
    weekday: Annotated[str, typer.Option(help="Meeting day: mon, tue, wed, thu, fri, sat or sun.")],
    time: Annotated[Optional[str], typer.Option(help="Meeting time, HH:MM.")] = None,
    location: Annotated[Optional[str], typer.Option(help="Where the group meets.")] = None,
    coach: Annotated[Optional[str], typer.Option(help="The Peer Life Coach.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Create a group that meets weekly.

    Example: peertool group create Tuesday --start 2026-01-06 --weekday tue --time 18:00 --location "Library room B"
    """
    from peertool.groups import create_group

    group = create_group(
        ctx.obj.open(create=True), name, start=start, weekday=weekday, time=time, location=location, coach=coach
    )
    render(group, json_out, show_group, f"Created group {group['name']!r} (id {group['id']}).")


@group_app.command("list")
def list_(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """List groups with their sizes.

    Example: peertool group list --json
    """
    from peertool.groups import list_groups

    groups = list_groups(ctx.obj.open())
    if json_out:
        emit_json(groups)
        return
    table(
        "Groups",
        ["id", "name", "start", "meets", "location", "coach", "members"],
        [[g["id"], g["name"], g["start"], f"{g['weekday']} {g['time'] or ''}".strip(), g["location"], g["coach"], g["size"]] for g in groups],
    )


@group_app.command("show")
def show(ctx: typer.Context, name: GroupArg, json_out: JsonOpt = False) -> None:
    """Show a group and its active members.

    Example: peertool group show Tuesday
    """
    from peertool.groups import show_group as get_group

    render(get_group(ctx.obj.open(), name), json_out, show_group)


@group_app.command("add")
def add(
    ctx: typer.Context,
    name: GroupArg,
    refs: Annotated[list[str], typer.Argument(help="Participants (ids or names).")],
    json_out: JsonOpt = False,
) -> None:
    """Add participants to a group (all or none).

    Example: peertool group add Tuesday 1 2 "Dana Reyes"
    """
    from peertool.groups import add_members

    app_ctx = ctx.obj
    group = add_members(app_ctx.open(), name, refs, max_size=app_ctx.max_group_size)
    render(group, json_out, show_group, f"Added {len(refs)} to {group['name']!r}; it now has {len(group['members'])} members.")


@group_app.command("remove")
def remove(
    ctx: typer.Context,
    name: GroupArg,
    ref: Annotated[str, typer.Argument(help="Participant id or name.")],
    json_out: JsonOpt = False,
) -> None:
    """Take a participant out of a group (their history stays).

    Example: peertool group remove Tuesday "Dana Reyes"
    """
    from peertool.groups import remove_member

    group = remove_member(ctx.obj.open(), name, ref)
    render(group, json_out, show_group, f"Removed {ref} from {group['name']!r}; it now has {len(group['members'])} members.")


def register(app: typer.Typer) -> None:
    app.add_typer(group_app, name="group")


commands = make_app()
register(commands)
