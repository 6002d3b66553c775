import datetime as dt
import json
from pathlib import Path

from helpers import WHO5_LOW, Cli, Today, drop_in


def season(cli: Cli) -> None:
    cli.ok("pair", "Riverside", "--seed", "1")
    cli.ok(
        "meeting",
        "record",
        "Riverside",
        "--date",
        "2026-03-03",
        "--lesson",
        "Starting a Conversation",
        "--absent",
        "4",
        "--absent",
        "5",
        "--thread",
        "isolation",
        "--homework",
        "Start one conversation",
    )
    cli.ok(
        "meeting",
        "record",
        "Riverside",
        "--date",
        "2026-03-10",
        "--absent",
        "4",
        "--absent",
        "6",
        "--thread",
        "isolation",
        "--thread",
        "worship",
        "--homework",
        "Visit a community group",
    )


def test_prep_sheet_is_drawn_from_the_records(riverside: Cli) -> None:
    season(riverside)
    sheet = json.loads(riverside.ok("prep", "Riverside", "--date", "2026-03-11", "-f", "json").stdout)
    assert sheet["date"] == "2026-03-17" and sheet["time"] == "18:00" and sheet["location"] == "Library room B"
    assert (sheet["month"], sheet["theme"]) == (3, "Social Interaction")
    titles = [p["title"] for p in sheet["lessons"]]
    assert "Starting a Conversation" not in titles
    assert titles[0] == "Joining a Community Group"
    assert [t["tag"] for t in sheet["threads"]] == ["isolation", "worship"]
    assert sheet["follow_up"] == {"date": "2026-03-10", "homework": "Visit a community group"}
    assert [p["id"] for p in sheet["check_in"]] == [4]
    assert len(sheet["pairs"]) == 5 and len(sheet["sign_in"]) == 10


def test_prep_markdown_carries_the_same_facts(riverside: Cli) -> None:
    season(riverside)
    text = riverside.ok("prep", "Riverside", "--date", "2026-03-11", "-f", "markdown").stdout
    assert text.startswith("# Riverside: meeting of 2026-03-17 18:00")
    for fact in (
        "Month 3:** Social Interaction",
        "Joining a Community Group",
        "Visit a community group",
        "Dev Harlan (id 4)",
        "| Ada Quill | |",
        "isolation: 2 time(s)",
    ):
        assert fact in text


def test_prep_on_a_fresh_group_and_after_the_year(riverside: Cli) -> None:
    sheet = json.loads(riverside.ok("prep", "Riverside", "--date", "2026-01-01", "-f", "json").stdout)
    assert sheet["date"] == "2026-01-06" and sheet["follow_up"] is None and sheet["check_in"] == []
    assert len(sheet["lessons"]) == 3 and sheet["pairs"] == []
    assert riverside.ok("prep", "Riverside", "--date", "2026-01-01").stdout
    late = riverside("prep", "Riverside", "--date", "2027-02-01")
    assert late.exit_code == 1 and "program year ended" in late.stderr
    assert riverside("prep", "Nowhere").exit_code == 3


def test_prep_skips_holidays(riverside: Cli, env: Path) -> None:
    (env / "peertool.yaml").write_text("skip_dates: [2026-03-17]\n")
    sheet = json.loads(riverside.ok("prep", "Riverside", "--date", "2026-03-11", "-f", "json").stdout)
    assert sheet["date"] == "2026-03-24"


def test_prep_lists_reviews_due_and_ready_solo(riverside: Cli, env: Path) -> None:
    (env / "peertool.yaml").write_text("solo_outings_for_ready: 2\n")
    for day in ("2026-03-01", "2026-03-08"):
        riverside.ok("outing", "log", "Riverside", "--with", "3", "--date", day, "--activity", "Library")
    riverside.ok("review", "1", "--progressing", "yes", "--wants-to-continue", "yes", "--date", "2026-03-01")
    sheet = json.loads(riverside.ok("prep", "Riverside", "--date", "2026-04-07", "-f", "json").stdout)
    due = {p["id"]: p["due"] for p in sheet["reviews_due"]}
    assert 1 not in due and due[2] == "2026-04-05"
    assert sheet["suggestions"]["ready_solo"] == [{"id": 3, "name": "Cleo Marsh", "solo_outings": 2}]
    text = riverside.ok("prep", "Riverside", "--date", "2026-04-07", "-f", "markdown").stdout
    assert "Cleo Marsh (id 3) has 2 solo outings" in text and "Bram Oakes (id 2): due 2026-04-05" in text


