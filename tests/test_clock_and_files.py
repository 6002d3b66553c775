"""The one clock, and private whole-or-nothing files."""

import datetime as dt
import os

import pytest

from peertool import clock
from peertool.errors import Conflict, InvalidInput, NotFound
from peertool.files import read_text, write_private, write_private_tree


def test_frozen_sets_today_and_restores_it():
    real = dt.date.today()
    with clock.frozen(dt.date(2026, 3, 1)):
        with clock.frozen(dt.date(2027, 1, 1)):
            assert clock.today_iso() == "2027-01-01"
        assert clock.today() == dt.date(2026, 3, 1)
    assert clock.today() == real


def test_write_private_is_0600_whatever_the_umask(tmp_path):
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


def test_file_errors_name_the_file(tmp_path):
    with pytest.raises(NotFound):
        write_private(tmp_path / "missing" / "x", b"")
    with pytest.raises(Conflict, match="is a folder"):
        write_private(tmp_path, b"")
    (tmp_path / "latin1.csv").write_bytes("café".encode("latin-1"))
    with pytest.raises(InvalidInput, match="latin1.csv"):
        read_text(tmp_path / "latin1.csv", "--from")
