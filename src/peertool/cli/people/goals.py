"""CLI: goal add/list/update."""

from typing import Annotated

import typer

from peertool.cli.base import make_app
from peertool.cli.options import FutureOpt, GoalStatus, JsonOpt, RefArg, complete_people, group_app
from peertool.render import people as views
from peertool.render.output import render

commands = make_app()
goal_app = group_app("goal")
commands.add_typer(goal_app, name="goal")
StatusHelp = "Where the goal stands."
TreatmentGoalOpt = Annotated[
    str | None, typer.Option(help="The clinical plan's own goal this one serves, in its words or its id there.")
]


@goal_app.command("add")
def goal_add(
    ctx: typer.Context,
    ref: RefArg,
    text: Annotated[str, typer.Argument(help="The goal, in their own words.")],
    domain: Annotated[str | None, typer.Option(help="Life domain, e.g. transportation, housing, faith.")] = None,
    treatment_goal: TreatmentGoalOpt = None,
    date: Annotated[str | None, typer.Option(help="When the goal was set (default today).")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Add a participant's goal.

    Example: peertool goal add "Ada Quill" "Take the bus to the grocery store" --domain transportation
    """
    from peertool.people.goals import add_goal

    goal = add_goal(ctx.obj.open(), ref, text, domain=domain, treatment_goal=treatment_goal, on=date)
    render(goal, json_out, lambda g: views.goals([g]), f"Added goal {goal['id']}.")


@goal_app.command("list")
def goal_list(
    ctx: typer.Context,
    ref: Annotated[
        str | None, typer.Argument(help="Only this participant's goals.", autocompletion=complete_people)
    ] = None,
    status: Annotated[GoalStatus | None, typer.Option(case_sensitive=False, help=StatusHelp)] = None,
    json_out: JsonOpt = False,
) -> None:
    """List goals with the story of each.

    Example: peertool goal list "Ada Quill" --status achieved
    """
    from peertool.people.goals import list_goals

    render(list_goals(ctx.obj.open(), ref, status=status), json_out, views.goals)


@goal_app.command("update")
def goal_update(
    ctx: typer.Context,
    goal_id: Annotated[str, typer.Argument(metavar="ID", help="Goal id.")],
    status: Annotated[GoalStatus | None, typer.Option(case_sensitive=False, help=StatusHelp)] = None,
    attainment: Annotated[
        int | None,
        typer.Option(
            min=-2,
            max=2,
            help="Goal attainment scaling: -2 much less than expected, -1 less, 0 as expected, 1 more, 2 much more.",
        ),
    ] = None,
    note: Annotated[str | None, typer.Option(help="What happened.")] = None,
    date: Annotated[str | None, typer.Option(help="Date of the change (default today).")] = None,
    future: FutureOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Record progress on a goal: its status, its attainment, or both; every update is kept with its date.

    Example: peertool goal update 3 --status achieved --attainment 1 --note "Rode the bus alone on Friday"
    """
    from peertool.people.goals import update_goal

    goal = update_goal(ctx.obj.open(), goal_id, status, attainment=attainment, note=note, on=date, future=future)
    rated = "" if goal["attainment"] is None else f", attainment {goal['attainment']:+d}"
    render(goal, json_out, lambda g: views.goals([g]), f"Goal {goal['id']} is now {goal['status']}{rated}.")


@goal_app.command("edit")
def goal_edit(
    ctx: typer.Context,
    goal_id: Annotated[str, typer.Argument(metavar="ID", help="Goal id.")],
    text: Annotated[str | None, typer.Option(help="The goal, in their own words.")] = None,
    domain: Annotated[str | None, typer.Option(help="Life domain, e.g. transportation.")] = None,
    treatment_goal: TreatmentGoalOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Correct a goal's words or domain, or its link to the treatment goal ('' removes it); its story stays.

    Example: peertool goal edit 3 --treatment-goal "Plan goal 2: use public transport"
    """
    from peertool.people.goals import edit_goal

    goal = edit_goal(ctx.obj.open(), goal_id, text=text, domain=domain, treatment_goal=treatment_goal)
    render(goal, json_out, lambda g: views.goals([g]), f"Updated goal {goal['id']}.")
