"""How a drop-in group's report and prep sheet print: tables at a terminal, Markdown for a printer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peertool.render import activities
from peertool.render.output import console, table, visible

if TYPE_CHECKING:
    from peertool.outcomes.visit_prep import VisitPrep
    from peertool.outcomes.visits import VisitReport

PEOPLE_COLUMNS = ["id", "name", "visits", "days visited"]
WEEKDAY_COLUMNS = ["day", "visits"]
MONTH_COLUMNS = ["month", "visits", "visitors"]


def _title(report: VisitReport) -> str:
    return (
        f"{report['group']} ({report['program']}, drop-in): visits {report['from']} to {report['to']}: "
        f"{report['visits']} by {report['visitors']} people"
    )


def _people_rows(report: VisitReport) -> list[list[Any]]:
    return [[v["id"], v["name"], v["visits"], ", ".join(day[5:] for day in v["days"])] for v in report["people"]]


def _weekday_rows(report: VisitReport) -> list[list[Any]]:
    """Each open day, and any other day that had visits (a day it opened specially)."""
    return [[day, count] for day, count in report["weekdays"].items() if count or day in report["days"]]


def _month_rows(report: VisitReport) -> list[list[Any]]:
    return [[m["month"], m["visits"], m["visitors"]] for m in report["months"]]


def report_table(report: VisitReport) -> None:
    table(_title(report), PEOPLE_COLUMNS, _people_rows(report))
    table("Visits by day of the week", WEEKDAY_COLUMNS, _weekday_rows(report))
    table("Unique visitors by month", MONTH_COLUMNS, _month_rows(report))
    activities.report_table(report["activities"])


def markdown_row(cells: list[Any]) -> str:
    """A Markdown table row (a `|` inside a cell becomes `/`)."""
    return "| " + " | ".join(str(c).replace("|", "/") for c in cells) + " |"


def _section(title: str, columns: list[str], rows: list[list[Any]], empty: str) -> list[str]:
    head = ["", f"## {title}", "", markdown_row(columns), "|" + "---|" * len(columns)]
    return head + ([markdown_row(cells) for cells in rows] or [empty])


def report_markdown(report: VisitReport) -> str:
    """The drop-in report as printable Markdown: people, days of the week, months, activities."""
    lines = [f"# {_title(report)}"]
    lines += _section("Visits by person", PEOPLE_COLUMNS, _people_rows(report), "No visits recorded.")
    lines += _section("Visits by day of the week", WEEKDAY_COLUMNS, _weekday_rows(report), "No open days.")
    lines += _section("Unique visitors by month", MONTH_COLUMNS, _month_rows(report), "No visits recorded.")
    lines += activities.report_markdown(report["activities"], markdown_row)
    return "\n".join(lines) + "\n"


def prep_markdown(sheet: VisitPrep) -> str:
    """The week's sheet of a drop-in group: open days, planned activities, people not seen lately."""
    lines = [f"# {sheet['group']} ({sheet['program']}, drop-in): week of {sheet['from']} to {sheet['to']}", ""]
    lines += [
        f"- **Place:** {sheet['location'] or 'not set'}",
        f"- **Opens at:** {sheet['time'] or 'not set'}",
        f"- **Coach:** {sheet['coach'] or 'not set'}",
        "",
        "## Open days",
        "",
    ]
    lines += [
        f"- {d['day']} {d['date']}" + (" (skip date: closed)" if d["skipped"] else "") for d in sheet["open_days"]
    ]
    lines += [] if sheet["open_days"] else ["- none this week"]
    lines += ["", "## Planned activities", ""]
    lines += [
        f"- {a['date']} {a['kind']}: {a['title']}" + (f" at {a['place']}" if a["place"] else "")
        + (f" (staff: {a['staff']})" if a["staff"] else "")
        for a in sheet["activities"]
    ] or ["- none logged (log one ahead: `peertool activity log ... --future`)"]  # fmt: skip
    lines += ["", f"## Not seen for {sheet['unseen_weeks']} weeks or more", ""]
    lines += [
        f"- {p['name']} (id {p['id']}): " + (f"last visit {p['last_visit']}" if p["last_visit"] else
                                            f"no visit since enrolling on {p['enrolled_on']}")
        for p in sheet["unseen"]
    ] or ["- nobody"]  # fmt: skip
    return "\n".join(lines) + "\n"


def prep_table(sheet: VisitPrep) -> None:
    """The drop-in's week at a terminal: its Markdown, drawn by rich (links shown as text, as the IML sheet)."""
    from rich.markdown import Markdown

    console().print(Markdown(visible(prep_markdown(sheet)), hyperlinks=False))
