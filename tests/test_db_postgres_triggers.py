"""The PostgreSQL baseline's triggers and compat functions behave as SQLite's (issue 29): every change logged with the
same unsealed row, the audit log append-only and sealed once, signed records kept signed, group_concat as SQLite's,
and the CHECKs rewritten for PostgreSQL accepting and refusing the same rows."""

import re
import sqlite3
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
import sqlite_utils
from psycopg import errors

from peertool.db import migrations, postgres_triggers
from peertool.db.triggers import APPEND_ONLY_MESSAGE, AUDITED, OTHER_TOOL, SIGNED_ALL, STAYS_SIGNED_MESSAGE

from pg_server import apply_baseline

pytestmark = pytest.mark.postgres

Conn = psycopg.Connection[tuple[Any, ...]]
PERSON = "INSERT INTO participants (name, name_key, enrolled_on) VALUES ('Test Person', 'test person', '2026-01-05')"
GROUP = "INSERT INTO peer_groups (name, name_key, start_on, weekday) VALUES ('Riverside', 'riverside', '2026-01-05', 0)"
MEETING = """INSERT INTO meetings (group_id, held_on, month, theme, mode, duration)
             VALUES (1, '2026-01-05', 1, 'Hope', 'in-person', 60)"""
NOTE = "INSERT INTO contact_notes (participant_id, noted_on, mode, signed) VALUES (1, '2026-01-06', 'phone', 1)"


@pytest.fixture
def pg(pg_database: str) -> Iterator[Conn]:
    """A fresh PostgreSQL database after the baseline, in autocommit: each statement commits or fails alone."""
    apply_baseline(pg_database)
    with psycopg.connect(pg_database, autocommit=True) as conn:
        yield conn


@pytest.fixture
def lite() -> Iterator[sqlite3.Connection]:
    db = sqlite_utils.Database(memory=True)
    migrations.sqlite_set().apply(db)
    db.conn.isolation_level = None
    yield db.conn
    db.conn.close()


def audit(conn: Conn) -> list[tuple[Any, ...]]:
    sql = "SELECT at, os_user, command, table_name, record_id, action, hash, digest FROM audit ORDER BY id"
    return conn.execute(sql).fetchall()


def refusal(conn: Conn, statement: str) -> tuple[str | None, str | None]:
    """The SQLSTATE and message (without its CONTEXT) of the error `statement` raises."""
    with pytest.raises(psycopg.Error) as caught:
        conn.execute(statement)
    return caught.value.sqlstate, caught.value.diag.message_primary


def test_an_insert_update_and_delete_each_write_sqlites_unsealed_row(pg: Conn) -> None:
    pg.execute(PERSON)
    pg.execute("UPDATE participants SET phone = '555-0100' WHERE id = 1")
    pg.execute("DELETE FROM participants WHERE id = 1")
    rows = audit(pg)
    (who,) = pg.execute("SELECT session_user").fetchone() or ("",)  # the server names the row's writer (audit_named)
    assert [row[1:] for row in rows] == [
        (who, OTHER_TOOL, "participants", 1, action, None, None) for action in ("insert", "update", "delete")
    ]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", row[0]) for row in rows)


def test_the_logged_time_is_utc_to_the_second(pg: Conn) -> None:
    pg.execute("SET TIME ZONE 'America/Denver'")
    pg.execute(PERSON)
    (at,) = pg.execute("SELECT at FROM audit").fetchone() or ()
    now = pg.execute("""SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI')""").fetchone()
    assert now is not None and at.startswith(now[0])


def test_a_table_without_an_id_logs_its_key_column(pg: Conn) -> None:
    pg.execute(PERSON)
    pg.execute(GROUP)
    pg.execute(MEETING)
    pg.execute("INSERT INTO attendance (meeting_id, participant_id, present, status) VALUES (1, 1, 1, 'present')")
    logged = pg.execute("SELECT table_name, record_id, action FROM audit WHERE table_name = 'attendance'").fetchall()
    assert AUDITED["attendance"] == "meeting_id"
    assert logged == [("attendance", 1, "insert")]


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE audit SET at = '2000-01-01T00:00:00Z'",
        "UPDATE audit SET record_id = 2",
        "DELETE FROM audit",
        "TRUNCATE audit",
    ],
)
def test_the_audit_log_is_append_only(pg: Conn, change: str) -> None:
    pg.execute(PERSON)
    assert refusal(pg, change) == (postgres_triggers.REFUSED_STATE, APPEND_ONLY_MESSAGE)
    assert len(audit(pg)) == 1


def test_a_row_is_sealed_once(pg: Conn) -> None:
    pg.execute(PERSON)
    pg.execute("UPDATE audit SET os_user = 'coach', command = 'add', digest = 'd', hash = 'h1' WHERE id = 1")
    assert refusal(pg, "UPDATE audit SET hash = 'h2' WHERE id = 1") == ("23000", APPEND_ONLY_MESSAGE)
    assert audit(pg)[0][1:] == ("coach", "add", "participants", 1, "insert", "h1", "d")


