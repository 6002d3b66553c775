"""A group already running brought in mid-year: when membership began, and correcting it (issue 24, item 1)."""

import datetime as dt
from pathlib import Path

import pytest

from helpers import Cli, Today

ROSTER = "name\nAda One\nBo Two\nCy Three\nDee Four\nEd Five\nFay Six\n"


@pytest.fixture
def elm(cli: Cli, env: Path, today: Today) -> Cli:
    """Group Elm began 2026-11-03; its roster, without dates, is imported on 2026-12-01."""
    today(dt.date(2026, 12, 1))
    cli.ok("group", "create", "Elm", "--start", "2026-11-03", "--weekday", "tue")
    (env / "roster.csv").write_text(ROSTER)
    return cli


def test_a_roster_without_dates_is_not_on_past_meetings_and_the_error_names_the_fix(elm: Cli, env: Path) -> None:
    elm.ok("enroll", "--from", env / "roster.csv", "--group", "Elm")
    refused = elm("meeting", "record", "Elm", "--date", "2026-11-10", "--absent", "Bo Two")
    assert refused.exit_code == 1
    assert "peertool group membership" in refused.stderr and "--start 2026-11-10" in refused.stderr


def test_an_empty_roster_is_refused_and_no_meeting_is_saved(elm: Cli, env: Path) -> None:
    elm.ok("enroll", "--from", env / "roster.csv", "--group", "Elm")
    before = elm.dump()
    for extra in (["--all-present"], []):
        refused = elm("meeting", "record", "Elm", "--date", "2026-11-10", *extra)
        assert refused.exit_code == 1, refused.stderr
        assert "no members on 2026-11-10" in refused.stderr
    assert elm.dump() == before


def test_a_joined_on_column_brings_the_group_in_with_its_past(elm: Cli, env: Path) -> None:
    (env / "roster.csv").write_text("name,joined_on\n" + "".join(f"{n},2026-11-03\n" for n in ROSTER.split("\n")[1:-1]))
    elm.ok("enroll", "--from", env / "roster.csv", "--group", "Elm")
    bo = elm.json("participant", "show", "Bo Two")
    assert bo["enrolled_on"] == "2026-11-03"  # no enrolled_on column: enrolled when they joined
    for day in ("2026-11-03", "2026-11-10", "2026-11-17", "2026-11-24"):
        met = elm.json("meeting", "record", "Elm", "--date", day, "--absent", "Bo Two")
        assert len(met["present"]) == 5 and [p["name"] for p in met["absent"]] == ["Bo Two"]


def test_enroll_joined_on_option_and_its_rules(elm: Cli) -> None:
    one = elm.json("enroll", "Gil Seven", "--group", "Elm", "--joined-on", "2026-11-03")
    assert one["enrolled_on"] == "2026-11-03"
    assert (
        elm.json("meeting", "record", "Elm", "--date", "2026-11-03", "--all-present")["present"][0]["id"] == one["id"]
    )
    before = elm.dump()
    alone = elm("enroll", "Hal Eight", "--joined-on", "2026-11-03")
    assert alone.exit_code == 1 and "--group" in alone.stderr
    early = elm("enroll", "Hal Eight", "--group", "Elm", "--enrolled-on", "2026-11-05", "--joined-on", "2026-11-03")
    assert early.exit_code == 1 and "before" in early.stderr
    assert elm.dump() == before


def test_group_membership_corrects_the_start_and_moves_enrollment_back_audited(elm: Cli, env: Path) -> None:
    elm.ok("enroll", "--from", env / "roster.csv", "--group", "Elm")
    audit_before = len(elm.json("audit"))
    fixed = elm.json("group", "membership", "Elm", "Bo Two", "--start", "2026-11-03")
    assert fixed["start"] == "2026-11-03" and fixed["end"] is None and fixed["enrolled_on"] == "2026-11-03"
    assert fixed["warnings"] and "2026-11-03" in fixed["warnings"][0]
    assert elm.json("participant", "show", "Bo Two")["enrolled_on"] == "2026-11-03"
    log = elm.json("audit")
    changed = {(e["table"], e["action"], e["command"]) for e in log[audit_before:]}
    assert ("memberships", "update", "peertool group membership") in changed
    assert ("participants", "update", "peertool group membership") in changed
    assert "Bo" not in str(log)
    for name in ("Ada One", "Cy Three", "Dee Four", "Ed Five", "Fay Six"):
        elm.ok("group", "membership", "Elm", name, "--start", "2026-11-03")
    met = elm.json("meeting", "record", "Elm", "--date", "2026-11-10", "--absent", "Bo Two")
    assert len(met["present"]) == 5


