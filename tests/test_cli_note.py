"""Notes fit for a chart, as a coach uses them: attendance with minutes, each attendee's note, documented
contacts with units, signing that locks, addenda, the chart, and the weekly lint."""

import json
import sqlite3
from pathlib import Path

import pytest

from helpers import Cli, Today

MEETING = ("meeting", "record", "Riverside", "--date", "2026-03-03")


@pytest.fixture
def met(riverside: Cli) -> Cli:
    """Riverside's meeting of 2026-03-03: 4 came for 70 minutes, 1 left after 45, 6 was excused."""
    riverside.ok(*MEETING, "--all-present", "--late", "4:70", "--left-early", "Ada Quill:45", "--excused", "6")
    return riverside


def test_attendance_has_a_status_minutes_and_units_for_each_person(met: Cli) -> None:
    meeting = met.json("meeting", "show", "1")
    marks = {p["id"]: (p["status"], p["minutes"], p["units"]) for p in meeting["present"] + meeting["absent"]}
    assert marks[1] == ("left-early", 45, 3) and marks[4] == ("late", 70, 5) and marks[6] == ("excused", 0, 0)
    assert marks[2] == ("present", 90, 6) and len(marks) == 10
    assert (meeting["start"], meeting["end"], meeting["service"]) == (
        "18:00",
        "19:30",
        {"code": "H0038", "modifier": "HQ"},
    )


@pytest.mark.parametrize(
    "marks, wanted",
    [
        (["--all-present", "--late", "4"], "REF:MINUTES"),
        (["--all-present", "--left-early", "4:"], "REF:MINUTES"),
        (["--all-present", "--late", "4:90"], "from 1 to 89"),
        (["--all-present", "--late", "4:20", "--excused", "4"], "both late and excused"),
        (["--late", "4:20"], "--all-present, --present or --absent"),
    ],
)
def test_bad_attendance_is_refused_and_changes_nothing(riverside: Cli, marks: list[str], wanted: str) -> None:
    before = riverside.dump()
    result = riverside(*MEETING, *marks)
    assert result.exit_code == 1 and wanted in result.stderr
    assert riverside.dump() == before


def test_start_and_end_set_the_length(riverside: Cli) -> None:
    meeting = riverside.json(*MEETING, "--start", "18:15", "--end", "19:15", "--all-present")
    assert (meeting["start"], meeting["end"], meeting["duration"]) == ("18:15", "19:15", 60)
    assert {p["units"] for p in meeting["present"]} == {4}
    assert riverside("meeting", "edit", "1", "--duration", "30", "--late", "4:40").exit_code == 1


def test_each_attendee_has_their_own_note_on_their_own_goal(met: Cli) -> None:
    note = met.json("meeting", "note", "1", "Ada Quill", "--response", "Breathing helped", "--goal", "1",
                    "--homework", "tried")  # fmt: skip
    assert (note["response"], note["goal"]["id"], note["homework"]) == ("Breathing helped", 1, "tried")
    again = met.json("meeting", "note", "1", "1", "--text", "Asked for the bus map")
    assert (again["response"], again["text"]) == ("Breathing helped", "Asked for the bus map")
    assert met("meeting", "note", "1", "2", "--goal", "1").exit_code == 1  # goal 1 is Ada's, not Bram's
    met.ok("group", "create", "Eastside", "--start", "2026-01-07", "--weekday", "wed")
    met.ok("enroll", "Nia Late", "--group", "Eastside")
    assert "not in meeting 1's attendance" in met("meeting", "note", "1", "Nia Late", "--response", "x").stderr
    assert [n["participant"]["id"] for n in met.json("meeting", "show", "1")["attendee_notes"]] == [1]


