"""`peertool supervise`, and the co-signing issue 28 asks for, tried as a new user would: two coaches and a
supervisor; a sample of half the notes drawn for co-signing (the same ones every run); the queue, lint, due and
the figures per supervisee; supervision time and what is short of it."""

import datetime as dt
import json
from pathlib import Path

import pytest

from helpers import Cli, Today, tamper

KEY = "02" * 32  # a known pseudonym key: with it, notes 2, 4, 5, 8 and 9 of 1 to 10 are drawn at 50%
DRAWN = [2, 4, 5, 8, 9]


def _config(cli: Cli, text: str) -> None:
    """The config in the test's folder (`env` works there), on either backend."""
    Path("peertool.yaml").write_text(text)


def _signed_notes(cli: Cli, count: int) -> None:
    for _ in range(count):
        note = cli.json("note", "add", "1", "Called", "--minutes", "15")
        cli.ok("note", "sign", note["id"])


@pytest.fixture
def sampled(staffed: Cli) -> Cli:
    """Ten notes by Rae Lin, signed under `note: sample 50`, with a known key."""
    # A team database draws with its own key, a file with its pseudonym key: the test gives both the known one.
    tamper(staffed, f"UPDATE settings SET value = '{KEY}' WHERE key IN ('pseudonym_key', 'cosign_key')")
    _config(staffed, "supervision: {cosign: {note: sample 50}}\n")
    _signed_notes(staffed, 10)
    return staffed


