"""CLI commands for the library's `program` package."""
