import csv
import io
import json
from pathlib import Path
from typing import Any

from icalendar import Calendar

from helpers import PROGRAM_TABLE, Cli


def test_schedule_prints_the_program_table_without_a_database(cli: Cli) -> None:
    result = cli.ok("schedule")
    for line in PROGRAM_TABLE.splitlines():
        number, theme = line.split("\t")
        assert theme in result.stdout
    data = json.loads(cli.ok("schedule", "--format", "json").stdout)
    assert [m["theme"] for m in data] == [line.split("\t")[1] for line in PROGRAM_TABLE.splitlines()]
    assert not cli.db_path.exists()


def test_dated_json_and_on(cli: Cli) -> None:
    data = json.loads(cli.ok("schedule", "--start", "2026-01-31", "-f", "json").stdout)
    assert data[1]["start"] == "2026-02-28" and data[0]["end"] == "2026-02-27"
    month = json.loads(cli.ok("schedule", "--start", "2026-01-06", "--on", "2026-02-06", "-f", "json").stdout)
    assert month["month"] == 2 and month["theme"] == "Self-Care"
    assert month["meetings"][0] == "2026-02-10"


def test_on_refusals(cli: Cli) -> None:
    assert cli("schedule", "--on", "2026-02-06").exit_code == 1
    outside = cli("schedule", "--start", "2026-01-06", "--on", "2027-01-06")
    assert outside.exit_code == 1 and "outside the program year" in outside.stderr
    assert cli("schedule", "--start", "2026-02-30").exit_code == 1
    assert cli("schedule", "--start", "2026-01-06", "--weekday", "someday").exit_code == 1
    assert cli("schedule", "-f", "pdf").exit_code == 2
    assert cli("schedule", "-f", "ics").exit_code == 1


def test_group_schedule_uses_its_details(riverside: Cli) -> None:
    data = json.loads(riverside.ok("schedule", "--group", "riverside", "-f", "json").stdout)
    assert data[0]["meetings"][:2] == ["2026-01-06", "2026-01-13"]
    assert riverside("schedule", "--group", "Nowhere").exit_code == 3


def test_ics_parses_back_with_stable_unique_uids(riverside: Cli) -> None:
    first = riverside.ok("schedule", "--group", "Riverside", "-f", "ics").stdout
    second = riverside.ok("schedule", "--group", "Riverside", "-f", "ics").stdout
    events = Calendar.from_ical(first).walk("VEVENT")
    data = json.loads(riverside.ok("schedule", "--group", "Riverside", "-f", "json").stdout)
    assert len(events) == sum(len(m["meetings"]) for m in data)
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert uids == [str(e["uid"]) for e in Calendar.from_ical(second).walk("VEVENT")]
    first_event = events[0]
    assert first_event.decoded("dtstart").replace(tzinfo=None).isoformat() == "2026-01-06T18:00:00"
    assert first_event.decoded("duration").total_seconds() == 90 * 60
    assert str(first_event["location"]) == "Library room B"
    assert "month 1" in str(first_event["summary"]) and "Introduction & Goal Setting" in str(first_event["summary"])


def test_ics_duration_comes_from_config_and_out_is_private(cli: Cli, env: Path) -> None:
    (env / "peertool.yaml").write_text("meeting_minutes: 60\n")
    cli.ok("schedule", "--start", "2026-01-06", "--time", "10:00", "-f", "ics", "--out", env / "year.ics")
    assert (env / "year.ics").stat().st_mode & 0o777 == 0o600
    event = Calendar.from_ical((env / "year.ics").read_bytes()).walk("VEVENT")[0]
    assert event.decoded("duration").total_seconds() == 3600


def test_csv_and_markdown_round_trip(cli: Cli) -> None:
    data = json.loads(cli.ok("schedule", "--start", "2026-01-06", "-f", "json").stdout)
    rows = list(csv.DictReader(io.StringIO(cli.ok("schedule", "--start", "2026-01-06", "-f", "csv").stdout)))
    assert [_back(row) for row in rows] == data
    lines = cli.ok("schedule", "--start", "2026-01-06", "-f", "markdown").stdout.splitlines()
    header = [c.strip() for c in lines[2].strip("|").split("|")]
    body = [dict(zip(header, (c.strip() for c in line.strip("|").split("|")), strict=True)) for line in lines[4:]]
    assert [_back(row) for row in body] == data


def _back(row: dict[str, Any]) -> dict[str, Any]:
    """A CSV or Markdown row read back into the JSON shape."""
    out = dict(row, month=int(row["month"]))
    for key in ("meetings", "skipped"):
        out[key] = row[key].split("; ") if row[key] else []
    return out


def test_skip_dates_and_custom_themes_from_config(cli: Cli, env: Path) -> None:
    (env / "peertool.yaml").write_text("themes: [Arrival, Departure]\nskip_dates: [2026-01-13]\n")
    data = json.loads(cli.ok("schedule", "--start", "2026-01-06", "-f", "json").stdout)
    assert [m["theme"] for m in data] == ["Arrival", "Departure"]
    assert data[0]["skipped"] == ["2026-01-13"] and "2026-01-13" not in data[0]["meetings"]
    (env / "peertool.yaml").write_text("themes: [Arrival, 7]\n")
    assert cli("schedule").exit_code == 5
