"""How decreasing reliance prints: each person's months as a trend, one row per person.

A short period reads as arrows (`2→1→0`); a longer one as one character a
month so a year fits 80 columns: `·` for none, else a digit for a count (`+`
for ten or more), and for minutes a bar against the person's own busiest
month, whose minutes follow. The JSON carries every number.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from peertool.render.output import table, whole
from peertool.render.recovery import BLOCKS

if TYPE_CHECKING:
    from peertool.outcomes.reliance import Reliance

Record = Mapping[str, Any]  # a library result: a TypedDict, or a row
ARROWS_UP_TO = 6  # months: longer periods draw one character a month
OUTING_COLUMNS = ["id", "name", "with coach", "partner", "group", "solo"]
OUTING_KEYS = ["with_coach", "partner", "group", "solo"]  # the order reliance decreases in
SUPPORT_COLUMNS = ["id", "name", "contact minutes", "mainstream", "program", "unclassified"]
SETTINGS: tuple[Literal["mainstream", "program", "unclassified"], ...] = ("mainstream", "program", "unclassified")


def trend(values: list[int]) -> str:
    """Counts month by month: `2→1→0`, or for a long period one character a month: `·` for none, a digit, `+` for
    ten or more (`21··1·`)."""
    if len(values) <= ARROWS_UP_TO:
        return "→".join(map(str, values))
    return "".join("·" if not v else str(v) if v < 10 else "+" for v in values)


def minutes_trend(values: list[int]) -> str:
    """Minutes month by month: `90→15→0`, or for a long period a bar a month against the busiest, then its
    minutes (`█▂·· 90`)."""
    if len(values) <= ARROWS_UP_TO:
        return trend(values)
    top = max(values)
    if not top:
        return "·" * len(values)
    steps = len(BLOCKS) - 1
    return "".join("·" if not v else BLOCKS[max(1, round(v / top * steps))] for v in values) + f" {top}"


def outing_rows(people: list[Reliance]) -> list[list[Any]]:
    """Each person's outings by kind, month by month, from the most reliant kind to going alone."""
    return [[p["id"], p["name"], *(trend([m["outings"][k] for m in p["months"]]) for k in OUTING_KEYS)]
            for p in people]  # fmt: skip


def support_rows(people: list[Reliance]) -> list[list[Any]]:
    """Each person's individual contact minutes, and connections by setting at each month's end."""
    return [
        [p["id"], p["name"], minutes_trend([m["contact_minutes"] for m in p["months"]]),
         *(trend([m["connections"][s] for m in p["months"]]) for s in SETTINGS)]
        for p in people
    ]  # fmt: skip


def _sections(report: Record) -> list[tuple[str, list[str], list[list[Any]], list[str]]]:
    """Each table: its title, columns, rows, and the columns left out first at a narrow terminal."""
    months = f"month by month from {report['from'][:7]} to {report['to'][:7]}"
    people = report["reliance"]
    return [
        (f"Decreasing reliance, {months}: outings by kind", OUTING_COLUMNS, outing_rows(people), []),
        (f"Decreasing reliance, {months}: individual contact minutes, connections at each month's end",
         SUPPORT_COLUMNS, support_rows(people), ["unclassified"]),
    ]  # fmt: skip


def report_tables(report: Record) -> None:
    """The reliance section of the report at a terminal: a trend is never wrapped (it is left out instead)."""
    for title, columns, rows, drop_first in _sections(report):
        table(title, columns, [[*r[:2], *map(whole, r[2:])] for r in rows], drop_first=drop_first)


def report_markdown(report: Record, row: Any) -> list[str]:
    """The reliance section of the printable report; `row` makes one Markdown table row."""
    lines = ["", "## Decreasing reliance"]
    for title, columns, rows, _ in _sections(report):
        lines += ["", f"### {title}", "", row(columns), "|" + "---|" * len(columns)]
        lines += [row(cells) for cells in rows] or ["No one in this period."]
    return lines
