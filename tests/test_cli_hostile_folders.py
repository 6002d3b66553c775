"""Files in hostile folders: never follow a link, never write records into a file that is not ours (issue 12)."""

import os
import pwd
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from peertool.errors import IOFailure
from peertool.files import write_private, write_private_tree

from helpers import Cli


def other_user() -> int:
    """A second OS user's uid, for files we can give away (needs root); skips the test otherwise."""
    if os.geteuid() != 0:
        pytest.skip("needs root to create files owned by a second user")
    try:
        return pwd.getpwnam("nobody").pw_uid
    except KeyError:
        pytest.skip("no second user on this machine")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_a_db_symlink_to_a_missing_file_is_refused_and_creates_nothing(cli: Cli, env: Path) -> None:
    os.symlink(env / "victim.db", env / "link.db")
    result = cli("--db", env / "link.db", "init")
    assert result.exit_code == 1 and "symbolic link" in result.stderr
    assert not (env / "victim.db").exists()


def test_our_own_loose_file_is_tightened_to_0600(cli: Cli, env: Path) -> None:
    (env / "mine.db").touch()
    os.chmod(env / "mine.db", 0o666)
    cli.ok("--db", env / "mine.db", "enroll", "Tess Nolan")
    assert mode(env / "mine.db") == 0o600
    assert all(mode(p) == 0o600 for p in env.glob("mine.db-*"))


def test_a_file_owned_by_another_user_is_refused(cli: Cli, env: Path) -> None:
    uid = other_user()
    (env / "theirs.db").touch()
    os.chown(env / "theirs.db", uid, -1)
    os.chmod(env / "theirs.db", 0o666)
    result = cli("--db", env / "theirs.db", "enroll", "Tess Nolan")
    assert result.exit_code == 1 and "another user" in result.stderr
    assert (env / "theirs.db").stat().st_size == 0


def test_a_wal_file_planted_by_another_user_in_a_sticky_folder_is_refused(cli: Cli, env: Path) -> None:
    uid = other_user()
    shared = env / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    (shared / "coach.db-wal").touch()
    os.chown(shared / "coach.db-wal", uid, -1)
    result = cli("--db", shared / "coach.db", "enroll", "Tess Nolan")
    assert result.exit_code == 1 and "another user" in result.stderr
    assert not (shared / "coach.db").exists() or (shared / "coach.db").stat().st_size == 0


def test_a_device_is_refused_as_a_database(cli: Cli) -> None:
    result = cli("--db", "/dev/null", "init")
    assert result.exit_code == 1 and "not a regular file" in result.stderr
    assert not os.path.lexists("/dev/null-journal") and not os.path.lexists("/dev/null-wal")


def test_a_csv_export_never_follows_a_symlinked_folder(riverside: Cli, env: Path) -> None:
    victim = env / "victim"
    victim.mkdir()
    (victim / "participants.csv").write_text("theirs")
    os.symlink(victim, env / "out")
    result = riverside("export", "--format", "csv", "--out", env / "out")
    assert result.exit_code == 74 and "symbolic link" in result.stderr
    assert (victim / "participants.csv").read_text() == "theirs"


def test_a_csv_export_makes_private_parents_whatever_the_umask(riverside: Cli, env: Path) -> None:
    old = os.umask(0)
    try:
        riverside.ok("export", "--format", "csv", "--out", env / "a" / "b" / "csv")
    finally:
        os.umask(old)
    assert mode(env / "a") == mode(env / "a" / "b") == mode(env / "a" / "b" / "csv") == 0o700
    assert all(mode(p) == 0o600 for p in (env / "a" / "b" / "csv").iterdir())


def test_a_failed_csv_export_leaves_the_old_export_whole(env: Path) -> None:
    def writer(contents: dict[str, bytes], fail_at: int | None = None) -> Callable[[Path], None]:
        def fill(temp: Path) -> None:
            for number, (name, data) in enumerate(contents.items()):
                if number == fail_at:
                    raise IOFailure("the disk is full")
                write_private(temp / name, data)

        return fill

    write_private_tree(env / "csv", writer({"a.csv": b"old a", "b.csv": b"old b"}))
    with pytest.raises(IOFailure):
        write_private_tree(
            env / "csv", writer({"a.csv": b"new a", "b.csv": b"new b"}, fail_at=1), force=True, replaceable=bool
        )
    assert {p.name: p.read_bytes() for p in (env / "csv").iterdir()} == {"a.csv": b"old a", "b.csv": b"old b"}
    assert [p.name for p in env.iterdir() if p.name.startswith(".csv")] == []
