"""Failures of the machine or of the input get the documented exit code and a fitting hint (issue 23, item 13)."""

import errno
import os
import subprocess
import tempfile

import pytest

from helpers import PEERTOOL

LATIN_1 = "Jos\N{LATIN SMALL LETTER E WITH ACUTE} called.\n".encode("latin-1")


@pytest.mark.parametrize(
    "args",
    [
        ["note", "add", "1", "-"],
        ["meeting", "record", "Riverside", "--date", "2026-02-10", "--notes", "-"],
        ["plan", "edit", "1", "--from", "-"],
    ],
)
def test_standard_input_that_is_not_utf8_is_refused(riverside, args):
    before = riverside.dump()
    result = riverside(*args, input=LATIN_1)
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    assert "UTF-8" in result.stderr and "internal error" not in result.stderr
    assert riverside.dump() == before


def test_standard_input_keeps_its_text_and_line_ends(riverside):
    riverside.ok("note", "add", "1", "-", input="Jos\N{LATIN SMALL LETTER E WITH ACUTE} called.\r\nAgain.\n".encode())
    assert riverside.json("note", "list", "1")[0]["text"] == "Jos\N{LATIN SMALL LETTER E WITH ACUTE} called.\nAgain."


@pytest.fixture
def small_disk(tmp_path):
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


def test_a_database_on_a_read_only_file_system_is_exit_74(cli, small_disk):
    database = small_disk.path / "peertool.db"
    subprocess.run([*PEERTOOL, "--db", database, "enroll", "Tess Nolan"], check=True, capture_output=True)
    small_disk.read_only()
    for args in (["enroll", "Uma Vance"], ["participant", "list"]):
        result = cli("--db", database, *args)
        assert result.exit_code == 74, (args, result.exit_code, result.stderr)
        assert "read-only" in result.stderr and "Free some space" not in result.stderr
    result = cli("--db", small_disk.path / "new.db", "init")
    assert result.exit_code == 74 and "read-only" in result.stderr, (result.exit_code, result.stderr)


def _fill(folder) -> None:
    with open(folder / "filler", "wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC


def test_a_full_disk_and_a_refused_permission_get_their_own_hints(riverside, small_disk, monkeypatch):
    schedule = ["schedule", "--start", "2026-01-06", "--format", "csv", "--out"]
    _fill(small_disk.path)
    result = riverside(*schedule, small_disk.path / "s.csv")
    assert result.exit_code == 74 and "Free some space" in result.stderr, (result.exit_code, result.stderr)

    def refused(*args, **kwargs):  # as root nothing is refused, so the refusal is the file system's answer, planted
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    result = riverside(*schedule, "s.csv")
    assert result.exit_code == 74 and "permission" in result.stderr.lower(), (result.exit_code, result.stderr)
    assert "Free some space" not in result.stderr
