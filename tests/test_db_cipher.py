"""Encryption at rest: which files are taken as encrypted, the key asked for once, and a wrong key told plainly."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from peertool.db import cipher
from peertool.errors import InvalidInput

KEY = "c3" * 32  # a raw 256-bit key (64 hex digits)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The labels the key source was asked with; the process's key is forgotten after the test."""
    monkeypatch.setattr(cipher, "_source", [])
    monkeypatch.setattr(cipher, "_key", [])
    labels: list[str] = []

    def source(label: str) -> str:
        labels.append(label)
        return KEY + "\n"

    cipher.use_key_source(source)
    yield labels


def test_only_a_file_that_is_not_empty_and_not_plain_sqlite_is_encrypted(tmp_path: Path) -> None:
    plain, empty, other = tmp_path / "plain.db", tmp_path / "empty.db", tmp_path / "other.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    empty.touch()
    other.write_bytes(b"\x8f" * 64)
    assert (cipher.is_encrypted(plain), cipher.is_encrypted(empty), cipher.is_encrypted(other)) == (False, False, True)
    assert cipher.is_encrypted(tmp_path / "missing.db") is False


def test_a_key_loses_its_line_ending_and_an_empty_one_or_one_with_a_nul_is_refused_unechoed() -> None:
    assert cipher.checked("open sesame\r\n") == "open sesame"
    for bad in ("\n", "", "sec\x00ret"):
        with pytest.raises(InvalidInput) as caught:
            cipher.checked(bad)
        assert "sec" not in str(caught.value)


def test_the_key_is_asked_for_once_per_process(asked: list[str]) -> None:
    assert cipher.key("clinic.db") == KEY
    assert cipher.key("other.db") == KEY
    assert asked == ["clinic.db"]


def test_without_a_key_source_an_encrypted_database_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cipher, "_source", [])
    monkeypatch.setattr(cipher, "_key", [])
    with pytest.raises(InvalidInput, match="no key was given"):
        cipher.key("clinic.db")


def test_what_one_key_encrypts_it_opens_and_another_key_is_refused_in_one_line(
    tmp_path: Path, asked: list[str]
) -> None:
    pytest.importorskip("sqlcipher3")
    path = tmp_path / "secret.db"
    conn = cipher.connect(path, encrypted=True)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.execute("INSERT INTO notes VALUES ('Walked to the park')")
    conn.commit()
    assert cipher.is_cipher(conn) and not cipher.is_cipher(sqlite3.connect(":memory:"))
    conn.close()
    assert cipher.is_encrypted(path) and b"Walked" not in path.read_bytes()
    again = cipher.connect(path, encrypted=True)
    assert again.execute("SELECT text FROM notes").fetchall() == [("Walked to the park",)]
    again.close()
    wrong = cipher.sqlcipher().connect(str(path))
    with pytest.raises(InvalidInput, match="the key does not open") as caught:
        cipher.apply_key(wrong, "it's a guess", "secret.db")
    wrong.close()
    assert "guess" not in str(caught.value) and KEY not in str(caught.value)


def test_a_backup_must_be_in_the_databases_form(tmp_path: Path) -> None:
    plain, other = tmp_path / "plain.bak", tmp_path / "other.bak"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    other.write_bytes(b"\x01" * 64)
    cipher.refuse_mixed(plain, encrypted=False)
    cipher.refuse_mixed(other, encrypted=True)
    with pytest.raises(InvalidInput, match="is a plain backup"):
        cipher.refuse_mixed(plain, encrypted=True)
    with pytest.raises(InvalidInput, match="is an encrypted backup"):
        cipher.refuse_mixed(other, encrypted=False)
