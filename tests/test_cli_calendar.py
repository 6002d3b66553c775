"""Calendar files that travel: time zones, globally unique UIDs, cancellations, sequence numbers (issue 15)."""

from icalendar import Calendar


def events(text: str):
    return [c for c in Calendar.from_ical(text).walk() if c.name == "VEVENT"]


def ics(cli, *args: str) -> str:
    return cli.ok("schedule", "--group", "Riverside", "--format", "ics", *args).stdout


def test_events_carry_the_time_zone(riverside, env):
    (env / "peertool.yaml").write_text("timezone: America/Chicago\n")
    text = ics(riverside)
    assert "BEGIN:VTIMEZONE" in text and "TZID:America/Chicago" in text
    first = events(text)[0]
    assert str(first.decoded("dtstart").tzinfo) == "America/Chicago"


def test_a_bad_time_zone_is_a_config_error(riverside, env):
    (env / "peertool.yaml").write_text("timezone: Mars/Olympus\n")
    assert riverside("schedule", "--group", "Riverside", "--format", "ics").exit_code == 5


def test_uids_are_unique_across_databases_and_stable(riverside, env):
    first = [str(e["uid"]) for e in events(ics(riverside))]
    assert first == [str(e["uid"]) for e in events(ics(riverside))]
    other = env / "other.db"
    riverside.ok("--db", other, "group", "create", "Riverside", "--start", "2026-01-06", "--weekday", "tue",
                 "--time", "18:00")  # fmt: skip
    second = [str(e["uid"]) for e in events(riverside.ok("--db", other, "schedule", "--group", "Riverside",
                                                         "--format", "ics").stdout)]  # fmt: skip
    assert len(first) == len(set(first)) and not set(first) & set(second)


def test_skipped_meetings_are_cancelled_events_with_their_uid(riverside, env):
    plain = {str(e["uid"]): e for e in events(ics(riverside))}
    (env / "peertool.yaml").write_text("skip_dates: [2026-03-10]\n")
    skipped = {str(e["uid"]): e for e in events(ics(riverside))}
    assert plain.keys() == skipped.keys()
    cancelled = [e for e in skipped.values() if str(e.get("status")) == "CANCELLED"]
    assert len(cancelled) == 1 and cancelled[0].decoded("dtstart").date().isoformat() == "2026-03-10"


def test_sequence_and_last_modified_change_with_the_schedule(riverside):
    before = events(ics(riverside))[0]
    riverside.ok("group", "edit", "Riverside", "--weekday", "thu")
    after = events(ics(riverside))[0]
    assert int(after["sequence"]) == int(before["sequence"]) + 1
    assert str(after["uid"]) == str(before["uid"]) and "last-modified" in after


def test_a_machine_zone_python_cannot_load_gives_floating_times(riverside, env, tmp_path, monkeypatch):
    from peertool import settings

    monkeypatch.delenv("TZ", raising=False)
    zone = tmp_path / "zoneinfo" / "Nowhere" / "Atlantis"
    zone.parent.mkdir(parents=True)
    zone.write_bytes(b"not a zone file")
    (tmp_path / "localtime").symlink_to(zone)
    monkeypatch.setattr(settings, "LOCALTIME", str(tmp_path / "localtime"))
    first = events(ics(riverside))[0]
    assert first.decoded("dtstart").tzinfo is None
