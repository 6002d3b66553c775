"""Copies of a database: checked, private, never over an existing file, never left half-written."""

import fcntl
import os
import sqlite3
from pathlib import Path

import pytest

from peertool.db.snapshot import (
    PARTIAL,
    copy_database,
    copy_to_new_name,
    open_read_only,
    partial_file,
    sweep_partials,
)
from peertool.errors import Conflict


def _source(tmp_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(tmp_path / "live.db")
    conn.executescript("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('Met at the café');")
    return conn


def test_a_copy_is_checked_private_and_complete(tmp_path: Path) -> None:
    dest = tmp_path / "copy.bak"
    assert copy_database(_source(tmp_path), dest) == {"path": str(dest), "bytes": dest.stat().st_size,
                                                      "integrity": "ok"}  # fmt: skip
    assert dest.stat().st_mode & 0o777 == 0o600
    assert sqlite3.connect(dest).execute("SELECT text FROM notes").fetchall() == [("Met at the café",)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.bak", "live.db"]  # no partial left behind


def test_a_copy_never_replaces_a_file_and_leaves_nothing_when_refused(tmp_path: Path) -> None:
    dest = tmp_path / "copy.bak"
    dest.write_text("a coach's own file")
    with pytest.raises(Conflict, match="already exists"):
        copy_database(_source(tmp_path), dest)
    assert dest.read_text() == "a coach's own file"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(PARTIAL)]


def test_copies_made_under_one_stem_each_get_a_new_name(tmp_path: Path) -> None:
    source = _source(tmp_path)
    names = [Path(copy_to_new_name(source, tmp_path, "live.db.before-restore")["path"]).name for _ in range(3)]
    assert names == ["live.db.before-restore.bak", "live.db.before-restore-2.bak", "live.db.before-restore-3.bak"]


def test_a_partial_file_is_private_and_gone_however_its_block_ends(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), partial_file(tmp_path / "copy.bak") as temp:
        assert temp.name.startswith(".copy.bak") and temp.name.endswith(PARTIAL)
        assert temp.stat().st_mode & 0o777 == 0o600
        temp.with_name(temp.name + "-journal").write_text("")
        raise RuntimeError("killed mid-copy")
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_connection_opens_exactly_the_name_given_and_cannot_write(tmp_path: Path) -> None:
    odd = tmp_path / "a#b?c%20.db"
    sqlite3.connect(odd).execute("CREATE TABLE t (x)").connection.close()
    conn = open_read_only(odd)
    assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("CREATE TABLE u (x)")
    conn.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [odd.name]


def test_the_sweep_removes_unlocked_hidden_drafts_and_leaves_the_rest(tmp_path: Path) -> None:
    stale, live, shown_file = tmp_path / ".old.draft", tmp_path / ".live.draft", tmp_path / "visible.draft"
    for path in (stale, live, shown_file):
        path.write_text("draft")
    fd = os.open(live, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # an editor still writing it
    try:
        sweep_partials(tmp_path, ".draft")
    finally:
        os.close(fd)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".live.draft", "visible.draft"]
    sweep_partials(tmp_path / "missing", ".draft")  # a folder that is not there is nothing to sweep
