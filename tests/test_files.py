"""Private whole-or-nothing files."""

import os
from pathlib import Path
from typing import BinaryIO

import pytest

from peertool.errors import Conflict, InvalidInput, NotFound
from peertool.files import read_text, write_private, write_private_tree


def test_write_private_is_0600_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        write_private(tmp_path / "out.txt", b"one")
        write_private(tmp_path / "out.txt", b"two", force=True)
        write_private_tree(tmp_path / "new" / "csv", lambda temp: write_private(temp / "a.csv", b"x"))
    finally:
        os.umask(old)
    assert (tmp_path / "out.txt").read_bytes() == b"two"
    assert (tmp_path / "out.txt").stat().st_mode & 0o777 == 0o600
    assert [p.name for p in (tmp_path / "new" / "csv").iterdir()] == ["a.csv"]
    assert (tmp_path / "new" / "csv").stat().st_mode & 0o777 == 0o700
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        write_private(tmp_path / "missing" / "x", b"")
    with pytest.raises(Conflict, match="is a folder"):
        write_private(tmp_path, b"")
    (tmp_path / "latin1.csv").write_bytes("café".encode("latin-1"))
    with pytest.raises(InvalidInput, match="latin1.csv"):
        read_text(tmp_path / "latin1.csv", "--from")


def test_a_file_being_written_survives_a_sweep_that_cannot_see_its_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run in another container sharing the folder sees no process of ours: the lock alone keeps it off."""
    from peertool import files

    monkeypatch.setattr(files, "_running", lambda pid: False)
    swept: list[list[str]] = []

    def fill(handle: BinaryIO) -> None:
        handle.write(b"half")
        swept.append(files.sweep_temporaries(tmp_path))

    files.write_private_stream(tmp_path / "out.json", fill)
    assert swept == [[]] and (tmp_path / "out.json").read_bytes() == b"half"
