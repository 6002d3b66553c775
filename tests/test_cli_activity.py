"""`activity log/list/show/delete`: JSON, exit codes, bad input changes nothing, control characters never echoed."""

import datetime as dt
from pathlib import Path

import pytest

from helpers import Cli, Today, drop_in

LOG = ["activity", "log", "Riverside", "--date", "2026-03-14", "--title", "Evening service"]


def test_log_list_show_and_delete(riverside: Cli) -> None:
    logged = riverside.json(*LOG, "--kind", "spiritual", "--with", "Ada Quill,3", "--staff", "Dana Reyes",
                            "--place", "St Anne's", "--mainstream", "--cost", "12.50")  # fmt: skip
    assert list(logged) == ["id", "group", "group_id", "date", "kind", "title", "place", "mainstream", "staff",
                            "staff_member", "cost", "paid_by", "note", "people", "warnings"]  # fmt: skip
    assert (logged["id"], logged["paid_by"], logged["mainstream"]) == (1, "fund", True)
    assert [p["id"] for p in logged["people"]] == [1, 3]
    riverside.ok("activity", "log", "Riverside", "--kind", "educational", "--date", "2026-04-01", "--title", "Class")
    assert [a["id"] for a in riverside.json("activity", "list", "Riverside")] == [1, 2]
    assert riverside.json("activity", "list", "Riverside", "--from", "2026-04-01", "--to", "2026-04-30")[0]["id"] == 2
    assert riverside.json("activity", "list", "Riverside", "--to", "2026-01-31") == []
    assert riverside.json("activity", "show", "1")["title"] == "Evening service"
    table = riverside.ok("activity", "list", "Riverside").stdout.splitlines()
    assert table[0].split("\t")[:4] == ["id", "date", "kind", "title"] and len(table) == 3
    assert riverside("activity", "delete", "1").exit_code == 1  # a script needs --yes
    assert riverside.json("activity", "delete", "1", "--yes") == {"id": 1, "deleted": True}
    assert riverside("activity", "show", "1").exit_code == 3


def test_a_double_entry_is_saved_with_a_warning(riverside: Cli) -> None:
    riverside.ok(*LOG, "--kind", "spiritual")
    again = riverside.ok(*LOG, "--kind", "spiritual")
    assert "activity 1 has the same date, kind and title" in again.stderr


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--kind", "sports"], 2),
        (["--kind", "skills", "--paid-by", "grant"], 2),
        (["--kind", "skills", "--cost", "5", "--paid-by", "free"], 1),
        (["--kind", "skills", "--paid-by", "fund"], 1),
        (["--kind", "skills", "--cost", "1.001"], 1),
        (["--kind", "skills", "--date", "2099-01-01"], 1),
        (["--kind", "skills", "--date", "someday"], 1),
        (["--kind", "skills", "--staff", "Dana\x1b[31m"], 1),
        (["--kind", "skills", "--with", "1", "--with", "Ada Quill"], 1),
        (["--kind", "skills", "--with", "Nobody Here"], 3),
    ],
)
def test_bad_input_changes_nothing(riverside: Cli, args: list[str], code: int) -> None:
    before = riverside.dump()
    result = riverside(*LOG, *args)
    assert result.exit_code == code, result.stderr
    assert result.stderr.startswith("Error:") or code == 2
    assert "\x1b" not in result.stderr + result.stdout
    assert riverside.dump() == before


def test_a_control_character_in_a_ref_or_title_is_never_echoed(riverside: Cli) -> None:
    result = riverside(*LOG, "--kind", "skills", "--with", "Ada\x1b]0;x\x07")
    assert result.exit_code == 3 and "\x1b" not in result.stderr
    riverside.ok("activity", "log", "Riverside", "--kind", "skills", "--date", "2026-03-14", "--title", "A\x1b[2Jb")
    assert "\x1b" not in riverside.ok("activity", "list", "Riverside").stdout


def test_a_future_activity_needs_future_and_unknown_records_are_not_found(riverside: Cli) -> None:
    planned = riverside.json("activity", "log", "Riverside", "--kind", "community", "--date", "2027-01-02",
                             "--title", "Fair", "--future")  # fmt: skip
    assert planned["people"] == [] and planned["paid_by"] == "free"
    assert riverside("activity", "list", "Nowhere").exit_code == 3
    assert riverside("activity", "delete", "x", "--yes").exit_code == 3


def test_report_budget_and_chart_count_activities(riverside: Cli) -> None:
    riverside.ok(*LOG, "--kind", "spiritual", "--with", "1", "--mainstream", "--cost", "4.50")
    report = riverside.json("report", "Riverside", "--from", "2026-03-01", "--to", "2026-03-31")
    assert report["activities"]["by_kind"]["spiritual"] == 1 and report["activities"]["mainstream_share"] == 1.0
    assert "people reached\t1" in riverside.ok("report", "Riverside", "--from", "2026-03-01").stdout
    assert riverside.json("budget", "Riverside")["total"]["activities"] == "4.50"
    chart = riverside.json("participant", "chart", "1")
    assert chart["activities"] == [{"date": "2026-03-14", "kind": "spiritual", "title": "Evening service",
                                    "mainstream": True}]  # fmt: skip


def test_a_fund_paid_activity_needs_its_cost(riverside: Cli) -> None:
    result = riverside(*LOG, "--kind", "skills", "--paid-by", "fund")
    assert result.exit_code == 1 and "a fund-paid activity needs --cost" in result.stderr


def test_who_came_is_among_the_group_on_the_day(riverside: Cli, env: Path, today: Today) -> None:
    """Inside a group's command REFs are its people on the day: an IML group's members, a drop-in's enrolled."""
    today(dt.date(2026, 3, 16))
    drop_in(riverside, env, visits=False)
    before = riverside.dump()
    outsider = riverside(*LOG, "--kind", "recreational", "--with", "Kai Lund", "--cost", "30")  # not in Riverside
    assert outsider.exit_code == 1 and "was not a member of group 1 on 2026-03-14" in outsider.stderr
    stranger = riverside("activity", "log", "Main St", "--kind", "recreational", "--date", "2026-03-10",
                         "--title", "Bowling", "--with", "Juno Park")  # fmt: skip  # a Riverside member, not enrolled
    assert stranger.exit_code == 1 and "not enrolled in program 'independence'" in stranger.stderr
    late = riverside(*LOG[:3], "--date", "2027-03-01", "--future", "--title", "Picnic", "--kind", "recreational")
    assert late.exit_code == 1 and "outside group 1's program year" in late.stderr
    assert riverside.dump() == before
    came = riverside.json("activity", "log", "Main St", "--kind", "recreational", "--date", "2026-03-10",
                          "--title", "Bowling", "--with", "Kai Lund,Ada Quill")  # fmt: skip
    assert [p["name"] for p in came["people"]] == ["Kai Lund", "Ada Quill"]  # as named
