"""CLI: plan edit/show/history: a participant's private wellness plan."""

from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import JsonOpt, RefArg, group_app
from peertool.render import recovery as views
from peertool.render.output import render

commands = make_app()
plan_app = group_app("plan")
commands.add_typer(plan_app, name="plan")

GUIDE = """\
# Wellness plan for participant {id}. It is theirs: write it with them, in their words.
# Lines starting with a single # are left out. Close the editor without
# changing anything, and nothing is saved.
"""


@plan_app.command("edit")
def plan_edit(
    ctx: typer.Context,
    ref: RefArg,
    from_file: Annotated[
        str | None, typer.Option("--from", metavar="FILE", help="Take the plan from a file ('-': standard input).")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Write or revise a participant's wellness plan in $EDITOR; each edit keeps the one before.

    The first draft has the sections: wellness toolbox, daily maintenance,
    triggers, early warning signs, when things are breaking down, crisis
    plan, post-crisis.

    Example: peertool plan edit "Ada Quill"
    """
    from peertool.people.wellness_plans import draft, save_plan

    db = ctx.obj.open()
    person, start = draft(db, ref)
    text = _from(from_file, ctx.obj.settings.file_bytes) if from_file is not None else _written(person["id"], start)
    saved = save_plan(db, person["id"], text)
    done = (
        f"Saved version {saved['version']} of the plan for participant {saved['participant']['id']}."
        if saved["changed"]
        else f"The plan is unchanged; it stays at version {saved['version']}."
    )
    render(saved, json_out, done=done)


def _from(source: str, max_bytes: int) -> str:
    """The plan from a file (refused over `max_bytes`) or standard input, read only up to one character past the
    longest plan allowed."""
    from pathlib import Path

    from peertool.cli.options import read_stdin
    from peertool.files import read_text
    from peertool.people.wellness_plans import LONGEST

    if source == "-":
        return read_stdin(LONGEST + 1)
    return read_text(Path(source), "--from", limit=LONGEST + 1, max_bytes=max_bytes)


def _written(pid: int, start: str) -> str:
    from peertool.cli.editor import edit_draft, without_comments

    return without_comments(edit_draft(GUIDE.format(id=pid) + start, "plan"))


@plan_app.command("show")
def plan_show(
    ctx: typer.Context,
    ref: RefArg,
    version: Annotated[int | None, typer.Option(min=1, help="An earlier version (see `plan history`).")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Print a participant's wellness plan: the only command that ever shows it.

    Example: peertool plan show "Ada Quill"
    """
    from peertool.people.wellness_plans import get_plan
    from peertool.render.output import write_text

    found = get_plan(ctx.obj.open(), ref, version=version)
    render(found, json_out, lambda p: write_text(p["text"] + "\n"))


@plan_app.command("history")
def plan_history(ctx: typer.Context, ref: RefArg, json_out: JsonOpt = False) -> None:
    """List the versions of a participant's plan, newest first: when each was written, never the text.

    Example: peertool plan history "Ada Quill"
    """
    from peertool.people.wellness_plans import history

    render(history(ctx.obj.open(), ref), json_out, views.plan_versions)
