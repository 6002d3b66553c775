"""CLI: goal add/list/update, outing log/list, budget, review, report."""

from typing import Annotated, Optional

import typer

from peertool.cli.app import make_app
from peertool.cli.output import SheetFormat, emit_json, message, render, table
from peertool.cli.options import GroupArg, JsonOpt

goal_app = make_app(help="Participants' own goals and their progress.")
outing_app = make_app(help="Community outings, with a partner or alone.")


def _goal_table(goals: list[dict]) -> None:
    table("Goals", ["id", "participant", "goal", "domain", "status", "since", "story"],
          [[g["id"], g["participant"]["name"], g["text"], g["domain"], g["status"], g["created_on"],
            "; ".join(f"{u['date']} {u['status']}" + (f": {u['note']}" if u["note"] else "") for u in g["updates"])]
           for g in goals])


@goal_app.command("add")
def goal_add(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Participant id or name.")],
    text: Annotated[str, typer.Argument(help="The goal, in their own words.")],
    domain: Annotated[Optional[str], typer.Option(help="Life domain, e.g. transportation, housing, faith.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Add a participant's goal.

    Example: peertool goal add "Ada Quill" "Take the bus to the grocery store" --domain transportation
    """
    from peertool.goals import add_goal

    goal = add_goal(ctx.obj.open(), ref, text, domain=domain)
    render(goal, json_out, lambda g: _goal_table([g]), f"Added goal {goal['id']}.")


@goal_app.command("list")
def goal_list(
    ctx: typer.Context,
    ref: Annotated[Optional[str], typer.Argument(help="Only this participant's goals.")] = None,
    status: Annotated[Optional[str], typer.Option(help="active, achieved, paused or dropped.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """List goals with the story of each.

    Example: peertool goal list "Ada Quill" --status achieved
    """
    from peertool.goals import list_goals

    render(list_goals(ctx.obj.open(), ref, status=status), json_out, _goal_table)


@goal_app.command("update")
def goal_update(
    ctx: typer.Context,
    goal_id: Annotated[str, typer.Argument(metavar="ID", help="Goal id.")],
    status: Annotated[str, typer.Option(help="active, achieved, paused or dropped.")],
    note: Annotated[Optional[str], typer.Option(help="What happened.")] = None,
    date: Annotated[Optional[str], typer.Option(help="Date of the change (default today).")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Record progress on a goal; every update is kept with its date.

    Example: peertool goal update 3 --status achieved --note "Rode the bus alone on Friday"
    """
    from peertool.goals import update_goal

    goal = update_goal(ctx.obj.open(), goal_id, status, note=note, on=date)
    render(goal, json_out, lambda g: _goal_table([g]), f"Goal {goal['id']} is now {goal['status']}.")


def _outing_table(outings: list[dict]) -> None:
    table("Outings", ["id", "date", "kind", "who", "activity", "cost", "shares"],
          [[o["id"], o["date"], o["kind"], ", ".join(p["name"] for p in o["people"]), o["activity"], o["cost"],
            ", ".join(p["share"] for p in o["people"])] for o in outings])


@outing_app.command("log")
def outing_log(
    ctx: typer.Context,
    group: GroupArg,
    with_: Annotated[list[str], typer.Option("--with", help="Who went: twice for partners, once for solo.")],
    date: Annotated[str, typer.Option(help="Date of the outing, YYYY-MM-DD.")],
    activity: Annotated[str, typer.Option(help="What they did.")],
    cost: Annotated[Optional[str], typer.Option(help="What it cost, e.g. 12.50 (shared by partners).")] = None,
    note: Annotated[Optional[str], typer.Option(help="How it went.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Log a partner outing (two --with) or a solo outing (one --with).

    Example: peertool outing log Riverside --with "Ada Quill" --with 10 --date 2026-03-14 --activity "Museum" --cost 18
    """
    from peertool.outings import log_outing

    app_ctx = ctx.obj
    outing = log_outing(app_ctx.open(), group, with_=with_, date=date, activity=activity, cost=cost, note=note,
                        config=app_ctx.config)
    render(outing, json_out, lambda o: _outing_table([o]), f"Logged {outing['kind']} outing {outing['id']}.")


@outing_app.command("list")
def outing_list(ctx: typer.Context, group: GroupArg, json_out: JsonOpt = False) -> None:
    """List a group's outings.

    Example: peertool outing list Riverside --json
    """
    from peertool.outings import list_outings

    render(list_outings(ctx.obj.open(), group), json_out, _outing_table)


def budget(ctx: typer.Context, group: GroupArg, json_out: JsonOpt = False) -> None:
    """Activity fund spent and remaining, per participant and for the group.

    Example: peertool budget Riverside
    """
    from peertool.outings import budget as compute

    app_ctx = ctx.obj
    result = compute(app_ctx.open(), group, config=app_ctx.config)
    if json_out:
        emit_json(result)
        return
    fund = result["fund_per_participant"]
    table(f"Activity fund: {result['group']}" + (f" ({fund} each)" if fund else ""),
          ["id", "name", "spent", "remaining"],
          [[p["id"], p["name"], p["spent"], (p["remaining"] or "") + (" (over)" if p["over"] else "")]
           for p in result["participants"]] + [["", "group", result["total"]["spent"], result["total"]["remaining"]]])
    if not fund:
        message("No activity_fund is set in the config: showing spending only.")


def review(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Participant id or name.")],
    progressing: Annotated[str, typer.Option(help="yes or no: progressing at their level of functioning?")],
    wants_to_continue: Annotated[str, typer.Option(help="yes or no: wishes to continue with peer support?")],
    note: Annotated[Optional[str], typer.Option(help="Anything else for the record.")] = None,
    date: Annotated[Optional[str], typer.Option(help="Review date (default today).")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Record a continued-stay review and when the next is due.

    Example: peertool review "Ada Quill" --progressing yes --wants-to-continue yes
    """
    from peertool.reviews import record_review

    app_ctx = ctx.obj
    result = record_review(app_ctx.open(), ref, progressing=progressing, wants_to_continue=wants_to_continue,
                           note=note, on=date, config=app_ctx.config)
    render(result, json_out, lambda r: None,
           f"Reviewed {result['participant']['name']} on {result['date']}; next review due {result['next_due']}.")
    if result["suggestion"] and not json_out:
        message(f"Suggestion: {result['suggestion']}. Use `peertool discharge` if the participant agrees.")


def report(
    ctx: typer.Context,
    group: GroupArg,
    start: Annotated[Optional[str], typer.Option("--from", help="From this date (default: program start).")] = None,
    end: Annotated[Optional[str], typer.Option("--to", help="To this date (default: program end).")] = None,
    fmt: Annotated[SheetFormat, typer.Option("--format", "-f", help="table, markdown or json.")] = SheetFormat.table,
) -> None:
    """Person-centered outcomes: attendance, goals, outings, stage and reviews; attendance by month; threads.

    Example: peertool report Riverside --from 2026-01-06 --to 2026-06-30 --format markdown
    """
    from peertool import report as reports

    app_ctx = ctx.obj
    result = reports.build(app_ctx.open(), group, config=app_ctx.config, start=start, end=end)
    if fmt is SheetFormat.json:
        emit_json(result)
    elif fmt is SheetFormat.markdown:
        print(reports.to_markdown(result), end="")
    else:
        _report_table(result)


def _report_table(result: dict) -> None:
    from peertool import report as reports
    from peertool.outings import ready_solo_markdown

    table(f"{result['group']}: outcomes {result['from']} to {result['to']}", reports.PARTICIPANT_COLUMNS,
          reports.participant_rows(result))
    table("Attendance by month", ["month", "theme", "attendance"],
          [[m["month"], m["theme"], reports.bar(m["rate"])] for m in result["months"]])
    table("Most frequent threads", ["thread", "meetings", "last"],
          [[t["tag"], t["count"], t["last"]] for t in result["threads"]])
    for line in ready_solo_markdown(result["suggestions"]["ready_solo"])[3:]:
        message(line[2:])


def register(app: typer.Typer) -> None:
    app.add_typer(goal_app, name="goal")
    app.add_typer(outing_app, name="outing")
    app.command("budget")(budget)
    app.command("review")(review)
    app.command("report")(report)


commands = make_app()
register(commands)
