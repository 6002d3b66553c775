"""Which backend keeps the records, and opening it: the one door every command comes in by.

A SQLite file is the default (`db/sqlite.py`); the backend's module is
imported only when a database is opened, so nothing else pays for it.
"""

from pathlib import Path

from peertool.db.connection import Database


def open_database(path: Path, *, create: bool, keep_copy: bool = True, encrypt: bool = False) -> Database:
    """Open (and, for writers, create) the database and bring its schema up to date (`sqlite.open_file`)."""
    from peertool.db.sqlite import open_file

    return open_file(path, create=create, keep_copy=keep_copy, encrypt=encrypt)
