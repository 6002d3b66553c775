"""Why a database could not be opened, told truly: busy while it was converted, a read-only file system (issue 23)."""

import pytest

from peertool.db import cipher, store
from peertool.db.conversion import convert
from peertool.db.store import open_database
from peertool.errors import Busy
from peertool.people.participants import enroll, list_participants

KEY = "5a" * 32


@pytest.fixture
def key_source():
    cipher.use_key_source(lambda label: KEY)
    yield
    cipher._source.clear()
    cipher._key.clear()


@pytest.mark.parametrize("encrypt", [True, False])
def test_a_writer_that_opened_the_file_before_a_conversion_is_told_busy(env, key_source, monkeypatch, encrypt):
    """The writer's connection is on the old file when `db encrypt` (or `decrypt`) replaces it: the next read
    finds the old file zeroed, which is neither a wrong key nor a broken database, but a database that was busy."""
    pytest.importorskip("sqlcipher3")
    path = env / "conv.db"
    enroll(open_database(path, create=True, encrypt=not encrypt), {"name": "Tess Nolan"}, max_group_size=12)
    # The writer's first read of the file: through its key when the file is encrypted, else switching on WAL.
    module, name = (store, "_enable_wal") if encrypt else (cipher, "apply_key")
    real, started = getattr(module, name), []

    def first_read(*args):  # ... waits out a whole conversion (whose own reads go straight through)
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
