"""Calendar files that travel: time zones, globally unique UIDs, cancellations, sequence numbers (issue 15)."""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from helpers import Cli


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
