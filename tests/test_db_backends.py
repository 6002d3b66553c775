"""Opening the database: a SQLite file by default, made only for a writer."""

import sys
from pathlib import Path

import pytest

from peertool.db.backends import open_database
from peertool.db.location import postgres_location
from peertool.db.sqlite import SqliteDatabase
from peertool.errors import ConfigError, NotFound


def test_a_path_opens_a_sqlite_file_that_only_a_writer_creates(env: Path) -> None:
    path = env / "team.db"
    with pytest.raises(NotFound, match="no database at"):
        open_database(path, create=False)
    assert not path.exists()
    db = open_database(path, create=True)
    assert isinstance(db, SqliteDatabase)
    assert "participants" in db.tables()
    db.close()
    assert isinstance(open_database(path, create=False), SqliteDatabase)


def test_a_server_without_the_postgres_extra_names_the_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if installed without the extra: importing it fails
    server = postgres_location("host=/nowhere dbname=team", "--db")
    with pytest.raises(ConfigError, match="needs its driver") as raised:
        open_database(server, create=False)
    assert raised.value.exit_code == 5 and "pip install 'peertool[postgres]'" in str(raised.value.hint)
