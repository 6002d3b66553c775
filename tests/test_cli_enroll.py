"""`enroll`: the options it shares with `participant edit` are per person, so a roster file refuses them."""

import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from helpers import EXAMPLES, PEERTOOL, ROSTER, Cli, roster


def test_enroll_prints_json_record(cli: Cli) -> None:
    person = cli.json(
        "enroll",
        "Tess Nolan",
        "--interest",
        "music",
        "--goal",
        "Take the bus to work",
        "--enrolled-on",
        "2026-01-05",
        "--referral",
        "self",
    )
    assert person["id"] == 1 and person["name"] == "Tess Nolan"
    assert person["goals"][0]["text"] == "Take the bus to work"


def test_enroll_human_output_and_messages_on_stderr(cli: Cli) -> None:
    result = cli.ok("enroll", "Tess Nolan")
    assert "Tess Nolan" in result.stdout
    assert "Enrolled Tess Nolan as participant 1" in result.stderr


def test_enroll_refusals_change_nothing_and_look_the_same(cli: Cli) -> None:
    cli.ok("init")
    before = cli.dump()
    cases = [(["enroll", ""], 1), (["enroll", "A", "--enrolled-on", "2026-02-30"], 1),
             (["enroll", "A", "--referral", "x"], 2), (["enroll", "A", "--no-such-option"], 2)]  # fmt: skip
    for args, code in cases:
        result = cli(*args)
        assert result.exit_code == code, args
        assert result.stderr.startswith("Error: ") and "╭" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 2  # the error, and how to fix it
    assert cli.dump() == before


def test_enroll_from_file_and_reimport(riverside: Cli) -> None:
    again = riverside.json("enroll", "--from", EXAMPLES / "roster.csv")
    assert again == {"enrolled": 0, "skipped": 10, "rows": 10, "ids": [], "warnings": []}
    people = riverside.json("participant", "list", "--group", "riverside")
    assert len(people) == 10 and people[0]["group"] == "Riverside"


def test_enroll_needs_name_or_file_not_both(cli: Cli) -> None:
    assert cli("enroll", "A", "--from", EXAMPLES / "roster.csv").exit_code == 2


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


@pytest.mark.sqlite_only
@pytest.mark.slow
def test_kill_9_during_bulk_import_leaves_all_or_nothing(cli: Cli, env: Path) -> None:
    rows = 10000
    roster = env / "big.csv"
    roster.write_text("name,external_id\n" + "".join(f"Person {i},X{i}\n" for i in range(rows)))
    cli.ok("init")
    started = time.monotonic()
    subprocess.run([*PEERTOOL, "--db", env / "timing.db", "enroll", "--from", roster], check=True, capture_output=True)
    duration = time.monotonic() - started
    draw = random.Random(7)
    outcomes = []
    for _trial in range(20):
        proc = subprocess.Popen(
            [*PEERTOOL, "enroll", "--from", str(roster)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(draw.uniform(0.1, 1.1) * duration)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        conn = sqlite3.connect(cli.db_path)
        count = conn.execute("SELECT count(*) FROM participants").fetchone()[0]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("DELETE FROM participants")
        conn.commit()
        conn.close()
        assert count in (0, rows), count
        outcomes.append(count)
    assert 0 in outcomes  # some kills did land mid-import, so the test saw a rollback


def test_enroll_from_a_file_puts_rows_without_a_group_into_the_group_given(cli: Cli, env: Path) -> None:
    cli.ok("group", "create", "Maple Room", "--start", "2026-01-06", "--weekday", "tue")
    (env / "r.csv").write_text("name,enrolled_on\nAda Quill,2026-01-05\nBram Oakes,2026-01-05\n")
    cli.ok("enroll", "--from", env / "r.csv", "--group", "Maple Room")
    assert len(cli.json("group", "show", "Maple Room")["members"]) == 2


@pytest.mark.sqlite_only
def test_options_that_cannot_apply_to_a_file_are_refused(cli: Cli, env: Path) -> None:
    (env / "r.csv").write_text("name\nAda Quill\n")
    for option in (["--gender", "female"], ["--interest", "music"], ["--phone", "555-0101"]):
        result = cli("enroll", "--from", env / "r.csv", *option)
        assert result.exit_code == 2 and option[0] in result.stderr
    assert not cli.db_path.exists()


def test_duplicates_succeed_with_a_warning(riverside: Cli, env: Path) -> None:
    first = riverside("enroll", "ada QUILL")
    assert first.exit_code == 0 and "already enrolled" in first.stderr and "id 1" in first.stderr
    (env / "again.csv").write_text("name\nBram Oakes\nNew Person\n")
    imported = riverside("enroll", "--from", env / "again.csv")
    assert imported.exit_code == 0 and "row 2" in imported.stderr and "Bram" not in imported.stderr
    args = ["outing", "log", "Riverside", "--with", "1", "--with", "3", "--date", "2026-03-14", "--activity", "Museum"]
    riverside.ok(*args)
    again = riverside(*args)
    assert again.exit_code == 0 and "same" in again.stderr


def test_the_example_roster_still_imports(cli: Cli) -> None:
    cli.ok("group", "create", "Riverside", "--start", "2026-01-06", "--weekday", "tue")
    cli.ok("enroll", "--from", EXAMPLES / "roster.csv")


def test_enroll_without_a_name_is_a_usage_error(cli: Cli) -> None:
    result = cli("enroll")
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "NAME" in result.stderr and "--from" in result.stderr


def test_a_file_that_is_not_utf8_is_refused_with_the_fix(cli: Cli, tmp_path: Path) -> None:
    path = roster(tmp_path, "name\nZoë Brun\n", encoding="cp1252")
    result = cli("enroll", "--from", path)
    assert result.exit_code == 1 and "CSV UTF-8" in result.stderr


def test_rows_are_numbered_as_the_spreadsheet_numbers_them(cli: Cli, tmp_path: Path) -> None:
    path = roster(tmp_path, "name,enrolled_on\nAda Quill,2026-01-05\nBram Oakes,2026-02-30\n")
    result = cli("enroll", "--from", path)
    assert result.exit_code == 1 and "row 3" in result.stderr and "header is row 1" in result.stderr


@pytest.mark.parametrize(
    ("option", "value", "column"),
    [
        ("--gender", "woman", "gender"),
        ("--interest", "hiking", "interests"),
        ("--referral", "self", "referral"),
        ("--goal", "Ride the bus", "goals"),
        ("--enrolled-on", "2026-01-05", "enrolled_on"),
        ("--joined-on", "2026-01-05", "joined_on"),
        ("--external-id", "A-7", "external_id"),
    ],
)
def test_a_per_person_option_with_a_roster_file_names_the_column(
    cli: Cli, option: str, value: str, column: str
) -> None:
    result = cli("enroll", "--from", "roster.csv", option, value)
    assert result.exit_code == 2
    assert f"{option} cannot apply to a whole file; put it in the file's {column} column." in result.stderr


def test_the_first_per_person_option_in_help_order_is_named(cli: Cli) -> None:
    result = cli("enroll", "--from", "roster.csv", "--external-id", "A-7", "--interest", "hiking")
    assert "--interest cannot apply" in result.stderr
