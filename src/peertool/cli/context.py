"""What every command shares: the root options, the settings and the database."""

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peertool.db.backends import Location
    from peertool.db.connection import Database
    from peertool.settings import Settings


class AppContext:
    """Root options, with the settings and database opened only when a command asks."""

    def __init__(self, db_option: str | None, config_option: str | None, saved: list[str] | None = None):
        self.db_option = db_option
        self.config_option = config_option
        self.saved: list[str] = [] if saved is None else saved  # what this run's commits created, for the exit path
        self.new_key = False  # init --encrypt and db encrypt: a typed passphrase is asked twice
        self._keys_ready = False
        self._warned = False  # a server reached without TLS is warned of once a run

    @cached_property
    def settings(self) -> "Settings":
        from peertool.settings import load_settings

        return load_settings(self.config_option)

    def db_location(self) -> "tuple[Location, str]":
        """Where the database is (a SQLite file or a PostgreSQL server) and what chose it."""
        from peertool.db.backends import database_location

        return database_location(self.db_option, lambda: self.settings)

    def location(self) -> "Location":
        """The database's location, for opening it: an encrypted file can be keyed from here on."""
        if not self._keys_ready:
            from peertool.db import cipher

            cipher.use_key_source(self._key)
            self._keys_ready = True
        return self.db_location()[0]

    def database_file(self, what: str) -> Path:
        """The SQLite file, for a command (`what`) that works on the file itself: a server is refused."""
        from peertool.db.backends import file_of

        return file_of(self.location(), what)

    def database_files(self) -> tuple[Path, ...]:
        """The files that hold the database, which an output must never replace (none on a server)."""
        from peertool.db.backends import files_of

        return files_of(self.db_location()[0])

    def open(self, *, create: bool = False, encrypt: bool = False) -> "Database":
        """The database: writers create it (encrypted with `encrypt`), readers need it to exist.

        Its commits are recorded in this run's `saved`, whichever database the command opened.
        """
        from peertool.db.backends import open_database

        db = open_database(self.location(), create=create, encrypt=encrypt)
        if db.warning and not self._warned:
            from peertool.render.output import message

            message(f"Warning: {db.warning}")
            self._warned = True
        db.saved = self.saved
        return db

    def _key(self, label: str) -> str:
        """The key: what `encryption.key_command` prints, else a passphrase typed at the terminal."""
        import sys

        from peertool.db.cipher import from_command
        from peertool.errors import InvalidInput

        if self.settings.key_command:
            return from_command(self.settings.key_command, self.settings.key_timeout)
        if not sys.stdin.isatty():
            raise InvalidInput(
                f"database: {label} is encrypted (or is not a SQLite file), and there is no terminal to type its "
                "passphrase at.",
                hint="Set encryption.key_command in the config to a command that prints the key.",
            )
        return _ask(twice=self.new_key)

    @property
    def max_group_size(self) -> int:
        return self.settings.group_size_max


def _ask(*, twice: bool) -> str:
    import getpass

    from peertool.errors import InvalidInput

    try:
        first = getpass.getpass("Database passphrase: ")
        if twice and getpass.getpass("The same again, to confirm: ") != first:
            raise InvalidInput("the two passphrases differ; nothing was changed.")
    except EOFError:
        raise InvalidInput("no passphrase was typed; nothing was opened.") from None
    return first
