"""Issue 27's walk through two programs in one database, as a community mental health center runs them: the IML
group Riverside (unchanged) and the Independence Program's drop-in Main St, open Monday to Friday, with the same
people. Visits, activities, outings of every kind, fund support, each group's report, and budgets that add up."""

import datetime as dt
import json
from pathlib import Path
from typing import Any

from helpers import DROP_INS, INDEPENDENCE, VISITS, Cli, Today, drop_in

# The issue's own example, beside the fund each participant has for a program year.
CONFIG = 'activity_fund: "300.00"\nprograms: {independence: {kind: drop-in, days: [mon, tue, wed, thu, fri]}}\n'


def _two_programs(cli: Cli, env: Path) -> None:
    """Main St beside Riverside: eight people enrolled in the Independence Program (Ada Quill, Bram Oakes and Cleo
    Marsh are Riverside members too), ten visits in the week of 2026-03-09, two activities."""
    (env / "peertool.yaml").write_text(CONFIG)
    cli.ok("group", "create", "Main St", "--program", "independence", "--start", "2026-03-02", "--time", "10:00")
    for name in DROP_INS[3:]:
        cli.ok("enroll", name, "--enrolled-on", "2026-03-02")
    for name in DROP_INS:
        cli.ok("participant", "edit", name, "--program", "independence", "--date", "2026-03-02")
    for day, people in VISITS.items():
        cli.ok("meeting", "record", "Main St", "--date", day, *[arg for p in people for arg in ("--present", p)])
    cli.ok("activity", "log", "Main St", "--kind", "spiritual", "--date", "2026-03-08", "--title", "Sunday service",
           "--place", "St Anne's", "--mainstream", "--with", "Ada Quill", "--with", "Milo Reed",
           "--staff", "Dana Reyes")  # fmt: skip
    cli.ok("activity", "log", "Main St", "--kind", "educational", "--date", "2026-03-11", "--title", "Budgeting class",
           "--with", "Cleo Marsh", "--with", "Kai Lund", "--cost", "20.00")  # fmt: skip


def _outings(cli: Cli) -> None:
    """Riverside's outings: four to the museum with a group discount, Esme Vale three times with the coach, Finn
    Rowe three times alone (paid by himself); and a bus pass for Ada Quill from the fund."""
    four = [arg for name in ("Ada Quill", "Bram Oakes", "Cleo Marsh", "Dev Harlan") for arg in ("--with", name)]
    logged = cli.json("outing", "log", "Riverside", *four, "--date", "2026-03-07", "--activity", "Art museum",
                      "--cost", "48.00", "--discount", "8.00")  # fmt: skip
    assert logged["kind"] == "group" and {p["share"] for p in logged["people"]} == {"10.00"}
    for day in ("2026-03-03", "2026-03-10", "2026-03-14"):
        cli.ok("outing", "log", "Riverside", "--with", "Esme Vale", "--with-coach", "--date", day,
               "--activity", "Library tour", "--cost", "4.00")  # fmt: skip
        cli.ok("outing", "log", "Riverside", "--with", "Finn Rowe", "--date", day, "--activity", "Walk",
               "--cost", "5.00", "--paid-by", "participants")  # fmt: skip
    cli.ok("support", "add", "Ada Quill", "25.00", "--for", "Bus pass", "--date", "2026-03-10")


