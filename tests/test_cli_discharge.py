"""A discharge dated before attendance already recorded: refused, naming the meetings, unless --yes takes
the person off those meetings (and their notes there), so that nothing after the discharge is billed."""

import json
from typing import Any

import pytest

from helpers import Cli


def _three_meetings(cli: Cli) -> None:
    """Ada (id 1) present at meetings 1 (Jan 6), 2 (Jan 13) and 3 (Feb 3), with a note of hers at meeting 3."""
    for day in ("2026-01-06", "2026-01-13", "2026-02-03"):
        cli.ok("meeting", "record", "Riverside", "--date", day, "--all-present")
    cli.ok("meeting", "note", "3", "1", "--response", "Shared a plan")


def _marked(meeting: dict[str, Any]) -> list[int]:
    return [p["id"] for p in meeting["present"] + meeting["absent"]]


def _ada_units(cli: Cli) -> dict[str, float]:
    report = json.loads(cli.ok("report", "Riverside", "--to", "2026-03-31", "-f", "json").stdout)
    ada = next(p for p in report["participants"] if p["id"] == 1)
    return {month["month"]: month["group"] for month in ada["units"]}


def test_a_discharge_before_recorded_attendance_is_refused_naming_the_meetings(riverside: Cli) -> None:
    _three_meetings(riverside)
    before = riverside.dump()
    refused = riverside("discharge", "Ada Quill", "--reason", "moved away", "--date", "2026-01-07")
    assert refused.exit_code == 1
    assert "meeting 2 (2026-01-13)" in refused.stderr and "meeting 3 (2026-02-03)" in refused.stderr
    assert "meeting 1 " not in refused.stderr and "--yes" in refused.stderr
    assert "Ada" not in refused.stderr  # meetings by id and date; the person as typed is fine, but not echoed
    assert riverside.dump() == before


def test_yes_takes_them_off_later_meetings_so_later_months_are_not_billed(riverside: Cli) -> None:
    _three_meetings(riverside)
    assert set(_ada_units(riverside)) == {"2026-01", "2026-02"}
    result = riverside.json("discharge", "1", "--reason", "moved away", "--date", "2026-01-07", "--yes")
    assert result["status"] == "discharged" and result["discharged_on"] == "2026-01-07"
    assert any("meeting 2 (2026-01-13)" in w and "meeting 3 (2026-02-03)" in w for w in result["warnings"])
    assert _ada_units(riverside) == {"2026-01": 6}
    later = riverside.json("meeting", "show", "3")
    assert 1 not in _marked(later)
    assert [n["participant"]["id"] for n in later["attendee_notes"]] == []
    assert 1 in _marked(riverside.json("meeting", "show", "1"))
    changes = riverside.json("audit", "--last", "50")
    deleted = {(c["table"], c["action"]) for c in changes}
    assert ("attendance", "delete") in deleted and ("attendee_notes", "delete") in deleted


def test_attendance_on_the_discharge_date_or_before_needs_no_yes(riverside: Cli) -> None:
    _three_meetings(riverside)
    riverside.ok("discharge", "1", "--reason", "moved away", "--date", "2026-02-03")
    assert 1 in _marked(riverside.json("meeting", "show", "3"))


def test_a_signed_later_meeting_is_refused_even_with_yes(riverside: Cli) -> None:
    _three_meetings(riverside)
    riverside.ok("meeting", "sign", "3", "--as", "Dana Reyes, CPS")
    before = riverside.dump()
    refused = riverside("discharge", "1", "--reason", "moved away", "--date", "2026-01-07", "--yes")
    assert refused.exit_code == 1
    assert "meeting 3 (2026-02-03)" in refused.stderr and "meeting amend" in refused.stderr
    assert riverside.dump() == before


def test_at_a_terminal_it_asks_naming_the_meetings(riverside: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import typer.testing

    _three_meetings(riverside)
    monkeypatch.setattr(typer.testing._NamedTextIOWrapper, "isatty", lambda self: True)
    declined = riverside("discharge", "1", "--reason", "moved away", "--date", "2026-01-07", input="n\n")
    assert declined.exit_code == 1 and "meeting 2 (2026-01-13)" in declined.output
    assert 1 in _marked(riverside.json("meeting", "show", "2"))
    riverside.ok("discharge", "1", "--reason", "moved away", "--date", "2026-01-07", input="y\n")
    assert 1 not in _marked(riverside.json("meeting", "show", "2"))
