"""The PostgreSQL backend (issue 29): the same interface as SQLite's, its schema made once for a writer, one writer
at a time with a wait no longer than the busy timeout, values as SQLite gives them, and the audit triggers read back
exactly as they were made."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from peertool.db.backends import database_location, open_database
from peertool.db.location import PostgresLocation, postgres_location
from peertool.db.migrations import LATEST_MIGRATION
from peertool.db.postgres import PostgresDatabase
from peertool.db.store import write
from peertool.errors import EXIT_BUSY, Busy, InvalidInput, NotFound, Unavailable
from peertool.settings import Settings

from pg_server import for_peertool

pytestmark = pytest.mark.postgres
PERSON = ["Tobin Reed", "tobin reed", "2026-01-05"]


@pytest.fixture
def team(pg_database: str, env: Path, monkeypatch: pytest.MonkeyPatch) -> PostgresLocation:
    """An empty database on the test server, as peertool is given it (never with a password)."""
    location, extra = for_peertool(pg_database, env)
    for name, value in extra.items():
        monkeypatch.setenv(name, value)
    return postgres_location(location, "--db")


@pytest.fixture
def db(team: PostgresLocation) -> Iterator[PostgresDatabase]:
    database = open_database(team, create=True)
    assert isinstance(database, PostgresDatabase)
    yield database
    database.close()


def test_a_writer_makes_the_schema_once_and_a_reader_needs_it(team: PostgresLocation) -> None:
    with pytest.raises(NotFound, match="no peertool records yet"):
        open_database(team, create=False)
    first = open_database(team, create=True)
    assert first.created and "participants" in first.tables()
    assert first.warning is None  # a unix socket never leaves the machine: no TLS warning
    first.close()
    again = open_database(team, create=False)
    assert not again.created
    assert again.applied_migrations()[-1] == LATEST_MIGRATION
    again.close()


def test_a_location_names_the_server_and_a_server_is_never_encrypted_by_peertool(
    team: PostgresLocation, settings: Settings
) -> None:
    location, source = database_location(team.conninfo, lambda: settings)
    assert location == team and source == "--db"
    with pytest.raises(InvalidInput, match="encrypts a SQLite file"):
        open_database(team, create=True, encrypt=True)


def test_writes_read_and_return_as_on_sqlite(db: PostgresDatabase) -> None:
    with write(db):
        first = db.insert_id(
            "INSERT INTO participants (name, name_key, enrolled_on, status) VALUES (?, ?, ?, ?)",
            ["Wren Alder", "wren alder", "2026-01-05", "active"],
        )
        db.execute("UPDATE participants SET name = :s WHERE id = :id", {"s": "Wren Alder-Reed", "id": first})
    assert db.execute("SELECT id, name FROM participants").fetchall() == [(first, "Wren Alder-Reed")]
    assert db.saved == [f"participants id {first}"]
    flags = db.execute("SELECT ? = 1, sum(id), avg(id), count(*) FROM participants", [True]).fetchone()
    assert flags == (True, first, float(first), 1)
    assert type(flags[1]) is int and type(flags[2]) is float  # never a Decimal, which JSON cannot hold
    assert "rowid" not in db.columns("attendance") and db.columns("attendance")[0] == "meeting_id"


def test_a_failed_write_leaves_nothing(db: PostgresDatabase) -> None:
    with pytest.raises(ZeroDivisionError), write(db):
        db.execute(
            "INSERT INTO participants (name, name_key, enrolled_on) VALUES ('Tobin Reed', 'tobin reed', '2026-01-05')"
        )
        raise ZeroDivisionError
    assert db.execute("SELECT count(*) FROM participants").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM audit").fetchone() == (0,)


def test_a_second_writer_waits_for_the_first_then_is_told_busy(
    team: PostgresLocation, db: PostgresDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEERTOOL_BUSY_TIMEOUT", "0.2")
    other = open_database(team, create=False)
    with write(db), pytest.raises(Busy) as raised, write(other):
        pass
    assert raised.value.exit_code == EXIT_BUSY and "busy" in raised.value.message
    with write(other):  # the lock is free again once the first commits
        pass
    other.close()


def test_the_audit_triggers_read_back_exactly_as_they_were_made(db: PostgresDatabase) -> None:
    assert db.stored_triggers() == db.expected_triggers()
    db.execute("ALTER TABLE goals DISABLE TRIGGER audit_goals")
    db.execute(
        "CREATE OR REPLACE FUNCTION peertool_refuse() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$"
    )
    found, wanted = db.stored_triggers(), db.expected_triggers()
    assert sorted(name for name in wanted if found.get(name) != wanted[name]) == [
        "audit_goals",
        "function peertool_refuse()",
    ]


def test_no_server_there_is_unavailable(env: Path) -> None:
    gone = postgres_location(f"host={env} port=1 dbname=team user=nobody connect_timeout=2", "--db")
    with pytest.raises(Unavailable, match="cannot reach the database server"):
        open_database(gone, create=False)


def test_another_tools_change_waits_for_a_write_and_is_never_sealed_as_its_own(
    team: PostgresLocation, db: PostgresDatabase
) -> None:
    """psql takes no lock of peertool's, but its change fires an audit trigger that does: it waits for the write
    in progress, so its audit row is neither sealed as that write's nor left behind the sealed chain."""
    import threading

    import psycopg

    from peertool.db.audit import verify
    from peertool.db.triggers import OTHER_TOOL

    sql = "INSERT INTO participants (name, name_key, enrolled_on) VALUES (?, ?, ?)"
    with write(db):
        db.insert_id(sql, PERSON)
    other = psycopg.connect(team.conninfo, autocommit=True)
    changed = threading.Event()

    def change() -> None:
        other.execute("UPDATE participants SET name = 'Tobin R.' WHERE name_key = 'tobin reed'")
        changed.set()

    worker = threading.Thread(target=change)
    with write(db):
        db.insert_id(sql, ["Wren Alder", "wren alder", "2026-01-05"])
        worker.start()
        assert not changed.wait(0.5)  # held back until this write commits
    worker.join(10)
    other.close()
    assert changed.is_set()
    with write(db):  # peertool's next write seals the other tool's row into the chain
        pass
    commands = [row[0] for row in db.execute("SELECT command FROM audit ORDER BY id")]
    assert commands[-1] == OTHER_TOOL and OTHER_TOOL not in commands[:-1]
    assert verify(db)["broken"] is None


