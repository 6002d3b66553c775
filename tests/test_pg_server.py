"""The test session's PostgreSQL (issue 29): which server, fresh databases, login roles under row-level security."""

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from psycopg import errors, sql

from pg_server import ENV, configured_server, fresh_database, login_roles, run_mode

TESTS = Path(__file__).resolve().parent

needs_server = pytest.mark.postgres

# A caseload per coach: a coach sees and writes only rows with their own login (the research's coach_a/coach_b).
CASELOAD = """
CREATE TABLE caseload (coach text NOT NULL, person text NOT NULL);
INSERT INTO caseload VALUES ('coach_a', 'Ann'), ('coach_a', 'Bob'), ('coach_b', 'Cy');
ALTER TABLE caseload ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_caseload ON caseload USING (coach = session_user) WITH CHECK (coach = session_user);
GRANT SELECT, INSERT ON caseload TO coach_a, coach_b;
"""


def test_peertool_test_postgres_names_the_server_when_set() -> None:
    url = "postgresql://admin@db.example:5433/postgres"
    assert configured_server({ENV: url}) == url
    assert configured_server({ENV: " host=/run/pg user=admin "}) == "host=/run/pg user=admin"


def test_without_peertool_test_postgres_the_session_starts_its_own() -> None:
    assert configured_server({}) is None
    assert configured_server({ENV: " "}) is None
    assert configured_server({"PGHOST": "db.example"}) is None


def test_the_binaries_run_in_a_user_namespace_as_root_or_else_as_nobody() -> None:
    assert run_mode(1000, user_namespaces=True) == "direct"
    assert run_mode(1000, user_namespaces=False) == "direct"
    assert run_mode(0, user_namespaces=True) == "unshare"
    assert run_mode(0, user_namespaces=False) == "nobody"


def test_loading_the_fixtures_imports_no_psycopg() -> None:
    """A SQLite-only run pays nothing: conftest and the server module import psycopg only when a test needs it."""
    probe = f"import sys; sys.path.insert(0, {str(TESTS)!r}); import conftest; print('psycopg' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr


@needs_server
def test_a_test_gets_its_own_database_as_a_superuser(pg_database: str) -> None:
    with psycopg.connect(pg_database) as conn:
        row = conn.execute("SELECT current_database(), current_setting('is_superuser')").fetchone()
    assert row is not None
    assert row[0].startswith("pt_test_") and row[1] == "on"


@needs_server
@pytest.mark.parametrize("run", [1, 2])
def test_each_test_database_starts_empty(pg_database: str, run: int) -> None:
    """Both runs create the same table: the second would fail if the databases were shared."""
    with psycopg.connect(pg_database) as conn:
        tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
        conn.execute("CREATE TABLE note (body text)")
    assert tables == (0,)


@needs_server
def test_databases_are_isolated_and_dropped_after(pg_server: str) -> None:
    with fresh_database(pg_server) as first, fresh_database(pg_server) as second:
        with psycopg.connect(first) as conn:
            conn.execute("CREATE TABLE note (body text)")
            name = conn.info.dbname
        with psycopg.connect(second) as conn:
            assert conn.execute("SELECT to_regclass('note')").fetchone() == (None,)
        open_connection = psycopg.connect(first)  # dropped WITH (FORCE), even with a session still on it
    open_connection.close()
    with psycopg.connect(pg_server) as conn:
        assert conn.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [name]).fetchone() == (0,)


@needs_server
def test_a_login_role_is_the_session_user_and_no_superuser(pg_role: Callable[[str], str]) -> None:
    with psycopg.connect(pg_role("coach_a")) as conn:
        row = conn.execute("SELECT session_user, current_user, rolsuper FROM pg_roles WHERE rolname = session_user")
        assert row.fetchone() == ("coach_a", "coach_a", False)


@needs_server
def test_row_level_security_shows_each_coach_only_their_caseload(
    pg_database: str, pg_role: Callable[[str], str]
) -> None:
    coach_a, coach_b = pg_role("coach_a"), pg_role("coach_b")
    with psycopg.connect(pg_database, autocommit=True) as admin:
        admin.execute(CASELOAD)  # no parameters: psycopg runs the script as one simple query
    with psycopg.connect(coach_a) as conn:
        assert conn.execute("SELECT person FROM caseload ORDER BY person").fetchall() == [("Ann",), ("Bob",)]
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("INSERT INTO caseload VALUES ('coach_b', 'Dee')")
    with psycopg.connect(coach_b) as conn:
        assert conn.execute("SELECT person FROM caseload").fetchall() == [("Cy",)]


@needs_server
def test_roles_are_dropped_after_with_what_they_own(pg_database: str) -> None:
    with login_roles(pg_database) as make:
        owner = make("owner_o")
        with psycopg.connect(pg_database, autocommit=True) as admin:
            admin.execute(sql.SQL("GRANT CREATE ON DATABASE {} TO owner_o").format(sql.Identifier(admin.info.dbname)))
        with psycopg.connect(owner, autocommit=True) as conn:
            conn.execute("CREATE SCHEMA mine")
            conn.execute("CREATE TABLE mine.note (body text)")
    with psycopg.connect(pg_database) as conn:
        assert conn.execute("SELECT count(*) FROM pg_roles WHERE rolname = 'owner_o'").fetchone() == (0,)
        assert conn.execute("SELECT to_regclass('mine.note')").fetchone() == (None,)
