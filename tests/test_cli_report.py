"""`peertool report`: person-centered outcomes whose every figure agrees with the records."""

import datetime as dt
import json
from pathlib import Path

import pytest

from helpers import Cli, Today, drop_in


def simulate_season(cli: Cli) -> None:
    """A short season whose every figure is known."""
    cli.ok("meeting", "record", "Riverside", "--date", "2026-01-06", "--absent", "1", "--thread", "money")
    cli.ok(
        "meeting",
        "record",
        "Riverside",
        "--date",
        "2026-01-13",
        "--absent",
        "1",
        "--absent",
        "2",
        "--thread",
        "money",
        "--thread",
        "sleep",
    )
    cli.ok("meeting", "record", "Riverside", "--date", "2026-02-10", "--present", "1", "--thread", "work")
    cli.ok("goal", "update", "2", "--status", "achieved", "--date", "2026-02-01")
    cli.ok(
        "outing",
        "log",
        "Riverside",
        "--with",
        "1",
        "--with",
        "2",
        "--date",
        "2026-01-20",
        "--activity",
        "Baseball game",
        "--cost",
        "30",
    )
    cli.ok("outing", "log", "Riverside", "--with", "2", "--date", "2026-02-20", "--activity", "Bus to work")


def test_report_agrees_with_the_records(riverside: Cli) -> None:
    simulate_season(riverside)
    report = json.loads(riverside.ok("report", "Riverside", "-f", "json").stdout)
    people = {p["id"]: p for p in report["participants"]}
    assert people[1]["attendance"] == {"present": 1, "recorded": 3, "rate": 0.333}
    assert people[2]["attendance"] == {"present": 1, "recorded": 3, "rate": 0.333}
    assert people[3]["attendance"]["present"] == 2
    assert people[2]["goals"] == {"set": 1, "achieved": 1}
    assert people[1]["outings"] == {"partner": 1, "solo": 0, "group": 0, "with_coach": 0}
    assert people[2]["outings"] == {"partner": 1, "solo": 1, "group": 0, "with_coach": 0}
    assert people[1]["next_review"] == "2026-04-05"
    months = {m["month"]: m for m in report["months"]}
    # Jan 6: only the six who had joined by then are on the roster (the others join Jan 7 and 8).
    assert (months[1]["present"], months[1]["recorded"]) == (13, 16)
    assert (months[2]["present"], months[2]["recorded"]) == (1, 10)
    assert months[3]["recorded"] == 0 and months[3]["rate"] is None
    assert [(t["tag"], t["count"]) for t in report["threads"]] == [("money", 2), ("work", 1), ("sleep", 1)]
    partial = json.loads(
        riverside.ok("report", "Riverside", "--from", "2026-02-01", "--to", "2026-02-28", "-f", "json").stdout
    )
    assert [m["month"] for m in partial["months"]] == [1, 2]
    assert {p["id"]: p["attendance"]["recorded"] for p in partial["participants"]}[1] == 1
    text = riverside.ok("report", "Riverside", "-f", "markdown").stdout
    assert "`████████░░ 81%`" in text and "| 2 | Bram Oakes | active | partnered | 1/3 (33%) | 1/1 | 1 | 1 |" in text
    assert riverside.ok("report", "Riverside").stdout


def test_discharged_members_stay_in_the_report(riverside: Cli) -> None:
    riverside.ok("meeting", "record", "Riverside", "--date", "2026-01-06", "--absent", "1")
    riverside.ok("discharge", "1", "--reason", "goals substantially met", "--date", "2026-01-07")
    report = json.loads(riverside.ok("report", "Riverside", "-f", "json").stdout)
    ada = next(p for p in report["participants"] if p["id"] == 1)
    assert ada["status"] == "discharged" and ada["attendance"]["recorded"] == 1 and ada["next_review"] is None


def test_units_in_the_report_and_the_daily_cap(met: Cli, env: Path) -> None:
    (env / "cap.yaml").write_text("billing:\n  daily_cap_units: 5\n  rounding: complete\n")
    report = met("--config", env / "cap.yaml", "report", "Riverside", "--json")
    data = json.loads(report.stdout)
    ada = next(p for p in data["participants"] if p["id"] == 1)
    assert ada["units"] == [{"month": "2026-03", "group": 3, "individual": 0, "total": 3}]
    assert any("Bram Oakes (id 2) has 6 units on 2026-03-03" in w for w in data["warnings"])
    assert "over the daily cap of 5" in report.stderr
    (env / "bad.yaml").write_text("billing:\n  rounding: nearest\n")
    assert met("--config", env / "bad.yaml", "meeting", "show", "1").exit_code == 5


