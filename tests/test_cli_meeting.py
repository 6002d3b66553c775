"""`meeting record` and `meeting edit`: one declaration of the options they share, one reading of them."""

import dataclasses
import datetime as dt
import json
import os
import sys
from pathlib import Path

import pytest

from peertool.cli.program.meetings import MeetingOptions

from helpers import MEETING, ROSTER, Cli, Today, count, drop_in, record


def test_record_fills_theme_and_marks_the_rest_absent(riverside: Cli) -> None:
    meeting = record(
        riverside,
        "--date",
        "2026-02-10",
        "--present",
        "1",
        "--present",
        "Bram Oakes",
        "--lesson",
        "Calming Skills",
        "--thread",
        "Sleep",
        "--homework",
        "Breathe",
    )
    assert meeting["id"] == 1 and meeting["month"] == 2 and meeting["theme"] == "Self-Care"
    assert [p["id"] for p in meeting["present"]] == [1, 2]
    assert len(meeting["absent"]) == 8
    assert meeting["threads"] == ["sleep"] and meeting["duration"] == 90 and meeting["mode"] == "in-person"


def test_absent_marks_the_rest_present(riverside: Cli) -> None:
    meeting = record(riverside, "--date", "2026-02-10", "--absent", "3")
    assert [p["id"] for p in meeting["absent"]] == [3] and len(meeting["present"]) == 9


@pytest.mark.parametrize(
    "args, code",
    [
        (["--date", "2026-02-30"], 1),
        (["--date", "2025-12-30"], 1),
        (["--date", "2027-01-06"], 1),
        (["--date", "2026-02-10", "--present", "Nobody"], 3),
        (["--date", "2026-02-10", "--present", "1", "--absent", "1"], 1),
        (["--date", "2026-02-10", "--mode", "carrier pigeon"], 2),  # outside the choices: a usage error
        (["--date", "2026-02-10", "--duration", "0"], 1),
        (["--date", "2026-02-10", "--notes", "x", "--edit"], 2),
    ],
)
def test_bad_meetings_are_refused_and_save_nothing(riverside: Cli, args: list[str], code: int) -> None:
    before = riverside.dump()
    result = riverside("meeting", "record", "Riverside", *args)
    assert result.exit_code == code, result.stderr
    assert riverside.dump() == before


def test_a_non_member_cannot_be_marked(riverside: Cli) -> None:
    riverside.ok("enroll", "Outside Person")
    assert riverside("meeting", "record", "Riverside", "--date", "2026-02-10", "--present", "11").exit_code == 1


def test_same_date_needs_replace_and_keeps_the_id(riverside: Cli) -> None:
    record(riverside, "--date", "2026-02-10", "--lesson", "A")
    again = riverside("meeting", "record", "Riverside", "--date", "2026-02-10")
    assert again.exit_code == 4 and "--replace" in again.stderr
    replaced = record(riverside, "--date", "2026-02-10", "--lesson", "B", "--replace")
    assert replaced["id"] == 1 and replaced["lesson"] == "B"
    assert len(riverside.json("meeting", "list", "Riverside")) == 1


