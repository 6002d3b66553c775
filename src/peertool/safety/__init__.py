"""Keeping records safe: backups, restores and exports."""
