"""A discharge dated before attendance already recorded: refused, naming the meetings, unless --yes takes
the person off those meetings (and their notes there), so that nothing after the discharge is billed."""

import json
from pathlib import Path
from typing import Any

import pytest

from helpers import Cli


def _three_meetings(cli: Cli) -> None:
    """Ada (id 1) present at meetings 1 (Jan 6), 2 (Jan 13) and 3 (Feb 3), with a note of hers at meeting 3."""
    for day in ("2026-01-06", "2026-01-13", "2026-02-03"):
        cli.ok("meeting", "record", "Riverside", "--date", day, "--all-present")
    cli.ok("meeting", "note", "3", "1", "--response", "Shared a plan")


def _marked(meeting: dict[str, Any]) -> list[int]:
    return [p["id"] for p in meeting["present"] + meeting["absent"]]


def _ada_units(cli: Cli) -> dict[str, float]:
    report = json.loads(cli.ok("report", "Riverside", "--to", "2026-03-31", "-f", "json").stdout)
    ada = next(p for p in report["participants"] if p["id"] == 1)
    return {month["month"]: month["group"] for month in ada["units"]}


def test_a_discharge_before_recorded_attendance_is_refused_naming_the_meetings(riverside: Cli) -> None:
    _three_meetings(riverside)
    before = riverside.dump()
    refused = riverside("discharge", "Ada Quill", "--reason", "moved away", "--date", "2026-01-07")
    assert refused.exit_code == 1
    assert "meeting 2 (2026-01-13)" in refused.stderr and "meeting 3 (2026-02-03)" in refused.stderr
    assert "meeting 1 " not in refused.stderr and "--yes" in refused.stderr
    assert "Ada" not in refused.stderr  # meetings by id and date; the person as typed is fine, but not echoed
    assert riverside.dump() == before


def test_yes_takes_them_off_later_meetings_so_later_months_are_not_billed(riverside: Cli) -> None:
    _three_meetings(riverside)
    assert set(_ada_units(riverside)) == {"2026-01", "2026-02"}
    result = riverside.json("discharge", "1", "--reason", "moved away", "--date", "2026-01-07", "--yes")
    assert result["status"] == "discharged" and result["discharged_on"] == "2026-01-07"
    assert any("meeting 2 (2026-01-13)" in w and "meeting 3 (2026-02-03)" in w for w in result["warnings"])
    assert _ada_units(riverside) == {"2026-01": 6}
    later = riverside.json("meeting", "show", "3")
    assert 1 not in _marked(later)
    assert [n["participant"]["id"] for n in later["attendee_notes"]] == []
    assert 1 in _marked(riverside.json("meeting", "show", "1"))
    changes = riverside.json("audit", "--last", "50")
    deleted = {(c["table"], c["action"]) for c in changes}
    assert ("attendance", "delete") in deleted and ("attendee_notes", "delete") in deleted


def test_attendance_on_the_discharge_date_or_before_needs_no_yes(riverside: Cli) -> None:
    _three_meetings(riverside)
    riverside.ok("discharge", "1", "--reason", "moved away", "--date", "2026-02-03")
    assert 1 in _marked(riverside.json("meeting", "show", "3"))


def test_a_signed_later_meeting_is_refused_even_with_yes(riverside: Cli) -> None:
    _three_meetings(riverside)
    riverside.ok("meeting", "sign", "3", "--as", "Dana Reyes, CPS")
    before = riverside.dump()
    refused = riverside("discharge", "1", "--reason", "moved away", "--date", "2026-01-07", "--yes")
    assert refused.exit_code == 1
    assert "meeting 3 (2026-02-03)" in refused.stderr and "meeting amend" in refused.stderr
    assert riverside.dump() == before


