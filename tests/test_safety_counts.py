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


def test_units_by_billing_line_intervention_and_mode_share_each_days_units(riverside: Cli, env: Path) -> None:
    """A day's 44 minutes of one person's contacts bill 3 units (eight-minute rule), shared by minutes between the
    two contacts, the call's share between its two interventions; the table adds up to the units billed."""
    day = ["--date", "2026-02-11"]
    riverside.ok("note", "add", "1", "Call", "--mode", "phone", "--minutes", "22", "--intervention",
                 "self-help,advocacy", *day)  # fmt: skip
    riverside.ok("note", "add", "1", "Visit", "--mode", "in-person", "--minutes", "22", *day)
    riverside.ok("note", "add", "2", "Bus route", "--mode", "in-person", "--minutes", "30", "--intervention",
                 "self-help", *day)  # fmt: skip
    riverside.ok("meeting", "record", "Riverside", "--date", "2026-02-10", "--absent", "3", "--absent", "4")

    def units(config: str) -> dict[str, str]:
        export = _unhidden(riverside, env, "2026-02-28", config)
        assert export["columns"]["units"] == ["billing line/intervention/mode", "2026-02", "total"]
        return {row["billing line/intervention/mode"]: str(row["total"]) for row in export["tables"]["units"]}

    # Shares: the visit ("none") 1.5, the call's advocacy and self-help 0.75 each; the other person's 30 minutes
    # of self-help 2; eight present at the 90-minute meeting, 6 units each. Whole units by largest remainder.
    assert units("") == {
        "H0038-HQ/group session/group": "48", "H0038/advocacy/phone": "1", "H0038/none/in-person": "1",
        "H0038/self-help/in-person": "2", "H0038/self-help/phone": "1", "total": "53",
    }  # fmt: skip
    # Each contact its own units: 22 minutes make 1, the call's split between advocacy and self-help.
    assert units("billing: {count_by: record}\n") == {
        "H0038-HQ/group session/group": "48", "H0038/advocacy/phone": "1", "H0038/none/in-person": "1",
        "H0038/self-help/in-person": "2", "H0038/self-help/phone": "0", "total": "52",
    }  # fmt: skip


def test_each_billing_lines_month_adds_up_to_its_units_billed(riverside: Cli, env: Path) -> None:
    """Three 20-minute contacts a day bill 4 units, 4/3 each: whole units by largest remainder within each month,
    never a remainder of February's given to January."""
    for day, intervention in (("2026-02-11", "advocacy"), ("2026-03-11", "self-help")):
        for mode in ("in-person", "phone", "video"):
            riverside.ok("note", "add", "1", "Check-in", "--mode", mode, "--minutes", "20", "--date", day,
                         "--intervention", intervention)  # fmt: skip
    total = _unhidden(riverside, env, "2026-03-31")["tables"]["units"][-1]
    assert (str(total["2026-02"]), str(total["2026-03"]), str(total["total"])) == ("4", "4", "8")


def _unhidden(cli: Cli, env: Path, end: str, config: str = "") -> dict[str, Any]:
    """The counts export from February to `end` with nothing hidden (`min_cell` 1), so every share is seen."""
    from peertool.settings import load_settings

    (env / "open.yaml").write_text("disclosure: {min_cell: 1}\n" + config)
    db = cli.open()
    try:
        return dict(export_data(db, load_settings(str(env / "open.yaml")), counts=True, start="2026-02-01", end=end))
    finally:
        db.close()