def test_prep_lists_who_is_due_a_measure_this_week(riverside: Cli) -> None:
    first = riverside.json("prep", "Riverside", "--date", "2026-01-06")["measures_due"]
    assert len(first) == 10 and first[0] == {
        "id": 1, "name": "Ada Quill", "instrument": "who5", "due": "2026-01-05", "last": None
    }  # fmt: skip
    riverside.ok(*WHO5_LOW)
    assert 1 not in [p["id"] for p in riverside.json("prep", "Riverside", "--date", "2026-01-13")["measures_due"]]
    assert 1 not in [p["id"] for p in riverside.json("prep", "Riverside", "--date", "2026-03-24")["measures_due"]]
    again = riverside.json("prep", "Riverside", "--date", "2026-03-31")["measures_due"]
    assert {"id": 1, "name": "Ada Quill", "instrument": "who5", "due": "2026-04-05", "last": "2026-01-06"} in again
    markdown = riverside.ok("prep", "Riverside", "--format", "markdown", "--date", "2026-03-31").stdout
    assert "## Measures due this week" in markdown


def test_a_drop_in_prep_is_its_week_planned_activities_and_who_has_not_come(
    riverside: Cli, env: Path, today: Today
) -> None:
    today(dt.date(2026, 3, 31))
    drop_in(riverside, env)
    config = env / "peertool.yaml"
    config.write_text(config.read_text() + "skip_dates: [2026-04-03]\n")
    riverside.ok("meeting", "record", "Main St", "--date", "2026-03-30", "--present", "Ada Quill,Kai Lund")
    riverside.ok("activity", "log", "Main St", "--kind", "educational", "--date", "2026-04-01", "--title", "Budgets",
                 "--future", "--staff", "Dana Reyes")  # fmt: skip
    riverside.ok("activity", "log", "Main St", "--kind", "skills", "--date", "2026-04-06", "--title", "Next week",
                 "--future")  # fmt: skip
    sheet = riverside.json("prep", "Main St")
    assert (sheet["from"], sheet["to"], sheet["time"]) == ("2026-03-31", "2026-04-06", "10:00")
    assert [(d["date"], d["day"], d["skipped"]) for d in sheet["open_days"]] == [
        ("2026-03-31", "tue", False), ("2026-04-01", "wed", False), ("2026-04-02", "thu", False),
        ("2026-04-03", "fri", True), ("2026-04-06", "mon", False),
    ]  # fmt: skip
    assert [a["title"] for a in sheet["activities"]] == ["Budgets", "Next week"]
    assert sheet["unseen_weeks"] == 3
    assert [(p["name"], p["last_visit"]) for p in sheet["unseen"]] == [
        ("Pia Shaw", None),
        ("Bram Oakes", "2026-03-10"),
        ("Lea Moss", "2026-03-10"),
    ]  # seen within three weeks of 2026-03-31 (after 2026-03-10): not listed
    config.write_text(config.read_text() + "dropin:\n  unseen_weeks: 2\n")
    assert len(riverside.json("prep", "Main St")["unseen"]) == 7  # all but Ada and Kai, seen on 2026-03-30
    markdown = riverside.ok("prep", "Main St", "--format", "markdown").stdout
    assert "- fri 2026-04-03 (skip date: closed)" in markdown
    assert "- Pia Shaw (id 16): no visit since enrolling on 2026-03-02" in markdown
    assert "(staff: Dana Reyes)" in markdown and "Peer partners" not in markdown
    assert (
        "## Peer partners" in riverside.ok("prep", "Riverside", "--date", "2026-03-31", "--format", "markdown").stdout
    )


def test_someone_back_in_the_program_is_unseen_only_from_their_return(riverside: Cli, env: Path, today: Today) -> None:
    today(dt.date(2026, 4, 8))
    drop_in(riverside, env)  # Omar Diaz last came on 2026-03-13
    riverside.ok("participant", "edit", "Omar Diaz", "--leave-program", "independence", "--date", "2026-03-16")
    riverside.ok("participant", "edit", "Omar Diaz", "--program", "independence", "--date", "2026-03-30")
    assert "Omar Diaz" not in [p["name"] for p in riverside.json("prep", "Main St")["unseen"]]  # back 9 days ago
    today(dt.date(2026, 4, 20))
    back = [p for p in riverside.json("prep", "Main St")["unseen"] if p["name"] == "Omar Diaz"]
    assert [(p["enrolled_on"], p["last_visit"]) for p in back] == [("2026-03-30", "2026-03-13")]
