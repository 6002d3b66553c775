"""Every command that makes a record names the staff member who made it (issue 28, part 2): the current one, or
`--staff NAME` for a colleague; the chart and `meeting show` name them with their credential."""

import datetime as dt
import json

import pytest

from helpers import Cli, Today, count

RAE = {"id": 2, "name": "Rae Lin", "credential": "CPS"}
KIT = {"id": 3, "name": "Kit Vale", "credential": "CPRS"}


@pytest.fixture
def team(riverside: Cli, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Riverside with supervisor Sol Park and two coaches with logins, Rae Lin (rlin) and Kit Vale (kvale)."""
    for name, role, credential, login in (
        ("Sol Park", "supervisor", "LCSW", "spark"),
        ("Rae Lin", "coach", "CPS", "rlin"),
        ("Kit Vale", "coach", "CPRS", "kvale"),
    ):
        riverside.ok("staff", "add", name, "--role", role, "--credential", credential, "--login", login,
                     "--date", "2026-01-01")  # fmt: skip
    monkeypatch.setenv("PEERTOOL_LOGIN", "rlin")
    return riverside


def test_a_note_by_one_coach_and_a_meeting_recorded_for_her_by_the_other(
    team: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    note = team.json("note", "add", "1", "Called about the bus", "--mode", "phone", "--minutes", "20",
                     "--date", "2026-01-08")  # fmt: skip
    assert note["staff"] == RAE
    monkeypatch.setenv("PEERTOOL_LOGIN", "kvale")
    meeting = team.json("meeting", "record", "Riverside", "--date", "2026-01-13", "--all-present",
                        "--staff", "Rae Lin")  # fmt: skip
    assert meeting["staff"] == RAE and team.json("meeting", "show", str(meeting["id"]))["staff"] == RAE
    assert "Rae Lin, CPS" in team.ok("meeting", "show", str(meeting["id"])).stdout
    assert "Rae Lin, CPS" in team.ok("note", "show", str(note["id"])).stdout
    chart = team.json("participant", "chart", "1", "--format", "json")
    assert chart["contacts"][0]["staff"] == RAE and chart["meetings"][0]["staff"] == RAE
    markdown = team.ok("participant", "chart", "1").stdout
    assert markdown.count("- By: Rae Lin, CPS") == 2
    logged = [(row["table"], row["record_id"], row["action"]) for row in team.json("audit", "--last", "30")]
    assert ("contact_notes", note["id"], "insert") in logged and ("meetings", meeting["id"], "insert") in logged
    team.ok("audit", "verify")  # the staff_id written with each record is in its audited content


def test_each_kind_of_record_names_who_made_it(team: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEERTOOL_LOGIN", "kvale")
    made = [
        team.json("contact", "add", "--community", "--minutes", "30", "--date", "2026-01-09"),
        team.json("outing", "log", "Riverside", "--with", "1", "--date", "2026-01-10", "--activity", "Walk"),
        team.json("review", "1", "--progressing", "yes", "--wants-to-continue", "yes", "--date", "2026-01-11"),
        team.json("measure", "add", "1", "who5", "--answers", "3,3,3,3,3", "--date", "2026-01-11"),
    ]
    assert [record["staff"] for record in made] == [KIT] * 4
    assert team.json("review", "list", "1")[0]["staff"] == KIT
    assert team.json("measure", "list", "1")[0]["staff"] == KIT
    assert team.json("outing", "list", "Riverside")[0]["staff"] == KIT
    assert "(by Kit Vale, CPRS)" in team.ok("participant", "chart", "1").stdout  # the review
    activity = team.json("activity", "log", "Riverside", "--kind", "skills", "--date", "2026-01-12",
                         "--title", "Cooking", "--staff", "rae lin")  # fmt: skip
    assert (activity["staff"], activity["staff_member"]) == ("Rae Lin", RAE)
    team.ok("discharge", "2", "--reason-code", "goals-met", "--date", "2026-01-12", "--staff", "Rae Lin", "--yes")
    assert count(team, "SELECT count(*) FROM discharges WHERE staff_id = 2") == 1


def test_a_login_that_names_no_one_or_an_unknown_colleague_records_nothing(
    team: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEERTOOL_LOGIN", "stranger")
    refused = team("note", "add", "1", "Called", "--minutes", "10")
    assert refused.exit_code == 1
    assert "'stranger'" in refused.stderr and "staff edit NAME --login LOGIN" in refused.stderr
    assert "PEERTOOL_LOGIN" in refused.stderr and "--staff NAME" in refused.stderr
    assert team("note", "add", "1", "Called", "--minutes", "10", "--staff", "Bo Nobody").exit_code == 3
    assert team("activity", "log", "Riverside", "--kind", "skills", "--date", "2026-01-12", "--title", "Cooking",
                "--staff", "Bo Nobody").exit_code == 3  # fmt: skip
    assert count(team, "SELECT count(*) FROM contact_notes") == 0
    assert count(team, "SELECT count(*) FROM activities") == 0


def test_without_staff_records_name_no_one_and_staff_is_refused_where_it_was_new(riverside: Cli) -> None:
    note = riverside.json("note", "add", "1", "Called", "--minutes", "10")
    assert note["staff"] is None
    assert "By:" not in riverside.ok("participant", "chart", "1").stdout
    refused = riverside("note", "add", "1", "Called", "--minutes", "10", "--staff", "Rae Lin")
    assert refused.exit_code == 1 and "no staff are defined" in refused.stderr
    activity = riverside.json("activity", "log", "Riverside", "--kind", "skills", "--date", "2026-01-12",
                              "--title", "Cooking", "--staff", "Dana Reyes")  # fmt: skip
    assert (activity["staff"], activity["staff_member"]) == ("Dana Reyes", None)
    assert json.loads(riverside.ok("meeting", "record", "Riverside", "--date", "2026-01-13", "--all-present",
                                   "--json").stdout)["staff"] is None  # fmt: skip


def test_a_colleague_who_has_left_has_their_paper_notes_entered_and_signed_for_them(
    team: Cli, monkeypatch: pytest.MonkeyPatch, today: Today
) -> None:
    """Rae Lin leaves on 2026-12-01: Kit Vale enters her notes of before then; her supervisor signs what she left
    unsigned, the signature saying for whom."""
    today(dt.date(2026, 11, 20))
    unsigned = team.json("note", "add", "1", "Called", "--minutes", "15")  # by Rae Lin, never signed
    team.ok("staff", "edit", "Rae Lin", "--supervisor", "Sol Park")
    today(dt.date(2026, 12, 4))
    team.ok("staff", "end", "Rae Lin", "--date", "2026-12-01")
    monkeypatch.setenv("PEERTOOL_LOGIN", "kvale")
    paper = team.json("note", "add", "1", "Paper note", "--minutes", "10", "--date", "2026-11-20", "--staff", "Rae Lin")
    assert paper["staff"] == RAE
    before = team.dump()
    refused = team("note", "add", "1", "Paper note", "--minutes", "10", "--date", "2026-12-02", "--staff", "Rae Lin")
    assert refused.exit_code == 1 and "started 2026-01-01, left 2026-12-01" in refused.stderr
    refused = team("note", "sign", str(unsigned["id"]))  # a colleague: not hers to sign
    assert refused.exit_code == 1 and "Rae Lin, who left on 2026-12-01" in refused.stderr
    assert "Sol Park" in refused.stderr and team.dump() == before
    monkeypatch.setenv("PEERTOOL_LOGIN", "spark")
    team.ok("note", "sign", str(unsigned["id"]))
    (signature,) = team.json("note", "show", str(unsigned["id"]))["signatures"]
    assert signature["signer"] == "Sol Park, LCSW, for Rae Lin, CPS, who left on 2026-12-01"
    assert "signatures" in [row["table"] for row in team.json("audit", "--last", "2")]  # audited like any signature
