"""`db import`: a coach's own file brought into the team database under their caseload (issue 29, part 5), on
both backends: new ids, signatures that still verify, the file's audit log as a segment, nothing added twice,
and possible duplicates reported, never merged."""

import datetime as dt
from pathlib import Path

import pytest

from peertool.safety.moving_in import LINKS, NOT_IMPORTED

from helpers import Cli, Today


@pytest.fixture
def coach_file(env: Path, cli: Cli, today: Today) -> Path:
    """Rae's own file, made before the team database: group Birch (Ada, Bo), a meeting with a signed, co-signed
    record of it, a signed contact note with a goal, and an event."""
    today(dt.date(2026, 3, 10))
    own = env / "rae" / "peertool.db"
    own.parent.mkdir()

    def rae(*args: str) -> None:
        cli.ok("--db", own, *args)

    rae("group", "create", "Birch", "--start", "2026-01-06", "--weekday", "tue")
    rae("enroll", "Ada Quill", "--group", "Birch", "--enrolled-on", "2026-01-05", "--external-id", "MH-100",
        "--goal", "Take the bus to work")  # fmt: skip
    rae("enroll", "Bo Lark", "--group", "Birch", "--enrolled-on", "2026-01-05")
    rae("meeting", "record", "Birch", "--date", "2026-03-03", "--all-present", "--notes", "Bus routes")
    rae("meeting", "sign", "1", "--as", "Rae Lin, CPS")
    rae("meeting", "sign", "1", "--as", "Sol Park, LCSW", "--cosign")
    rae("note", "add", "Ada Quill", "Practised the route", "--minutes", "20", "--goal", "1", "--date", "2026-03-04")
    rae("note", "sign", "1", "--as", "Rae Lin, CPS")
    rae("event", "add", "Bo Lark", "--kind", "hospitalization", "--date", "2026-02-01")
    return own


@pytest.fixture
def team(cli: Cli) -> Cli:
    """The team database: Rae Lin on staff, and a group and person of its own first, so ids differ."""
    cli.ok("staff", "add", "Rae Lin", "--role", "coach", "--credential", "CPS", "--date", "2026-01-01")
    cli.ok("group", "create", "Oak", "--start", "2026-01-07", "--weekday", "wed")
    cli.ok("enroll", "Cy Fenn", "--group", "Oak", "--enrolled-on", "2026-01-02")
    return cli


def test_every_table_of_records_is_imported_or_says_why_not(cli: Cli) -> None:
    from peertool.db.migrations import BOOKKEEPING

    cli.ok("init")
    tables = set(cli.open().tables()) - set(BOOKKEEPING) - {"peertool_migrations"}
    assert tables == set(LINKS) | set(NOT_IMPORTED)


def test_the_file_joins_the_caseload_with_new_ids_and_its_signatures_still_verify(team: Cli, coach_file: Path) -> None:
    result = team.json("db", "import", coach_file, "--staff", "Rae Lin")
    assert result["added"]["participants"] == 2 and result["added"]["meetings"] == 1
    people = {p["name"]: p for p in team.json("participant", "list")}
    ada = team.json("participant", "show", str(people["Ada Quill"]["id"]))
    assert ada["id"] != 1 and ada["staff"]["name"] == "Rae Lin" and ada["external_id"] == "MH-100"
    birch = [g for g in team.json("group", "list") if g["name"] == "Birch"][0]
    assert birch["coach_staff"]["name"] == "Rae Lin"
    notes = team.json("note", "list", str(ada["id"]))
    note = team.json("note", "show", str(notes[0]["id"]))
    assert (note["signed"], note["intact"]) == (True, True)
    assert note["staff"]["name"] == "Rae Lin"  # made in her own file, which had no staff: hers
    [meeting] = [m for m in team.json("meeting", "list", "Birch")]
    meeting = team.json("meeting", "show", str(meeting["id"]))
    assert meeting["intact"] is True and [s["role"] for s in meeting["signatures"]] == ["author", "cosigner"]
    assert team.json("audit", "verify")["ok"]