def test_at_a_terminal_it_asks_naming_the_meetings(riverside: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import typer.testing

    _three_meetings(riverside)
    monkeypatch.setattr(typer.testing._NamedTextIOWrapper, "isatty", lambda self: True)
    declined = riverside("discharge", "1", "--reason", "moved away", "--date", "2026-01-07", input="n\n")
    assert declined.exit_code == 1 and "meeting 2 (2026-01-13)" in declined.output
    assert 1 in _marked(riverside.json("meeting", "show", "2"))
    riverside.ok("discharge", "1", "--reason", "moved away", "--date", "2026-01-07", input="y\n")
    assert 1 not in _marked(riverside.json("meeting", "show", "2"))


def test_goals_met_for_someone_without_goals_warns(riverside: Cli) -> None:
    riverside.ok("enroll", "No Goals Yet", "--enrolled-on", "2026-01-05")
    done = riverside.json("discharge", "No Goals Yet", "--reason", "done", "--reason-code", "goals-met",
                          "--date", "2026-03-01")  # fmt: skip
    assert any("no goals" in w for w in done["warnings"])
    with_goals = riverside.json("discharge", "Ada Quill", "--reason", "done", "--reason-code", "goals-met",
                                "--date", "2026-03-01")  # fmt: skip
    assert not any("no goals" in w for w in with_goals["warnings"])


def test_a_group_below_the_minimum_is_warned_when_someone_leaves(riverside: Cli) -> None:
    for ref in ("1", "2", "3", "4"):
        riverside.ok("group", "remove", "Riverside", ref, "--date", "2026-03-01")
    removed = riverside("group", "remove", "Riverside", "5", "--date", "2026-03-01")
    assert removed.exit_code == 0 and "5 members" in removed.stderr and "fewer than 6" in removed.stderr
    left = riverside.json("discharge", "6", "--reason", "moved", "--date", "2026-03-02")
    assert any("fewer than 6" in w for w in left["warnings"])
    moved = riverside.json("participant", "edit", "7", "--group", "", "--date", "2026-03-03")
    assert any("fewer than 6" in w for w in moved["warnings"])


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


def test_the_new_codes_are_taken_and_a_code_alone_is_enough(riverside: Cli) -> None:
    for pid, code in enumerate(("higher-level-of-care", "exclusion-arose", "moved", "lost-contact", "deceased"), 1):
        person = riverside.json("discharge", str(pid), "--reason-code", code, "--date", "2026-03-01")
        assert person["discharges"][-1]["reason_code"] == code and person["discharges"][-1]["reason"]
    assert riverside("discharge", "6", "--reason-code", "bored").exit_code == 2
    before = riverside.dump()
    neither = riverside("discharge", "6")
    assert neither.exit_code == 2 and "--reason-code" in neither.stderr
    assert riverside.dump() == before


def test_goals_met_for_someone_with_no_goal_achieved_warns(riverside: Cli) -> None:
    said = riverside.ok("discharge", "1", "--reason-code", "goals-met", "--date", "2026-03-01")
    assert "none of their goals is marked achieved" in said.stderr


SMALL = "programs: {small: {kind: group-year, group_size: {min: 2, max: 4}, themes: [a, b, c]}}\n"
LEAVE = {
    "discharge": ("discharge", "{}", "--reason-code", "moved"),
    "edit": ("participant", "edit", "{}", "--group", ""),
}


@pytest.mark.parametrize("how", LEAVE)
def test_leaving_a_group_warns_by_its_own_programs_fewest(cli: Cli, env: Path, how: str) -> None:
    (env / "peertool.yaml").write_text(SMALL)
    cli.ok("group", "create", "Small", "--program", "small", "--start", "2026-01-06", "--weekday", "tue")
    for name in ("Ada Quill", "Bram Oakes", "Cleo Marsh"):
        cli.ok("enroll", name, "--group", "Small", "--enrolled-on", "2026-01-06")
    assert "fewer than" not in cli.ok(*(arg.format("Ada Quill") for arg in LEAVE[how])).stderr
    left = cli.ok(*(arg.format("Bram Oakes") for arg in LEAVE[how]))
    assert "group 1 now has 1 members, fewer than 2," in left.stderr


def test_a_discharge_is_listed_signed_and_amended(riverside: Cli) -> None:
    riverside.ok("discharge", "2", "--reason", "moved away", "--date", "2026-03-01")
    (listed,) = riverside.json("discharge", "list", "2")
    assert (listed["id"], listed["signed"]) == (1, False)
    riverside.ok("discharge", "sign", "1", "--as", "Rae Lin, CPS")
    riverside.ok("discharge", "amend", "1", "New address given", "--reason", "Later information")
    (listed,) = riverside.json("discharge", "list")
    assert listed["signatures"][0]["signer"] == "Rae Lin, CPS" and len(listed["addenda"]) == 1
    assert "signed by Rae Lin, CPS" in riverside.ok("discharge", "list").stdout
