"""`peertool group`: groups, their members and when membership began, corrected when a group came in mid-year."""

import datetime as dt
from pathlib import Path

import pytest

from peertool import clock

from helpers import ROSTER, Cli, Today, drop_in


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


def test_group_add_of_a_member_names_the_correction(elm: Cli, env: Path) -> None:
    elm.ok("enroll", "--from", env / "roster.csv", "--group", "Elm")
    again = elm("group", "add", "Elm", "Bo Two", "--date", "2026-11-03")
    assert again.exit_code == 4 and "peertool group membership 1 'Bo Two' --start" in again.stderr


def test_group_add_over_the_maximum_counts_what_the_group_has(riverside: Cli) -> None:
    for name in ("Kit Eleven", "Lou Twelve", "Mo Thirteen"):
        riverside.ok("enroll", name)
    before = riverside.dump()
    refused = riverside("group", "add", "Riverside", "11", "12", "13")
    assert refused.exit_code == 1
    assert (
        "has 10 members" in refused.stderr and "would make 13" in refused.stderr and "12 members" not in refused.stderr
    )
    assert riverside.dump() == before


def test_group_edit_renames_and_moves_the_schedule(riverside: Cli) -> None:
    cli = riverside
    cli.ok("meeting", "record", "Riverside", "--date", "2026-01-13", "--absent", "1")
    cli.ok("group", "create", "Hillside", "--start", "2026-01-07", "--weekday", "wed")
    assert cli("group", "edit", "Riverside", "--name", "hillside").exit_code == 4
    group = cli.json("group", "edit", "Riverside", "--name", "Maple Room", "--weekday", "thu", "--time", "17:30",
                     "--location", "Room 2", "--coach", "Coach Lin")  # fmt: skip
    assert (group["name"], group["weekday"], group["time"], group["location"]) == (
        "Maple Room",
        "thu",
        "17:30",
        "Room 2",
    )
    assert cli.json("meeting", "show", "1")["date"] == "2026-01-13"
    schedule = cli.ok("schedule", "--group", "Maple Room", "--format", "json").stdout
    assert '"2026-01-08"' in schedule and '"2026-01-13"' not in schedule


def test_group_commands(riverside: Cli) -> None:
    cli = riverside
    groups = cli.json("group", "list")
    assert groups[0]["name"] == "Riverside" and groups[0]["size"] == 10 and groups[0]["weekday"] == "tue"
    cli.ok("enroll", "Kai Moss")
    cli.ok("enroll", "Lia Fern")
    cli.ok("group", "add", "Riverside", "Kai Moss", "Lia Fern")
    cli.ok("enroll", "Max Dale")
    full = cli("group", "add", "Riverside", "Max Dale")
    assert full.exit_code == 1 and "12 members" in full.stderr
    cli.ok("group", "remove", "Riverside", "Kai Moss")
    shown = cli.json("group", "show", "riverside")
    assert len(shown["members"]) == 11
    assert {"id", "name"} == set(shown["members"][0])
    assert cli("group", "create", "Riverside", "--start", "2026-01-01", "--weekday", "mon").exit_code == 4
    assert cli("group", "create", "New", "--start", "2026-01-01", "--weekday", "mon", "--time", "7pm").exit_code == 1
    assert cli("group", "show", "Nowhere").exit_code == 3


def test_a_weekday_range_is_refused_not_cut_to_its_first_day(riverside: Cli) -> None:
    before = riverside.dump()
    created = riverside("group", "create", "Elm", "--start", "2026-11-02", "--weekday", "mon-fri")
    edited = riverside("group", "edit", "Riverside", "--weekday", "mo")
    scheduled = riverside("schedule", "--start", "2026-11-02", "--weekday", "monx")
    for result in (created, edited, scheduled):
        assert result.exit_code == 1, (result.stdout, result.stderr)
        assert result.stderr.startswith("Error: weekday:") and "mon, tue, wed, thu, fri, sat, sun" in result.stderr
    assert riverside.dump() == before


def test_membership_dates_are_checked(season_cli: Cli) -> None:
    cli = season_cli
    cli.ok("enroll", "Nia Late", "--enrolled-on", "2026-03-01")
    assert cli("group", "add", "Riverside", "Nia Late", "--date", "2026-02-01").exit_code == 1  # before enrolling
    cli.ok("group", "remove", "Riverside", "Ivo Serra", "--date", "2026-03-12")
    assert cli("group", "add", "Riverside", "Ivo Serra", "--date", "2026-03-01").exit_code == 1  # overlaps
    assert cli("group", "remove", "Riverside", "Ada Quill", "--date", "2025-12-01").exit_code == 1  # before joining


def test_groups_carry_their_status_and_prep_for_an_ended_group_says_what_next(riverside: Cli) -> None:
    with clock.frozen(dt.date(2025, 12, 1)):
        assert riverside.json("group", "show", "Riverside")["status"] == "upcoming"
    with clock.frozen(dt.date(2026, 6, 1)):
        assert riverside.json("group", "list")[0]["status"] == "running"
    with clock.frozen(dt.date(2027, 2, 1)):
        assert riverside.json("group", "show", "Riverside")["status"] == "ended"
        result = riverside("prep", "Riverside")
    assert result.exit_code == 1 and "ended on 2027-01-05" in result.stderr and "group create" in result.stderr


