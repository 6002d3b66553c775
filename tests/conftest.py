"""Shared fixtures: every test gets its own database, config dir and working dir."""

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from peertool import clock
from peertool.db.connection import Database
from peertool.settings import Settings

from helpers import EXAMPLES, Cli


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An isolated world: PEERTOOL_DB in tmp, no config found anywhere."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PEERTOOL_DB", str(tmp_path / "data" / "peertool.db"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name in ("PEERTOOL_CONFIG", "PEERTOOL_BUSY_TIMEOUT", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


@pytest.fixture
def cli(env: Path) -> Cli:
    return Cli(env / "data" / "peertool.db")


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
def db(env: Path) -> Iterator[Database]:
    from peertool.db.store import open_database

    database = open_database(env / "lib.db", create=True)
    yield database
    database.conn.close()


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
def today() -> Iterator[Callable[[dt.date], None]]:
    """Set the one clock: `today(date)` fixes what every command takes as today, for the rest of the test."""
    with ExitStack() as stack:
        yield lambda day: stack.enter_context(clock.frozen(day))
