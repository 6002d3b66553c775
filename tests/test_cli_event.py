"""`peertool event`: add and list events; a return closes the open hospitalization, and one with none open
exits 1 with the reason."""

import datetime as dt

from helpers import Cli, Today


def test_a_hospitalization_and_a_return(riverside: Cli, today: Today) -> None:
    today(dt.date(2026, 2, 2))
    stay = riverside.json("event", "add", "Ada Quill", "--kind", "hospitalization", "--date", "2026-01-12",
                          "--to", "County hospital")  # fmt: skip
    assert (stay["open"], stay["recorded_by"]) == (True, riverside.open().audit_user())  # the OS user; a server's role
    assert riverside.json("event", "list", "1")[0]["open"] is True
    back = riverside.json("event", "add", "1", "--kind", "return", "--date", "2026-01-20")
    assert back["closes"] == stay["id"]
    listed = riverside.json("event", "list")
    assert [(e["kind"], e["open"]) for e in listed] == [("hospitalization", False), ("return", None)]
    shown = riverside.ok("event", "list", "1").stdout
    assert "hospitalization" in shown and "County hospital" in shown and "returned 2026-01-20" in shown
    said = riverside.ok("event", "add", "1", "--kind", "referral", "--to", "Clinic").stderr
    assert "Recorded referral 3" in said


def test_a_return_with_none_open_exits_1_and_saves_nothing(riverside: Cli, today: Today) -> None:
    today(dt.date(2026, 2, 2))
    before = riverside.dump()
    refused = riverside("event", "add", "1", "--kind", "return")
    assert refused.exit_code == 1 and "no open hospitalization" in refused.stderr
    assert "--kind hospitalization" in refused.stderr
    assert riverside.dump() == before


def test_bad_events_are_refused(riverside: Cli, today: Today) -> None:
    today(dt.date(2026, 2, 2))
    assert riverside("event", "add", "1", "--kind", "party").exit_code == 2
    assert riverside("event", "add", "1").exit_code == 2  # --kind is required
    assert riverside("event", "add", "1", "--kind", "referral", "--date", "2026-02-03").exit_code == 1
    assert riverside("event", "add", "1", "--kind", "referral", "--date", "2026-02-03", "--future").exit_code == 0
    assert riverside("event", "add", "99", "--kind", "referral").exit_code == 3
    assert riverside("event", "list", "99").exit_code == 3
