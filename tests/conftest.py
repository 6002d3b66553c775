"""Shared fixtures: every test gets its own database, config dir and working dir."""

import datetime as dt
import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from peertool import clock
from peertool.db.connection import Database
from peertool.settings import Settings

from helpers import EXAMPLES, MEETING, ROSTER, WHO5_LOW, WHO5_UP, Cli, Today
from pg_server import for_peertool, fresh_database, login_roles, peertool_template, session_server

# The backends a CLI test runs on (PEERTOOL_TEST_BACKENDS, comma-separated): both unless told otherwise.
BACKENDS = tuple(os.environ.get("PEERTOOL_TEST_BACKENDS", "sqlite,postgresql").replace(" ", "").split(","))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test of the CLI (one that uses the `cli` fixture) runs on each backend, unless it says it is about
    what only a SQLite file has (`@pytest.mark.sqlite_only`) or only a server has (`postgresql_only`)."""
    if "backend" not in metafunc.fixturenames or metafunc.definition.get_closest_marker("sqlite_only"):
        return
    unknown = set(BACKENDS) - {"sqlite", "postgresql"}
    if unknown:
        raise pytest.UsageError(f"PEERTOOL_TEST_BACKENDS names no backend {sorted(unknown)}: use sqlite, postgresql")
    only = metafunc.definition.get_closest_marker("postgresql_only")
    names = ["postgresql"] if only else list(BACKENDS)
    marks = {"postgresql": [pytest.mark.postgres]}
    if "postgresql" not in BACKENDS:  # a PostgreSQL-only test is skipped, saying why, rather than run anyway
        marks["postgresql"] = [pytest.mark.postgres, pytest.mark.skip(reason="PEERTOOL_TEST_BACKENDS leaves it out")]
    params = [pytest.param(name, marks=marks.get(name, []), id=name) for name in names]
    metafunc.parametrize("backend", params, indirect=True)


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An isolated world: PEERTOOL_DB in tmp, no config found anywhere."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PEERTOOL_DB", str(tmp_path / "data" / "peertool.db"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name in ("PEERTOOL_CONFIG", "PEERTOOL_BUSY_TIMEOUT", "NO_COLOR", "PEERTOOL_LOGIN"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """Which backend keeps this test's records: "sqlite" (a file in the test's folder) or "postgresql"."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def cli(env: Path, backend: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Cli:
    if backend == "sqlite":
        return Cli(env / "data" / "peertool.db")
    database = request.getfixturevalue("pg_team")
    location, extra = for_peertool(database, env)
    monkeypatch.setenv("PEERTOOL_DB", location)
    for name, value in extra.items():
        monkeypatch.setenv(name, value)
    return Cli(env / "data" / "peertool.db", server=database)


@pytest.fixture
def riverside(cli: Cli) -> Cli:
    """A group of ten from the example roster."""
    cli.ok(
        "group",
        "create",
        "Riverside",
        "--start",
        "2026-01-06",
        "--weekday",
        "tue",
        "--time",
        "18:00",
        "--location",
        "Library room B",
    )
    cli.ok("enroll", "--from", EXAMPLES / "roster.csv")
    return cli


