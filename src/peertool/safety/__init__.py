"""Keeping records safe: backups, restores, exports, and counts that protect the people they count."""