def test_adding_to_a_paired_group_warns_who_has_no_partner(riverside: Cli) -> None:
    riverside.ok("pair", "Riverside")
    riverside.ok("enroll", "Late Comer")
    result = riverside.ok("group", "add", "Riverside", "Late Comer")
    assert "Late Comer (id 11) has no partner" in result.stderr, result.stderr
    assert "11 members, an odd number" in result.stderr


def test_a_weekday_range_points_to_days_for_a_drop_in(cli: Cli) -> None:
    for raw in ("mon-fri", "mon,wed,fri"):
        refused = cli("group", "create", "Elm", "--start", "2026-11-02", "--weekday", raw)
        assert refused.exit_code == 1, refused.stderr
        assert "one day" in refused.stderr and "--days" in refused.stderr
    assert cli.json("group", "list") == []


INDEPENDENCE = "programs:\n  independence: {kind: drop-in, days: mon-fri}\n"


def test_a_drop_in_group_is_a_place_and_its_open_days(riverside: Cli, env: Path) -> None:
    (env / "peertool.yaml").write_text(INDEPENDENCE)
    made = riverside.json("group", "create", "Main St", "--program", "independence", "--start", "2026-01-05")
    assert (made["program"], made["days"], made["weekday"]) == (
        "independence",
        ["mon", "tue", "wed", "thu", "fri"],
        "mon",
    )
    assert made["status"] == "running" and made["members"] == []
    few = riverside.json(
        "group", "create", "Annex", "--program", "independence", "--start", "2026-01-07", "--days", "wed,fri"
    )
    assert (few["days"], few["weekday"]) == (["wed", "fri"], "wed")  # weekday: the first open day
    listed = {g["name"]: g for g in riverside.json("group", "list")}
    assert (listed["Riverside"]["program"], listed["Riverside"]["days"]) == ("iml", None) and listed["Main St"][
        "program"
    ] == "independence"
    assert riverside.json("group", "edit", "Annex", "--days", "mon-wed")["days"] == ["mon", "tue", "wed"]
    assert riverside.json("group", "show", "Riverside")["program"] == "iml"  # stable keys


def test_what_does_not_fit_a_program_is_refused_changing_nothing(riverside: Cli, env: Path) -> None:
    (env / "peertool.yaml").write_text(INDEPENDENCE)
    riverside.ok("group", "create", "Main St", "--program", "independence", "--start", "2026-01-05")
    before = riverside.dump()
    start = ("--start", "2026-01-05")
    cases = [
        (["group", "create", "X", "--program", "clubhouse", *start, "--weekday", "mon"], "iml, independence"),
        (["group", "create", "X", "--program", "independence", *start, "--weekday", "mon"], "--days"),
        (["group", "create", "X", *start, "--weekday", "mon", "--days", "mon-fri"], "group-year"),
        (["group", "create", "X", "--program", "independence", *start, "--days", "fri-mon"], "not a day"),
        (["group", "edit", "Riverside", "--days", "mon"], "drop-in"),
        (["group", "edit", "Main St", "--weekday", "tue"], "--days"),
        (["group", "add", "Main St", "1"], "participant edit REF --program independence"),
        (["participant", "edit", "1", "--group", "Main St"], "no members"),
        (["pair", "Main St"], "does not pair"),
    ]
    for args, words in cases:
        refused = riverside(*args)
        assert refused.exit_code == 1, (args, refused.stderr)
        assert words in refused.stderr, (args, refused.stderr)
    assert riverside.dump() == before


def test_a_drop_in_schedule_lists_its_open_days_less_skip_dates(cli: Cli, env: Path, today: Today) -> None:
    (env / "peertool.yaml").write_text(INDEPENDENCE + "skip_dates: [2026-03-04]\n")
    today(dt.date(2026, 3, 2))
    cli.ok("group", "create", "Main St", "--program", "independence", "--start", "2026-01-05", "--days", "mon,wed")
    month = cli.json("schedule", "--group", "Main St", "--on", "2026-03-10")
    assert (month["month"], month["start"], month["end"], month["theme"]) == (
        3,
        "2026-03-01",
        "2026-03-31",
        "Open days",
    )
    assert month["meetings"][:3] == ["2026-03-02", "2026-03-09", "2026-03-11"]
    assert cli.json("schedule", "--group", "Main St")[0]["skipped"] == ["2026-03-04"]
    cli.ok("group", "create", "Elm St", "--program", "independence", "--start", "2026-03-18", "--days", "mon,wed")
    [march, april] = cli.json("schedule", "--group", "Elm St")[:2]  # calendar months, no day before the opening
    assert (march["start"], march["meetings"], april["start"]) == ("2026-03-18", ["2026-03-18", "2026-03-23",
            "2026-03-25", "2026-03-30"], "2026-04-01")  # fmt: skip