def test_group_membership_refuses_what_would_break_the_record(elm: Cli, env: Path) -> None:
    elm.ok("enroll", "--from", env / "roster.csv", "--group", "Elm")
    for name in ROSTER.split("\n")[1:-1]:
        elm.ok("group", "membership", "Elm", name, "--start", "2026-11-03")
    elm.ok("meeting", "record", "Elm", "--date", "2026-11-10", "--all-present")
    elm.ok("group", "create", "Oak", "--start", "2026-11-03", "--weekday", "wed")
    elm.ok("group", "remove", "Elm", "Bo Two", "--date", "2026-11-20")
    elm.ok("group", "add", "Oak", "Bo Two", "--date", "2026-11-25")
    before = elm.dump()
    cases = [
        (["Elm", "Bo Two", "--start", "2026-11-12"], 1, "2026-11-10"),  # his attendance would fall outside
        (["Elm", "Bo Two", "--end", "2026-11-26"], 1, "overlap"),  # into his Oak membership
        (["Oak", "Bo Two", "--end", "2026-11-30"], 1, "group remove"),  # still a member: that is a removal
        (["Oak", "Bo Two", "--start", "2026-11-19"], 1, "overlap"),
        (["Elm", "Bo Two", "--start", "2026-11-21"], 1, "after"),  # start after its end
        (["Oak", "Ada One", "--start", "2026-11-19"], 1, "never"),
        (["Elm", "Bo Two"], 1, "--start"),
        (["Elm", "Nobody Here", "--start", "2026-11-03"], 3, ""),
    ]
    for args, code, words in cases:
        refused = elm("group", "membership", *args)
        assert refused.exit_code == code, (args, refused.stderr)
        assert words in refused.stderr, (args, refused.stderr)
    assert elm.dump() == before
    fixed = elm.json("group", "membership", "Elm", "Bo Two", "--end", "2026-11-24")
    assert fixed["start"] == "2026-11-03" and fixed["end"] == "2026-11-24"


def test_participant_edit_of_the_same_group_with_a_date_is_refused_naming_the_fix(elm: Cli, env: Path) -> None:
    elm.ok("enroll", "--from", env / "roster.csv", "--group", "Elm")
    before = elm.dump()
    refused = elm(
        "participant", "edit", "Bo Two", "--enrolled-on", "2026-11-01", "--group", "Elm", "--date", "2026-11-03"
    )
    assert refused.exit_code == 1 and "peertool group membership" in refused.stderr
    assert elm.dump() == before
    late = elm("participant", "edit", "Bo Two", "--enrolled-on", "2026-12-05")
    assert late.exit_code == 1 and "joined" in late.stderr


def test_group_add_of_a_member_names_the_correction(elm: Cli, env: Path) -> None:
    elm.ok("enroll", "--from", env / "roster.csv", "--group", "Elm")
    again = elm("group", "add", "Elm", "Bo Two", "--date", "2026-11-03")
    assert again.exit_code == 4 and "peertool group membership 1 'Bo Two' --start" in again.stderr


def test_moving_a_meeting_to_a_date_with_an_empty_roster_is_refused(elm: Cli, env: Path) -> None:
    (env / "roster.csv").write_text("name,joined_on\n" + "".join(f"{n},2026-11-17\n" for n in ROSTER.split("\n")[1:-1]))
    elm.ok("enroll", "--from", env / "roster.csv", "--group", "Elm")
    elm.ok("meeting", "record", "Elm", "--date", "2026-11-17", "--all-present")
    before = elm.dump()
    refused = elm("meeting", "edit", "1", "--date", "2026-11-10")
    assert refused.exit_code == 1 and "no members on 2026-11-10" in refused.stderr
    assert elm.dump() == before
