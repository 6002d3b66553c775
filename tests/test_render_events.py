"""How events print: a stay says whether it is open or when the person returned, a return which stay it closes,
and stored text is escaped."""

from typing import Any

import pytest

from peertool.render.events import events, state

ESC = "\x1b[31m"
SHOWN = "\\x1b[31m"


def _event(**changes: Any) -> Any:
    event = {"id": 1, "participant": {"id": 4, "name": "Dev Harlan"}, "kind": "hospitalization",
             "date": "2026-01-12", "to": None, "note": None, "recorded_by": "coach", "open": True,
             "closed_on": None, "closes": None}  # fmt: skip
    return {**event, **changes}


def test_the_state_of_a_stay_and_of_a_return() -> None:
    assert state(_event()) == "open"
    assert state(_event(open=False, closed_on="2026-01-20")) == "returned 2026-01-20"
    assert state(_event(kind="return", open=None, closes=1)) == "closes event 1"
    assert state(_event(kind="referral", open=None)) == ""


def test_the_list_prints_one_row_each_with_stored_text_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    events([_event(to="County" + ESC, note="Rode there")])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "id\twho\tdate\tkind\tto\tstate\tnote\trecorded by"
    assert lines[1] == f"1\tDev Harlan\t2026-01-12\thospitalization\tCounty{SHOWN}\topen\tRode there\tcoach"
