"""Corrections, every one audited: delete, readmit, edit (issue 14)."""

import sqlite3

from helpers import Cli


def count(cli: Cli, sql: str) -> int:
    conn = sqlite3.connect(cli.db_path)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def test_participant_delete_removes_the_person_and_their_records_but_not_meetings(riverside: Cli) -> None:
    cli = riverside
    cli.ok("meeting", "record", "Riverside", "--date", "2026-03-10", "--absent", "2", "--notes", "A good night")
    cli.ok("note", "add", "1", "Called")
    cli.ok("review", "1", "--progressing", "yes", "--wants-to-continue", "yes")
    cli.ok("pair", "Riverside")
    cli.ok("outing", "log", "Riverside", "--with", "1", "--with", "3", "--date", "2026-03-14", "--activity", "Museum",
           "--cost", "10")  # fmt: skip
    cli.ok("outing", "log", "Riverside", "--with", "1", "--date", "2026-03-15", "--activity", "Walk")
    before_audit = len(cli.json("audit"))
    assert cli("participant", "delete", "1").exit_code == 1  # a script must say --yes
    cli.ok("participant", "delete", "Ada Quill", "--yes")
    assert cli("participant", "show", "1").exit_code == 3
    for table, column in [("memberships", "participant_id"), ("attendance", "participant_id"),
                          ("goals", "participant_id"), ("contact_notes", "participant_id"),
                          ("reviews", "participant_id"), ("outing_people", "participant_id")]:  # fmt: skip
        assert count(cli, f"SELECT count(*) FROM {table} WHERE {column} = 1") == 0, table
    assert count(cli, "SELECT count(*) FROM pairing_pairs WHERE 1 IN (first_id, second_id)") == 0
    assert cli.json("meeting", "show", "1")["notes"] == "A good night"
    outings = cli.json("outing", "list", "Riverside")
    assert [o["activity"] for o in outings] == ["Museum"] and [p["id"] for p in outings[0]["people"]] == [3]
    log = cli.json("audit")
    assert len(log) > before_audit and "Ada" not in str(log)
    assert cli.json("audit", "verify")["ok"] is True


def test_readmit_brings_someone_back_and_keeps_their_discharges(riverside: Cli) -> None:
    cli = riverside
    cli.ok("discharge", "2", "--reason", "moved away", "--date", "2026-03-01")
    person = cli.json("participant", "readmit", "2", "--date", "2026-05-05", "--group", "Riverside")
    assert person["status"] == "active" and person["group"] == "Riverside"
    assert person["discharges"] == [
        {"date": "2026-03-01", "reason": "moved away", "reason_code": "other", "readmitted_on": "2026-05-05"}
    ]
    assert cli("participant", "readmit", "2").exit_code == 1  # already active


def test_group_edit_renames_and_moves_the_schedule(riverside: Cli) -> None:
    cli = riverside
    cli.ok("meeting", "record", "Riverside", "--date", "2026-01-13", "--absent", "1")
    cli.ok("group", "create", "Hillside", "--start", "2026-01-07", "--weekday", "wed")
    assert cli("group", "edit", "Riverside", "--name", "hillside").exit_code == 4
    group = cli.json("group", "edit", "Riverside", "--name", "Maple Room", "--weekday", "thu", "--time", "17:30",
                     "--location", "Room 2", "--coach", "Coach Lin")  # fmt: skip
    assert (group["name"], group["weekday"], group["time"], group["location"]) == (
        "Maple Room",
        "thu",
        "17:30",
        "Room 2",
    )
    assert cli.json("meeting", "show", "1")["date"] == "2026-01-13"
    schedule = cli.ok("schedule", "--group", "Maple Room", "--format", "json").stdout
    assert '"2026-01-08"' in schedule and '"2026-01-13"' not in schedule


def test_meeting_outing_note_goal_corrections(riverside: Cli) -> None:
    cli = riverside
    cli.ok("meeting", "record", "Riverside", "--date", "2026-03-10", "--absent", "2", "--thread", "sleep")
    assert cli("meeting", "delete", "1").exit_code == 1
    cli.ok("meeting", "delete", "1", "--yes")
    assert cli("meeting", "show", "1").exit_code == 3
    assert count(cli, "SELECT count(*) FROM attendance") == 0
    outing = cli.json("outing", "log", "Riverside", "--with", "1", "--with", "3", "--date", "2026-03-14",
                      "--activity", "Museum", "--cost", "10")  # fmt: skip
    edited = cli.json("outing", "edit", str(outing["id"]), "--cost", "7.01", "--activity", "Art museum")
    assert edited["activity"] == "Art museum" and [p["share"] for p in edited["people"]] == ["3.51", "3.50"]
    assert cli.json("budget", "Riverside")["total"]["spent"] == "7.01"
    cli.ok("outing", "delete", str(outing["id"]), "--yes")
    assert cli.json("outing", "list", "Riverside") == []
    note = cli.json("note", "add", "1", "Calld after meeting")
    assert cli.json("note", "edit", str(note["id"]), "Called after the meeting")["text"] == "Called after the meeting"
    cli.ok("note", "delete", str(note["id"]), "--yes")
    assert cli.json("note", "list", "1") == []
    goal = cli.json("goal", "edit", "1", "--text", "Take the bus to the store", "--domain", "transportation")
    assert (goal["text"], goal["domain"]) == ("Take the bus to the store", "transportation")


def test_review_list(riverside: Cli) -> None:
    cli = riverside
    first = cli.json("review", "1", "--progressing", "yes", "--wants-to-continue", "yes", "--date", "2026-03-01")
    cli.ok("review", "2", "--progressing", "no", "--wants-to-continue", "no", "--date", "2026-03-02")
    assert [r["id"] for r in cli.json("review", "list", "1")] == [first["id"]]
    assert len(cli.json("review", "list")) == 2
