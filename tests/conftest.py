"""Shared fixtures: every test gets its own database, config dir and working dir."""

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from peertool.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DOCUMENTED_EXIT_CODES = {0, 1, 2, 3, 4, 5, 75}


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


class Cli:
    """Runs peertool in-process and keeps stdout and stderr apart."""

    def __init__(self, db_path: Path):
        self.db_path = db_path
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None):
        return self.runner.invoke(app, [str(a) for a in args], input=input)

    def ok(self, *args: str, input: str | None = None):
        result = self(*args, input=input)
        assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr)
        return result

    def json(self, *args: str):
        return json.loads(self.ok(*args, "--json").stdout)

    def dump(self) -> list[str]:
        """The whole database as SQL, to prove a refusal changed nothing."""
        if not self.db_path.exists():
            return []
        conn = sqlite3.connect(self.db_path)
        try:
            return list(conn.iterdump())
        finally:
            conn.close()


@pytest.fixture
def cli(env):
    return Cli(env / "data" / "peertool.db")


@pytest.fixture
def riverside(cli):
    """A group of ten from the example roster."""
    cli.ok("group", "create", "Riverside", "--start", "2026-01-06", "--weekday", "tue", "--time", "18:00",
           "--location", "Library room B")
    cli.ok("enroll", "--from", EXAMPLES / "roster.csv")
    return cli


@pytest.fixture
def db(env):
    from peertool.store import open_database

    database = open_database(env / "lib.db", create=True)
    yield database
    database.conn.close()
