"""`peertool note`: documented contacts fit for a chart, with units, signing that locks, addenda and the weekly lint."""

import dataclasses
import json
import sqlite3
import sys
from pathlib import Path

import pytest

from peertool.cli.people.contacts import NoteOptions

from helpers import MEETING, Cli, Today


def test_a_documented_contact_has_its_fields_and_units(riverside: Cli) -> None:
    note = riverside.json("note", "add", "1", "Check-in call", "--mode", "phone", "--start", "10:00", "--end",
                          "10:20", "--goal", "1", "--details", "Practised the route", "--response",
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


@pytest.mark.sqlite_only
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


def test_lint_is_empty_only_when_every_record_is_complete_and_signed(met: Cli, today: Today) -> None:
    import datetime as dt

    today(dt.date(2026, 3, 20))
    first = met("note", "lint", "--json")
    problems = json.loads(first.stdout)["problems"]
    assert sum(p["check"] == "not-screened" for p in problems) == 10  # issue 26: screened at intake, or listed
    for person in range(1, 11):
        met.ok("intake", str(person), "--meets", "C", "--exclusion", "A=no", "--exclusion", "B=no", "--date",
               "2026-01-05")  # fmt: skip
    problems = [p for p in problems if p["check"] != "not-screened"]
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


def test_the_editor_writes_each_part_under_its_heading(
    riverside: Cli, env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

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
    assert (note["goal"]["id"], note["response"], note["plan"], note["details"]) == (
        1, "In my words", "Ride Friday", None)  # fmt: skip
    riverside.ok(*MEETING, "--all-present")
    own = riverside.json("meeting", "note", "1", "1", "--edit")
    assert (own["goal"]["id"], own["response"]) == (1, "In my words")
    keep = env / "keep.py"
    keep.write_text("pass\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {keep}")
    assert riverside("note", "edit", "1", "--edit").exit_code == 1  # an untouched draft saves nothing


def test_the_author_cannot_co_sign_under_another_credential_or_spelling(riverside: Cli) -> None:
    riverside.ok("note", "add", "1", "Called", "--minutes", "15")
    riverside.ok("note", "sign", "1", "--as", "Rae Lin, CPS")
    before = riverside.dump()
    for same in ("Rae Lin, LCSW (supervisor)", "RAE LÍN, LCSW", "rae  lin (supervisor), LCSW"):
        refused = riverside("note", "sign", "1", "--as", same, "--cosign")
        assert refused.exit_code == 1 and "second person" in refused.stderr, same
    assert riverside.dump() == before
    riverside.ok("note", "sign", "1", "--as", "Rae Linden, LCSW", "--cosign")


def test_a_note_for_someone_marked_absent_is_refused(riverside: Cli) -> None:
    riverside.ok("meeting", "record", "Riverside", "--date", "2026-02-10", "--absent", "3", "--excused", "4")
    before = riverside.dump()
    for ref in ("3", "4"):
        refused = riverside("meeting", "note", "1", ref, "--response", "Shared a lot")
        assert refused.exit_code == 1 and "--present" in refused.stderr, refused.stderr
    assert riverside.dump() == before
    riverside.ok("meeting", "note", "1", "5", "--response", "Shared a lot")


def test_contact_notes(riverside: Cli) -> None:
    note = riverside.json("note", "add", "Ada Quill", "Called to check in", "--mode", "phone", "--date", "2026-02-11")
    assert note["participant"] == {"id": 1, "name": "Ada Quill"} and note["mode"] == "phone"
    riverside.ok("note", "add", "1", "Met at the library", "--date", "2026-02-01")
    assert [n["date"] for n in riverside.json("note", "list", "1")] == ["2026-02-01", "2026-02-11"]
    assert riverside("note", "add", "1", "  ").exit_code == 1
    assert riverside("note", "add", "1", "x", "--mode", "fax").exit_code == 2
    assert riverside.json("note", "list", "2") == []


def test_add_and_edit_list_the_shared_options_in_one_order(riverside: Cli) -> None:
    shared = ["--" + field.name.replace("_", "-") for field in dataclasses.fields(NoteOptions) if field.name != "text"]
    for verb in ("add", "edit"):
        lines = riverside.ok("note", verb, "--help").stdout.splitlines()
        listed = [line.split()[0] for line in lines if line.strip().startswith("--")]
        start = listed.index(shared[0])
        assert listed[start : start + len(shared)] == shared


def test_add_and_edit_read_text_from_stdin_and_delete_prints_only_its_confirmation(riverside: Cli) -> None:
    added = json.loads(riverside.ok("note", "add", "1", "-", "--mode", "phone", "--json", input="Called.\n").stdout)
    edited = riverside.ok("note", "edit", str(added["id"]), "-", "--json", input="Called back.\n").stdout
    assert (added["text"], json.loads(edited)["text"]) == ("Called.", "Called back.")
    erased = riverside.ok("note", "delete", str(added["id"]), "--yes")
    assert erased.stdout == ""
    assert f"Erased contact note {added['id']}." in erased.stderr


def test_a_contact_is_coded_by_the_definitions_interventions(riverside: Cli) -> None:
    first = riverside.json("note", "add", "1", "Bus route", "--intervention", "self-help", "--minutes", "20",
                           "--details", "Practised the route")  # fmt: skip
    second = riverside.json("note", "add", "1", "Check-in", "--intervention", "pre-crisis,symptoms", "--intervention",
                            "advocacy", "--mode", "phone", "--minutes", "15")  # fmt: skip
    assert (first["interventions"], first["details"]) == (["self-help"], "Practised the route")
    assert second["interventions"] == ["pre-crisis", "symptoms", "advocacy"]
    shown = riverside.ok("note", "show", str(second["id"])).stdout
    assert "pre-crisis, symptoms, advocacy" in shown
    edited = riverside.json("note", "edit", str(first["id"]), "--intervention", "education-employment")
    assert (edited["interventions"], edited["details"]) == (["education-employment"], "Practised the route")


def test_an_unknown_intervention_code_is_refused_with_the_list(riverside: Cli) -> None:
    before = riverside.dump()
    refused = riverside("note", "add", "1", "x", "--intervention", "selfhelp")
    assert refused.exit_code == 1 and "'selfhelp'" in refused.stderr
    assert "self-help, community-education, advocacy, pre-crisis, education-employment, symptoms" in refused.stderr
    assert "--details" in refused.stderr
    assert riverside.dump() == before


def _as(monkeypatch: pytest.MonkeyPatch, login: str) -> None:
    monkeypatch.setenv("PEERTOOL_LOGIN", login)


@pytest.mark.sqlite_only
def test_with_staff_a_note_is_signed_by_the_current_member_and_cosigned_by_their_supervisor(
    staffed: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    staffed.ok("note", "add", "1", "Called", "--minutes", "15")
    refused = staffed("note", "sign", "1", "--as", "Rae Lin, CPS")
    assert refused.exit_code == 1 and "leave --as out" in refused.stderr
    signed = staffed.json("note", "sign", "1")
    assert signed["signatures"][0]["signer"] == "Rae Lin, CPS"
    before = staffed.dump()
    own = staffed("note", "sign", "1", "--cosign")
    assert own.exit_code == 1 and "a coach" in own.stderr  # a coach never co-signs
    _as(monkeypatch, "kode")
    other = staffed("note", "sign", "1", "--cosign")
    assert other.exit_code == 1 and "their supervisor, Sol Park" in other.stderr
    _as(monkeypatch, "nobody")
    assert "no active staff member" in staffed("note", "sign", "1", "--cosign").stderr
    assert staffed.dump() == before
    _as(monkeypatch, "spark")
    cosigned = staffed.json("note", "sign", "1", "--cosign")
    assert [s["signer"] for s in cosigned["signatures"]] == ["Rae Lin, CPS", "Sol Park, LCSW"]
    conn = sqlite3.connect(staffed.db_path)
    assert conn.execute("SELECT staff_id FROM signatures ORDER BY id").fetchall() == [(3,), (1,)]


def test_a_supervisor_who_wrote_the_note_cannot_cosign_it(staffed: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    _as(monkeypatch, "spark")
    staffed.ok("note", "add", "1", "Called", "--minutes", "15")
    staffed.ok("note", "sign", "1")
    refused = staffed("note", "sign", "1", "--cosign")
    assert refused.exit_code == 1 and "you signed this record as its author" in refused.stderr
    _as(monkeypatch, "kode")  # Sol Park has no supervisor: any other supervisor co-signs
    staffed.ok("note", "sign", "1", "--cosign")


def test_without_staff_a_signer_is_still_named_with_as(riverside: Cli) -> None:
    riverside.ok("note", "add", "1", "Called", "--minutes", "15")
    assert riverside("note", "sign", "1").exit_code == 2  # --as is how a signer is named, as before
    riverside.ok("note", "sign", "1", "--as", "Rae Lin, CPS")
    assert riverside("note", "sign", "1", "--cosign", "--as", "Rae Lin, LCSW").exit_code == 1