def test_notes_from_stdin_file_and_editor(riverside: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = riverside.ok(
        "meeting", "record", "Riverside", "--date", "2026-02-10", "--notes", "-", "--json", input="Shared journals.\n"
    )
    assert json.loads(result.stdout)["notes"] == "Shared journals."
    (tmp_path / "n.txt").write_text("From a file")
    assert record(riverside, "--date", "2026-02-17", "--notes-file", tmp_path / "n.txt")["notes"] == "From a file"
    editor = tmp_path / "editor.py"
    editor.write_text("import sys\nopen(sys.argv[1], 'w').write('Written in the editor')\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    assert record(riverside, "--date", "2026-02-24", "--edit")["notes"] == "Written in the editor"
    assert (
        riverside("meeting", "record", "Riverside", "--date", "2026-03-03", "--notes-file", tmp_path / "no").exit_code
        == 3
    )


def test_list_show_edit(riverside: Cli) -> None:
    record(riverside, "--date", "2026-02-10", "--thread", "sleep", "--absent", "2")
    edited = riverside.json("meeting", "edit", "1", "--thread", "work", "--absent", "1", "--homework", "Call")
    assert edited["threads"] == ["work"] and [p["id"] for p in edited["absent"]] == [1, 2]  # only 1 changed
    assert edited["homework"] == "Call"
    moved = riverside.json("meeting", "edit", "1", "--date", "2026-03-10")
    assert moved["month"] == 3 and moved["theme"] == "Social Interaction"
    assert riverside.json("meeting", "show", "1")["date"] == "2026-03-10"
    listed = riverside.json("meeting", "list", "Riverside")
    assert listed[0]["present"] == 8 and listed[0]["recorded"] == 10
    assert riverside("meeting", "show", "99").exit_code == 3
    assert riverside("meeting", "edit", "1").exit_code == 2


def test_non_ascii_digits_are_not_ids(riverside: Cli) -> None:
    assert riverside("meeting", "show", "²").exit_code == 3
    assert riverside("goal", "update", "٣", "--status", "achieved").exit_code == 3
    assert riverside("participant", "show", "²").exit_code == 3


def test_a_meeting_without_attendance_warns_in_json_and_names_its_id(riverside: Cli) -> None:
    result = riverside("meeting", "record", "Riverside", "--date", "2026-02-10", "--json")
    assert result.exit_code == 0, result.stderr
    meeting = json.loads(result.stdout)
    assert any(
        "attendance was not recorded" in w and f"meeting edit {meeting['id']} " in w for w in meeting["warnings"]
    )
    assert "attendance was not recorded" in result.stderr
    plain = riverside("meeting", "record", "Riverside", "--date", "2026-02-17")
    assert plain.exit_code == 0 and f"meeting edit {meeting['id'] + 1} --present" in plain.stderr
    assert " ID " not in plain.stderr


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


def test_moving_a_meeting_to_a_date_with_an_empty_roster_is_refused(elm: Cli, env: Path) -> None:
    (env / "roster.csv").write_text("name,joined_on\n" + "".join(f"{n},2026-11-17\n" for n in ROSTER.split("\n")[1:-1]))
    elm.ok("enroll", "--from", env / "roster.csv", "--group", "Elm")
    elm.ok("meeting", "record", "Elm", "--date", "2026-11-17", "--all-present")
    before = elm.dump()
    refused = elm("meeting", "edit", "1", "--date", "2026-11-10")
    assert refused.exit_code == 1 and "no members on 2026-11-10" in refused.stderr
    assert elm.dump() == before


def test_editor_drafts_live_in_a_private_folder_and_are_removed(
    riverside: Cli, env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = env / "editor.sh"
    script.write_text('#!/bin/sh\nls -ld "$(dirname "$1")" > "$1.where"\necho "Notes from the editor" > "$1"\n')
    os.chmod(script, 0o700)
    monkeypatch.setenv("EDITOR", str(script))
    riverside.ok("meeting", "record", "Riverside", "--date", "2026-03-10", "--edit")
    drafts = env / "xdg" / "peertool" / "drafts"
    assert os.stat(drafts).st_mode & 0o777 == 0o700
    assert [p.name for p in drafts.iterdir() if not p.name.endswith(".where")] == []


def attendance(cli: Cli, meeting_id: int) -> dict[int, bool]:
    meeting = cli.json("meeting", "show", str(meeting_id))
    return {**{p["id"]: True for p in meeting["present"]}, **{p["id"]: False for p in meeting["absent"]}}


def test_a_meeting_roster_is_the_members_on_its_date(season_cli: Cli) -> None:
    cli = season_cli
    cli.ok("enroll", "Nia Late", "--enrolled-on", "2026-03-01")
    cli.ok("group", "add", "Riverside", "Nia Late", "--date", "2026-03-15")
    cli.ok("group", "remove", "Riverside", "Ivo Serra", "--date", "2026-03-12")
    before = cli.json("meeting", "record", "Riverside", "--date", "2026-03-10", "--absent", "1")
    assert sorted(p["id"] for p in before["present"] + before["absent"]) == list(range(1, 11))
    after = cli.json("meeting", "record", "Riverside", "--date", "2026-03-17", "--absent", "1")
    assert sorted(p["id"] for p in after["present"] + after["absent"]) == [1, 2, 3, 4, 5, 6, 7, 8, 10, 11]


def test_naming_someone_who_was_not_a_member_that_day_is_refused(season_cli: Cli) -> None:
    cli = season_cli
    cli.ok("enroll", "Nia Late", "--enrolled-on", "2026-03-01")
    cli.ok("group", "add", "Riverside", "Nia Late", "--date", "2026-03-15")
    before = cli.dump()
    result = cli("meeting", "record", "Riverside", "--date", "2026-03-10", "--present", "Nia Late")
    assert result.exit_code == 1 and "not a member" in result.stderr and "2026-03-10" in result.stderr
    assert cli.dump() == before


def test_editing_attendance_changes_only_the_people_named(season_cli: Cli) -> None:
    cli = season_cli
    cli.ok("meeting", "record", "Riverside", "--date", "2026-03-10", "--absent", "1", "--absent", "2")
    cli.ok("enroll", "Nia Late", "--enrolled-on", "2026-03-01")
    cli.ok("group", "add", "Riverside", "Nia Late", "--date", "2026-03-15")
    cli.ok("discharge", "Ivo Serra", "--reason", "moved away", "--date", "2026-04-01")
    cli.ok("meeting", "edit", "1", "--absent", "8")
    marks = attendance(cli, 1)
    assert marks == {**{pid: True for pid in range(1, 11)}, 1: False, 2: False, 8: False}
    cli.ok("meeting", "edit", "1", "--present", "1")
    assert attendance(cli, 1)[1] is True and attendance(cli, 1)[2] is False


def _options(cli: Cli, verb: str) -> list[str]:
    """The options `meeting VERB --help` lists, in order."""
    lines = cli.ok("meeting", verb, "--help").stdout.splitlines()
    return [line.split()[0] for line in lines if line.strip().startswith("--")]


def test_record_and_edit_list_the_shared_options_in_one_order(riverside: Cli) -> None:
    shared = ["--" + field.name.replace("_", "-") for field in dataclasses.fields(MeetingOptions)]
    for verb in ("record", "edit"):
        listed = _options(riverside, verb)
        start = listed.index(shared[0])
        assert listed[start : start + len(shared)] == shared


@pytest.mark.parametrize("args", [[], ["--present", ","]])
def test_edit_with_nothing_to_change_is_a_usage_error(riverside: Cli, args: list[str]) -> None:
    meeting = riverside.json("meeting", "record", "Riverside", "--date", "2026-02-10", "--all-present")
    result = riverside("meeting", "edit", str(meeting["id"]), *args)
    assert result.exit_code == 2
    assert "nothing to change" in result.stderr


def test_record_and_edit_read_the_notes_the_same_way(riverside: Cli) -> None:
    first = ("meeting", "record", "Riverside", "--date", "2026-02-10", "--all-present", "--notes", "-", "--json")
    recorded = json.loads(riverside.ok(*first, input="From stdin.\n").stdout)
    edited = riverside.ok("meeting", "edit", str(recorded["id"]), "--notes", "-", "--json", input="Again.\n")
    assert (recorded["notes"], json.loads(edited.stdout)["notes"]) == ("From stdin.", "Again.")
    for verb, target in (("record", "Riverside"), ("edit", str(recorded["id"]))):
        both = riverside("meeting", verb, target, "--notes", "x", "--edit")
        assert both.exit_code == 2
        assert "give only one of --notes, --notes-file and --edit" in both.stderr


def test_a_drop_in_day_takes_anyone_enrolled_and_bills_its_program(riverside: Cli, env: Path, today: Today) -> None:
    today(dt.date(2026, 3, 16))
    drop_in(riverside, env, visits=False)
    day = riverside.json("meeting", "record", "Main St", "--date", "2026-03-11", "--present", "Ada Quill,Kai Lund")
    assert [p["name"] for p in day["present"]] == ["Ada Quill", "Kai Lund"] and day["absent"] == []
    assert (day["month"], day["theme"], day["service"]["code"], day["start"]) == (3, "Open days", "H2014", "10:00")
    assert day["warnings"] == []
    units = riverside.json("participant", "chart", "Kai Lund")["units"]
    assert units and units[0]["group"] > 0  # a visit is billed, though Kai is a member of no group
    riverside.ok("meeting", "record", "Riverside", "--date", "2026-03-10", "--all-present")
    iml = riverside.json("meeting", "show", "2")
    assert (len(iml["present"]), iml["service"]["code"]) == (10, "H0038")  # IML unchanged: its roster, its code


def test_a_drop_in_day_refuses_who_is_not_enrolled_and_what_a_roster_means(riverside: Cli, env: Path) -> None:
    drop_in(riverside, env, visits=False)
    riverside.ok("enroll", "Quin Vale", "--enrolled-on", "2026-03-02")
    before = riverside.dump()
    cases = [
        (["--present", "Quin Vale"], "participant edit 'Quin Vale' --program independence --date 2026-03-11"),
        (["--present", "Dev Harlan"], "not enrolled in program 'independence'"),  # a Riverside member only
        (["--all-present"], "drop-in"),
        (["--present", "Ada Quill", "--absent", "Kai Lund"], "not who was absent"),
    ]
    for args, words in cases:
        refused = riverside("meeting", "record", "Main St", "--date", "2026-03-11", *args)
        assert refused.exit_code == 1, (args, refused.stderr)
        assert words in refused.stderr, (args, refused.stderr)
    assert riverside("meeting", "record", "Main St", "--date", "2026-02-27", "--present", "1").exit_code == 1
    excluded = ("--meets", "B", "--exclusion", "A=yes", "--exclusion", "B=no", "--date", "2026-03-03")
    riverside("intake", "Kai Lund", *excluded)
    barred = riverside("meeting", "record", "Main St", "--date", "2026-03-11", "--present", "Kai Lund")
    assert barred.exit_code == 1 and "not admitted" in barred.stderr
    assert riverside.dump().count("meetings") == before.count("meetings")
    assert count(riverside, "SELECT count(*) FROM meetings") == 0


def test_a_drop_in_visit_on_a_closed_day_is_recorded_with_a_warning(riverside: Cli, env: Path) -> None:
    drop_in(riverside, env, visits=False)
    (env / "peertool.yaml").write_text((env / "peertool.yaml").read_text() + "skip_dates: [2026-03-13]\n")
    saturday = riverside.json("meeting", "record", "Main St", "--date", "2026-03-14", "--present", "Nia Cole")
    assert saturday["warnings"] == [
        "2026-03-14 is a sat; group 'Main St' is open mon, tue, wed, thu, fri. Recorded all the same."
    ]
    holiday = riverside.json("meeting", "record", "Main St", "--date", "2026-03-13", "--present", "Nia Cole")
    assert "skip date" in holiday["warnings"][0]
    edited = riverside.json("meeting", "edit", str(holiday["id"]), "--present", "Omar Diaz")
    assert [p["name"] for p in edited["present"]] == ["Nia Cole", "Omar Diaz"] and edited["absent"] == []
    refused = riverside("meeting", "edit", str(holiday["id"]), "--absent", "Nia Cole")
    assert refused.exit_code == 1 and "not who was absent" in refused.stderr


def test_a_past_drop_in_day_is_judged_by_who_was_enrolled_then_not_who_is_active_now(riverside: Cli, env: Path) -> None:
    drop_in(riverside, env)  # Omar Diaz visits on 2026-03-13
    riverside.ok("discharge", "Omar Diaz", "--date", "2026-03-20", "--reason-code", "moved")
    fixed = riverside.json("meeting", "record", "Main St", "--date", "2026-03-13", "--replace",
                           "--present", "Omar Diaz,Kai Lund")  # fmt: skip
    assert sorted(a["name"] for a in fixed["present"]) == ["Kai Lund", "Omar Diaz"]
    after = riverside("meeting", "record", "Main St", "--date", "2026-03-23", "--present", "Omar Diaz")
    assert after.exit_code == 1 and "was not enrolled in program 'independence' on 2026-03-23" in after.stderr
    assert "participant edit" not in after.stderr  # a discharged person cannot enroll: no hint that is refused
    came = ("activity", "log", "Main St", "--kind", "skills", "--title", "Cooking", "--with", "Omar Diaz", "--date")
    assert riverside.json(*came, "2026-03-20")["people"][0]["name"] == "Omar Diaz"  # the day of the discharge
    late = riverside(*came, "2026-03-23")
    assert late.exit_code == 1 and "was not enrolled in program 'independence' on 2026-03-23" in late.stderr
