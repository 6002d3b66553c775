"""Which backend keeps the records, where, and opening it: the one door every command comes in by.

A location is a SQLite file's `Path` (the default) or a `PostgresLocation`
(a team database on a server, `db.location`). Only this module and the
backends tell them apart; a command that works on a file alone (backup,
restore, encryption) asks for one with `file_of`. A backend's module is
imported only when its database is opened, so nothing else pays for it.
"""

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from peertool.db.connection import Database
from peertool.errors import InvalidInput

if TYPE_CHECKING:
    from typing import TypeAlias

    from peertool.db.location import PostgresLocation
    from peertool.settings import Settings

    Location: TypeAlias = Path | PostgresLocation

DB_ENV = "PEERTOOL_DB"


def database_location(explicit: str | None, load_settings: "Callable[[], Settings]") -> "tuple[Location, str]":
    """The database location in force and what chose it.

    `--db` > PEERTOOL_DB > `database:` in the config > the per-user default.
    The config is only read when the first two are absent (`load_settings` is
    a callable for that reason). A relative `database:` is taken from the
    config file's folder, so the file means the same wherever it is run from.
    """
    if explicit:
        return _read(explicit, "--db"), "--db"
    env = os.environ.get(DB_ENV)
    if env:
        return _read(env, DB_ENV), DB_ENV
    settings = load_settings()
    if settings.database:
        location = _read(settings.database, f"config {settings.path}")
        if isinstance(location, Path) and not location.is_absolute() and settings.path is not None:
            location = settings.path.parent / location
        return location, f"config {settings.path}"
    from peertool.settings import user_dir

    return user_dir() / "peertool.db", "default"


def _read(location: str, source: str) -> "Location":
    """A SQLite file's path, or a checked PostgreSQL location (one carrying a password is refused).
    Only a location that may be one (a `postgres` URL, or a keyword's `=`) loads the module that reads them: every
    command resolves its database, and a path is by far the common case."""
    if "=" in location or location[:8].lower() == "postgres":
        from peertool.db.location import is_postgres, postgres_location

        if is_postgres(location):
            return postgres_location(location, source)
    return Path(location).expanduser()


def open_database(location: "Location", *, create: bool, keep_copy: bool = True, encrypt: bool = False) -> Database:
    """Open (and, for writers, create) the database and bring its schema up to date."""
    if not isinstance(location, Path):
        from peertool.db.postgres import open_server

        return open_server(location, create=create, encrypt=encrypt)
    from peertool.db.sqlite import open_file

    return open_file(location, create=create, keep_copy=keep_copy, encrypt=encrypt)


def file_of(location: "Location", what: str) -> Path:
    """The SQLite file, for work only a file allows (`what`: "backup", "restore", "db encrypt"...); a server is
    refused, with what to use there instead."""
    if isinstance(location, Path):
        return location
    raise InvalidInput(
        f"{what} works on a SQLite file; this database is on a PostgreSQL server.", hint=instead(what, location)
    )


def instead(what: str, location: "PostgresLocation") -> str:
    """What does `what` for a database on a server: its own tools, with the exact command for this database."""
    from shlex import quote

    server = quote(location.conninfo)
    if what == "backup":
        return (
            f"Back it up, private to you, with the server's own tool: (umask 077; pg_dump --format=custom "
            f"--file=BACKUP.dump {server})"
        )
    if what == "restore":
        return (
            "Restore a pg_dump backup into a new database (pg_restore --dbname=NEW BACKUP.dump), then point "
            "peertool at it: restoring over this one would lose the audit log written since the backup."
        )
    return "The server keeps the records: ask its administrator for encrypted storage, and connect with TLS."


def files_of(location: "Location") -> tuple[Path, ...]:
    """The files that hold the database (itself and SQLite's sidecars): an output must never replace one."""
    from peertool.files import with_sidecars

    return tuple(with_sidecars(location)) if isinstance(location, Path) else ()


def shown(location: "Location") -> str:
    """The location as a message may print it: a path, or the server's parameters (never a password)."""
    return str(location) if isinstance(location, Path) else location.conninfo
