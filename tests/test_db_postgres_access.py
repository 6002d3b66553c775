"""Row-level security on a team database (issue 29): each staff member connects as their own role, and the
server, not peertool, decides which rows they read and write. Every check here connects as that role, through
peertool and through psycopg as `psql` would."""

import datetime as dt
import os
import secrets
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from peertool.db.postgres_access import RULES, grants, ident, policies, revokes

from helpers import Cli, Today
from pg_server import for_peertool, login_roles

pytestmark = [pytest.mark.postgresql_only]


class Agency:
    """A team database with a supervisor, two coaches (one supervised by them) and a director, each with a role
    on the server; `as_(who)` makes peertool connect as that role ("owner": the admin who ran init)."""

    def __init__(self, cli: Cli, env: Path, monkeypatch: pytest.MonkeyPatch, make: Callable[[str], str]) -> None:
        self.cli, self.env, self.monkeypatch = cli, env, monkeypatch
        suffix = secrets.token_hex(3)  # roles are the whole server's: a name no other test run has
        self.login = {who: f"{who}_{suffix}" for who in ("sam", "ana", "ben", "dee", "eve")}
        self.conninfo = {"owner": str(cli.server)}
        self.conninfo.update({who: make(login) for who, login in self.login.items()})

    def environ(self, who: str) -> dict[str, str]:
        """The variables that make peertool connect as `who` (a private pgpass file holds their password)."""
        folder = self.env / f"as-{who}"
        folder.mkdir(exist_ok=True)
        location, extra = for_peertool(self.conninfo[who], folder)
        return {"PEERTOOL_DB": location, **extra}

    def as_(self, who: str) -> Cli:
        for name, value in self.environ(who).items():
            self.monkeypatch.setenv(name, value)
        return self.cli  # the one Cli: it runs as whoever `as_` named last

    def sql(self, who: str, statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """What `psql` connected as `who` gets for `statement`."""
        with psycopg.connect(self.conninfo[who], autocommit=True) as conn:
            cursor = conn.execute(statement, params)
            return cursor.fetchall() if cursor.description else []


@pytest.fixture
def agency(cli: Cli, env: Path, monkeypatch: pytest.MonkeyPatch, today: Today) -> Iterator[Agency]:
    """Sam supervises Ana; Ben has no supervisor; Dee directs. Ana coaches North (Ada, Bo), Ben coaches South
    (Cy, Di); Ana has a signed note on Ada, Ben one on Cy. Access applied by the owner."""
    today(dt.date(2026, 3, 10))
    with login_roles(str(cli.server)) as make:
        team = Agency(cli, env, monkeypatch, make)
        owner = team.as_("owner")
        for name, role, login, extra in (
            ("Sam Roe", "supervisor", "sam", []), ("Ana Diaz", "coach", "ana", ["--supervisor", "Sam Roe"]),
            ("Ben Cole", "coach", "ben", []), ("Dee Hart", "director", "dee", []),
        ):  # fmt: skip
            owner.ok("staff", "add", name, "--role", role, "--credential", "CPS", "--login", team.login[login],
                     "--date", "2026-01-01", *extra)  # fmt: skip
        owner.ok("group", "create", "North", "--start", "2026-01-06", "--weekday", "tue", "--coach", "Ana Diaz")
        owner.ok("group", "create", "South", "--start", "2026-01-07", "--weekday", "wed", "--coach", "Ben Cole")
        for name, group in (("Ada Quill", "North"), ("Bo Lark", "North"), ("Cy Fenn", "South"), ("Di Moor", "South")):
            owner.ok("enroll", name, "--group", group, "--enrolled-on", "2026-01-05")
        owner.ok("db", "grant", "--apply")
        team.as_("ana").ok("note", "add", "Ada Quill", "Called Ada", "--minutes", "15", "--date", "2026-03-02")
        team.as_("ana").ok("note", "sign", "1")
        team.as_("ben").ok("note", "add", "Cy Fenn", "Called Cy", "--minutes", "10", "--date", "2026-03-03")
        team.as_("ben").ok("note", "sign", "2")
        yield team


def test_every_table_of_the_schema_has_its_access_rule() -> None:
    import re

    from peertool.db.postgres_schema import baseline

    made = {m.group(1) for sql, _ in baseline() for m in [re.match(r"\s*CREATE TABLE (\w+)", sql)] if m}
    assert made == set(RULES)  # a new table must say whose it is


def test_every_table_with_a_read_rule_gets_row_level_security_and_no_command_is_left_open() -> None:
    statements = policies()
    for table, rule in RULES.items():
        if rule.read is None:
            continue
        assert f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY" in statements
        made = {
            s.split(" FOR ")[1].split()[0] for s in statements if s.startswith("CREATE POLICY") and f" ON {table} " in s
        }
        allowed = {"SELECT"} | {
            c for c, v in (("INSERT", rule.insert), ("UPDATE", rule.update), ("DELETE", rule.delete)) if v
        }
        assert made == allowed, table
    assert all(
        "SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp" in s
        for s in statements
        if "SECURITY DEFINER" in s
    )  # a temporary table never stands in for a table


def test_a_login_is_quoted_as_an_identifier_whatever_it_holds() -> None:
    assert ident('ana"; DROP TABLE staff; --') == '"ana""; DROP TABLE staff; --"'
    assert all('TO "a""b"' in s or 'FROM "a""b"' in s for s in grants(['a"b']))
    assert revokes(["x"]) == ['REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "x"']


def names(cli: Cli) -> list[str]:
    return sorted(person["name"] for person in cli.json("participant", "list", "--status", "all"))


def test_each_role_reads_its_own_caseload_through_peertool(agency: Agency) -> None:
    assert names(agency.as_("ana")) == ["Ada Quill", "Bo Lark"]
    assert names(agency.as_("ben")) == ["Cy Fenn", "Di Moor"]
    assert names(agency.as_("sam")) == ["Ada Quill", "Bo Lark"]  # Ana's supervisor: her caseload, not Ben's
    assert names(agency.as_("dee")) == ["Ada Quill", "Bo Lark", "Cy Fenn", "Di Moor"]
    assert agency.as_("eve")("participant", "list").exit_code == 77  # a role no staff member has: no access
    assert [g["name"] for g in agency.as_("ana").json("group", "list")] == ["North"]


def test_psql_as_a_coach_gets_nothing_of_another_caseload(agency: Agency) -> None:
    assert agency.sql("ana", "SELECT name FROM participants ORDER BY id") == [("Ada Quill",), ("Bo Lark",)]
    assert agency.sql("ana", "SELECT count(*) FROM contact_notes") == [(1,)]
    assert agency.sql("ana", "SELECT count(*) FROM signatures") == [(1,)]
    assert agency.sql("ben", "SELECT text FROM contact_notes") == [("Called Cy",)]
    assert agency.sql("ana", "SELECT count(*) FROM memberships") == [(2,)]
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        agency.sql("eve", "SELECT count(*) FROM participants")
    # writing another caseload's rows changes nothing: no row is visible to change
    assert agency.sql("ana", "UPDATE participants SET phone = '555' WHERE name = 'Cy Fenn' RETURNING id") == []
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor can a row be put into it
        agency.sql("ana", "INSERT INTO contact_notes (participant_id, noted_on, minutes, mode, text, signed) "
                          "VALUES (3, '2026-03-04', 5, 'phone', 'x', 0)")  # fmt: skip


def test_a_coach_is_not_told_of_another_caseload(agency: Agency) -> None:
    ana = agency.as_("ana")
    assert ana("participant", "show", "Cy Fenn").exit_code == 3  # not found: as if no such person
    assert ana("note", "show", "2").exit_code == 3
    assert ana("participant", "edit", "3", "--phone", "555").exit_code == 3
    assert agency.sql("owner", "SELECT phone FROM participants WHERE id = 3") == [(None,)]


def test_a_coach_writes_their_own_caseload_and_a_new_person_joins_it(agency: Agency) -> None:
    ana = agency.as_("ana")
    added = ana.json("enroll", "Eli Park", "--enrolled-on", "2026-03-09")
    assert ana.json("participant", "show", str(added["id"]))["staff"]["name"] == "Ana Diaz"
    agency.as_("ana").ok("participant", "edit", "Bo Lark", "--phone", "555-0100")
    assert "Eli Park" not in names(agency.as_("ben"))


def test_the_supervisor_cosigns_a_supervisees_note_from_their_own_connection(agency: Agency) -> None:
    sam = agency.as_("sam")
    signed = sam.json("note", "sign", "1", "--cosign")
    assert [s["role"] for s in signed["signatures"]] == ["author", "cosigner"]
    assert sam("note", "sign", "2", "--cosign").exit_code == 3  # Ben's note: not Sam's team
    refused = sam("note", "add", "Ada Quill", "A note", "--minutes", "5")  # reads Ana's caseload, writes none of it
    assert refused.exit_code == 77, refused.stderr


def test_the_director_reads_everything_and_writes_no_record_of_care(agency: Agency) -> None:
    dee = agency.as_("dee")
    report = dee.json("report", "--all")
    assert report
    refused = dee("note", "add", "Cy Fenn", "A note", "--minutes", "5")
    assert refused.exit_code == 77 and "Traceback" not in refused.stderr, refused.stderr
    assert agency.sql("owner", "SELECT count(*) FROM contact_notes") == [(2,)]
    assert dee("enroll", "Fay Gill").exit_code == 77


def test_the_login_is_the_servers_and_peertool_login_cannot_spoof_it(
    agency: Agency, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEERTOOL_LOGIN", agency.login["dee"])
    ana = agency.as_("ana")
    assert ana.json("staff", "whoami")["staff"]["name"] == "Ana Diaz"
    assert names(ana) == ["Ada Quill", "Bo Lark"]
    ana.ok("participant", "edit", "Bo Lark", "--phone", "555-0101")
    users = {entry["user"] for entry in ana.json("audit", "--last", "1")}
    assert users == {agency.login["ana"]}


def test_db_grant_prints_what_it_would_run_and_only_the_owner_applies_it(agency: Agency) -> None:
    owner = agency.as_("owner")
    printed = owner.ok("db", "grant").stdout
    assert "ENABLE ROW LEVEL SECURITY" in printed and f'TO "{agency.login["ana"]}"' in printed
    owner.ok("staff", "add", "Gil Ray", "--role", "coach", "--credential", "CPS", "--login", "gil_nobody_here")
    printed = owner.ok("db", "grant").stdout
    assert 'CREATE ROLE "gil_nobody_here" LOGIN' in printed  # the administrator's line, as a comment
    staff = {member["name"]: member for member in owner.json("db", "grant")["staff"]}
    assert (staff["Gil Ray"]["exists"], staff["Ana Diaz"]["granted"]) == (False, True)
    refused = agency.as_("ana")("db", "grant", "--apply")
    assert refused.exit_code == 77 and "owner" in refused.stderr


def test_the_owners_cosign_policy_becomes_the_teams_and_a_signer_may_only_ask_for_more(agency: Agency) -> None:
    owner = agency.as_("owner")
    Path("peertool.yaml").write_text("supervision: {cosign: {note: none, meeting: all}}\n")
    assert "meeting 100%, note 0%" in owner.ok("db", "grant").stdout
    assert owner.json("db", "grant", "--apply")["cosign"] == {"meeting": 100, "note": 0}
    Path("peertool.yaml").write_text("supervision: {cosign: {note: all}}\n")  # Ana's own config asks for more
    note = agency.as_("ana").json("note", "add", "Bo Lark", "Walked to the bus", "--minutes", "20")
    agency.as_("ana").ok("note", "sign", str(note["id"]))
    drawn = "SELECT required, percent FROM cosign_draws WHERE record = 'note' AND record_id = %s"
    assert agency.sql("owner", drawn, (note["id"],)) == [(1, 100)]
    Path("peertool.yaml").write_text("")
    assert agency.as_("owner").json("db", "grant", "--apply")["cosign"] == {}
    assert agency.sql("owner", "SELECT count(*) FROM settings WHERE key = 'cosign_policy'") == [(0,)]


def test_a_team_database_made_before_server_draws_stops_staff_drawing_when_its_owner_opens_it(
    agency: Agency,
) -> None:
    from peertool.db.postgres_access import _records

    agency.sql("owner", f"ALTER POLICY peertool_insert ON cosign_draws WITH CHECK ({_records(True)})")  # as 0031
    agency.sql("owner", "DROP FUNCTION peertool_draw")
    agency.sql("owner", "DELETE FROM peertool_migrations WHERE name = '0032_the_server_draws_and_names'")
    agency.as_("owner").ok("staff", "list")  # the owner's next command upgrades it
    refused = "INSERT INTO cosign_draws (record, record_id, required, percent, drawn_on) VALUES ('note', 1, 0, 0, 'x')"
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        agency.sql("ana", refused)
    assert agency.as_("dee").json("audit", "verify")["ok"]  # peertool_draw is as this version makes it


def test_an_older_team_database_hides_the_draw_key_from_staff_as_soon_as_it_is_made(agency: Agency) -> None:
    agency.sql("owner", "ALTER POLICY peertool_read ON settings USING (key <> 'audit_key')")  # as before 0032
    agency.sql("owner", "DELETE FROM settings WHERE key = 'cosign_key'")
    agency.sql("owner", "DELETE FROM peertool_migrations WHERE name = '0032_the_server_draws_and_names'")
    agency.as_("owner").ok("staff", "list")  # the owner's next command upgrades it
    assert agency.sql("owner", "SELECT count(*) FROM settings WHERE key = 'cosign_key'") == [(1,)]
    assert agency.sql("ana", "SELECT count(*) FROM settings WHERE key = 'cosign_key'") == [(0,)]


def test_a_files_no_cosignature_needed_gives_way_to_the_teams_policy(agency: Agency) -> None:
    own = agency.env / "ana-own.db"
    Path("peertool.yaml").write_text("supervision: {cosign: none}\n")  # her file drew "not needed"
    agency.cli.ok("--db", own, "enroll", "Ivy Shaw", "--enrolled-on", "2026-02-02")
    agency.cli.ok("--db", own, "note", "add", "Ivy Shaw", "First call", "--minutes", "10", "--date", "2026-02-03")
    agency.cli.ok("--db", own, "note", "sign", "1", "--as", "Ana Diaz, CPS")
    Path("peertool.yaml").write_text("supervision: {cosign: {note: all}}\n")
    agency.as_("owner").ok("db", "grant", "--apply")  # the team's: every note
    agency.as_("ana").ok("db", "import", own, "--staff", "Ana Diaz")
    [(note,)] = agency.sql("owner", "SELECT id FROM contact_notes WHERE text = 'First call'")
    drawn = "SELECT required, percent FROM cosign_draws WHERE record = 'note' AND record_id = %s"
    assert agency.sql("owner", drawn, (note,)) == [(1, 100)]


def test_a_staff_member_who_leaves_loses_access(agency: Agency) -> None:
    owner = agency.as_("owner")
    owner.ok("staff", "end", "Ben Cole", "--date", "2026-03-10")
    owner.ok("db", "grant", "--apply")
    assert agency.as_("ben")("participant", "list").exit_code == 77


def test_audit_verify_passes_for_every_role_and_the_director_catches_a_row_changed_behind_the_log(
    agency: Agency,
) -> None:
    for who in ("owner", "dee", "sam", "ana", "ben"):
        assert agency.as_(who).json("audit", "verify")["ok"], who
    agency.sql("owner", "ALTER TABLE contact_notes DISABLE TRIGGER USER")
    agency.sql("owner", "UPDATE contact_notes SET text = 'Rewritten' WHERE id = 2")
    agency.sql("owner", "ALTER TABLE contact_notes ENABLE TRIGGER USER")
    for who in ("dee", "ben", "ana"):  # the server checks every record, whoever asks: it alone reads the key
        assert agency.as_(who).json_fail("audit", "verify")["changed"] == [{"table": "contact_notes", "record_id": 2}]


def test_the_audit_log_is_not_rewritten_by_a_coach(agency: Agency) -> None:
    for statement in ("DELETE FROM audit", "UPDATE audit SET table_name = 'x'", "TRUNCATE audit"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            agency.sql("ana", statement)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # a row already sealed cannot be slipped in
        agency.sql("ana", "INSERT INTO audit (at, os_user, command, table_name, action, hash) "
                          "VALUES ('2026-03-01T00:00:00Z', 'x', 'x', 'x', 'insert', 'h')")  # fmt: skip


def test_a_change_made_from_psql_is_logged_with_the_role_that_made_it(agency: Agency) -> None:
    """The server names every audit row with the role it authenticated: a change behind peertool's back is the
    connected role's ("other tool"), and a role cannot write a row of the log itself (but a file's, marked)."""
    from peertool.db.triggers import OTHER_TOOL

    agency.sql("ana", "UPDATE participants SET phone = '555-0777' WHERE name = 'Bo Lark'")
    forged = "('2026-03-10T00:00:00Z', 'somebody', 'peertool note add', 'participants', 2, 'update')"
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        agency.sql("ana", f"INSERT INTO audit (at, os_user, command, table_name, record_id, action) VALUES {forged}")
    agency.as_("ben").ok("note", "add", "Cy Fenn", "Called again", "--minutes", "5")  # the next write seals them
    rows = agency.sql("owner", "SELECT os_user, command FROM audit WHERE table_name = 'participants' "
                               "AND record_id = 2 AND action = 'update' ORDER BY id")  # fmt: skip
    assert rows == [(agency.login["ana"], OTHER_TOOL)]
    assert agency.as_("dee").json("audit", "verify")["ok"]


def test_a_coach_erases_their_own_unsigned_records(agency: Agency) -> None:
    ana = agency.as_("ana")
    note = ana.json("note", "add", "Bo Lark", "Written in error", "--minutes", "5")
    ana.ok("note", "delete", str(note["id"]), "--yes")
    meeting = ana.json("meeting", "record", "North", "--date", "2026-03-03")
    ana.ok("meeting", "delete", str(meeting["id"]), "--yes")
    ana.ok("enroll", "Em Pike", "--group", "North", "--enrolled-on", "2026-03-02")
    ana.ok("participant", "delete", "Em Pike", "--yes")
    assert agency.sql("owner", "SELECT count(*) FROM participants WHERE name = 'Em Pike'") == [(0,)]
    assert agency.as_("dee").json("audit", "verify")["ok"]


def test_a_coach_imports_a_roster_into_their_own_group_and_the_supervisor_sees_it(agency: Agency) -> None:
    roster = agency.env / "roster.csv"
    roster.write_text("name,group\nGus Hale,North\nHal Ives,North\n")
    agency.as_("ana").ok("enroll", "--from", roster)
    assert names(agency.as_("ana")) == ["Ada Quill", "Bo Lark", "Gus Hale", "Hal Ives"]
    assert names(agency.as_("sam")) == ["Ada Quill", "Bo Lark", "Gus Hale", "Hal Ives"]
    assert names(agency.as_("ben")) == ["Cy Fenn", "Di Moor"]


def test_the_supervisors_queue_holds_only_the_notes_their_role_reads(agency: Agency) -> None:
    Path("peertool.yaml").write_text("supervision: {cosign: {note: all}}\n")
    for who, person in (("ana", "Bo Lark"), ("ben", "Di Moor")):
        note = agency.as_(who).json("note", "add", person, "Met for coffee", "--minutes", "30")
        agency.as_(who).ok("note", "sign", str(note["id"]))
    # Ben has no supervisor, so any supervisor may co-sign his notes: but Sam's role cannot read them
    assert [item["id"] for item in agency.as_("sam").json("supervise", "queue")["items"]] == [3]
    assert [item["id"] for item in agency.as_("dee").json("supervise", "queue")["items"]] == [3, 4]


def test_the_team_shares_one_audit_key_whatever_each_users_own_files(
    agency: Agency, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(agency.env / "another-home"))  # another account: no audit key file of its own
    monkeypatch.setenv("XDG_CONFIG_HOME", str(agency.env / "another-home" / ".config"))
    agency.as_("sam").ok("note", "sign", "1", "--cosign")
    checked = agency.as_("dee").json("audit", "verify")
    assert (checked["ok"], checked["unchecked"], checked["changed"]) == (True, 0, [])
    [(key,)] = agency.sql("owner", "SELECT value FROM settings WHERE key = 'audit_key'")
    assert key not in agency.as_("owner").ok("db", "grant").stdout  # drawn by the server, never printed


WRITES = """
import subprocess, sys
who, person = sys.argv[1], sys.argv[2]
for i in range(4):
    for args in (["enroll", f"{who} new {i}"], ["note", "add", person, f"{who} {i}", "--minutes", "5"],
                 ["goal", "add", person, f"{who} goal {i}"]):
        subprocess.run([sys.executable, "-m", "peertool", *args], check=True, capture_output=True)
"""


@pytest.mark.slow
def test_eight_staff_processes_writing_at_once_lose_nothing(agency: Agency) -> None:
    procs = []
    for n in range(8):
        who, person = ("ana", "Ada Quill") if n % 2 else ("ben", "Cy Fenn")
        env = {**os.environ, **agency.environ(who)}
        procs.append(subprocess.Popen([sys.executable, "-c", WRITES, f"{who}{n}", person], env=env))
    assert [p.wait(timeout=600) for p in procs] == [0] * 8
    assert agency.sql("owner", "SELECT count(*) FROM participants WHERE strpos(name, 'new') > 0") == [(32,)]
    assert agency.sql("owner", "SELECT count(*) FROM contact_notes") == [(2 + 32,)]
    assert agency.sql("owner", "SELECT count(*) FROM goals") == [(32,)]
    assert agency.sql("ana", "SELECT count(*) FROM participants") == [(2 + 16,)]  # each new person is theirs
    assert agency.as_("dee").json("audit", "verify")["ok"]


def test_a_coachs_new_group_is_theirs_and_the_owner_hands_groups_on(agency: Agency) -> None:
    made = agency.as_("ana").json("group", "create", "Evening", "--start", "2026-03-03", "--weekday", "tue")
    assert made["coach_staff"]["name"] == "Ana Diaz"
    assert [g["name"] for g in agency.as_("ben").json("group", "list")] == ["South"]
    refused = agency.as_("sam")("group", "edit", "Evening", "--coach", "Sam Roe")  # caseloads are the owner's to deal
    assert refused.exit_code == 77, refused.stderr
    assert agency.as_("ana")("group", "edit", "Evening", "--coach", "Ben Cole").exit_code == 77  # a coach cannot
    assert agency.as_("ben")("group", "edit", "North", "--coach", "Ben Cole").exit_code == 3  # nor take one
    agency.as_("owner").ok("group", "edit", "Evening", "--coach", "Sam Roe")  # Ana is away
    assert [g["name"] for g in agency.as_("ana").json("group", "list")] == ["North"]
    assert [g["name"] for g in agency.as_("sam").json("group", "list")] == ["North", "Evening"]


def test_the_director_sees_every_caseloads_due_list(agency: Agency) -> None:
    everything = agency.as_("owner").json_fail("due", "--all")  # exit 1: items are overdue
    assert agency.as_("dee").json_fail("due", "--all") == everything
    assert {i["staff"]["name"] for i in agency.as_("dee").json_fail("due", "--all")["items"]} == {
        "Ana Diaz",
        "Ben Cole",
    }


def test_a_coach_imports_their_own_file_into_their_caseload(agency: Agency) -> None:
    own = agency.env / "ana-own.db"
    Path("peertool.yaml").write_text("supervision: {cosign: {note: all}}\n")  # in her file: drawn at 100%
    agency.cli.ok("--db", own, "enroll", "Ivy Shaw", "--enrolled-on", "2026-02-02")
    agency.cli.ok("--db", own, "note", "add", "Ivy Shaw", "First call", "--minutes", "10", "--date", "2026-02-03")
    agency.cli.ok("--db", own, "note", "sign", "1", "--as", "Ana Diaz, CPS")
    result = agency.as_("ana").json("db", "import", own, "--staff", "Ana Diaz")
    assert result["added"]["participants"] == 1 and result["checked_against"] == "your caseload"
    assert "Ivy Shaw" in names(agency.as_("ana")) and "Ivy Shaw" not in names(agency.as_("ben"))
    note = [n for n in agency.as_("ana").json("note", "list", "Ivy Shaw")][0]
    assert agency.as_("ana").json("note", "show", str(note["id"]))["intact"] is True
    drawn = "SELECT required, percent FROM cosign_draws WHERE record = 'note' AND record_id = %s"
    assert agency.sql("owner", drawn, (note["id"],)) == [(1, 100)]  # the file's draw came with its note
    assert agency.as_("dee").json("audit", "verify")["ok"]
    assert agency.as_("ben").json("db", "import", own, "--staff", "Ben Cole")["added"] == {}  # the same file: in