@pytest.fixture
def staffed(riverside: Cli, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Riverside with a team (issue 28): supervisors Sol Park (spark) and Kim Ode (kode), coaches Rae Lin (rlin)
    and Ada Moss (amoss), both supervised by Sol Park; Rae Lin is the one running peertool."""
    for name, role, credential, login, boss in (
        ("Sol Park", "supervisor", "LCSW", "spark", None), ("Kim Ode", "supervisor", "LCSW", "kode", None),
        ("Rae Lin", "coach", "CPS", "rlin", "Sol Park"), ("Ada Moss", "coach", "CPS", "amoss", "Sol Park"),
    ):  # fmt: skip
        boss_args = ["--supervisor", boss] if boss else []
        riverside.ok("staff", "add", name, "--role", role, "--credential", credential, "--login", login,
                     "--date", "2026-01-01", *boss_args)  # fmt: skip
    monkeypatch.setenv("PEERTOOL_LOGIN", "rlin")
    return riverside


@pytest.fixture
def db(env: Path) -> Iterator[Database]:
    from peertool.db.backends import open_database

    database = open_database(env / "lib.db", create=True)
    yield database
    database.close()


@pytest.fixture
def settings(env: Path) -> Settings:
    """The built-in settings (the isolated world has no config file)."""
    from peertool.settings import load_settings

    return load_settings()


@pytest.fixture
def season(db: Database) -> Database:
    """A fresh library database with group Riverside (Tuesdays from 2026-01-06) and the example roster of ten."""
    from peertool.people.groups import create_group
    from peertool.people.importing import import_rows, read_rows

    create_group(db, "Riverside", start="2026-01-06", weekday="tue", time="18:00", location="Library room B")
    import_rows(db, read_rows(EXAMPLES / "roster.csv"), max_group_size=12)
    return db


@pytest.fixture
def today() -> Iterator[Today]:
    """Set the one clock: `today(date)` fixes what every command takes as today, for the rest of the test."""
    with ExitStack() as stack:
        yield lambda day: stack.enter_context(clock.frozen(day))


@pytest.fixture
def measured(riverside: Cli) -> Cli:
    """Ada: WHO-5 9 (36%) at intake, 16 (64%) at three months; Bram: 20 then 19; a connection each."""
    riverside.ok(*WHO5_LOW)
    riverside.ok(*WHO5_UP)
    riverside.ok("measure", "add", "2", "who5", "--answers", "4,4,4,4,4", "--date", "2026-01-06")
    riverside.ok("measure", "add", "2", "who5", "--answers", "4,4,4,4,3", "--date", "2026-04-07")
    riverside.ok(
        "connection", "add", "1", "Tuesday garden club", "--kind", "group", "--mainstream", "--date", "2026-02-10"
    )
    riverside.ok(
        "connection", "add", "1", "Peer drop-in centre", "--kind", "place", "--program", "--date", "2026-03-01"
    )
    riverside.ok("connection", "add", "2", "Neighbour Sol", "--kind", "person", "--mainstream", "--date", "2026-03-15")
    return riverside


@pytest.fixture
def met(riverside: Cli) -> Cli:
    """Riverside's meeting of 2026-03-03: 4 came for 70 minutes, 1 left after 45, 6 was excused."""
    riverside.ok(*MEETING, "--all-present", "--late", "4:70", "--left-early", "Ada Quill:45", "--excused", "6")
    return riverside


@pytest.fixture
def elm(cli: Cli, env: Path, today: Today) -> Cli:
    """Group Elm began 2026-11-03; its roster, without dates, is imported on 2026-12-01."""
    today(dt.date(2026, 12, 1))
    cli.ok("group", "create", "Elm", "--start", "2026-11-03", "--weekday", "tue")
    (env / "roster.csv").write_text(ROSTER)
    return cli


@pytest.fixture
def season_cli(riverside: Cli) -> Cli:
    """Riverside's ten joined in the first week of January 2026."""
    return riverside


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The admin conninfo of the session's PostgreSQL (PEERTOOL_TEST_POSTGRES, else one started from the wheel on
    first use: a run with no PostgreSQL test starts nothing)."""
    with session_server(os.environ) as conninfo:
        yield conninfo


@pytest.fixture
def pg_database(pg_server: str) -> Iterator[str]:
    """A fresh, empty database for this test (its conninfo, as the admin), dropped after."""
    with fresh_database(pg_server) as conninfo:
        yield conninfo


@pytest.fixture(scope="session")
def pg_template(pg_server: str) -> Iterator[str]:
    """The name of the session's database with peertool's schema, which each `pg_team` copies."""
    with peertool_template(pg_server) as name:
        yield name


@pytest.fixture
def pg_team(pg_server: str, pg_template: str) -> Iterator[str]:
    """A team database with peertool's schema and no records, for this test (its conninfo, as the admin)."""
    with fresh_database(pg_server, pg_template) as conninfo:
        yield conninfo


@pytest.fixture
def pg_role(pg_database: str) -> Iterator[Callable[[str], str]]:
    """pg_role(name) creates the login role `name` and returns pg_database's conninfo as that role; dropped after."""
    with login_roles(pg_database) as make:
        yield make
