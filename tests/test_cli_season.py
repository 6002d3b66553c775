"""Records that stay true over a season: membership with dates, attendance that follows it (issue 14)."""

import pytest

from helpers import Cli


@pytest.fixture
def season_cli(riverside: Cli) -> Cli:
    """Riverside's ten joined in the first week of January 2026."""
    return riverside


def attendance(cli: Cli, meeting_id: int) -> dict[int, bool]:
    meeting = cli.json("meeting", "show", str(meeting_id))
    return {**{p["id"]: True for p in meeting["present"]}, **{p["id"]: False for p in meeting["absent"]}}


def test_a_meeting_roster_is_the_members_on_its_date(season_cli: Cli) -> None:
    cli = season_cli
    cli.ok("enroll", "Nia Late", "--enrolled-on", "2026-03-01")
    cli.ok("group", "add", "Riverside", "Nia Late", "--date", "2026-03-15")
    cli.ok("group", "remove", "Riverside", "Ivo Serra", "--date", "2026-03-12")
    before = cli.json("meeting", "record", "Riverside", "--date", "2026-03-10", "--absent", "1")
    assert sorted(p["id"] for p in before["present"] + before["absent"]) == list(range(1, 11))
    after = cli.json("meeting", "record", "Riverside", "--date", "2026-03-17", "--absent", "1")
    assert sorted(p["id"] for p in after["present"] + after["absent"]) == [1, 2, 3, 4, 5, 6, 7, 8, 10, 11]


def test_naming_someone_who_was_not_a_member_that_day_is_refused(season_cli: Cli) -> None:
    cli = season_cli
    cli.ok("enroll", "Nia Late", "--enrolled-on", "2026-03-01")
    cli.ok("group", "add", "Riverside", "Nia Late", "--date", "2026-03-15")
    before = cli.dump()
    result = cli("meeting", "record", "Riverside", "--date", "2026-03-10", "--present", "Nia Late")
    assert result.exit_code == 1 and "not a member" in result.stderr and "2026-03-10" in result.stderr
    assert cli.dump() == before


def test_editing_attendance_changes_only_the_people_named(season_cli: Cli) -> None:
    cli = season_cli
    cli.ok("meeting", "record", "Riverside", "--date", "2026-03-10", "--absent", "1", "--absent", "2")
    cli.ok("enroll", "Nia Late", "--enrolled-on", "2026-03-01")
    cli.ok("group", "add", "Riverside", "Nia Late", "--date", "2026-03-15")
    cli.ok("discharge", "Ivo Serra", "--reason", "moved away", "--date", "2026-04-01")
    cli.ok("meeting", "edit", "1", "--absent", "8")
    marks = attendance(cli, 1)
    assert marks == {**{pid: True for pid in range(1, 11)}, 1: False, 2: False, 8: False}
    cli.ok("meeting", "edit", "1", "--present", "1")
    assert attendance(cli, 1)[1] is True and attendance(cli, 1)[2] is False


def test_a_discharge_ends_the_membership_on_its_date_and_reports_count_only_member_meetings(season_cli: Cli) -> None:
    cli = season_cli
    cli.ok("meeting", "record", "Riverside", "--date", "2026-03-10", "--absent", "2")
    cli.ok("discharge", "Ivo Serra", "--reason", "moved away", "--date", "2026-03-12")
    cli.ok("meeting", "record", "Riverside", "--date", "2026-03-17", "--absent", "2")
    cli.ok("meeting", "record", "Riverside", "--date", "2026-03-24", "--absent", "2")
    import json

    printed = cli.ok("report", "Riverside", "--format", "json").stdout
    report = {p["id"]: p for p in json.loads(printed)["participants"]}
    assert report[9]["attendance"] == {"present": 1, "recorded": 1, "rate": 1.0}
    assert report[1]["attendance"]["recorded"] == 3


def test_membership_dates_are_checked(season_cli: Cli) -> None:
    cli = season_cli
    cli.ok("enroll", "Nia Late", "--enrolled-on", "2026-03-01")
    assert cli("group", "add", "Riverside", "Nia Late", "--date", "2026-02-01").exit_code == 1  # before enrolling
    cli.ok("group", "remove", "Riverside", "Ivo Serra", "--date", "2026-03-12")
    assert cli("group", "add", "Riverside", "Ivo Serra", "--date", "2026-03-01").exit_code == 1  # overlaps
    assert cli("group", "remove", "Riverside", "Ada Quill", "--date", "2025-12-01").exit_code == 1  # before joining
