import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from helpers import PROGRAM_TABLE, Cli


@pytest.mark.sqlite_only
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


def events(text: str) -> list[Any]:
    return [c for c in Calendar.from_ical(text).walk() if c.name == "VEVENT"]


def ics(cli: Cli, *args: str) -> str:
    return cli.ok("schedule", "--group", "Riverside", "--format", "ics", *args).stdout


def test_events_carry_the_time_zone(riverside: Cli, env: Path) -> None:
    (env / "peertool.yaml").write_text("timezone: America/Chicago\n")
    text = ics(riverside)
    assert "BEGIN:VTIMEZONE" in text and "TZID:America/Chicago" in text
    first = events(text)[0]
    assert str(first.decoded("dtstart").tzinfo) == "America/Chicago"


def test_a_bad_time_zone_is_a_config_error(riverside: Cli, env: Path) -> None:
    (env / "peertool.yaml").write_text("timezone: Mars/Olympus\n")
    assert riverside("schedule", "--group", "Riverside", "--format", "ics").exit_code == 5


def test_uids_are_unique_across_databases_and_stable(riverside: Cli, env: Path) -> None:
    first = [str(e["uid"]) for e in events(ics(riverside))]
    assert first == [str(e["uid"]) for e in events(ics(riverside))]
    other = env / "other.db"
    riverside.ok("--db", other, "group", "create", "Riverside", "--start", "2026-01-06", "--weekday", "tue",
                 "--time", "18:00")  # fmt: skip
    second = [str(e["uid"]) for e in events(riverside.ok("--db", other, "schedule", "--group", "Riverside",
                                                         "--format", "ics").stdout)]  # fmt: skip
    assert len(first) == len(set(first)) and not set(first) & set(second)


def test_skipped_meetings_are_cancelled_events_with_their_uid(riverside: Cli, env: Path) -> None:
    plain = {str(e["uid"]): e for e in events(ics(riverside))}
    (env / "peertool.yaml").write_text("skip_dates: [2026-03-10]\n")
    skipped = {str(e["uid"]): e for e in events(ics(riverside))}
    assert plain.keys() == skipped.keys()
    cancelled = [e for e in skipped.values() if str(e.get("status")) == "CANCELLED"]
    assert len(cancelled) == 1 and cancelled[0].decoded("dtstart").date().isoformat() == "2026-03-10"


def test_sequence_and_last_modified_change_with_the_schedule(riverside: Cli) -> None:
    before = events(ics(riverside))[0]
    riverside.ok("group", "edit", "Riverside", "--weekday", "thu")
    after = events(ics(riverside))[0]
    assert int(after["sequence"]) == int(before["sequence"]) + 1
    assert str(after["uid"]) == str(before["uid"]) and "last-modified" in after


def test_a_machine_zone_python_cannot_load_gives_floating_times(
    riverside: Cli, env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peertool import settings

    monkeypatch.delenv("TZ", raising=False)
    zone = tmp_path / "zoneinfo" / "Nowhere" / "Atlantis"
    zone.parent.mkdir(parents=True)
    zone.write_bytes(b"not a zone file")
    (tmp_path / "localtime").symlink_to(zone)
    monkeypatch.setattr(settings, "LOCALTIME", str(tmp_path / "localtime"))
    first = events(ics(riverside))[0]
    assert first.decoded("dtstart").tzinfo is None


def test_start_calendars_at_different_times_share_no_uid(cli: Cli) -> None:
    """Two calendars from --start at 10:00 and 18:00 both survive an import into one client (khal kept 53 of 106)."""

    def uids(*args: str) -> list[str]:
        text = cli.ok("schedule", "--start", "2027-01-04", *args, "--format", "ics").stdout
        return [str(e["uid"]) for e in events(text)]

    morning, evening = uids("--time", "10:00"), uids("--time", "18:00")
    assert len(morning) == len(set(morning)) == 53 and not set(morning) & set(evening)
    assert not set(morning) & set(uids("--time", "10:00", "--weekday", "tue"))
    assert not set(morning) & set(uids())
    assert morning == uids("--time", "10:00")  # the same calendar again updates, not duplicates


def by_uid(text: str) -> dict[str, Any]:
    return {str(e["uid"]): e for e in events(text)}


def test_a_weekday_change_cancels_the_meeting_it_removes(riverside: Cli) -> None:
    """Tuesdays from 2026-01-06 give 53 meetings, Wednesdays 52: the 53rd must be cancelled, not left behind."""
    before = by_uid(ics(riverside))
    riverside.ok("group", "edit", "Riverside", "--weekday", "wed")
    after = by_uid(ics(riverside))
    assert before.keys() <= after.keys()
    (gone,) = [uid for uid, e in after.items() if str(e.get("status")) == "CANCELLED"]
    assert gone not in {uid for uid, e in after.items() if e.decoded("dtstart").weekday() == 2}
    assert after[gone].decoded("dtstart") == before[gone].decoded("dtstart")  # the Tuesday, 2027-01-05 18:00
    assert after[gone].decoded("dtstart").date() == dt.date(2027, 1, 5)
    assert int(after[gone]["sequence"]) == int(before[gone]["sequence"]) + 1
    live = [e for e in after.values() if str(e.get("status")) != "CANCELLED"]
    assert len(live) == 52 and {e.decoded("dtstart").weekday() for e in live} == {2}


def test_cancellations_survive_later_changes_and_a_return_restores(riverside: Cli) -> None:
    riverside.ok("group", "edit", "Riverside", "--weekday", "wed", "--time", "10:00")
    riverside.ok("group", "edit", "Riverside", "--weekday", "thu")
    after = by_uid(ics(riverside))
    cancelled = [e for e in after.values() if str(e.get("status")) == "CANCELLED"]
    assert len(after) == 53 and len(cancelled) == 1
    assert cancelled[0].decoded("dtstart").replace(tzinfo=None) == dt.datetime(2027, 1, 5, 18, 0)
    riverside.ok("group", "edit", "Riverside", "--weekday", "tue")
    back = by_uid(ics(riverside))
    assert back.keys() == after.keys() and not [e for e in back.values() if str(e.get("status")) == "CANCELLED"]


def test_one_months_calendar_keeps_the_years_uids(riverside: Cli) -> None:
    """`--on` prints one month; its events keep the UIDs they have in the whole year's calendar."""
    year = {str(e["uid"]): e.decoded("dtstart") for e in events(ics(riverside))}
    month = {str(e["uid"]): e.decoded("dtstart") for e in events(ics(riverside, "--on", "2026-03-10"))}
    assert len(month) == 4 and all(year[uid] == start for uid, start in month.items())
