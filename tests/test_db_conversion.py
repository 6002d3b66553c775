"""Converting a database in place between plain and encrypted: every record kept, the old form kept encrypted
beside it, and nothing changed when the conversion is not needed or not confirmed."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from peertool.db import cipher
from peertool.db.backends import open_database
from peertool.db.conversion import convert, plain_copies
from peertool.errors import InvalidInput
from peertool.people.participants import enroll, list_participants

KEY = "7e" * 32


@pytest.fixture
def keyed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    pytest.importorskip("sqlcipher3")
    monkeypatch.setattr(cipher, "_source", [])
    monkeypatch.setattr(cipher, "_key", [])
    cipher.use_key_source(lambda label: KEY)
    yield


def _plain_database(path: Path) -> None:
    db = open_database(path, create=True)
    for name in ("Pia Lund", "Rafe Conroy"):
        enroll(db, {"name": name}, max_group_size=12)
    db.close()


def _names(path: Path) -> list[str]:
    db = open_database(path, create=False)
    try:
        return [p["name"] for p in list_participants(db)]
    finally:
        db.close()


def test_encrypting_keeps_every_record_and_keeps_the_old_form_encrypted(env: Path, keyed: None) -> None:
    path = env / "clinic.db"
    _plain_database(path)
    done = convert(path, encrypt=True)
    assert (done["path"], done["encrypted"], done["copies_encrypted"]) == (str(path), True, [])
    assert cipher.is_encrypted(path) and b"Pia Lund" not in path.read_bytes()
    assert done["previous_saved_as"] is not None
    kept = Path(done["previous_saved_as"])
    assert kept.name.startswith("clinic.db.before-encrypt-") and cipher.is_encrypted(kept)
    assert _names(path) == ["Pia Lund", "Rafe Conroy"]
    back = convert(path, encrypt=False)
    assert not cipher.is_encrypted(path) and back["encrypted"] is False
    assert _names(path) == ["Pia Lund", "Rafe Conroy"]


def test_a_conversion_not_needed_or_not_confirmed_changes_nothing(env: Path, keyed: None) -> None:
    path = env / "clinic.db"
    _plain_database(path)
    with pytest.raises(InvalidInput, match="already plain"):
        convert(path, encrypt=False)
    questions: list[str] = []

    def refuse(question: str) -> bool:
        questions.append(question)
        return False

    before = path.read_bytes()
    with pytest.raises(InvalidInput, match="nothing was changed"):
        convert(path, encrypt=True, confirm=refuse)
    assert questions == [f"Encrypt {path}?"]
    assert path.read_bytes() == before and not cipher.is_encrypted(path)


def test_encrypting_also_encrypts_the_plain_copies_beside_the_database(env: Path, keyed: None) -> None:
    path = env / "clinic.db"
    _plain_database(path)
    copy = env / "clinic.db.before-0017_ids_never_reused.bak"
    copy.write_bytes(path.read_bytes())
    (env / "clinic.db.before-empty.bak").touch()  # empty: nothing to encrypt
    (env / "clinic.db.other.bak").write_bytes(path.read_bytes())  # not named as a copy peertool keeps
    assert plain_copies(path) == [copy]
    done = convert(path, encrypt=True)
    assert done["copies_encrypted"] == [str(copy)]
    assert cipher.is_encrypted(copy) and plain_copies(path) == []
    assert not cipher.is_encrypted(env / "clinic.db.other.bak")
