"""How `due` prints (`render.due`)."""

import pytest

from peertool.outcomes.due_scope import DueItem
from peertool.people.shapes import StaffBrief
from peertool.render.due import due

RAE: StaffBrief = {"id": 3, "name": "Rae Lin", "credential": "CPS"}


def _item(kind: str, person: bool, overdue: bool, staff: StaffBrief | None = None) -> DueItem:
    return {"kind": kind, "due": "2026-03-10", "overdue": overdue,
            "participant": {"id": 2, "name": "Bram Oakes"} if person else None, "group": {"id": 1, "name": "Elm"},
            "staff": staff, "settle": f"peertool {kind}"}  # fmt: skip


def test_nothing_due_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    due({"items": []})
    assert capsys.readouterr().err.strip() == "Nothing due."


def test_at_a_terminal_a_person_or_group_is_named_once_for_their_rows(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("peertool.render.output.stdout_is_terminal", lambda: True)
    due({"items": [_item("review", True, True), _item("intake", True, False), _item("group-size", False, True)]})
    out = capsys.readouterr().out
    assert out.count("Bram Oakes (2), Elm") == 1 and out.count("group Elm (1)") == 1
    assert out.count("OVERDUE") == 2


def test_piped_every_row_fills_every_column_and_names_the_staff_member(capsys: pytest.CaptureFixture[str]) -> None:
    items = [_item("review", True, True, RAE), _item("intake", True, False, RAE), _item("group-size", False, True)]
    due({"items": items})
    lines = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert lines[0] == ["who", "kind", "due", "status", "staff", "settle with"]
    assert lines[1][0] == lines[2][0] == "Bram Oakes (2), Elm"
    assert [line[4] for line in lines[1:]] == ["Rae Lin, CPS", "Rae Lin, CPS", ""]
    assert all(len(line) == 6 for line in lines)


def test_without_staff_the_table_has_no_staff_column(capsys: pytest.CaptureFixture[str]) -> None:
    due({"items": [_item("review", True, True)]})
    assert capsys.readouterr().out.splitlines()[0].split("\t") == ["who", "kind", "due", "status", "settle with"]
