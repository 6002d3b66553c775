"""How recovery outcomes print: measures, connections, goal attainment, and the report's sections on them.

The report's sections come as rows shared by the terminal table and the
printable Markdown, and scores over time as a small text chart (a sparkline
on the instrument's own range), so both renderings draw the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from peertool.render.output import table, whole

if TYPE_CHECKING:
    from peertool.outcomes.measures import Measure
    from peertool.outcomes.recovery import Change, GroupRecovery, Point
    from peertool.people.connections import Connection
    from peertool.people.wellness_plans import PlanLength

Record = Mapping[str, Any]  # a library result: a TypedDict, or a row
BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float], scale: list[int] | None) -> str:
    """Scores as bars on the instrument's range (or the values' own, for an instrument no longer defined)."""
    low, high = scale if scale else (min(values), max(values))
    if high <= low:
        return BLOCKS[0] * len(values)
    steps = len(BLOCKS) - 1
    return "".join(BLOCKS[round((min(max(v, low), high) - low) / (high - low) * steps)] for v in values)


def _value(point: Point) -> str:
    """A score as the change is measured: the percentage for WHO-5 and the like, else the score."""
    shown = f"{point['percent']:g}%" if point["percent"] is not None else f"{point['score']:g}"
    return f"{shown} {point['date']}"


def _flag(item: Change) -> str:
    if item["change"] is None:
        return "one measure"
    flag = {True: "gain", False: "drop", None: ""}[item["improved"]]
    return f"{item['change']:+g}" + (f" ({flag})" if flag else "")


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


MEASURE_COLUMNS = ["id", "name", "measure", "change", "over time", "first", "latest"]


def measure_rows(report: Record) -> list[list[Any]]:
    """Each person's first and latest score on each instrument, the change, and a chart of every score."""
    rows = []
    for person in report["participants"]:
        for item in person["measures"]:
            scale = "percent" if item["unit"] == "percentage points" else "score"
            chart = sparkline([p[scale] for p in item["scores"]], item["range"])
            rows.append([
                person["id"], person["name"], item["instrument"], _flag(item), chart, _value(item["first"]),
                _value(item["latest"]) + (" (low)" if item["low"] else ""),
            ])  # fmt: skip
    return rows


SPLIT_COLUMNS = ["active", "mainstream", "program", "unclassified", "mainstream share"]
CONNECTION_COLUMNS = ["id", "name", *SPLIT_COLUMNS, "active each month"]
MONTH_COLUMNS = ["month end", *SPLIT_COLUMNS]


def _split(counts: Record) -> list[Any]:
    """Active connections by setting, and the share of the classified ones that are mainstream."""
    return [counts["active"], counts["mainstream"], counts["program"], counts["unclassified"],
            _share(counts["mainstream_share"])]  # fmt: skip


def connection_rows(report: Record) -> list[list[Any]]:
    """Each person's connections active at the period's end, and how many were active at each month's end."""
    return [
        [p["id"], p["name"], *_split(c), " ".join(str(m["active"]) for m in c["by_month"])]
        for p in report["participants"]
        if (c := p["connections"]) is not None
    ]


def month_rows(report: Record) -> list[list[Any]]:
    """The group's connections at each month's end by setting: the path to mainstream, over time."""
    return [[m["month_end"], *_split(m)] for m in report["recovery"]["connections"]["by_month"]]


def _share(share: float | None) -> str:
    return "" if share is None else f"{round(share * 100)}%"


ATTAINMENT_COLUMNS = ["id", "name", "goals rated", "mean attainment", "at or above expected"]


def attainment_rows(report: Record) -> list[list[Any]]:
    """Each person's goal attainment (-2 to 2), for those with a rated goal."""
    return [
        [p["id"], p["name"], a["rated"], f"{a['mean']:+g}", a["at_or_above_expected"]]
        for p in report["participants"]
        if (a := p["attainment"])["rated"]
    ]


