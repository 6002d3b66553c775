"""CLI: peertool schedule. Needs no database unless --group is given."""

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from peertool.cli.app import make_app

from peertool.cli.output import message


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    ics = "ics"


class Plan:
    """What a schedule is built from: the themes, and the dates and place if known.

    (A plain class: a dataclass would compile code at import, on every call.)
    """

    def __init__(self, themes: list[str], skip: frozenset, minutes: int):
        self.themes, self.skip, self.minutes = themes, skip, minutes
        self.start: dt.date | None = None
        self.weekday: int | None = None
        self.time: str | None = None
        self.location: str | None = None
        self.name = "Peer group"
        self.uid = ""


def schedule(
    ctx: typer.Context,
    start: Annotated[Optional[str], typer.Option(help="Program start date, YYYY-MM-DD.")] = None,
    group: Annotated[Optional[str], typer.Option("--group", "-g", help="Use this group's start, weekday, time and place.")] = None,
    weekday: Annotated[Optional[str], typer.Option(help="With --start: meeting day (default: the start's weekday).")] = None,
    time: Annotated[Optional[str], typer.Option(help="With --start: meeting time HH:MM, for the calendar.")] = None,
    on: Annotated[Optional[str], typer.Option(help="Only the month containing this date (YYYY-MM-DD or 'today').")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table, json, csv, markdown or ics.")] = Format.table,
    out: Annotated[Optional[Path], typer.Option(help="Write to this file (mode 0600) instead of stdout.")] = None,
) -> None:
    """Print the 12-month theme schedule, dated for a group or a start date.

    Example: peertool schedule --group Riverside --on today --format json
    """
    from peertool.schedule import program

    plan = _plan(ctx.obj, start, group, weekday, time)
    _check_format(plan, fmt, out, on)
    months = program(plan.themes, plan.start, plan.weekday, plan.skip)
    if on is not None:
        months = [_month_on(months, on)]
    if fmt is Format.table:
        _table(months, plan)
        return
    text = _export(months, plan, fmt, single=on is not None)
    if out:
        from peertool.files import write_private

        write_private(out, text.encode())
        message(f"Wrote {out}.")
    else:
        print(text, end="")


def _plan(app_ctx, start, group, weekday, time) -> Plan:
    from peertool import validate
    from peertool.errors import InvalidInput

    if start and group:
        raise InvalidInput("give --start or --group, not both.")
    if (weekday or time) and not start:
        raise InvalidInput("--weekday and --time go with --start (a group has its own).")
    config = app_ctx.config
    from peertool.schedule import skip_set

    plan = Plan(config["themes"], skip_set(config["skip_dates"]),
                config["meeting_minutes"])
    if start:
        plan.start = dt.date.fromisoformat(validate.date("start", start))
        plan.weekday = validate.weekday("weekday", weekday) if weekday else plan.start.weekday()
        plan.time = validate.clock("time", time) if time else None
        plan.uid = f"start{plan.start:%Y%m%d}"
    elif group:
        from peertool.groups import resolve_group

        row = resolve_group(app_ctx.open(), group)
        plan.start, plan.weekday = dt.date.fromisoformat(row["start_on"]), row["weekday"]
        plan.time, plan.location, plan.name = row["time"], row["location"], row["name"]
        plan.uid = f"group{row['id']}"
    return plan


def _check_format(plan: Plan, fmt: Format, out: Path | None, on: str | None) -> None:
    from peertool.errors import InvalidInput

    if plan.start is None and (on is not None or fmt is Format.ics):
        raise InvalidInput(f"{'--on' if on is not None else '--format ics'} needs dates: give --start or --group.")
    if out and fmt is Format.table:
        raise InvalidInput("--out needs --format json, csv, markdown or ics.")


def _month_on(months, on: str):
    from peertool import validate
    from peertool.errors import InvalidInput
    from peertool.schedule import month_on

    day = dt.date.today() if on.strip().lower() == "today" else dt.date.fromisoformat(validate.date("on", on))
    month = month_on(months, day)
    if month is None:
        raise InvalidInput(f"on: {day} is outside the program year ({months[0].start} to {months[-1].end}).")
    return month


def _export(months, plan: Plan, fmt: Format, *, single: bool) -> str:
    if fmt is Format.json:
        import json

        data = [m.as_dict() for m in months]
        return json.dumps(data[0] if single else data, indent=2, ensure_ascii=False) + "\n"
    from peertool import schedule_export

    if fmt is Format.csv:
        return schedule_export.to_csv(months)
    if fmt is Format.markdown:
        return schedule_export.to_markdown(months, f"{plan.name}: program schedule")
    return schedule_export.to_ics(
        months, uid_key=plan.uid, name=plan.name, time=plan.time, minutes=plan.minutes, location=plan.location
    ).decode()


def _table(months, plan: Plan) -> None:
    """On a terminal the current month is green and the next meeting reversed."""
    import calendar

    from rich.text import Text

    from peertool.cli.output import table
    from peertool.schedule import month_on, next_meeting

    if plan.start is None:
        table("Program themes", ["month", "theme"], [[m.month, m.theme] for m in months])
        return
    today = dt.date.today()
    current, upcoming = month_on(months, today), next_meeting(months, today)
    rows = []
    for m in months:
        style = "bold green" if m is current else ""
        meetings = Text(", ").join(Text(f"{d:%b} {d.day}", style="reverse" if d == upcoming else "") for d in m.meetings)
        skipped = ", ".join(f"{d:%b} {d.day}" for d in m.skipped)
        rows.append([Text(str(m.month), style), Text(m.theme, style), Text(str(m.start), style),
                     Text(str(m.end), style), meetings, skipped])
    title = f"{plan.name}: {calendar.day_name[plan.weekday]}s {plan.time or ''}".rstrip()
    table(title + (f", {plan.location}" if plan.location else ""),
          ["month", "theme", "start", "end", "meetings", "skipped"], rows)


def register(app: typer.Typer) -> None:
    app.command("schedule")(schedule)


commands = make_app()
register(commands)