def test_a_documented_contact_has_its_fields_and_units(riverside: Cli) -> None:
    note = riverside.json("note", "add", "1", "Check-in call", "--mode", "phone", "--start", "10:00", "--end",
                          "10:20", "--goal", "1", "--intervention", "Practised the route", "--response",
                          "I can do it", "--plan", "Ride Friday", "--location", "By phone",
                          "--date", "2026-03-04")  # fmt: skip
    assert (note["minutes"], note["units"], note["service"]["code"]) == (20, 1, "H0038")
    assert (note["goal"]["id"], note["plan"], note["signed"]) == (1, "Ride Friday", False)
    short = riverside.json("note", "add", "1", "--response", "Said hello", "--minutes", "7")
    assert (short["units"], short["text"], short["start"]) == (0, None, None)
    assert riverside("note", "add", "1").exit_code == 1  # nothing written
    assert riverside("note", "add", "1", "x", "--start", "10:00", "--end", "09:00").exit_code == 1


def test_a_signed_contact_is_locked_and_amended_by_addenda(riverside: Cli) -> None:
    riverside.ok("note", "add", "1", "Called", "--minutes", "15", "--response", "Fine", "--plan", "Call Friday")
    signed = riverside.json("note", "sign", "1", "--as", "Dana Reyes, CPS")
    author = signed["signatures"][0]
    assert (author["role"], author["signer"], signed["intact"]) == ("author", "Dana Reyes, CPS", True)
    before = riverside.dump()
    for args in (["note", "edit", "1", "changed"], ["note", "delete", "1", "--yes"]):
        refused = riverside(*args)
        assert refused.exit_code == 1 and "note amend 1" in refused.stderr
    assert riverside("note", "sign", "1", "--as", "Dana Reyes, CPS").exit_code == 4
    assert riverside("note", "sign", "1", "--as", "dana reyes, CPS", "--cosign").exit_code == 1
    assert riverside.dump() == before
    riverside.ok("note", "sign", "1", "--as", "Sam Lee, LCSW", "--cosign")
    amended = riverside.json("note", "amend", "1", "They called back", "--reason", "Later information")
    assert amended["text"] == "Called" and amended["addenda"][0]["reason"] == "Later information"
    tables = {row["table"] for row in riverside.json("audit", "--last", "5")}
    assert {"signatures", "addenda"} <= tables


def test_a_signed_meeting_is_locked_with_its_attendance_and_notes(met: Cli) -> None:
    met.ok("meeting", "note", "1", "1", "--response", "Joined in")
    met.ok("meeting", "sign", "1", "--as", "Dana Reyes, CPS")
    before = met.dump()
    refusals = [
        ["meeting", "edit", "1", "--lesson", "x"],
        ["meeting", "delete", "1", "--yes"],
        ["meeting", "note", "1", "2", "--response", "x"],
        [*MEETING, "--all-present", "--replace"],
    ]
    for args in refusals:
        refused = met(*args)
        assert refused.exit_code == 1 and "meeting amend 1" in refused.stderr
    assert met("participant", "delete", "1", "--yes").exit_code == 1
    assert met.dump() == before
    amended = met.json("meeting", "amend", "1", "Dev arrived at 18:20", "--reason", "Corrected time")
    assert amended["intact"] is True and len(amended["addenda"]) == 1


def test_a_record_changed_behind_peertool_shows_and_is_linted(met: Cli) -> None:
    met.ok("note", "add", "1", "Called", "--minutes", "15", "--response", "Fine", "--plan", "x", "--goal", "1")
    met.ok("note", "sign", "1", "--as", "Dana Reyes, CPS")
    conn = sqlite3.connect(met.db_path)
    conn.execute("UPDATE contact_notes SET response = 'Edited later' WHERE id = 1")
    conn.commit()
    conn.close()
    assert met.json("note", "show", "1")["intact"] is False
    linted = met("note", "lint", "--json")
    assert "changed" in {p["check"] for p in json.loads(linted.stdout)["problems"]}