def test_the_report_shows_each_persons_measured_change_traceable_to_the_measures(measured: Cli) -> None:
    report = measured.json("report", "Riverside")
    ada, bram = report["participants"][0], report["participants"][1]
    who5 = ada["measures"][0]
    assert (who5["first"]["id"], who5["latest"]["id"]) == (1, 2)
    assert (who5["first"]["percent"], who5["latest"]["percent"], who5["change"]) == (36, 64, 28)
    assert (who5["unit"], who5["meaningful"], who5["improved"]) == ("percentage points", True, True)
    assert (bram["measures"][0]["change"], bram["measures"][0]["meaningful"]) == (-4, False)
    assert report["recovery"]["measures"] == [
        {"instrument": "who5", "people": 2, "mean_change": 12, "unit": "percentage points", "improved": 1,
         "worsened": 0}
    ]  # fmt: skip
    text = measured.ok("report", "Riverside", "--format", "markdown").stdout
    assert "| 1 | Ada Quill | who5 | +28 (gain) | ▄▅ | 36% 2026-01-06 | 64% 2026-04-07 |" in text
    assert "- who5: mean change +12 percentage points over 2 people (1 meaningful gain(s)" in text


def test_a_report_period_takes_only_its_own_measures(measured: Cli) -> None:
    early = measured.json("report", "Riverside", "--to", "2026-03-31")["participants"][0]["measures"][0]
    assert early["change"] is None and early["latest"]["id"] == 1


def test_the_report_shows_connections_over_time_and_the_mainstream_share(measured: Cli) -> None:
    measured.ok("connection", "end", "2", "--date", "2026-03-20")
    ada = measured.json("report", "Riverside", "--to", "2026-04-30")["participants"][0]["connections"]
    assert (ada["active"], ada["mainstream"], ada["program"], ada["mainstream_share"]) == (1, 1, 0, 1.0)
    # at the end of January, February, March (the drop-in ended on the 20th) and April
    assert [(m["month_end"], m["active"]) for m in ada["by_month"]] == [
        ("2026-01-31", 0), ("2026-02-28", 1), ("2026-03-31", 1), ("2026-04-30", 1)
    ]  # fmt: skip
    group = measured.json("report", "Riverside", "--to", "2026-04-30")["recovery"]["connections"]
    assert {key: group[key] for key in ("active", "mainstream", "program", "unclassified", "mainstream_share",
                                        "people_with_any")} == {
        "active": 2, "mainstream": 2, "program": 0, "unclassified": 0, "mainstream_share": 1.0, "people_with_any": 2
    }  # fmt: skip


def test_each_month_splits_connections_by_setting_and_the_share_leaves_the_unclassified_out(measured: Cli) -> None:
    measured.ok("connection", "add", "2", "Walking friend", "--kind", "person", "--date", "2026-04-02")
    report = measured.json("report", "Riverside", "--to", "2026-04-30")
    split = ("active", "mainstream", "program", "unclassified", "mainstream_share")
    bram = report["participants"][1]["connections"]
    assert [bram[key] for key in split] == [2, 1, 0, 1, 1.0]  # the walking friend does not lower the share
    assert [[m[key] for key in split] for m in bram["by_month"]] == [
        [0, 0, 0, 0, None], [0, 0, 0, 0, None], [1, 1, 0, 0, 1.0], [2, 1, 0, 1, 1.0]
    ]  # fmt: skip
    group = report["recovery"]["connections"]
    assert [group[key] for key in split] == [4, 2, 1, 1, 0.667]
    assert [(m["month_end"], *(m[key] for key in split)) for m in group["by_month"]] == [
        ("2026-01-31", 0, 0, 0, 0, None), ("2026-02-28", 1, 1, 0, 0, 1.0),
        ("2026-03-31", 3, 2, 1, 0, 0.667), ("2026-04-30", 4, 2, 1, 1, 0.667),
    ]  # fmt: skip
    warned = [w for w in report["warnings"] if "neither mainstream nor program" in w]
    assert len(warned) == 1 and "1 connection(s)" in warned[0] and "(id 4)" in warned[0]
    assert "peertool connection edit ID --mainstream" in warned[0]
    table = measured.ok("report", "Riverside", "--to", "2026-04-30").stdout
    assert "2026-04-30\t4\t2\t1\t1\t67%" in table and "2\tBram" in table
    measured.ok("connection", "edit", "4", "--program")
    fixed = measured.json("report", "Riverside", "--to", "2026-04-30")
    assert fixed["recovery"]["connections"]["mainstream_share"] == 0.5
    assert not [w for w in fixed["warnings"] if "neither mainstream nor program" in w]