def test_a_team_database_made_before_a_migration_catches_up_when_its_owner_opens_it(
    team: PostgresLocation, pg_database: str
) -> None:
    import psycopg

    from peertool.db.postgres_migrations import AFTER_BASELINE

    from pg_server import apply_baseline

    apply_baseline(pg_database)
    with psycopg.connect(pg_database, autocommit=True) as conn:  # as a database made at 0030 was
        conn.execute("DROP TABLE imported_ids, imports")
        conn.execute("DELETE FROM peertool_migrations WHERE name = ANY(%s)", [list(AFTER_BASELINE)])
    open_database(team, create=False).close()
    with psycopg.connect(pg_database) as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM peertool_migrations ORDER BY id")]
        assert names[-1] == LATEST_MIGRATION and len(names) == len(set(names))
        assert conn.execute("SELECT count(*) FROM imported_ids").fetchone() == (0,)


def test_a_team_database_from_a_newer_peertool_is_refused(team: PostgresLocation, pg_database: str) -> None:
    import psycopg

    from peertool.errors import ConfigError

    from pg_server import apply_baseline

    apply_baseline(pg_database)
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute("INSERT INTO peertool_migrations (migration_set, name) VALUES ('peertool', '9999_future')")
    with pytest.raises(ConfigError, match="newer version"):
        open_database(team, create=False)
