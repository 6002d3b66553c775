"""`peertool due`: one list of what is due, each with the command that settles it; exit 1 when anything is overdue."""

import datetime as dt
from pathlib import Path

import pytest

from helpers import Cli, Today

SCREENED = ("--meets", "B,C", "--exclusion", "A=no", "--exclusion", "B=no", "--date", "2026-02-03")
SIGN = ("--as", "Dana Reyes, CPS")


@pytest.fixture
def elm(cli: Cli, env: Path, today: Today) -> Cli:
    """Group Elm (Tuesdays from 2026-02-03) of Ada, enrolled in December, and Bram; today Thursday 2026-03-12.
    Bram missed the meetings of 02-24 and 03-03; nobody recorded the meeting of 03-10."""
    (env / "peertool.yaml").write_text("group_size: {min: 2, max: 12}\nmeasures: []\ndue: {look_back_weeks: 2}\n")
    today(dt.date(2026, 3, 12))
    cli.ok("group", "create", "Elm", "--start", "2026-02-03", "--weekday", "tue")
    cli.ok("enroll", "Ada Quill", "--enrolled-on", "2025-12-09", "--group", "Elm", "--joined-on", "2026-02-03")
    cli.ok("enroll", "Bram Oakes", "--enrolled-on", "2026-02-03", "--group", "Elm", "--joined-on", "2026-02-03")
    for person in ("1", "2"):
        cli.ok("intake", person, *SCREENED)
    for day in ("2026-02-24", "2026-03-03"):
        meeting = cli.json("meeting", "record", "Elm", "--date", day, "--absent", "Bram Oakes")["id"]
        cli.ok("meeting", "note", meeting, "Ada Quill", "--response", "Shared a good week")
        cli.ok("meeting", "sign", meeting, *SIGN)
    return cli


def test_an_unrecorded_meeting_a_review_and_an_absence_are_overdue_until_each_is_settled(elm: Cli) -> None:
    found = elm.json_fail("due")
    assert [(i["kind"], i["due"], i["overdue"], i["settle"]) for i in found["items"]] == [
        ("review", "2026-03-09", True, "peertool review 1 --progressing yes/no --wants-to-continue yes/no"),
        ("absent", "2026-03-03", True, "peertool note add 2 --edit"),
        ("unrecorded-meeting", "2026-03-10", True, "peertool meeting record 1 --date 2026-03-10"),
    ]
    assert found["items"][1]["participant"] == {"id": 2, "name": "Bram Oakes"}
    assert found["items"][2]["group"] == {"id": 1, "name": "Elm"} and found["items"][2]["staff"] is None
    elm.ok("review", "1", "--progressing", "yes", "--wants-to-continue", "yes")
    note = elm.json("note", "add", "2", "Called after two missed meetings", "--minutes", "10")["id"]
    elm.ok("note", "sign", note, *SIGN)
    assert [i["kind"] for i in elm.json_fail("due")["items"]] == ["unrecorded-meeting"]
    meeting = elm.json("meeting", "record", "Elm", "--date", "2026-03-10", "--all-present")["id"]
    assert [(i["kind"], i["overdue"]) for i in elm.json("due")["items"]] == [("signature", False)]  # by 03-13
    elm.ok("meeting", "sign", meeting, *SIGN)
    assert elm.json("due") == {"items": []}
    assert "Nothing due." in elm.ok("due").stderr


def test_the_table_names_each_person_once_and_says_what_is_overdue(elm: Cli) -> None:
    result = elm("due", "--all")
    assert result.exit_code == 1
    assert "Ada Quill (1), Elm" in result.stdout and "OVERDUE" in result.stdout
    assert "peertool meeting record 1 --date 2026-03-10" in result.stdout


def test_as_of_an_earlier_date_what_was_not_yet_due_is_not_overdue(elm: Cli) -> None:
    early = elm.json_fail("due", "--date", "2026-03-04")["items"]
    assert [(i["kind"], i["overdue"]) for i in early] == [("review", False), ("absent", True)]
    assert elm("due", "--date", "soon").exit_code == 1