def test_an_iml_group_and_a_drop_in_program_in_one_database(riverside: Cli, env: Path, today: Today) -> None:
    today(dt.date(2026, 3, 16))
    _two_programs(riverside, env)
    _outings(riverside)

    main_st = riverside.json("group", "show", "Main St")
    assert (main_st["program"], main_st["days"]) == ("independence", ["mon", "tue", "wed", "thu", "fri"])
    drop_in = riverside.json("report", "Main St")
    assert (drop_in["visits"], drop_in["visitors"]) == (10, 8)
    assert [(p["name"], p["visits"]) for p in drop_in["people"][:2]] == [("Ada Quill", 2), ("Kai Lund", 2)]
    assert drop_in["weekdays"] == {"mon": 2, "tue": 2, "wed": 3, "thu": 1, "fri": 2, "sat": 0, "sun": 0}
    assert drop_in["months"] == [{"month": "2026-03", "visits": 10, "visitors": 8}]
    activities = drop_in["activities"]
    assert (activities["total"], activities["mainstream"], activities["people"]) == (2, 1, 4)

    iml = riverside.json("report", "Riverside", "--from", "2026-03-01")
    assert len(iml["participants"]) == 10 and "visits" not in iml  # the IML report keeps its shape
    outings = {p["name"]: p["outings"] for p in iml["participants"]}
    assert outings["Ada Quill"]["group"] == 1 and outings["Esme Vale"] == {
        "partner": 0, "solo": 0, "group": 0, "with_coach": 3}  # fmt: skip
    assert [s["name"] for s in iml["suggestions"]["ready_solo"]] == [
        "Finn Rowe"
    ]  # three solo outings; the coach's are not
    esme = next(p for p in iml["reliance"] if p["name"] == "Esme Vale")
    assert [(m["month"], m["outings"]["with_coach"]) for m in esme["months"]] == [("2026-03", 3)]

    assert "Ada Quill\t2\t03-09, 03-11" in riverside.ok("report", "Main St").stdout
    assert "Decreasing reliance" in riverside.ok("report", "Riverside", "--format", "markdown").stdout

    _budgets_add_up(riverside.json("budget", "Riverside"), spent="77.00", people=10)
    _budgets_add_up(riverside.json("budget", "Main St"), spent="20.00", people=8)  # those enrolled


def _budgets_add_up(budget: dict[str, Any], *, spent: str, people: int) -> None:
    """The total spent is the participants' spending plus the fund-paid activities, and the fund is theirs."""
    cents = sum(int(row["spent"].replace(".", "")) for row in budget["participants"])
    cents += int(budget["total"].get("activities", "0.00").replace(".", ""))
    assert budget["total"]["spent"] == spent and cents == int(spent.replace(".", ""))
    assert len(budget["participants"]) == people
    if people:
        assert budget["total"]["fund"] == f"{300 * people}.00"
        assert int(budget["total"]["remaining"].replace(".", "")) == 30000 * people - cents


def _same_day(cli: Cli, env: Path, minutes: int, config: str = "") -> None:
    """Main St (billed under H2014) beside Riverside (H0038); on Tuesday 2026-03-10 Ada Quill came to both, for
    `minutes` each."""
    drop_in(cli, env, visits=False)
    (env / "peertool.yaml").write_text(INDEPENDENCE + config)
    cli.ok("meeting", "record", "Riverside", "--date", "2026-03-10", "--all-present", "--duration", str(minutes))
    cli.ok("meeting", "record", "Main St", "--date", "2026-03-10", "--present", "Ada Quill", "--duration",
           str(minutes))  # fmt: skip


def test_a_visit_is_billed_under_its_programs_code_and_its_minutes_apart_from_an_iml_meetings(
    riverside: Cli, env: Path, today: Today
) -> None:
    """Review finding 2: 20 + 20 minutes of two codes on one day are 1 + 1 units, not 40 minutes' 3; the chart
    gives each meeting its own code."""
    today(dt.date(2026, 3, 16))
    _same_day(riverside, env, 20)
    chart = riverside.json("participant", "chart", "Ada Quill", "--from", "2026-03-01")
    assert chart["units"] == [{"month": "2026-03", "group": 2, "individual": 0, "total": 2}]
    assert [(m["group"], m["service"]["code"]) for m in chart["meetings"]] == [
        ("Riverside", "H0038"), ("Main St", "H2014")]  # fmt: skip
    markdown = riverside.ok("participant", "chart", "Ada Quill", "--from", "2026-03-01").stdout
    assert "1 units (H0038-HQ)" in markdown and "1 units (H2014-HQ)" in markdown
    bram = riverside.json("participant", "chart", "Bram Oakes", "--from", "2026-03-01")
    assert bram["units"] == [{"month": "2026-03", "group": 1, "individual": 0, "total": 1}]  # IML alone: unchanged


