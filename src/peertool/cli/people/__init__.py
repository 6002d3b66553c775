"""CLI commands for the library's `people` package."""
