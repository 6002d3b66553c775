"""The counts export: only aggregates, no count from 1 to 10 shown, and no hidden count solvable from the totals
(issue 30, part 4). The solving is test_safety_disclosure's own attack, which shares no code with the module."""

from pathlib import Path
from typing import Any

from test_safety_disclosure import published_grid, recovered

from peertool.safety.disclosure import PublishedTable
from peertool.safety.export import export_data

from helpers import Cli


def _busy_quarter(cli: Cli) -> None:
    """Riverside's ten (Tuesdays) and a second group of twelve (Wednesdays), meeting every week of a quarter, one
    of Lakeside's absent each time; their twelve goals achieved in February."""
    cli.ok("group", "create", "Lakeside", "--start", "2026-01-07", "--weekday", "wed")
    for n in range(12):
        cli.ok("enroll", f"Lake Person{chr(65 + n)}", "--group", "Lakeside", "--enrolled-on", "2026-01-05",
               "--goal", "Ride the bus")  # fmt: skip
    for week in range(12):
        day = 6 + 7 * week
        cli.ok("meeting", "record", "Riverside", "--date", _date(day), "--absent", "2")
        cli.ok("meeting", "record", "Lakeside", "--date", _date(day + 1), "--absent", str(11 + week % 3))
    for goal in range(11, 23):
        cli.ok("goal", "update", str(goal), "--status", "achieved", "--date", "2026-02-10")


def _date(day_of_year: int) -> str:
    import datetime as dt

    return (dt.date(2026, 1, 1) + dt.timedelta(days=day_of_year - 1)).isoformat()


def _published(rows: list[dict[str, Any]], columns: list[str]) -> PublishedTable:
    """A table of the export read back as a reader has it: `*` is hidden."""

    def value(cell: Any) -> int | None:
        return None if cell == "*" else int(cell)

    label, months = columns[0], columns[1:-1]
    body, totals = rows[:-1], rows[-1]
    return {"name": label, "rows": [row[label] for row in body], "columns": months,
            "cells": [[value(row[m]) for m in months] for row in body],
            "row_totals": [value(row["total"]) for row in body],
            "column_totals": [value(totals[m]) for m in months], "total": value(totals["total"])}  # fmt: skip


def test_no_count_from_1_to_10_is_shown_and_none_hidden_can_be_solved(riverside: Cli, env: Path) -> None:
    _busy_quarter(riverside)
    db = riverside.open()
    try:
        from peertool.settings import load_settings

        export = export_data(db, load_settings(None), counts=True, start="2026-01-01", end="2026-03-31")
    finally:
        db.close()
    assert export["manifest"]["profile"] == "counts" and export["manifest"]["min_cell"] == 11
    shown: list[int] = []
    hidden = 0
    for name, rows in export["tables"].items():
        if name == "outcomes":
            continue
        table = _published(rows, export["columns"][name])
        grid = published_grid(table)
        values = [cell for row in grid for cell in row]
        assert not [v for v in values if v is not None and 1 <= v <= 10], name
        assert recovered(grid) == {}, name  # no hidden cell is solved from what is published
        shown += [v for v in values if v is not None]
        hidden += sum(v is None for v in values)
    assert max(shown) >= 11 and hidden > 0  # the test had something on each side
    assert all(set(entry) == {"table", "row", "column"} for entry in export["manifest"]["suppressed"])
    assert len(export["manifest"]["suppressed"]) == hidden


def test_the_smallest_count_shown_is_the_programs_own(riverside: Cli, env: Path) -> None:
    (env / "peertool.yaml").write_text("disclosure: {min_cell: 5}\n")
    riverside.ok("meeting", "record", "Riverside", "--date", "2026-01-13", "--absent", "2")
    folder = env / "counts"
    riverside.ok("--config", env / "peertool.yaml", "export", "--counts", "--format", "csv", "--out", folder,
                 "--from", "2026-01-01", "--to", "2026-03-31")  # fmt: skip
    assert (folder / "attendance.csv").read_text().splitlines()[1].endswith(",9,9")  # 9 present: shown at 5
    refused = riverside("export", "--counts", "--deidentify")
    assert refused.exit_code == 1 and "--counts writes only counts" in refused.stderr
