"""CLI commands for the library's `safety` package."""