def test_the_chart_is_the_persons_own_record_and_names_no_one_else(met: Cli) -> None:
    met.ok("meeting", "note", "1", "1", "--response", "Talked with Bram Oakes about Cleo's bus plan")
    met.ok("meeting", "edit", "1", "--notes", "Bram Oakes and Cleo Marsh led the check-in")
    met.ok("note", "add", "1", "Called about Dev Harlan's ride", "--minutes", "20", "--date", "2026-03-05")
    chart = met.json("participant", "chart", "1", "--from", "2026-03-01", "--to", "2026-03-31")
    text = json.dumps(chart) + met.ok("participant", "chart", "1", "--to", "2026-03-31").stdout
    for other in ("Bram", "Cleo", "Dev Harlan", "Oakes", "Marsh"):
        assert other not in text
    meeting = chart["meetings"][0]
    assert (meeting["status"], meeting["minutes"], meeting["units"]) == ("left-early", 45, 3)
    assert meeting["attendance"] == {"present": 9, "marked": 10} and "group_notes" not in meeting
    assert chart["units"] == [{"month": "2026-03", "group": 3, "individual": 1, "total": 4}]
    shared = met.json("participant", "chart", "1", "--include-group-notes")
    assert shared["meetings"][0]["group_notes"] == "Bram Oakes and Cleo Marsh led the check-in"


def test_lint_is_empty_only_when_every_record_is_complete_and_signed(met: Cli, today: Today) -> None:
    import datetime as dt

    today(dt.date(2026, 3, 20))
    first = met("note", "lint", "--json")
    problems = json.loads(first.stdout)["problems"]
    assert first.exit_code == 1 and {p["check"] for p in problems} == {"no-own-note", "unsigned"}
    assert sum(p["check"] == "no-own-note" for p in problems) == 9
    met.ok("note", "add", "2", "Called", "--date", "2026-03-04")
    checks = {p["check"] for p in met.json_fail("note", "lint")["problems"] if p["record"] == "note 1"}
    assert checks == {"missing", "unsigned"}
    met.ok("note", "edit", "1", "--start", "10:00", "--end", "10:30", "--goal", "2", "--response", "Good",
           "--plan", "Again next week")  # fmt: skip
    for person in (1, 2, 3, 4, 5, 7, 8, 9, 10):
        met.ok("meeting", "note", "1", str(person), "--response", "Took part")
    met.ok("meeting", "sign", "1", "--as", "Dana Reyes, CPS")
    met.ok("note", "sign", "1", "--as", "Dana Reyes, CPS")
    done = met("note", "lint")
    assert done.exit_code == 0 and "All in order" in done.stderr
    assert met.json("prep", "Riverside", "--date", "2026-03-20")["notes_to_finish"] == 0


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


def test_a_deidentified_export_carries_codes_never_the_note_text(met: Cli) -> None:
    met.ok("note", "add", "1", "Secret words", "--intervention", "Private plan", "--minutes", "20")
    met.ok("meeting", "note", "1", "1", "--response", "Hidden answer", "--homework", "done")
    met.ok("note", "sign", "1", "--as", "Dana Reyes, CPS")
    exported = met.ok("export", "--deidentify").stdout
    assert not {"Secret", "Private", "Hidden", "Dana"} & set(exported.replace('"', " ").split())
    tables = json.loads(exported)["tables"]
    assert tables["attendee_notes"][0]["homework"] == "done" and tables["contact_notes"][0]["minutes"] == 20
    assert "signatures" in json.loads(met.ok("export").stdout)["tables"]


def test_the_editor_writes_each_part_under_its_heading(
    riverside: Cli, env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    editor = env / "fill.py"
    editor.write_text(
        "import sys\n"
        "path = sys.argv[1]\n"
        "text = open(path).read()\n"
        "for heading, value in (('## Goal', '1'), ('## Response', 'In my words'), ('## Plan', 'Ride Friday')):\n"
        "    text = text.replace(heading + '\\n', heading + '\\n' + value + '\\n', 1)\n"
        "open(path, 'w').write(text)\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    note = riverside.json("note", "add", "1", "--minutes", "20", "--edit")
    assert (note["goal"]["id"], note["response"], note["plan"], note["intervention"]) == (
        1, "In my words", "Ride Friday", None)  # fmt: skip
    riverside.ok(*MEETING, "--all-present")
    own = riverside.json("meeting", "note", "1", "1", "--edit")
    assert (own["goal"]["id"], own["response"]) == (1, "In my words")
    keep = env / "keep.py"
    keep.write_text("pass\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {keep}")
    assert riverside("note", "edit", "1", "--edit").exit_code == 1  # an untouched draft saves nothing
