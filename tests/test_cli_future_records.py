"""Records of what happened are not dated after today without --future, and a skip date warns (issue 24, item 10).

The clock is fixed on Wednesday 2026-03-11; Riverside meets on Tuesdays from 2026-01-06, and its ten members
enrolled on 2026-01-05.
"""

import datetime as dt
from pathlib import Path

import pytest

from peertool import clock, validate
from peertool.errors import InvalidInput

from helpers import Cli, Today


@pytest.fixture
def march(riverside: Cli, today: Today) -> Cli:
    today(dt.date(2026, 3, 11))
    return riverside


# (command that records something on a date, where the date goes); each is refused after today.
RECORDS = [
    ["meeting", "record", "Riverside", "--all-present", "--date"],
    ["note", "add", "Ada Quill", "Called about the bus pass", "--date"],
    ["outing", "log", "Riverside", "--with", "Ada Quill", "--activity", "Museum", "--date"],
    ["measure", "add", "Ada Quill", "who5", "--answers", "3,3,3,3,3", "--date"],
    ["review", "Ada Quill", "--progressing", "yes", "--wants-to-continue", "yes", "--date"],
]


@pytest.mark.parametrize("args", RECORDS, ids=lambda a: " ".join(a[:2]))
def test_a_record_dated_after_today_is_refused_and_changes_nothing(march: Cli, args: list[str]) -> None:
    before = march.dump()
    result = march(*args, "2026-06-09")
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert "after today" in result.stderr and "--future" in result.stderr
    assert march.dump() == before


@pytest.mark.parametrize("args", RECORDS, ids=lambda a: " ".join(a[:2]))
def test_future_records_it_all_the_same_and_today_needs_no_word(march: Cli, args: list[str]) -> None:
    assert march.json(*args, "2026-06-09", "--future")["date"] == "2026-06-09"
    assert march.json(*args, "2026-03-10")["date"] == "2026-03-10"


def test_tomorrow_is_in_the_future(march: Cli) -> None:
    result = march("meeting", "record", "Riverside", "--date", "tomorrow")
    assert result.exit_code == 1 and "2026-03-12" in result.stderr


def test_goal_update_dated_after_today_is_refused(march: Cli) -> None:
    goal = march.json("goal", "add", "Ada Quill", "Take the bus alone")["id"]
    result = march("goal", "update", str(goal), "--status", "achieved", "--date", "2026-06-09")
    assert result.exit_code == 1 and "--future" in result.stderr
    assert march.json("goal", "update", str(goal), "--status", "achieved", "--date", "2026-06-09", "--future")


@pytest.mark.parametrize(
    "args",
    [["meeting", "edit", "1"], ["note", "edit", "1"], ["outing", "edit", "1"]],
    ids=lambda a: a[0],
)
def test_an_edit_that_moves_a_record_after_today_is_refused(march: Cli, args: list[str]) -> None:
    march.ok("meeting", "record", "Riverside", "--date", "2026-03-10", "--all-present")
    march.ok("note", "add", "Ada Quill", "Called", "--date", "2026-03-10")
    march.ok("outing", "log", "Riverside", "--with", "Ada Quill", "--activity", "Museum", "--date", "2026-03-10")
    before = march.dump()
    result = march(*args, "--date", "2026-06-09")
    assert result.exit_code == 1 and "--future" in result.stderr, (result.stdout, result.stderr)
    assert march.dump() == before
    assert march.json(*args, "--date", "2026-06-09", "--future")["date"] == "2026-06-09"


def test_a_meeting_on_a_skip_date_warns_in_json_and_on_stderr(march: Cli, env: Path) -> None:
    (env / "peertool.yaml").write_text("skip_dates: [2026-02-17]\n")
    meeting = march.json("meeting", "record", "Riverside", "--date", "2026-02-17", "--all-present")
    assert any("2026-02-17" in w and "skip" in w for w in meeting["warnings"])
    shown = march("meeting", "record", "Riverside", "--date", "2026-02-17", "--all-present", "--replace")
    assert shown.exit_code == 0 and "Warning" in shown.stderr and "skip" in shown.stderr
    ordinary = march.json("meeting", "record", "Riverside", "--date", "2026-02-24", "--all-present")
    assert ordinary["warnings"] == []


def test_not_after_today_is_one_library_check() -> None:
    with clock.frozen(dt.date(2026, 3, 11)):
        assert validate.not_after_today("date", "2026-03-11", future=False) == "2026-03-11"
        assert validate.not_after_today("date", "2026-03-12", future=True) == "2026-03-12"
        with pytest.raises(InvalidInput) as refused:
            validate.not_after_today("date", "2026-03-12", future=False)
    assert "--future" in (refused.value.hint or "")


def test_a_community_connection_is_not_begun_or_ended_after_today(march: Cli) -> None:
    before = march.dump()
    started = march("connection", "add", "Ada Quill", "Book club", "--kind", "group", "--date", "2026-06-09")
    assert started.exit_code == 1 and "--future" in started.stderr and march.dump() == before
    tie = march.json("connection", "add", "Ada Quill", "Book club", "--kind", "group", "--date", "2026-03-01")["id"]
    ended = march("connection", "end", str(tie), "--date", "2026-06-09")
    assert ended.exit_code == 1 and "--future" in ended.stderr
    assert march.json("connection", "end", str(tie), "--date", "2026-06-09", "--future")["ended_on"] == "2026-06-09"
