"""`peertool due`: one list of what is due, each with the command that settles it; exit 1 when anything is overdue."""

import datetime as dt
import json
from pathlib import Path
from typing import Any

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
    empty = elm("due", "--date", "")
    assert empty.exit_code == 1 and "not a date" in empty.stderr and empty.stdout == ""


def test_the_cron_idiom_tells_overdue_from_an_error_by_stdout(team: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """README: `out=$(peertool due); [ $? -eq 1 ] && [ -n "$out" ] && mail`: overdue items come on stdout with
    exit 1; an error also exits 1 (CONVENTIONS), with nothing on stdout, its message on stderr."""
    overdue = team("due")
    assert overdue.exit_code == 1 and "OVERDUE" in overdue.stdout
    monkeypatch.setenv("PEERTOOL_LOGIN", "stranger")
    for refused in (team("due"), team("due", "--date", "soon"), team("due", "--date", "")):
        assert refused.exit_code == 1 and refused.stdout == "" and "Error:" in refused.stderr


def test_piped_each_row_names_whose_it_is_and_the_staff_member_it_falls_to(team: Cli) -> None:
    rows = [line.split("\t") for line in team("due", "--all").stdout.splitlines()]
    assert rows[0] == ["who", "kind", "due", "status", "staff", "settle with"]
    assert ["Ada Quill (1), Elm", "review", "2026-03-09", "OVERDUE", "Kit Vale, CPS"] in [r[:5] for r in rows]
    assert all(len(row) == 6 and row[0] and row[4] for row in rows[1:])


@pytest.fixture
def team(elm: Cli, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Elm's coach Rae Lin (supervised by Sol Park); Kit Vale coaches Oak, whose one member Cyd has never been
    screened; Ada is on Kit's caseload; Ida Moss directs."""
    elm.ok("staff", "add", "Ida Moss", "--role", "director", "--credential", "MSW", "--login", "imoss")
    elm.ok("staff", "add", "Sol Park", "--role", "supervisor", "--credential", "LCSW", "--login", "spark")
    for name, login in (("Rae Lin", "rlin"), ("Kit Vale", "kvale")):
        elm.ok("staff", "add", name, "--role", "coach", "--credential", "CPS", "--login", login,
               "--supervisor", "Sol Park")  # fmt: skip
    elm.ok("group", "edit", "Elm", "--coach", "Rae Lin")
    elm.ok("group", "create", "Oak", "--start", "2026-03-09", "--weekday", "mon", "--coach", "Kit Vale")
    elm.ok("enroll", "Cyd Fern", "--enrolled-on", "2026-03-09", "--group", "Oak", "--joined-on", "2026-03-09")
    elm.ok("participant", "edit", "Ada Quill", "--staff", "Kit Vale")
    monkeypatch.setenv("PEERTOOL_LOGIN", "rlin")
    return elm


def _whose(found: dict[str, list[dict[str, Any]]]) -> list[tuple[str, str, str | None]]:
    return [(i["kind"], (i["participant"] or i["group"])["name"], i["staff"] and i["staff"]["name"])
            for i in found["items"]]  # fmt: skip


def test_with_staff_due_lists_the_current_members_caseload(team: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    elm = [("review", "Ada Quill", "Kit Vale"), ("absent", "Bram Oakes", "Rae Lin"),
           ("unrecorded-meeting", "Elm", "Rae Lin")]  # fmt: skip
    cyd = [("intake", "Cyd Fern", "Kit Vale")]
    oak = [("unrecorded-meeting", "Oak", "Kit Vale"), ("group-size", "Oak", "Kit Vale")]
    assert _whose(team.json_fail("due")) == elm  # Elm's members, Ada (on Kit's caseload) among them
    assert _whose(team.json_fail("due", "--staff", "Kit Vale")) == [elm[0], *cyd, *oak]  # Oak, and Ada
    assert _whose(team.json_fail("due", "--all")) == [elm[0], elm[1], *cyd, elm[2], *oak]
    for login in ("spark", "imoss"):  # a supervisor's caseload takes in their coaches'; a director's is all
        monkeypatch.setenv("PEERTOOL_LOGIN", login)
        assert _whose(team.json_fail("due")) == [elm[0], elm[1], *cyd, elm[2], *oak]
    assert team("due", "--staff", "Kit Vale", "--all").exit_code == 2
    assert team("due", "--staff", "Nobody").exit_code == 3
    monkeypatch.setenv("PEERTOOL_LOGIN", "stranger")
    refused = team("due")
    assert refused.exit_code == 1 and "--staff NAME" in refused.stderr and "Cyd" not in refused.stdout


def test_a_review_and_a_discharge_left_unsigned_then_awaiting_a_cosignature_are_due_and_linted(
    team: Cli, env: Path
) -> None:
    """Signed like contact notes (issue 28): a staff member's review or discharge unsigned after
    `notes.sign_within_days` is a `signature` item falling to its author, and `note lint` lists it; once signed,
    one that `supervision.cosign` draws awaits its co-signature (`cosign`), a discharged person's too. (One made
    without staff is not listed: the first test's review.)"""
    (env / "peertool.yaml").write_text("measures: []\ndue: {look_back_weeks: 2}\nsupervision: {cosign: all}\n")
    team.ok("participant", "edit", "Bram Oakes", "--staff", "Rae Lin")
    review = team.json("review", "1", "--progressing", "yes", "--wants-to-continue", "yes", "--date", "2026-03-02")
    team.ok("discharge", "2", "--reason-code", "goals-met", "--date", "2026-03-11", "--yes")
    discharge = team.json("discharge", "list", "2")[0]
    signing = [(i["kind"], i["due"], i["overdue"], i["staff"]["name"], i["settle"])
               for i in team.json_fail("due")["items"] if i["kind"] in ("signature", "cosign")]  # fmt: skip
    assert signing == [
        ("signature", "2026-03-05", True, "Rae Lin", f"peertool review sign {review['id']}"),
        ("signature", "2026-03-14", False, "Rae Lin", f"peertool discharge sign {discharge['id']}"),
    ]
    linted = [(p["record"], p["check"]) for p in team.json_fail("note", "lint")["problems"]]
    assert (f"review {review['id']}", "unsigned") in linted and f"discharge {discharge['id']}" not in str(linted)
    team.ok("review", "sign", review["id"])
    team.ok("discharge", "sign", discharge["id"])
    signed = team.json("supervise", "queue", "--supervisor", "Sol Park")["items"][0]["signed_at"][:10]  # the clock's
    on = ("--staff", "Sol Park", "--date", signed)
    cosign = [(i["kind"], i["staff"]["name"], i["settle"]) for i in json.loads(team("due", *on, "--json").stdout)[
              "items"] if i["kind"] in ("signature", "cosign")]  # fmt: skip
    assert cosign == [("cosign", "Sol Park", f"peertool review sign {review['id']} --cosign"),  # the supervisor's
                      ("cosign", "Sol Park", f"peertool discharge sign {discharge['id']} --cosign")]  # fmt: skip
    linted = [(p["record"], p["check"]) for p in team.json_fail("note", "lint")["problems"]]
    assert (f"review {review['id']}", "cosign") in linted and (f"discharge {discharge['id']}", "cosign") in linted
