"""Migration 0031: the record of imports and the id each imported row had in its file."""

import sqlite3

import pytest

from peertool.db.migrations import BOOKKEEPING, MIGRATIONS
from peertool.db.triggers import AUDITED

from helpers import migrated

NAME = "0031_moving_in"


def test_listed_as_bookkeeping_not_audited() -> None:
    assert NAME in [step.name for step in MIGRATIONS]
    assert {"imports", "imported_ids"} <= set(BOOKKEEPING) and not {"imports", "imported_ids"} & set(AUDITED)


def test_an_old_id_is_mapped_once_per_source_and_table() -> None:
    db = migrated()
    source = "ab" * 32
    db.execute("INSERT INTO imported_ids VALUES (?, 'participants', 1, 40)", [source])
    db.execute("INSERT INTO imported_ids VALUES (?, 'goals', 1, 41)", [source])
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO imported_ids VALUES (?, 'participants', 1, 42)", [source])
    with pytest.raises(sqlite3.IntegrityError):  # a source is a fingerprint, never a path or a name
        db.execute("INSERT INTO imports (source, imported_at, added) VALUES ('/home/rae/peertool.db', 'x', '{}')")