def test_a_group_year_program_reads_its_own_themes_and_size(cli: Cli, env: Path) -> None:
    (env / "peertool.yaml").write_text(
        "programs:\n  short: {kind: group-year, themes: [A, B], group_size: {min: 2, max: 3}}\n"
    )
    cli.ok("group", "create", "Oak", "--program", "short", "--start", "2026-01-06", "--weekday", "tue")
    assert [m["theme"] for m in cli.json("schedule", "--group", "Oak")] == ["A", "B"]
    for name in ("Ann Ash", "Bo Birch", "Cy Cedar", "Di Dogwood"):
        cli.ok("enroll", name, "--enrolled-on", "2026-01-06")
    cli.ok("group", "add", "Oak", "Ann Ash", "Bo Birch", "Cy Cedar", "--date", "2026-01-06")
    full = cli("group", "add", "Oak", "Di Dogwood", "--date", "2026-01-06")
    assert full.exit_code == 1 and "the 3 a group may have" in full.stderr


def test_a_drop_in_group_shows_its_program_and_open_days(
    riverside: Cli, env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (env / "peertool.yaml").write_text(INDEPENDENCE)
    riverside.ok("group", "create", "Main St", "--program", "independence", "--start", "2026-01-05", "--time", "10:00")
    riverside.ok("group", "create", "Annex", "--program", "independence", "--start", "2026-01-07", "--days", "wed,fri")
    shown = riverside.ok("group", "show", "Main St").stdout
    assert "independence (drop-in)" in shown and "mon-fri 10:00" in shown and "members" not in shown
    listed = riverside.ok("group", "list").stdout
    assert "wed,fri" in listed and "tue 18:00" in listed  # Riverside meets as before
    assert "program" not in riverside.ok("group", "show", "Riverside").stdout
    monkeypatch.setattr("peertool.render.output.stdout_is_terminal", lambda: True)
    assert riverside.ok("schedule", "--group", "Annex").stdout.startswith("Annex: open wed,fri ")
    assert riverside.ok("schedule", "--group", "Riverside").stdout.startswith("Riverside: Tuesdays 18:00, Library")


def test_a_drop_in_calendar_keys_each_open_day_by_its_date(cli: Cli, env: Path, today: Today) -> None:
    """Its twelve months move on each month, so a place in the window would name another day next month."""
    (env / "peertool.yaml").write_text(INDEPENDENCE)
    today(dt.date(2026, 3, 2))
    cli.ok("group", "create", "Main St", "--program", "independence", "--start", "2026-03-02", "--days", "mon")
    march = cli.ok("schedule", "--group", "Main St", "--format", "ics").stdout
    today(dt.date(2026, 4, 6))
    april = cli.ok("schedule", "--group", "Main St", "--format", "ics").stdout
    uid = next(line for line in april.splitlines() if line.startswith("UID:"))
    assert uid.endswith("-20260406@peertool") and uid in march


def test_a_drop_in_schedule_reads_any_month_it_was_open_and_says_open_day(
    cli: Cli, env: Path, today: Today, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A drop-in has no program year: --on names any month since it opened; its calendar and table say so."""
    (env / "peertool.yaml").write_text(INDEPENDENCE)
    today(dt.date(2026, 12, 4))
    cli.ok("group", "create", "Main St", "--program", "independence", "--start", "2026-03-02")
    past = cli.json("schedule", "--group", "Main St", "--on", "2026-11-18")
    assert (past["month"], past["start"], past["end"]) == (11, "2026-11-01", "2026-11-30")
    early = cli("schedule", "--group", "Main St", "--on", "2026-02-27")
    assert early.exit_code == 1 and "before the group opened on 2026-03-02" in early.stderr
    ics = cli.ok("schedule", "--group", "Main St", "--format", "ics").stdout
    assert "SUMMARY:Main St: open day\\, Open days" in ics and "group meeting" not in ics
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr("peertool.render.output.stdout_is_terminal", lambda: True)
    table = cli.ok("schedule", "--group", "Main St").stdout
    assert "│ 23 open days" in table and max(len(line) for line in table.splitlines()) <= 80


@pytest.mark.parametrize("args", [["report", "Main St"], ["prep", "Main St"], ["group", "add", "Main St", "1"],
                                  ["meeting", "record", "Main St", "--date", "2026-03-09", "--present", "1"],
                                  ["schedule", "--group", "Main St"], ["pairs", "Main St"]])  # fmt: skip
def test_a_drop_in_whose_program_became_group_year_is_a_config_error(
    riverside: Cli, env: Path, args: list[str]
) -> None:
    drop_in(riverside, env, visits=False)
    (env / "peertool.yaml").write_text("programs:\n  independence: {kind: group-year}\n")
    result = riverside(*args)
    assert result.exit_code == 5 and "group 2 is a drop-in" in result.stderr and "'independence'" in result.stderr