def test_the_files_audit_log_is_kept_as_a_segment(team: Cli, coach_file: Path) -> None:
    own = team.json("--db", coach_file, "audit")
    result = team.json("db", "import", coach_file, "--staff", "Rae Lin")
    assert result["audit_rows"] == len(own)
    log = team.json("audit")
    segment = log[-len(own) :]  # after the import's own rows, so each record's id in it is its id here
    # A team database adds the role that brought the rows in (postgres_triggers.audit_named); a file has no roles.
    via = f" (via {team.query('SELECT session_user')[0][0]})" if team.server else ""
    assert [(r["at"], r["user"], r["command"], r["table"], r["action"]) for r in segment] == [
        (r["at"], r["user"] + via, f"{r['command']} (imported)", r["table"], r["action"]) for r in own
    ]
    assert log[-len(own) - 1]["command"] == "peertool db import"
    ada = team.query("SELECT id FROM participants WHERE name = 'Ada Quill'")[0][0]
    assert [r["record_id"] for r in segment if r["table"] == "participants"][0] == ada


def test_importing_the_same_file_again_adds_nothing(team: Cli, coach_file: Path) -> None:
    team.ok("db", "import", coach_file, "--staff", "Rae Lin")
    before = team.dump()
    again = team.json("db", "import", coach_file, "--staff", "Rae Lin")
    assert (again["added"], again["audit_rows"]) == ({}, 0)
    assert team.dump() == before


def test_a_person_who_may_already_be_here_is_reported_never_merged(team: Cli, coach_file: Path) -> None:
    team.ok("enroll", "Ada Quill", "--enrolled-on", "2026-01-05", "--external-id", "MH-100")
    result = team.json("db", "import", coach_file, "--staff", "Rae Lin")
    [twin] = result["duplicates"]
    assert (twin["existing"]["name"], twin["imported"]["name"], twin["why"]) == ("Ada Quill", "Ada Quill",
                                                                                 "external id MH-100")  # fmt: skip
    assert len([p for p in team.json("participant", "list") if p["name"] == "Ada Quill"]) == 2
    newcomer = team.json("participant", "show", str(twin["imported"]["id"]))
    assert newcomer["external_id"] is None  # the id stays with the person who has it


def test_a_group_name_the_team_has_is_made_the_coachs(team: Cli, coach_file: Path) -> None:
    team.ok("group", "create", "Birch", "--start", "2026-02-03", "--weekday", "tue")
    result = team.json("db", "import", coach_file, "--staff", "Rae Lin")
    assert result["renamed_groups"] == ["Birch -> Birch (Rae Lin)"]


def test_a_file_whose_audit_log_does_not_verify_is_refused_and_nothing_changes(team: Cli, coach_file: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(coach_file)
    conn.execute("DROP TRIGGER audit_contact_notes_update")
    conn.execute("UPDATE contact_notes SET text = 'rewritten'")
    conn.commit()
    conn.close()
    before = team.dump()
    refused = team("db", "import", coach_file, "--staff", "Rae Lin")
    assert refused.exit_code == 1 and "does not verify" in refused.stderr
    assert team.dump() == before


def test_a_missing_file_or_staff_member_is_refused(team: Cli, env: Path, coach_file: Path) -> None:
    assert team("db", "import", env / "nowhere.db", "--staff", "Rae Lin").exit_code == 3
    assert team("db", "import", coach_file, "--staff", "Nobody Here").exit_code == 3


def test_an_encrypted_file_is_imported_with_its_key(team: Cli, env: Path) -> None:
    pytest.importorskip("sqlcipher3")
    from test_cli_db import KEY, _key_command

    _key_command(env, KEY)
    own = env / "locked.db"
    team.ok("--db", own, "init", "--encrypt")
    team.ok("--db", own, "enroll", "Eve Park", "--enrolled-on", "2026-01-05")
    assert b"Eve Park" not in own.read_bytes()
    assert team.json("db", "import", own, "--staff", "Rae Lin")["added"]["participants"] == 1
    assert "Eve Park" in {p["name"] for p in team.json("participant", "list")}


@pytest.mark.sqlite_only
def test_the_database_itself_or_a_copy_of_it_is_not_imported(team: Cli, env: Path) -> None:
    copy = env / "copy.db"
    team.ok("backup", copy)  # a whole copy (a file copy of a database in WAL mode may miss its latest pages)
    before = team.dump()
    for path in (team.db_path, copy):
        refused = team("db", "import", path, "--staff", "Rae Lin")
        assert refused.exit_code == 1 and "is this database" in refused.stderr
    assert team.dump() == before
