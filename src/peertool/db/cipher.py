"""Encryption at rest: which SQLite opens a database file, and with what key.

A plain SQLite file begins with "SQLite format 3"; a file that is not empty
and does not is taken as encrypted (SQLCipher writes a random salt there)
and is opened through SQLCipher, from the optional `peertool[encryption]`
extra. Without it, such a file is refused with the command that installs it.

The key is asked for once per process, from the source the caller registers
(the CLI's: `encryption.key_command`, else a passphrase typed at a
terminal), and kept only in memory. Key material never reaches an error
message, a log or the audit log. A key of exactly 64 hex digits is used as
the raw 256-bit key; anything else is a passphrase, which SQLCipher runs
through its key derivation (PBKDF2, about 0.1 s every time a command opens
the database). SQLCipher's own log lines are switched off: a wrong key is
one plain error.
"""

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from peertool.errors import InvalidInput, shown

PLAIN_HEADER = b"SQLite format 3\x00"
EXTRA = "pip install 'peertool[encryption]'"
_RAW_KEY = re.compile(r"[0-9A-Fa-f]{64}")

_drivers: list[ModuleType] = [sqlite3]
_source: list[Callable[[str], str]] = []
_key: list[str] = []


def errors(name: str) -> tuple[type[Exception], ...]:
    """The DB-API exception `name` (e.g. "OperationalError") of every SQLite loaded: Python's and SQLCipher's."""
    return tuple(getattr(driver, name) for driver in _drivers)


def is_encrypted(path: Path | str) -> bool:
    """Whether the file at `path` holds something other than a plain SQLite database (an empty file does not)."""
    try:
        with open(path, "rb") as file:
            head = file.read(len(PLAIN_HEADER))
    except OSError:
        return False
    return bool(head) and head != PLAIN_HEADER


def is_cipher(conn: Any) -> bool:
    """Whether a connection was opened through SQLCipher, and so with the process's key."""
    return type(conn).__module__.startswith("sqlcipher3")


def sqlcipher(label: str = "this database") -> ModuleType:
    """The SQLCipher driver, or a refusal naming the extra that installs it."""
    try:
        import sqlcipher3
    except ImportError:
        raise InvalidInput(
            f"database: {label} is encrypted (or is not a SQLite file), and encryption support is not installed.",
            hint=f"Install it with `{EXTRA}`.",
        ) from None
    driver: ModuleType = sqlcipher3  # an untyped package: typed here, once
    if driver not in _drivers:
        _drivers.append(driver)
    return driver


def use_key_source(source: Callable[[str], str]) -> None:
    """Where the key comes from when an encrypted database is opened (asked at most once per process); it is
    called with the database's name, for its messages."""
    _source[:] = [source]
    _key.clear()


def key(label: str = "this database") -> str:
    """The key of this process's encrypted databases, asked for on first use."""
    if not _key:
        if not _source:
            raise InvalidInput(
                f"database: {label} is encrypted (or is not a SQLite file), and no key was given.",
                hint="Set encryption.key_command in the config, or run the command at a terminal to type it.",
            )
        _key.append(checked(_source[0](label)))
    return _key[0]


def from_command(command: str, timeout: float = 30) -> str:
    """The key `command` prints: the first line of its standard output (its prompts and stderr reach the user).

    The command runs without a shell, as `git` runs credential helpers; its
    arguments are never shown in an error, as they might hold a secret. The program
    it runs must be the user's own, like the config that names it (`trust`), and
    is stopped after `timeout` seconds (`encryption.key_timeout`), so a command
    that waits forever cannot hang every command.
    """
    import shlex
    import subprocess

    words = shlex.split(command)
    _refuse_untrusted_program(words[0])
    try:
        done = subprocess.run(words, stdout=subprocess.PIPE, check=False, timeout=timeout)
    except OSError as exc:
        raise InvalidInput(
            f"encryption.key_command could not be run ({exc.strerror or type(exc).__name__}).",
            hint="Check the command in the config; `peertool config show` says which file it is in.",
        ) from None
    except subprocess.TimeoutExpired:
        raise InvalidInput(
            f"encryption.key_command did not finish within {timeout:g} s and was stopped; nothing was opened.",
            hint="Check the command, or give it longer with encryption.key_timeout (seconds) in the config.",
        ) from None
    if done.returncode != 0:
        raise InvalidInput(f"encryption.key_command failed (exit {done.returncode}); nothing was opened.")
    try:
        return done.stdout.decode("utf-8").split("\n", 1)[0]
    except UnicodeDecodeError:
        raise InvalidInput("encryption.key_command printed something that is not UTF-8 text.") from None