def test_the_share_is_none_when_no_connection_is_classified(riverside: Cli) -> None:
    riverside.ok("connection", "add", "1", "Walking friend", "--kind", "person", "--date", "2026-02-02")
    report = riverside.json("report", "Riverside", "--to", "2026-02-28")
    ada = report["participants"][0]["connections"]
    assert (ada["active"], ada["unclassified"], ada["mainstream_share"]) == (1, 1, None)
    assert report["recovery"]["connections"]["mainstream_share"] is None
    assert any("1 connection(s) in this period" in w for w in report["warnings"])


def test_decreasing_reliance_month_by_month_in_json_and_in_the_table(measured: Cli) -> None:
    """Ada goes out with the coach, then with Bram, then alone; her contact minutes fall; her connections grow."""
    outing = ("outing", "log", "Riverside", "--activity", "Museum", "--with", "1")
    measured.ok(*outing, "--with-coach", "--date", "2026-02-14")
    measured.ok(*outing, "--with", "2", "--date", "2026-03-14")
    measured.ok(*outing, "--date", "2026-04-11")
    measured.ok("note", "add", "1", "Planned the museum trip", "--date", "2026-02-03", "--minutes", "60")
    measured.ok("note", "add", "1", "Checked in", "--date", "2026-03-05", "--minutes", "30", "--mode", "phone")
    measured.ok("meeting", "record", "Riverside", "--date", "2026-03-03", "--all-present")  # a group meeting
    measured.ok("contact", "add", "--community", "--minutes", "45", "--date", "2026-03-04")  # not individual
    report = measured.json("report", "Riverside", "--from", "2026-02-01", "--to", "2026-04-30")
    ada = next(p for p in report["reliance"] if p["id"] == 1)
    months = ada["months"]
    assert [m["month"] for m in months] == ["2026-02", "2026-03", "2026-04"]  # the period's months only
    assert [[m["outings"][k] for k in ("with_coach", "partner", "group", "solo")] for m in months] == [
        [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1]
    ]  # fmt: skip
    assert [m["contact_minutes"] for m in months] == [60, 30, 0]
    assert [(m["connections"]["mainstream"], m["connections"]["program"]) for m in months] == [(1, 0), (1, 1), (1, 1)]
    assert [p["id"] for p in report["reliance"]] == [p["id"] for p in report["participants"]]
    table = measured.ok("report", "Riverside", "--from", "2026-02-01", "--to", "2026-04-30").stdout.splitlines()
    assert "1\tAda Quill\t1→0→0\t0→1→0\t0→0→0\t0→0→1" in table
    assert "1\tAda Quill\t60→30→0\t1→1→1\t0→1→1\t0→0→0" in table
    assert "2\tBram Oakes\t0→0→0\t0→1→0\t0→0→0\t0→0→0" in table
    printed = measured.ok("report", "Riverside", "--from", "2026-02-01", "--to", "2026-04-30", "--format", "markdown")
    assert "## Decreasing reliance" in printed.stdout and "| 1 | Ada Quill | 1→0→0 | 0→1→0 | 0→0→0 | 0→0→1 |" in (
        printed.stdout
    )


