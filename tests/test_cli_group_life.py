"""Options that mean what they say, duplicates caught, and the group's life (issue 14)."""

import datetime as dt
from pathlib import Path

from peertool import clock

from helpers import EXAMPLES, Cli


def test_enroll_from_a_file_puts_rows_without_a_group_into_the_group_given(cli: Cli, env: Path) -> None:
    cli.ok("group", "create", "Maple Room", "--start", "2026-01-06", "--weekday", "tue")
    (env / "r.csv").write_text("name,enrolled_on\nAda Quill,2026-01-05\nBram Oakes,2026-01-05\n")
    cli.ok("enroll", "--from", env / "r.csv", "--group", "Maple Room")
    assert len(cli.json("group", "show", "Maple Room")["members"]) == 2


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


def test_groups_carry_their_status_and_prep_for_an_ended_group_says_what_next(riverside: Cli) -> None:
    with clock.frozen(dt.date(2025, 12, 1)):
        assert riverside.json("group", "show", "Riverside")["status"] == "upcoming"
    with clock.frozen(dt.date(2026, 6, 1)):
        assert riverside.json("group", "list")[0]["status"] == "running"
    with clock.frozen(dt.date(2027, 2, 1)):
        assert riverside.json("group", "show", "Riverside")["status"] == "ended"
        result = riverside("prep", "Riverside")
    assert result.exit_code == 1 and "ended on 2027-01-05" in result.stderr and "group create" in result.stderr


def test_losing_a_partner_is_warned_and_pairs_suggests_only_what_works(riverside: Cli) -> None:
    riverside.ok("pair", "Riverside")
    pairs = riverside.json("pairs", "Riverside")
    partner = pairs["pairs"][0]["members"][1]
    left = pairs["pairs"][0]["members"][0]
    result = riverside("discharge", str(left["id"]), "--reason", "moved away")
    assert result.exit_code == 0 and partner["name"] in result.stderr and "odd" in result.stderr
    shown = riverside.json("pairs", "Riverside")
    assert not any("--keep-current" in w for w in shown["warnings"])
    assert any("--odd" in w for w in shown["warnings"])


def test_keep_current_with_every_pair_intact_saves_nothing(riverside: Cli) -> None:
    riverside.ok("pair", "Riverside")
    result = riverside("pair", "Riverside", "--keep-current")
    assert result.exit_code == 0 and "nothing" in result.stderr.lower()
    assert len(riverside.json("pairs", "Riverside", "--history")["pairings"]) == 1


def test_the_example_roster_still_imports(cli: Cli) -> None:
    cli.ok("group", "create", "Riverside", "--start", "2026-01-06", "--weekday", "tue")
    cli.ok("enroll", "--from", EXAMPLES / "roster.csv")


def test_an_odd_group_pairs_with_one_trio_or_the_coach(riverside: Cli, env: Path) -> None:
    riverside.ok("discharge", "Ivo Serra", "--reason", "moved away")
    refused = riverside("pair", "Riverside")
    assert refused.exit_code == 1 and "--odd" in refused.stderr
    trio = riverside.json("pair", "Riverside", "--odd", "trio")
    assert sorted(len(t["members"]) for t in trio["pairs"]) == [2, 2, 2, 3]
    assert [t["kind"] for t in trio["pairs"]].count("trio") == 1
    shown = riverside.json("pairs", "Riverside")
    assert shown["unpaired"] == [] and [t["kind"] for t in shown["pairs"]].count("trio") == 1
    coach = riverside.json("pair", "Riverside", "--odd", "coach")
    assert [t["kind"] for t in coach["pairs"]].count("coach") == 1
    assert "the coach" in riverside.ok("pairs", "Riverside").stdout
    (env / "peertool.yaml").write_text("pairing:\n  odd: trio\n")
    assert [t["kind"] for t in riverside.json("pair", "Riverside")["pairs"]].count("trio") == 1
    assert riverside.ok("prep", "Riverside", "--date", "2026-03-01", "--format", "markdown").stdout
