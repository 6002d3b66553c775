"""Opening the database: a SQLite file by default, made only for a writer."""

from pathlib import Path

import pytest

from peertool.db.backends import open_database
from peertool.db.sqlite import SqliteDatabase
from peertool.errors import NotFound


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