def test_the_daily_cap_counts_a_persons_units_in_every_group_in_both_reports(
    riverside: Cli, env: Path, today: Today
) -> None:
    """Review finding 11: 6 units at Riverside and 6 at Main St on one day pass a cap of 8 in each report, as in
    `note lint`."""
    today(dt.date(2026, 3, 16))
    _same_day(riverside, env, 90, "billing:\n  daily_cap_units: 8\n")
    warning = "Ada Quill (id 1) has 12 units on 2026-03-10, over the daily cap of 8."
    assert riverside.json("report", "Main St")["warnings"] == [warning]
    assert warning in riverside.json("report", "Riverside", "--from", "2026-03-01")["warnings"]
    for scope in ([], ["--group", "Main St"], ["--group", "Riverside"]):
        problems = riverside.json_fail("note", "lint", *scope)["problems"]
        assert [p["participant"]["name"] for p in problems if p["check"] == "over-cap"] == ["Ada Quill"]


def test_a_chart_names_no_one_who_shares_a_drop_in_or_an_activity_with_the_person(
    riverside: Cli, env: Path, today: Today
) -> None:
    """Review finding 5: Lea Moss, enrolled in Main St's program with Ada but never a Riverside member, is no more
    named in Ada's chart than Bram Oakes, her fellow member."""
    today(dt.date(2026, 3, 16))
    drop_in(riverside, env)
    riverside.ok("activity", "log", "Main St", "--kind", "recreational", "--date", "2026-03-12",
                 "--title", "Lunch for Lea Moss and Bram Oakes", "--with", "Ada Quill")  # fmt: skip
    markdown = riverside.ok("participant", "chart", "Ada Quill").stdout
    chart = riverside.json("participant", "chart", "Ada Quill")
    for text in (markdown, json.dumps(chart)):
        assert "Lunch for" in text and not {"Lea", "Bram"} & set(text.replace(",", " ").split())


def test_units_by_code_are_a_new_key_of_the_chart_and_of_each_person_in_the_report(
    riverside: Cli, env: Path, today: Today
) -> None:
    """Review finding 2: each billing line's units per month (code and, for a meeting, the group modifier), as a
    key of its own; `units` keeps its meaning, and a chart of one code prints as before."""
    today(dt.date(2026, 3, 16))
    _same_day(riverside, env, 20)
    riverside.ok("note", "add", "Ada Quill", "Called", "--date", "2026-03-11", "--minutes", "15")
    lines = [{"month": "2026-03", "code": "H0038", "units": 1}, {"month": "2026-03", "code": "H0038-HQ", "units": 1},
             {"month": "2026-03", "code": "H2014-HQ", "units": 1}]  # fmt: skip
    assert riverside.json("participant", "chart", "Ada Quill", "--from", "2026-03-01")["units_by_code"] == lines
    markdown = riverside.ok("participant", "chart", "Ada Quill", "--from", "2026-03-01").stdout
    assert "## Units by code" in markdown and "| 2026-03 | H2014-HQ | 1 |" in markdown
    riverside.ok("note", "add", "Bram Oakes", "Called", "--date", "2026-03-11", "--minutes", "15")
    assert "Units by code" not in riverside.ok("participant", "chart", "Bram Oakes").stdout  # IML only: as before
    report = riverside.json("report", "Riverside", "--from", "2026-03-01")
    ada = next(p for p in report["participants"] if p["name"] == "Ada Quill")
    assert ada["units"] == [{"month": "2026-03", "group": 1, "individual": 1, "total": 2}]
    assert ada["units_by_code"] == [lines[0], lines[1]]  # the report's group: its meetings and members' contacts
