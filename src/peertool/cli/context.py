"""What every command shares: the root options, the config and the database."""

from functools import cached_property
from pathlib import Path


class AppContext:
    """Root options, with the config and database opened only when a command asks."""

    def __init__(self, db_option: str | None, config_option: str | None):
        self.db_option = db_option
        self.config_option = config_option

    @cached_property
    def config(self):
        from peertool.config import load_config

        return load_config(self.config_option)

    def db_location(self) -> tuple[Path, str]:
        from peertool.store import database_location

        return database_location(self.db_option, lambda: self.config)

    def open(self, *, create: bool = False):
        """The database: writers create it, readers need it to exist."""
        from peertool.store import open_database

        return open_database(self.db_location()[0], create=create)

    @property
    def max_group_size(self) -> int:
        return self.config["group_size.max"]
