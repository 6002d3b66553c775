"""Why a database could not be opened, told truly: busy while it was converted, a read-only file system (issue 23)."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from peertool.db import cipher, store
from peertool.db.conversion import convert
from peertool.db.store import open_database
from peertool.errors import Busy
from peertool.people.participants import enroll, list_participants

KEY = "5a" * 32


@pytest.fixture
def key_source() -> Iterator[None]:
    cipher.use_key_source(lambda label: KEY)
    yield
    cipher._source.clear()
    cipher._key.clear()


@pytest.mark.parametrize("encrypt", [True, False])
def test_a_writer_that_opened_the_file_before_a_conversion_is_told_busy(
    env: Path, key_source: None, monkeypatch: pytest.MonkeyPatch, encrypt: bool
) -> None:
    """The writer's connection is on the old file when `db encrypt` (or `decrypt`) replaces it: the next read
    finds the old file zeroed, which is neither a wrong key nor a broken database, but a database that was busy."""
    pytest.importorskip("sqlcipher3")
    path = env / "conv.db"
    enroll(open_database(path, create=True, encrypt=not encrypt), {"name": "Tess Nolan"}, max_group_size=12)
    # The writer's first read of the file: through its key when the file is encrypted, else switching on WAL.
    module, name = (store, "_enable_wal") if encrypt else (cipher, "apply_key")
    real = getattr(module, name)
    started: list[bool] = []

    def first_read(*args: Any) -> object:  # ... waits out a whole conversion (whose own reads go straight through)
        if not started:
            started.append(True)
            convert(path, encrypt=encrypt)
        return real(*args)

    monkeypatch.setattr(module, name, first_read)
    with pytest.raises(Busy) as raised:
        open_database(path, create=False)
    assert "convert" in raised.value.message
    monkeypatch.undo()
    assert [p["name"] for p in list_participants(open_database(path, create=False))] == ["Tess Nolan"]


@pytest.mark.slow
def test_writers_while_db_encrypt_runs_are_done_or_told_busy(env: Path) -> None:
    """Writers started in a loop while `db encrypt` converts the database: each is saved, or exits 75, never 1."""
    pytest.importorskip("sqlcipher3")
    import subprocess
    import time

    from helpers import PEERTOOL

    secret, script = env / "key", env / "key.sh"
    secret.write_text(KEY + "\n")
    script.write_text(f"#!/bin/sh\ncat '{secret}'\n")
    script.chmod(0o700)
    config = env / "xdg" / "peertool" / "config.yaml"
    config.parent.mkdir(parents=True, mode=0o700)
    config.write_text(f"encryption:\n  key_command: {script}\n")
    run: dict[str, Any] = {"env": {**os.environ, "PEERTOOL_CONFIG": str(config), "PEERTOOL_BUSY_TIMEOUT": "0.5"},
           "capture_output": True, "text": True}  # fmt: skip
    subprocess.run([*PEERTOOL, "enroll", "Tess Nolan"], check=True, **run)
    codes: dict[int, str] = {}
    for round_ in range(3):
        command = ["db", "decrypt", "--yes"] if round_ % 2 else ["db", "encrypt"]
        # The conversion waits longer than the writers: it needs the file to itself, and a loaded machine's
        # stream of writers may hold it for more than their own half second.
        encrypt = subprocess.Popen([*PEERTOOL, *command], env={**run["env"], "PEERTOOL_BUSY_TIMEOUT": "30"},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        while encrypt.poll() is None:
            writer = subprocess.run([*PEERTOOL, "enroll", f"Writer {round_}"], **run)
            codes.setdefault(writer.returncode, writer.stderr)
            time.sleep(0.01)
        assert encrypt.returncode == 0
    assert set(codes) <= {0, 75}, codes
