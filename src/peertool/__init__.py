"""peertool: run peer support groups from the terminal, on a local SQLite file."""

__version__ = "0.1.0"
