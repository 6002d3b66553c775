"""CLI commands for the library's `outcomes` package."""
