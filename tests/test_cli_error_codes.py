"""Failures of the machine or of the input get the documented exit code and a fitting hint (issue 23, item 13)."""

import errno
import os
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers import PEERTOOL, Cli

LATIN_1 = "Jos\N{LATIN SMALL LETTER E WITH ACUTE} called.\n".encode("latin-1")


@pytest.mark.parametrize(
    "args",
    [
        ["note", "add", "1", "-"],
        ["meeting", "record", "Riverside", "--date", "2026-02-10", "--notes", "-"],
        ["plan", "edit", "1", "--from", "-"],
    ],
)
def test_standard_input_that_is_not_utf8_is_refused(riverside: Cli, args: list[str]) -> None:
    before = riverside.dump()
    result = riverside(*args, input=LATIN_1)
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    assert "UTF-8" in result.stderr and "internal error" not in result.stderr
    assert riverside.dump() == before


def test_standard_input_keeps_its_text_and_line_ends(riverside: Cli) -> None:
    riverside.ok("note", "add", "1", "-", input="Jos\N{LATIN SMALL LETTER E WITH ACUTE} called.\r\nAgain.\n".encode())
    assert riverside.json("note", "list", "1")[0]["text"] == "Jos\N{LATIN SMALL LETTER E WITH ACUTE} called.\nAgain."


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Any]:
    """A 2 MiB tmpfs (as root, where `mount` is allowed), remounted read-only by `small_disk.read_only()`."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2M", "tmpfs", str(folder)],
                                           capture_output=True).returncode:  # fmt: skip
        pytest.skip("cannot mount a file system here")

    class Disk:
        path = folder

        @staticmethod
        def read_only() -> None:
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)

    try:
        yield Disk
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_database_on_a_read_only_file_system_is_exit_74(cli: Cli, small_disk: Any) -> None:
    database = small_disk.path / "peertool.db"
    subprocess.run([*PEERTOOL, "--db", database, "enroll", "Tess Nolan"], check=True, capture_output=True)
    small_disk.read_only()
    for args in (["enroll", "Uma Vance"], ["participant", "list"]):
        result = cli("--db", database, *args)
        assert result.exit_code == 74, (args, result.exit_code, result.stderr)
        assert "read-only" in result.stderr and "Free some space" not in result.stderr
    result = cli("--db", small_disk.path / "new.db", "init")
    assert result.exit_code == 74 and "read-only" in result.stderr, (result.exit_code, result.stderr)


def _fill(folder: Path) -> None:
    with open(folder / "filler", "wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC


def test_a_full_disk_and_a_refused_permission_get_their_own_hints(
    riverside: Cli, small_disk: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    schedule = ["schedule", "--start", "2026-01-06", "--format", "csv", "--out"]
    _fill(small_disk.path)
    result = riverside(*schedule, small_disk.path / "s.csv")
    assert result.exit_code == 74 and "Free some space" in result.stderr, (result.exit_code, result.stderr)

    def refused(
        *args: object, **kwargs: object
    ) -> None:  # as root nothing is refused, so the refusal is the file system's answer, planted
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    result = riverside(*schedule, "s.csv")
    assert result.exit_code == 74 and "permission" in result.stderr.lower(), (result.exit_code, result.stderr)
    assert "Free some space" not in result.stderr


@pytest.mark.sqlite_only
@pytest.mark.slow
def test_busy_write_exits_75_within_the_timeout(riverside: Cli, env: Path) -> None:
    holder = sqlite3.connect(riverside.db_path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        result = subprocess.run(
            [*PEERTOOL, "enroll", "Tess Nolan"],
            capture_output=True,
            text=True,
            env={**os.environ, "PEERTOOL_BUSY_TIMEOUT": "1"},
            timeout=30,
        )
        elapsed = time.monotonic() - started
    finally:
        holder.rollback()
        holder.close()
    assert result.returncode == 75 and "busy" in result.stderr
    assert elapsed < 1 + 1 + 1.5  # the timeout, plus 1 s, plus the interpreter's start-up
