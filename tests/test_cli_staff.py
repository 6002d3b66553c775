"""`peertool staff`: add, list, show, edit, end, whoami; a group's coach and a participant's staff member."""

from pathlib import Path

import pytest

from helpers import Cli, on_a_terminal


@pytest.fixture
def team(riverside: Cli, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Riverside (coach text 'Rae Lin' set before any staff), then a supervisor and coach Rae Lin, who runs it."""
    monkeypatch.setenv("PEERTOOL_LOGIN", "rlin")
    riverside.ok("group", "edit", "Riverside", "--coach", "rae lin")
    riverside.ok("staff", "add", "Sol Park", "--role", "supervisor", "--credential", "LCSW", "--login", "spark",
                 "--date", "2026-01-01")  # fmt: skip
    return riverside


def test_add_links_the_group_the_coach_text_named(team: Cli) -> None:
    added = team.ok("staff", "add", "Rae Lin", "--role", "coach", "--credential", "CPS", "--login", "rlin",
                    "--supervisor", "Sol Park", "--date", "2026-01-01")  # fmt: skip
    assert "Added Rae Lin as staff member 2." in added.stderr
    assert "Linked group 'Riverside' (coach Rae Lin)." in added.stderr
    shown = team.ok("group", "show", "Riverside").stdout
    assert "Rae Lin, CPS" in shown
    group = team.json("group", "show", "Riverside")
    assert group["coach_staff"] == {"id": 2, "name": "Rae Lin", "credential": "CPS"}


def test_list_show_edit_end_and_whoami_json(team: Cli) -> None:
    team.ok("staff", "add", "Rae Lin", "--role", "coach", "--credential", "CPS", "--login", "rlin",
            "--supervisor", "Sol Park", "--date", "2026-01-01")  # fmt: skip
    me = team.json("staff", "whoami")
    assert me["login"] == "rlin" and me["staff"]["name"] == "Rae Lin" and me["staff"]["supervisor"] == "Sol Park"
    assert "Rae Lin" in team.ok("staff", "whoami").stdout
    edited = team.json("staff", "edit", "Rae Lin", "--credential", "CPRS", "--no-supervisor")
    assert (edited["credential"], edited["supervisor"], edited["warnings"]) == ("CPRS", None, [])
    assert team("staff", "edit", "Rae Lin", "--supervisor", "Sol Park", "--no-supervisor").exit_code == 2
    ended = team.json("staff", "end", "Rae Lin", "--date", "2026-02-01")
    assert ended["active"] is False and "Rae Lin coached group Riverside (id 1)" in ended["warnings"][0]
    assert [m["name"] for m in team.json("staff", "list")] == ["Sol Park"]
    assert [m["name"] for m in team.json("staff", "list", "--all")] == ["Sol Park", "Rae Lin"]
    assert team.json("staff", "show", "Rae Lin")["ended_on"] == "2026-02-01"
    nobody = team("staff", "whoami")  # exit 1, so a script can test it; the JSON still says whom it looked for
    assert nobody.exit_code == 1 and nobody.stdout == ""
    assert "No active staff member has the login 'rlin'" in nobody.stderr
    assert team.json_fail("staff", "whoami") == {"login": "rlin", "staff": None}


def test_whoami_with_no_staff_defined_says_so_and_exits_1(riverside: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEERTOOL_LOGIN", "rlin")
    result = riverside("staff", "whoami")
    assert result.exit_code == 1 and result.stdout == ""
    assert "No staff are defined" in result.stderr and "login" not in result.stderr.split(";")[0]
    assert riverside.json_fail("staff", "whoami") == {"login": "rlin", "staff": None}


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("staff", "add", "Kit Vale", "--role", "boss", "--credential", "CPS"), 2),
        (("staff", "add", "Kit Vale", "--role", "coach"), 2),  # a credential is required
        (("staff", "add", "Kit Vale", "--role", "coach", "--credential", "CPS", "--supervisor", "Nobody"), 3),
        (("staff", "add", "Sol Park", "--role", "coach", "--credential", "CPS"), 4),
        (("staff", "add", "Kit Vale", "--role", "coach", "--credential", "CPS", "--login", "spark"), 4),
        (("staff", "add", "Kit\x07Vale", "--role", "coach", "--credential", "CPS"), 1),
        (("staff", "add", "Kit\u200bVale", "--role", "coach", "--credential", "CPS"), 1),  # zero-width space
        (("staff", "add", "Kit\u2028Vale", "--role", "coach", "--credential", "CPS"), 1),  # line separator
        (("staff", "add", "Kit Vale", "--role", "coach", "--credential", "C\u00adPS"), 1),  # soft hyphen
        (("staff", "add", "Kit Vale", "--role", "coach", "--credential", "CPS", "--login", "\ufeffkvale"), 1),
        (("staff", "edit", "Sol Park", "--name", "Sol\u2060Park"), 1),  # word joiner
        (("staff", "add", "\uff33\uff4f\uff4c Park", "--role", "coach", "--credential", "CPS"), 4),  # fullwidth
        (("staff", "show", "Nobody"), 3),
        (("staff", "end", "Sol Park"), 2),  # --date is required
        (("group", "edit", "Riverside", "--coach", "Kit Vale"), 3),  # with staff, a coach is a staff member
        (("participant", "edit", "1", "--staff", "Sol Park", "--no-staff"), 2),
    ],
)
def test_refusals_change_nothing(team: Cli, args: tuple[str, ...], code: int) -> None:
    before = team.dump()
    result = team(*args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stderr.startswith("Error: ") or code == 2
    assert team.dump() == before


def test_a_participant_on_a_caseload(team: Cli) -> None:
    person = team.json("participant", "edit", "Ada Quill", "--staff", "Sol Park")
    assert person["staff"] == {"id": 1, "name": "Sol Park", "credential": "LCSW"}
    assert "Sol Park, LCSW" in team.ok("participant", "show", "Ada Quill").stdout
    assert team.json("participant", "edit", "Ada Quill", "--no-staff")["staff"] is None


def test_without_staff_the_coach_is_free_text(riverside: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEERTOOL_LOGIN", "rlin")
    assert riverside.json("group", "edit", "Riverside", "--coach", "Anyone at all")["coach"] == "Anyone at all"
    assert riverside.json("staff", "list") == []
    assert riverside.json_fail("staff", "whoami") == {"login": "rlin", "staff": None}


def test_every_staff_change_is_audited_and_verifies(team: Cli) -> None:
    team.ok("staff", "add", "Rae Lin", "--role", "coach", "--credential", "CPS", "--date", "2026-01-01")
    team.ok("staff", "edit", "Rae Lin", "--login", "rlin")
    team.ok("staff", "end", "Rae Lin", "--date", "2026-02-01")
    logged = [(e["table"], e["action"], e["command"]) for e in team.json("audit") if e["table"] == "staff"]
    added, edited, ended = (
        ("insert", "peertool staff add"),
        ("update", "peertool staff edit"),
        ("update", "peertool staff end"),
    )
    assert logged == [("staff", *step) for step in (added, added, edited, ended)]
    assert "Rae" not in str(team.json("audit"))
    team.ok("audit", "verify")


def test_a_login_that_is_not_text_is_refused_not_a_crash(riverside: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    riverside.ok("staff", "add", "Rae Lin", "--role", "coach", "--credential", "CPS", "--login", "rlin")
    monkeypatch.setenv("PEERTOOL_LOGIN", "r\udcfflin")  # how Python holds a byte that is not UTF-8
    for args in (["staff", "whoami"], ["due"], ["note", "add", "1", "x", "--minutes", "5"]):
        refused = riverside(*args)
        assert refused.exit_code == 1 and "PEERTOOL_LOGIN" in refused.stderr, (args, refused.stderr)


@pytest.mark.sqlite_only
def test_a_near_miss_for_a_staff_member_suggests_the_closest_names(staffed: Cli, env: Path) -> None:
    """As for participants and groups: on a terminal only (the names are stored records), with a first name alone."""
    piped = staffed("note", "add", "1", "Called", "--minutes", "5", "--staff", "Rae")
    assert piped.exit_code == 3 and "no staff 'Rae'" in piped.stderr and "peertool staff list" in piped.stderr
    for typed, meant in (("Rae", "Rae Lin (id 3)"), ("Ada", "Ada Moss (id 4)"), ("Park", "Sol Park (id 1)")):
        shown = on_a_terminal(env, "note", "add", "1", "Called", "--minutes", "5", "--staff", typed)
        assert f"Did you mean {meant}?" in shown, shown
    assert "Did you mean Ada Moss (id 4)?" in on_a_terminal(env, "staff", "show", "ada")