def at_80_columns(cli: Cli, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    """What the command draws on a terminal 80 columns wide, checked to fit."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr("peertool.render.output.stdout_is_terminal", lambda: True)
    table: str = cli.ok(*args).stdout
    assert max(len(line) for line in table.splitlines()) <= 80
    return table


def test_a_drop_in_report_counts_visits_by_person_weekday_and_month(
    riverside: Cli, env: Path, today: Today, monkeypatch: pytest.MonkeyPatch
) -> None:
    today(dt.date(2026, 3, 16))
    drop_in(riverside, env)
    riverside.ok("activity", "log", "Main St", "--kind", "spiritual", "--date", "2026-03-11", "--title", "Service",
                 "--place", "St Anne's", "--mainstream", "--with", "Ada Quill", "--with", "Milo Reed")  # fmt: skip
    riverside.ok("activity", "log", "Main St", "--kind", "educational", "--date", "2026-03-12", "--title", "Budgets")
    report = riverside.json("report", "Main St")
    assert (report["program"], report["from"], report["to"]) == ("independence", "2026-03-02", "2026-03-16")
    assert (report["visits"], report["visitors"]) == (10, 8)
    assert [(p["name"], p["visits"]) for p in report["people"]] == [
        ("Ada Quill", 2), ("Kai Lund", 2), ("Bram Oakes", 1), ("Cleo Marsh", 1),
        ("Lea Moss", 1), ("Milo Reed", 1), ("Nia Cole", 1), ("Omar Diaz", 1),
    ]  # fmt: skip
    assert report["people"][0]["days"] == ["2026-03-09", "2026-03-11"]
    assert report["weekdays"] == {"mon": 2, "tue": 2, "wed": 3, "thu": 1, "fri": 2, "sat": 0, "sun": 0}
    assert report["months"] == [{"month": "2026-03", "visits": 10, "visitors": 8}]
    counted = report["activities"]
    assert (counted["total"], counted["mainstream"], counted["people"]) == (2, 1, 2)
    assert report["warnings"] == []
    assert riverside.json("report", "Main St", "--from", "2026-03-11", "--to", "2026-03-11")["visits"] == 3
    iml = riverside.json("report", "Riverside")  # the IML group's report keeps its shape
    assert "participants" in iml and "visits" not in iml
    table = at_80_columns(riverside, monkeypatch, "report", "Main St")
    assert "03-09, 03-11" in table and "Unique visitors by month" in table and "spiritual" in table
    markdown = riverside.ok("report", "Main St", "--format", "markdown").stdout
    assert "| wed | 3 |" in markdown and "| 2026-03 | 10 | 8 |" in markdown


def test_report_all_is_every_group_and_the_total(
    riverside: Cli, env: Path, today: Today, monkeypatch: pytest.MonkeyPatch
) -> None:
    today(dt.date(2026, 3, 16))
    drop_in(riverside, env)
    riverside.ok("meeting", "record", "Riverside", "--date", "2026-03-10", "--absent", "Ada Quill")
    report = riverside.json("report", "--all")
    assert (report["from"], report["to"], report["people"]) == ("2026-01-06", "2026-03-16", 16)
    assert [(g["group"], g["drop_in"]) for g in report["groups"]] == [("Main St", True), ("Riverside", False)]
    assert report["attendance"] == {"present": 9, "recorded": 10, "rate": 0.9}
    assert (report["visits"], report["visitors"], report["cosign_rate"]) == (10, 8, None)
    assert riverside.json("report", "--all", "--from", "2026-03-11", "--to", "2026-03-11")["visits"] == 3
    table = at_80_columns(riverside, monkeypatch, "report", "--all")
    assert "9/10 (90%)" in table and "10 visits by 8" in table and "total" in table
    markdown = riverside.ok("report", "--all", "--format", "markdown").stdout
    assert markdown.startswith("# All groups, 2026-01-06 to 2026-03-16: 2 groups, 16 people")
    assert "| Riverside | iml | 9/10 (90%) | 10/10 (100%) |" in markdown


def test_report_takes_a_group_or_all_but_not_both(riverside: Cli) -> None:
    assert riverside("report").exit_code == 2
    assert riverside("report", "Riverside", "--all").exit_code == 2


def test_report_staff_is_the_director_view_of_their_caseloads_groups(riverside: Cli, env: Path, today: Today) -> None:
    today(dt.date(2026, 3, 16))
    drop_in(riverside, env)
    riverside.ok("staff", "add", "Sol Park", "--role", "supervisor", "--credential", "LCSW")
    riverside.ok("staff", "add", "Rae Lin", "--role", "coach", "--credential", "CPS", "--supervisor", "Sol Park")
    riverside.ok("staff", "add", "Ida Moss", "--role", "director", "--credential", "MSW")
    riverside.ok("group", "edit", "Riverside", "--coach", "Rae Lin")
    caseloads = (("Rae Lin", ["Riverside"]), ("Sol Park", ["Riverside"]), ("Ida Moss", ["Main St", "Riverside"]))
    for name, groups in caseloads:
        assert [g["group"] for g in riverside.json("report", "--staff", name)["groups"]] == groups
    assert riverside("report", "--staff", "Rae Lin", "--all").exit_code == 2
    assert riverside("report", "Riverside", "--staff", "Rae Lin").exit_code == 2
    assert riverside("report", "--staff", "Nobody").exit_code == 3
