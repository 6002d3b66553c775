"""How `due` prints (`render.due`)."""

import pytest

from peertool.outcomes.due_scope import DueItem
from peertool.render.due import due


def _item(kind: str, person: bool, overdue: bool) -> DueItem:
    return {"kind": kind, "due": "2026-03-10", "overdue": overdue,
            "participant": {"id": 2, "name": "Bram Oakes"} if person else None, "group": {"id": 1, "name": "Elm"},
            "staff": None, "settle": f"peertool {kind}"}  # fmt: skip


def test_nothing_due_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    due({"items": []})
    assert capsys.readouterr().err.strip() == "Nothing due."


def test_a_person_or_group_is_named_once_for_their_rows(capsys: pytest.CaptureFixture[str]) -> None:
    due({"items": [_item("review", True, True), _item("intake", True, False), _item("group-size", False, True)]})
    out = capsys.readouterr().out
    assert out.count("Bram Oakes (2), Elm") == 1 and out.count("group Elm (1)") == 1
    assert out.count("OVERDUE") == 2
