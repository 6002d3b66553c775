"""How activities print: `activity list` / `show` / `log`, and the report's activities table."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from peertool.render.output import table

if TYPE_CHECKING:
    from peertool.outcomes.activities import ActivityFigures
    from peertool.program.activities import Activity

FIGURE_COLUMNS = ["activities by", "count"]


def activities(records: list[Activity]) -> None:
    table(
        "Activities",
        ["id", "date", "kind", "title", "mainstream", "who", "staff", "place", "cost", "paid by"],
        [
            [a["id"], a["date"], a["kind"], a["title"], "yes" if a["mainstream"] else "no",
             ", ".join(p["name"] for p in a["people"]), a["staff"] or "", a["place"] or "", a["cost"], a["paid_by"]]
            for a in records
        ],
    )  # fmt: skip


def figure_rows(counted: ActivityFigures) -> list[list[Any]]:
    """Each kind with activities, then the total, the people reached and the mainstream count and share."""
    if not counted["total"]:
        return []
    rows: list[list[Any]] = [[kind, count] for kind, count in counted["by_kind"].items() if count]
    mainstream = f"{counted['mainstream']} ({counted['mainstream'] / counted['total']:.0%})"
    return [*rows, ["total", counted["total"]], ["people reached", counted["people"]], ["mainstream", mainstream]]


def report_table(counted: ActivityFigures) -> None:
    """The report's activities, only when there were some (a group without any prints as it always did)."""
    if counted["total"]:
        table("Activities", FIGURE_COLUMNS, figure_rows(counted))


def report_markdown(counted: ActivityFigures, row: Callable[[list[Any]], str]) -> list[str]:
    lines = ["", "## Activities", "", row(FIGURE_COLUMNS), "|" + "---|" * len(FIGURE_COLUMNS)]
    return lines + ([row(cells) for cells in figure_rows(counted)] or ["No activities recorded."])
