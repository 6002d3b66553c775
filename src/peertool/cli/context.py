"""What every command shares: the root options, the settings and the database."""

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peertool.db.connection import Database
    from peertool.settings import Settings


class AppContext:
    """Root options, with the settings and database opened only when a command asks."""

    def __init__(self, db_option: str | None, config_option: str | None):
        self.db_option = db_option
        self.config_option = config_option

    @cached_property
    def settings(self) -> "Settings":
        from peertool.settings import load_settings

        return load_settings(self.config_option)

    def db_location(self) -> tuple[Path, str]:
        from peertool.db.store import database_location

        return database_location(self.db_option, lambda: self.settings)

    def open(self, *, create: bool = False) -> "Database":
        """The database: writers create it, readers need it to exist."""
        from peertool.db.store import open_database

        return open_database(self.db_location()[0], create=create)

    @property
    def max_group_size(self) -> int:
        return self.settings.group_size_max