def summary_lines(group: GroupRecovery) -> list[str]:
    """The group's recovery figures in sentences."""
    lines = [
        f"{m['instrument']}: mean change {m['mean_change']:+g} {m['unit']} over {_people(m['people'])} "
        f"({m['improved']} meaningful gain(s), {m['worsened']} meaningful drop(s))."
        for m in group["measures"]
    ] or ["No one has two measures in this period yet."]
    ties = group["connections"]
    lines.append(
        f"Connections: {ties['active']} active for {_people(ties['people_with_any'])}, "
        f"{ties['mainstream']} mainstream, {ties['program']} program, {ties['unclassified']} unclassified "
        f"(mainstream share of those classified: {_share(ties['mainstream_share']) or 'none'})."
    )
    rated = group["attainment"]
    lines.append(
        f"Goal attainment: {rated['rated']} goal(s) rated, mean {rated['mean']:+g}, "
        f"{rated['at_or_above_expected']} at or above expected."
        if rated["rated"]
        else "Goal attainment: no goal rated yet."
    )
    return lines


def report_tables(report: Record) -> None:
    """The recovery sections of the report at a terminal."""
    table("Measures: the change (a meaningful gain or drop is marked), every score, first and latest",
          MEASURE_COLUMNS, measure_rows(report))  # fmt: skip
    months = f"{report['from'][:7]} to {report['to'][:7]}"
    by_month = [[*row[:-1], whole(row[-1])] for row in connection_rows(report)]  # a row of numbers is never wrapped
    table(f"Connections at {report['to']}, and at each month's end from {months}", CONNECTION_COLUMNS, by_month,
          drop_first=["mainstream share", "unclassified"])  # fmt: skip
    table("Connections at each month's end, for the group (the share is of those classified)", MONTH_COLUMNS,
          month_rows(report))  # fmt: skip
    table("Goal attainment", ATTAINMENT_COLUMNS, attainment_rows(report))
    table(None, ["recovery, for the group"], [[line] for line in summary_lines(report["recovery"])])


def report_markdown(report: Record, row: Any) -> list[str]:
    """The recovery sections of the printable report; `row` makes one Markdown table row."""
    lines = ["", "## Recovery", ""] + [f"- {line}" for line in summary_lines(report["recovery"])]
    for title, columns, rows, empty in (
        (
            "Measures (a meaningful gain or drop is marked)",
            MEASURE_COLUMNS,
            measure_rows(report),
            "No measures recorded.",
        ),
        ("Connections", CONNECTION_COLUMNS, connection_rows(report), "No connections recorded."),
        ("Connections each month, for the group", MONTH_COLUMNS, month_rows(report), "No months."),
        ("Goal attainment", ATTAINMENT_COLUMNS, attainment_rows(report), "No goal rated."),
    ):
        lines += ["", f"### {title}", "", row(columns), "|" + "---|" * len(columns)]
        lines += [row(cells) for cells in rows] or [empty]
    return lines


def measures(records: list[Measure]) -> None:
    table(
        "Measures",
        ["id", "who", "instrument", "date", "answers", "score", "percent"],
        [
            [m["id"], m["participant"]["name"], m["instrument"], m["date"], ",".join(map(str, m["answers"])),
             f"{m['score']:g}" + (" low" if m["low"] else ""), "" if m["percent"] is None else f"{m['percent']:g}%"]
            for m in records
        ],
    )  # fmt: skip


def connections(records: list[Connection]) -> None:
    table(
        "Connections",
        ["id", "who", "connection", "kind", "setting", "since", "ended"],
        [
            [c["id"], c["participant"]["name"], c["text"], c["kind"], c["setting"] or "", c["started_on"],
             c["ended_on"] or ""]
            for c in records
        ],
    )  # fmt: skip


def plan_versions(records: list[PlanLength]) -> None:
    table(
        "Wellness plan versions",
        ["version", "written (UTC)", "characters"],
        [[v["version"], v["written_at"], v["characters"]] for v in records],
    )