def _refuse_untrusted_program(program: str) -> None:
    """The key command's program (a path, or a name looked up in PATH) must be the user's own or root's."""
    import shutil

    from peertool.trust import refuse_untrusted

    found = shutil.which(program)
    if found is not None:
        refuse_untrusted(Path(found), "encryption.key_command's program")


def checked(given: str) -> str:
    """A key as given, without its line ending; an empty one, or one with a NUL, is refused (never echoed)."""
    cleaned = given.rstrip("\r\n")
    if not cleaned or "\x00" in cleaned:
        raise InvalidInput("the encryption key is empty or holds a NUL character; nothing was opened.")
    return cleaned


def _literal(secret: str) -> str:
    """The key as SQLCipher reads it: a raw key as "x'HEX'", a passphrase as a quoted string."""
    if _RAW_KEY.fullmatch(secret):
        return f"\"x'{secret}'\""
    return "'" + secret.replace("'", "''") + "'"


def connect(
    target: Path | str, *, encrypted: bool, timeout: float = 5.0, uri: bool = False, label: str | None = None
) -> Any:
    """A connection to `target` (a path, or a `file:` URI with `uri`, named `label` in errors): plain sqlite3, or
    SQLCipher keyed with the process's key and checked, so a wrong key fails here, as one error naming no key."""
    if not encrypted:
        return sqlite3.connect(str(target), timeout=timeout, uri=uri)
    label = shown(label or target, 200)
    driver = sqlcipher(label)
    conn = driver.connect(str(target), timeout=timeout, uri=uri)
    try:
        apply_key(conn, key(label), label)
    except BaseException:
        conn.close()
        raise
    return conn


def apply_key(conn: Any, secret: str, label: str = "this database") -> None:
    """Key a SQLCipher connection (first, before any read) and prove the key opens the file. Temporary tables
    and sorts stay in memory, so no plaintext spills into a temporary file."""
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = {_literal(secret)}")
    conn.execute("PRAGMA temp_store = MEMORY")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except errors("DatabaseError") as exc:
        if "not a database" not in str(exc):
            raise
        raise InvalidInput(
            f"database: the key does not open {label}: a wrong key, or a file that is not a peertool database.",
            hint="Check encryption.key_command (or the passphrase typed); nothing was changed.",
        ) from None


def connect_like(conn: Any, target: Path | str) -> Any:
    """A connection to another file in the same form as `conn`: encrypted with the same key, or plain."""
    return connect(target, encrypted=is_cipher(conn))


def attach_key(encrypted: bool) -> str:
    """What follows `ATTACH DATABASE ? AS name` for a file in the given form: the key, or `KEY ''` for a plain
    one (which SQLCipher needs, and plain SQLite's grammar accepts and ignores)."""
    return " KEY " + (_literal(key()) if encrypted else "''")


def refuse_mixed(source: Path, encrypted: bool) -> None:
    """A backup must be in the live database's form: both encrypted (with one key) or both plain."""
    if is_encrypted(source) != encrypted:
        form = "an encrypted" if is_encrypted(source) else "a plain"
        raise InvalidInput(
            f"{shown(source, 200)} is {form} backup and this database is not.",
            hint="Convert the database first with `peertool db encrypt` or `peertool db decrypt`.",
        )
