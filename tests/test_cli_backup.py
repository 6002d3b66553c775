import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import Cli


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.mark.sqlite_only
def test_backup_is_private_checked_and_never_overwrites(riverside: Cli, env: Path) -> None:
    target = env / "backup.db"
    result = riverside.json("backup", target)
    assert result["integrity"] == "ok" and mode(target) == 0o600
    copy = sqlite3.connect(target)
    assert copy.execute("SELECT count(*) FROM participants").fetchone()[0] == 10
    copy.close()
    assert riverside("backup", target).exit_code == 4


@pytest.mark.sqlite_only
@pytest.mark.slow
def test_backup_is_consistent_while_another_process_writes(riverside: Cli, env: Path) -> None:
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\nfrom peertool.db.backends import open_database\n"
            "from peertool.people.participants import enroll\n"
            "db = open_database(__import__('pathlib').Path(sys.argv[1]), create=False)\n"
            "for i in range(300):\n    enroll(db, {'name': f'Writer {i}'}, max_group_size=12)\n",
            str(riverside.db_path),
        ]
    )
    try:
        for n in range(5):
            target = env / f"during-{n}.db"
            assert riverside.json("backup", target)["integrity"] == "ok"
    finally:
        writer.wait(timeout=60)
    assert writer.returncode == 0