def test_a_duplicate_audit_id_is_refused_by_its_primary_key(pg: Conn) -> None:
    """Why `audit_no_replace` has no twin: the id cannot be written twice."""
    pg.execute(PERSON)
    with pytest.raises(errors.UniqueViolation):
        pg.execute("INSERT INTO audit (id, at, os_user, command, table_name, action) SELECT id, at, os_user, "
                   "command, table_name, action FROM audit")  # fmt: skip
    assert "audit_no_replace" not in postgres_triggers.expected_triggers()


@pytest.mark.parametrize("unsigned", ["0", "NULL"])
def test_a_signed_note_stays_signed(pg: Conn, unsigned: str) -> None:
    pg.execute(PERSON)
    pg.execute(NOTE)
    unsign = f"UPDATE contact_notes SET signed = {unsigned} WHERE id = 1"
    assert refusal(pg, unsign) == ("23000", STAYS_SIGNED_MESSAGE)
    pg.execute("UPDATE contact_notes SET text = 'Walked.', signed = 1 WHERE id = 1")
    assert pg.execute("SELECT signed, text FROM contact_notes").fetchall() == [(1, "Walked.")]


def test_every_signed_table_is_guarded(pg: Conn) -> None:
    guarded = pg.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE '%\\_stay\\_signed'").fetchall()
    assert sorted(name for (name,) in guarded) == sorted(f"{table}_stay_signed" for table in SIGNED_ALL)


def test_the_database_holds_exactly_the_expected_triggers(pg: Conn) -> None:
    names = pg.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal").fetchall()
    assert sorted(name for (name,) in names) == sorted(postgres_triggers.expected_triggers())


GROUPED = [
    "SELECT group_concat(tag, ', ') FROM meeting_threads",
    "SELECT group_concat(tag) FROM meeting_threads",
    "SELECT group_concat(participant_id) FROM attendance",
    "SELECT group_concat(participant_id, '+') FROM attendance",
    "SELECT group_concat(minutes) FROM attendance",
    "SELECT group_concat(tag) FROM meeting_threads WHERE tag = 'none'",
]
FILL = [
    PERSON,
    PERSON.replace("Test Person", "Other Person"),
    GROUP,
    MEETING,
    "INSERT INTO meeting_threads (meeting_id, tag) VALUES (1, 'hope'), (1, 'work'), (1, 'sleep')",
    "INSERT INTO attendance (meeting_id, participant_id, present, status, minutes) VALUES "
    "(1, 1, 1, 'present', NULL), (1, 2, 1, 'late', 30)",
]


def test_group_concat_gives_sqlites_answers_for_text_and_integers(pg: Conn, lite: sqlite3.Connection) -> None:
    for statement in FILL:
        pg.execute(statement)
        lite.execute(statement)
    answers = [pg.execute(query).fetchone() for query in GROUPED]
    assert answers == [lite.execute(query).fetchone() for query in GROUPED]
    assert answers[0] == ("hope, work, sleep",) and answers[2] == ("1,2",) and answers[-1] == (None,)


CHECKED = [  # rows the CHECKs rewritten for PostgreSQL judge: attendance's booleans, screenings' `IS 1`
    "INSERT INTO attendance (meeting_id, participant_id, present, status) VALUES (1, 1, 1, 'present')",
    "INSERT INTO attendance (meeting_id, participant_id, present, status) VALUES (1, 1, 0, 'present')",
    "INSERT INTO attendance (meeting_id, participant_id, present, status) VALUES (1, 1, 0, 'excused')",
    "INSERT INTO attendance (meeting_id, participant_id, present, status) VALUES (1, 1, 1, 'absent')",
    "INSERT INTO attendance (meeting_id, participant_id, present, status, minutes) VALUES (1, 1, 1, 'late', 20)",
    "INSERT INTO attendance (meeting_id, participant_id, present, status) VALUES (1, 1, 1, 'late')",
    "INSERT INTO definitions (version, content, sha256, first_used_on) VALUES ('v1', '[]', repeat('a', 64), '2026')",
    "INSERT INTO screenings (participant_id, screened_on, screened_by, definition_id, outcome, team_contact, "
    "team_consent) VALUES (1, '2026-01-05', 'coach', 1, 'eligible', 'Dr. Test', {consent})",
]


@pytest.mark.parametrize("consent", ["1", "0", "NULL"])
def test_the_rewritten_checks_accept_and_refuse_the_same_rows(pg: Conn, lite: sqlite3.Connection, consent: str) -> None:
    lite.create_function("repeat", 2, lambda text, n: text * n)
    for statement in [PERSON, GROUP, MEETING]:
        pg.execute(statement)
        lite.execute(statement)
    verdicts = []
    for statement in CHECKED:
        sql = statement.format(consent=consent)
        on_pg = on_lite = True
        try:
            pg.execute(sql)
        except errors.CheckViolation:
            on_pg = False
        try:
            lite.execute(sql)
        except sqlite3.IntegrityError:
            on_lite = False
        pg.execute("DELETE FROM attendance")
        lite.execute("DELETE FROM attendance")
        verdicts.append((on_pg, on_lite))
    assert all(on_pg == on_lite for on_pg, on_lite in verdicts), verdicts
    assert [v for v, _ in verdicts] == [True, False, True, False, True, False, True, consent == "1"]
