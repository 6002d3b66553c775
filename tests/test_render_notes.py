"""How notes of care print: the signature line, a contact in full, the list, and the weekly lint; stored control
characters always shown escaped."""

from typing import Any

import pytest

from peertool.outcomes.lint import Problem
from peertool.render.notes import attendee_note, contact, contacts, lint, signature_line, when

ESC = "\x1b]52;c;aGk=\x07"  # an OSC 52 clipboard write, stored in a note
SHOWN = "\\x1b]52;c;aGk=\\x07"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _note(**changes: Any) -> dict[str, Any]:
    note: dict[str, Any] = {
        "id": 7, "participant": {"id": 1, "name": "Ada Quill"}, "date": "2026-03-04", "start": "14:00",
        "end": "14:30", "minutes": 30, "units": 2, "service": {"code": "H0038"}, "mode": "in-person",
        "location": "Library", "goal": {"id": 3, "text": "Ride the bus"}, "text": "Bus practice" + ESC,
        "interventions": [], "details": None, "response": "Calmer", "plan": None, "signed": False, "signatures": [],
        "intact": None, "addenda": [],
    }  # fmt: skip
    return {**note, **changes}


def test_the_signature_line_says_who_signed_and_whether_it_still_fits() -> None:
    assert signature_line(_note()) == "unsigned"
    signatures = [{"role": "author", "signer": "Dana Reyes, CPS", "at": "2026-03-04T15:00:00Z"},
                  {"role": "cosigner", "signer": "Lee Okafor, LCSW", "at": "2026-03-05T09:00:00Z"}]  # fmt: skip
    signed = _note(signed=True, signatures=signatures, intact=True)
    assert signature_line(signed) == (
        "signed by Dana Reyes, CPS at 2026-03-04T15:00:00Z; co-signed by Lee Okafor, LCSW at 2026-03-05T09:00:00Z"
    )
    assert signature_line({**signed, "signatures": [], "intact": False}) == (
        "CHANGED SINCE SIGNING (see `peertool audit`)"
    )


def test_when_joins_date_times_and_minutes() -> None:
    assert when(_note()) == "2026-03-04 14:00-14:30, 30 min"
    assert when(_note(start=None, end=None, minutes=None)) == "2026-03-04"


def test_a_contact_prints_in_full_with_controls_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    addendum = {"id": 2, "at": "2026-03-06T10:00:00Z", "text": "Also called", "reason": "left out"}
    contact(_note(units=None, addenda=[addendum]))
    out = _flat(capsys.readouterr().out)
    assert "Contact note 7: Ada Quill" in out
    assert "units not known (no times)" in out and "mode in-person, Library" in out
    assert "goal 3: Ride the bus" in out and "signature unsigned" in out
    assert "addendum 2 2026-03-06T10:00:00Z: Also called (reason: left out)" in out
    assert f"Bus practice{SHOWN}" in out and "\x1b" not in out


def test_the_list_of_contacts_is_one_row_each_falling_back_to_the_response(
    capsys: pytest.CaptureFixture[str],
) -> None:
    contacts([_note(), _note(id=8, text=None, goal=None, signed=True, units=None)])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "id\twhen\tunits\tmode\tgoal\tsigned\tnote"
    assert lines[1] == f"7\t2026-03-04 14:00-14:30, 30 min\t2\tin-person\t3\tno\tBus practice{SHOWN}"
    assert lines[2] == "8\t2026-03-04 14:00-14:30, 30 min\t\tin-person\t\tyes\tCalmer"


def test_an_attendee_note_names_its_person_and_meeting(capsys: pytest.CaptureFixture[str]) -> None:
    attendee_note({"participant": {"id": 2, "name": "Bram\x1b[2J Oakes"}, "meeting": 12, "response": "Spoke up",
                   "goal": None, "homework": "tried", "text": None})  # fmt: skip
    out = _flat(capsys.readouterr().out)
    assert "Bram\\x1b[2J Oakes at meeting 12" in out and "homework tried" in out and "\x1b" not in out


def test_the_lint_lists_problems_or_says_all_is_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    lint({"group": None, "since": None, "checked": {"contacts": 4, "meetings": 2}, "problems": []})
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", "All in order: 4 contacts and 2 meetings checked.\n")
    problem: Problem = {"record": "note 7", "kind": "note", "id": 7, "date": "2026-03-04",
                        "participant": {"id": 1, "name": "Ada" + ESC}, "check": "missing",
                        "problem": "missing plan"}  # fmt: skip
    lint({"group": None, "since": None, "checked": {"contacts": 1, "meetings": 0},
          "problems": [problem, {**problem, "participant": None}]})  # fmt: skip
    assert capsys.readouterr().out.splitlines() == [
        "record\tdate\tparticipant\tproblem",
        f"note 7\t2026-03-04\tAda{SHOWN}\tmissing plan",
        "note 7\t2026-03-04\t\tmissing plan",
    ]
