"""Shared fixtures: every test gets its own database, config dir and working dir."""

import pytest

from helpers import EXAMPLES, Cli


@pytest.fixture
def env(tmp_path, monkeypatch):
    """An isolated world: PEERTOOL_DB in tmp, no config found anywhere."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PEERTOOL_DB", str(tmp_path / "data" / "peertool.db"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name in ("PEERTOOL_CONFIG", "PEERTOOL_BUSY_TIMEOUT", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


@pytest.fixture
def cli(env):
    return Cli(env / "data" / "peertool.db")


@pytest.fixture
def riverside(cli):
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
def db(env):
    from peertool.db.store import open_database

    database = open_database(env / "lib.db", create=True)
    yield database
    database.conn.close()