def test_half_the_notes_are_drawn_the_same_every_run_and_await_their_supervisor(
    sampled: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    required = [rid for (rid,) in sampled.query("SELECT record_id FROM cosign_draws WHERE required = 1 ORDER BY 1")]
    assert required == DRAWN
    monkeypatch.setenv("PEERTOOL_LOGIN", "spark")
    queue = sampled.json("supervise", "queue")
    assert queue["supervisor"]["name"] == "Sol Park"
    assert [(item["kind"], item["id"]) for item in queue["items"]] == [("note", n) for n in DRAWN]
    assert queue["items"][0]["settle"] == "peertool note sign 2 --cosign"
    assert sampled.json("supervise", "queue", "--supervisor", "Kim Ode")["items"] == []  # not Rae Lin's supervisor
    assert sampled("supervise", "queue", "--supervisor", "Rae Lin").exit_code == 1  # a coach co-signs nothing
    lint = sampled.json_fail("note", "lint")
    assert [p["id"] for p in lint["problems"] if p["check"] == "cosign"] == DRAWN


def test_a_drawn_sample_stays_when_the_policy_changes(sampled: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    _config(sampled, "supervision: {cosign: all}\n")
    _signed_notes(sampled, 1)  # note 11: drawn under `all`
    _config(sampled, "supervision: {cosign: none}\n")
    monkeypatch.setenv("PEERTOOL_LOGIN", "spark")
    assert [item["id"] for item in sampled.json("supervise", "queue")["items"]] == [*DRAWN, 11]
    sampled.ok("note", "sign", "2", "--cosign")
    assert [item["id"] for item in sampled.json("supervise", "queue")["items"]] == [4, 5, 8, 9, 11]
    (rae,) = sampled.json("supervise", "stats")["supervisees"]
    assert (rae["staff"]["name"], rae["supervisor"]["name"], rae["signed"], rae["required"]) == (
        "Rae Lin", "Sol Park", 11, 6)  # fmt: skip
    assert (rae["cosigned"], rae["cosign_rate"], rae["median_days_to_cosign"]) == (1, 0.167, 0.0)


def test_due_lists_cosignatures_and_supervision_short_of_the_month(
    sampled: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _config(sampled, "supervision: {cosign: {note: sample 50}, minutes_per_month: 60}\n")
    monkeypatch.setenv("PEERTOOL_LOGIN", "spark")
    logged = sampled.json("supervise", "log", "Rae Lin", "--minutes", "45", "--date", "2026-03-10")
    assert (logged["supervisor"]["name"], logged["supervisee"]["name"], logged["minutes"]) == (
        "Sol Park",
        "Rae Lin",
        45,
    )
    items = sampled.json_fail("due", "--all")["items"]
    assert [item["settle"] for item in items if item["kind"] == "cosign"] == [
        f"peertool note sign {n} --cosign" for n in DRAWN
    ]
    later = sampled.json_fail("due", "--all", "--date", "2026-03-28")["items"]
    short = [(item["staff"]["name"], item["due"], item["overdue"], item["settle"])
             for item in later if item["kind"] == "supervision"]  # fmt: skip
    assert short == [  # by date, then settle
        ("Rae Lin", "2026-02-28", True, "peertool supervise log 3 --minutes 60 --date 2026-02-28"),
        ("Ada Moss", "2026-02-28", True, "peertool supervise log 4 --minutes 60 --date 2026-02-28"),
        ("Rae Lin", "2026-03-31", False, "peertool supervise log 3 --minutes 15 --date 2026-03-28"),
        ("Ada Moss", "2026-03-31", False, "peertool supervise log 4 --minutes 60 --date 2026-03-28"),
    ]


def test_supervision_is_logged_by_the_coach_s_own_supervisor(staffed: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    refused = staffed("supervise", "log", "Ada Moss", "--minutes", "30")  # Rae Lin, a coach
    assert refused.exit_code == 1 and "a coach" in refused.stderr
    monkeypatch.setenv("PEERTOOL_LOGIN", "kode")
    refused = staffed("supervise", "log", "Ada Moss", "--minutes", "30")
    assert refused.exit_code == 1 and "supervised by Sol Park" in refused.stderr
    monkeypatch.setenv("PEERTOOL_LOGIN", "spark")
    assert staffed("supervise", "log", "Ada Moss", "--minutes", "0").exit_code == 1
    refused = staffed("supervise", "log", "Sol Park", "--minutes", "30")
    assert refused.exit_code == 1 and "you cannot log supervision of yourself" in refused.stderr
    staffed.ok("supervise", "log", "Ada Moss", "--minutes", "30", "--date", "2026-02-02")


def test_a_policy_is_checked_strictly(riverside: Cli) -> None:
    for bad in ("supervision: {cosign: some}\n", "supervision: {cosign: {notes: all}}\n",
                "supervision: {cosign: sample 100}\n", "supervision: {minutes_per_month: -5}\n"):  # fmt: skip
        _config(riverside, bad)
        assert riverside("supervise", "queue").exit_code == 5, bad
    for bad in ("supervision: {cosign: {note: sample \u0665\u0660}}\n",  # Arabic-Indic digits
                "supervision:\n  cosign: {note: sample 25, note: none}\n"):  # fmt: skip
        _config(riverside, bad)
        refused = riverside("config", "show")
        assert refused.exit_code == 5 and "key 'supervision.cosign.note'" in refused.stderr, refused.stderr


def test_without_staff_the_queue_is_every_record_awaiting(riverside: Cli, env: Path) -> None:
    _config(riverside, "supervision: {cosign: {note: all}}\n")
    riverside.ok("note", "add", "1", "Called", "--minutes", "15")
    riverside.ok("note", "sign", "1", "--as", "Rae Lin, CPS")
    queue = riverside.json("supervise", "queue")
    assert queue["supervisor"] is None and [item["author"] for item in queue["items"]] == ["Rae Lin, CPS"]
    riverside.ok("note", "sign", "1", "--as", "Sol Park, LCSW", "--cosign")
    assert riverside.json("supervise", "queue")["items"] == []
    (row,) = riverside.json("supervise", "stats")["supervisees"]
    assert (row["staff"], row["signed"], row["cosign_rate"]) == (None, 1, 1.0)


def test_each_staff_member_sees_the_supervision_short_in_their_own_team(
    staffed: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A supervisor's `due` lists their supervisees' short months, never their own (nor a coach's), since only
    someone above can log them; another supervisor's, none."""
    _config(staffed, "supervision: {minutes_per_month: 60}\n")

    def short(login: str) -> list[str]:
        monkeypatch.setenv("PEERTOOL_LOGIN", login)
        items = json.loads(staffed("due", "--date", "2026-03-28", "--json").stdout)["items"]
        return sorted({item["staff"]["name"] for item in items if item["kind"] == "supervision"})

    assert short("spark") == ["Ada Moss", "Rae Lin"]
    assert short("rlin") == []
    assert short("kode") == []
    staffed.ok("staff", "edit", "Sol Park", "--supervisor", "Kim Ode")
    assert short("spark") == ["Ada Moss", "Rae Lin"]
    assert short("kode") == ["Ada Moss", "Rae Lin", "Sol Park"]


def test_only_the_author_gives_a_records_first_signature(staffed: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """A colleague signing first would make themselves the author and pick who may co-sign."""
    note = staffed.json("note", "add", "1", "Called", "--minutes", "15")  # by Rae Lin (rlin)
    before = staffed.dump()
    for login in ("amoss", "spark"):  # another coach; Rae's own supervisor
        monkeypatch.setenv("PEERTOOL_LOGIN", login)
        refused = staffed("note", "sign", str(note["id"]))
        assert refused.exit_code == 1 and "made by Rae Lin" in refused.stderr
    assert staffed.dump() == before
    monkeypatch.setenv("PEERTOOL_LOGIN", "rlin")
    staffed.ok("note", "sign", str(note["id"]))


def _left(cli: Cli, monkeypatch: pytest.MonkeyPatch, today: Today, name: str, on: str) -> None:
    """`name` ends on `on`, and today is the day after."""
    today(dt.date.fromisoformat(on) + dt.timedelta(days=1))
    monkeypatch.setenv("PEERTOOL_LOGIN", "rlin")
    cli.ok("staff", "end", name, "--date", on)


@pytest.fixture
def signed(staffed: Cli, today: Today) -> Cli:
    """On 2026-06-01, under `cosign: all`: note 1, by Rae Lin, signed."""
    _config(staffed, "supervision: {cosign: all}\n")
    today(dt.date(2026, 6, 1))
    _signed_notes(staffed, 1)
    return staffed


def test_when_a_supervisor_has_left_any_other_co_signs_and_their_queue_says_so(
    signed: Cli, monkeypatch: pytest.MonkeyPatch, today: Today
) -> None:
    """Sol Park leaves: Rae Lin's records are no longer stranded; Kim Ode's queue offers them, and it works."""
    staffed = signed
    monkeypatch.setenv("PEERTOOL_LOGIN", "kode")
    refused = staffed("note", "sign", "1", "--cosign")  # Sol Park is still there: his to co-sign
    assert refused.exit_code == 1 and "their supervisor, Sol Park" in refused.stderr
    assert "peertool staff edit 'Rae Lin' --supervisor NAME" in refused.stderr
    assert staffed.json("supervise", "queue")["items"] == []
    _left(staffed, monkeypatch, today, "Sol Park", "2026-06-10")
    monkeypatch.setenv("PEERTOOL_LOGIN", "kode")
    (item,) = staffed.json("supervise", "queue")["items"]
    assert item["settle"] == "peertool note sign 1 --cosign"
    staffed.ok(*item["settle"].split()[1:])
    assert staffed("supervise", "queue", "--supervisor", "Sol Park").exit_code == 1  # he co-signs nothing now


def test_a_supervisor_leaving_later_is_named_with_the_day(signed: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    staffed = signed
    staffed.ok("staff", "end", "Sol Park", "--date", "2026-06-30")
    monkeypatch.setenv("PEERTOOL_LOGIN", "kode")
    refused = staffed("note", "sign", "1", "--cosign")
    assert refused.exit_code == 1 and "Sol Park, who leaves on 2026-06-30" in refused.stderr


def test_when_a_director_who_supervised_has_left_another_supervisor_co_signs(
    staffed: Cli, monkeypatch: pytest.MonkeyPatch, today: Today
) -> None:
    _config(staffed, "supervision: {cosign: all}\n")
    today(dt.date(2026, 6, 1))
    staffed.ok("staff", "add", "Ida Moss", "--role", "director", "--credential", "MSW", "--login", "imoss",
               "--date", "2026-01-01")  # fmt: skip
    staffed.ok("staff", "edit", "Sol Park", "--supervisor", "Ida Moss")
    monkeypatch.setenv("PEERTOOL_LOGIN", "spark")
    _signed_notes(staffed, 1)  # by Sol Park, whose supervisor is the director
    _left(staffed, monkeypatch, today, "Ida Moss", "2026-06-10")
    monkeypatch.setenv("PEERTOOL_LOGIN", "kode")
    assert [item["id"] for item in staffed.json("supervise", "queue")["items"]] == [1]
    staffed.ok("note", "sign", "1", "--cosign")


def test_stats_refuse_a_from_after_the_to_as_report_all_does(riverside: Cli) -> None:
    for command in (("supervise", "stats"), ("report", "--all")):
        refused = riverside(*command, "--from", "2027-01-01", "--to", "2026-01-01")
        assert refused.exit_code == 1 and "--from 2027-01-01 is after --to 2026-01-01" in refused.stderr
        assert refused.stdout == ""
