"""Encryption at rest (issue 19): a database created or converted encrypted shows no plaintext on disk, opens only
with its key, works with every command, and converts both ways without losing a record, even when killed."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from helpers import EXAMPLES, PEERTOOL, PLANTED, Cli, plant

pytest.importorskip("sqlcipher3")

KEY = "3f" * 32


@pytest.fixture
def keyed(env: Path) -> Path:
    """A config whose encryption.key_command prints KEY (as `pass show peertool` would)."""
    _key_command(env, KEY)
    return env


def _key_command(env: Path, key: str, name: str = "key.sh") -> None:
    secret, script = env / f"{name}.key", env / name
    secret.write_text(key + "\n")
    script.write_text(f"#!/bin/sh\ncat '{secret}'\n")
    script.chmod(0o700)
    _own_config(env, f"encryption:\n  key_command: {script}\n")


def _own_config(env: Path, text: str) -> None:
    """The per-user config: the only place but --config and PEERTOOL_CONFIG that a key_command is taken from."""
    folder = env / "xdg" / "peertool"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.yaml").write_text(text)


def _season(cli: Cli) -> None:
    cli.ok("group", "create", "Riverside", "--start", "2026-01-06", "--weekday", "tue", "--time", "18:00")
    cli.ok("enroll", "--from", EXAMPLES / "roster.csv")
    plant(cli)
    cli.ok("measure", "add", "1", "who5", "--answers", "3,3,3,3,3", "--date", "2026-01-06")
    cli.ok("plan", "edit", "1", "--from", "-", input="## Crisis plan\nCall Marisol Quenneville\n")


def _records(cli: Cli) -> dict[str, Any]:
    """Every table but the audit log (which a conversion adds to), as the identified export has it."""
    tables = json.loads(cli.ok("export", "--include-plans").stdout)["tables"]
    return {name: rows for name, rows in tables.items() if name != "audit"}


def _on_disk(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*") if p.is_file())


@pytest.mark.sqlite_only
def test_an_encrypted_database_keeps_no_plaintext_in_its_file_wal_or_backups(cli: Cli, keyed: Path) -> None:
    cli.ok("init", "--encrypt")
    assert not cli.db_path.read_bytes().startswith(b"SQLite format 3")
    import sqlcipher3

    holder = sqlcipher3.connect(str(cli.db_path))  # keeps the WAL from being folded back and removed
    holder.execute(f"PRAGMA key = \"x'{KEY}'\"")
    holder.execute("SELECT count(*) FROM participants").fetchone()
    try:
        _season(cli)
        assert (keyed / "data" / "peertool.db-wal").stat().st_size > 0
        cli.ok("backup", keyed / "backup.db")
        for secret in [*PLANTED, "Marisol", "Ada Quill"]:
            assert secret.encode() not in _on_disk(cli.db_path)
            assert secret.encode() not in (keyed / "backup.db").read_bytes()
    finally:
        holder.close()
    assert [p["name"] for p in cli.json("participant", "list")][:2] == ["Ada Quill", "Bram Oakes"]
    assert cli.json("audit", "verify")["ok"] is True


def test_a_wrong_or_missing_key_is_refused_in_one_line(env: Path, keyed: Path) -> None:
    subprocess.run([*PEERTOOL, "init", "--encrypt"], check=True, capture_output=True, cwd=env)
    _key_command(env, "ab" * 32, "wrong.sh")
    wrong = subprocess.run([*PEERTOOL, "participant", "list"], capture_output=True, text=True, cwd=env)
    assert wrong.returncode == 1 and "the key does not open" in wrong.stderr
    assert len(wrong.stderr.strip().splitlines()) == 2 and "sqlcipher" not in wrong.stderr.lower()
    assert "ab" * 32 not in wrong.stderr + wrong.stdout
    _own_config(env, "{}\n")
    missing = subprocess.run([*PEERTOOL, "participant", "list"], capture_output=True, text=True, cwd=env,
                             stdin=subprocess.DEVNULL)  # fmt: skip
    assert missing.returncode == 1 and "encryption.key_command" in missing.stderr
    _own_config(env, "encryption:\n  key_command: /bin/false\n")
    failing = subprocess.run([*PEERTOOL, "participant", "list"], capture_output=True, text=True, cwd=env)
    assert failing.returncode == 1 and "key_command failed (exit 1)" in failing.stderr


@pytest.mark.sqlite_only
def test_a_passphrase_with_quotes_opens_what_it_encrypted_and_nothing_else(cli: Cli, env: Path) -> None:
    _key_command(env, 'it\'s a "long" passphrase')
    cli.ok("init", "--encrypt")
    cli.ok("enroll", "Tess Nolan")
    assert [p["name"] for p in cli.json("participant", "list")] == ["Tess Nolan"]
    _key_command(env, "it's a long passphrase")
    assert cli("participant", "list").exit_code == 1


@pytest.mark.sqlite_only
def test_without_the_extra_an_encrypted_database_names_the_install(
    cli: Cli, keyed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok("init", "--encrypt")
    monkeypatch.setitem(sys.modules, "sqlcipher3", None)  # as if `peertool[encryption]` were not installed
    result = cli("participant", "list")
    assert result.exit_code == 1 and "pip install 'peertool[encryption]'" in result.stderr


@pytest.mark.sqlite_only
def test_conversion_both_ways_keeps_every_record(cli: Cli, keyed: Path) -> None:
    cli.ok("init")
    _season(cli)
    before = _records(cli)
    encrypted = cli.json("db", "encrypt")
    assert (
        list(encrypted) == ["path", "encrypted", "previous_saved_as", "copies_encrypted"]
        and encrypted["encrypted"] is True
        and not cli.db_path.read_bytes().startswith(b"SQLite format 3")
    )
    assert PLANTED[0].encode() not in _on_disk(cli.db_path)
    kept = (keyed / "data").glob("peertool.db.before-encrypt-*.bak")
    assert all(PLANTED[0].encode() not in path.read_bytes() for path in kept)  # the copy is encrypted too
    assert _records(cli) == before
    assert "Warning: this export is not encrypted" in cli.ok("export").stderr
    refused = cli("db", "decrypt")
    assert refused.exit_code == 1 and "--yes" in refused.stderr
    cli.ok("db", "decrypt", "--yes")
    assert cli.db_path.read_bytes().startswith(b"SQLite format 3") and _records(cli) == before
    assert "Warning" not in cli.ok("export").stderr
    actions = [(a["command"], a["table"]) for a in cli.json("audit", "--last", "2")]
    assert actions == [("peertool db encrypt", "database"), ("peertool db decrypt", "database")]
    assert cli.json("audit", "verify")["ok"] is True


@pytest.mark.sqlite_only
def test_conversions_and_init_refuse_what_does_not_fit(cli: Cli, keyed: Path) -> None:
    cli.ok("init")
    assert cli("db", "decrypt", "--yes").exit_code == 1
    plain = cli("init", "--encrypt")
    assert plain.exit_code == 1 and "db encrypt" in plain.stderr
    cli.ok("backup", keyed / "plain.db")
    cli.ok("db", "encrypt")
    again = cli("db", "encrypt")
    assert again.exit_code == 1 and "already encrypted" in again.stderr
    mixed = cli("restore", keyed / "plain.db", "--yes")
    assert mixed.exit_code == 1 and "plain backup" in mixed.stderr


@pytest.mark.sqlite_only
def test_an_encrypted_backup_restores(cli: Cli, keyed: Path) -> None:
    cli.ok("init", "--encrypt")
    _season(cli)
    cli.ok("backup", keyed / "b.db")
    cli.ok("participant", "delete", PLANTED[0], "--yes")
    cli.ok("restore", keyed / "b.db", "--yes")
    assert PLANTED[0] in [p["name"] for p in cli.json("participant", "list")]
    assert cli.json("audit", "verify")["ok"] is True


@pytest.mark.slow
def test_a_kill_during_conversion_leaves_a_usable_database(env: Path, keyed: Path) -> None:
    for args in (["group", "create", "Riverside", "--start", "2026-01-06", "--weekday", "tue"],
                 ["enroll", "--from", EXAMPLES / "roster.csv"]):  # fmt: skip
        subprocess.run([*PEERTOOL, *args], check=True, capture_output=True, cwd=env)
    for delay in [0.01 * n for n in range(4, 30)]:  # start-up takes about 0.06 s, a conversion about 0.06 s more
        plain = (env / "data" / "peertool.db").read_bytes().startswith(b"SQLite format 3")
        command = ["db", "encrypt"] if plain else ["db", "decrypt", "--yes"]
        proc = subprocess.Popen([*PEERTOOL, *command], cwd=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        listed = subprocess.run([*PEERTOOL, "participant", "list", "--json"], capture_output=True, text=True, cwd=env)
        assert listed.returncode == 0, listed.stderr
        assert len(json.loads(listed.stdout)) == 10
    leftovers = [p.name for p in (env / "data").iterdir() if p.name.startswith(".")]  # .partial and its journal
    assert leftovers == [] and os.path.exists(env / "data" / "peertool.db")


@pytest.mark.sqlite_only
@pytest.mark.slow
def test_four_processes_writing_an_encrypted_database_lose_nothing(cli: Cli, keyed: Path) -> None:
    cli.ok("init", "--encrypt")
    script = (
        "import sys, subprocess\n"
        "for i in range(6):\n"
        "    subprocess.run([sys.executable, '-m', 'peertool', 'enroll', f'W{sys.argv[1]} P{i}'], check=True,"
        " capture_output=True)\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", script, str(n)], cwd=keyed) for n in range(4)]
    assert [p.wait(timeout=300) for p in procs] == [0, 0, 0, 0]
    assert {p["name"] for p in cli.json("participant", "list")} == {f"W{w} P{i}" for w in range(4) for i in range(6)}
    assert cli.json("audit", "verify")["ok"] is True


@pytest.mark.sqlite_only
def test_db_encrypt_encrypts_the_plain_copies_beside_the_database_and_says_so(cli: Cli, keyed: Path) -> None:
    cli.ok("init")
    _season(cli)
    cli.ok("backup", keyed / "b.db")
    cli.ok("restore", keyed / "b.db", "--yes")  # keeps a plain .before-restore copy beside the database
    data = keyed / "data"
    (data / "peertool.db.before-0014_recovery_outcomes.bak").write_bytes(
        next(data.glob("peertool.db.before-restore-*.bak")).read_bytes()
    )  # as a migration keeps one
    copies = sorted(data.glob("peertool.db.before-*.bak"))
    assert len(copies) == 2 and all(PLANTED[0].encode() in _on_disk(path) for path in copies)
    result = cli.ok("db", "encrypt")
    assert "2 plain copies" in result.stderr and copies[0].name in result.stderr
    assert all(PLANTED[0].encode() not in _on_disk(path) for path in data.iterdir() if path.is_file())
    cli.ok("restore", copies[0], "--yes")  # an encrypted copy is still a backup that restores
    assert PLANTED[0] in [p["name"] for p in cli.json("participant", "list")]
    (data / "peertool.db.before-restore-late.bak").write_bytes((keyed / "b.db").read_bytes())
    again = cli.json("db", "encrypt")
    assert again["copies_encrypted"] == [str(data / "peertool.db.before-restore-late.bak")]
    assert PLANTED[0].encode() not in _on_disk(data / "peertool.db.before-restore-late.bak")


@pytest.mark.slow
def test_a_conversion_killed_after_its_copy_leaves_nothing_after_the_next_run(env: Path, keyed: Path) -> None:
    for args in (["group", "create", "Riverside", "--start", "2026-01-06", "--weekday", "tue"],
                 ["enroll", "--from", EXAMPLES / "roster.csv"]):  # fmt: skip
        subprocess.run([*PEERTOOL, *args], check=True, capture_output=True, cwd=env)
    script = (
        "import os, signal, sys\nimport peertool.db.conversion as c\n"
        "c._check = lambda *a: os.kill(os.getpid(), signal.SIGKILL)\n"
        "sys.argv = ['peertool', *sys.argv[1:]]\nfrom peertool.entry import main\nmain()\n"
    )
    killed = subprocess.run([sys.executable, "-c", script, "db", "encrypt"], cwd=env, capture_output=True)
    assert killed.returncode == -signal.SIGKILL
    data = env / "data"
    assert [p.name for p in data.iterdir() if p.name.startswith(".")] != []
    listed = subprocess.run([*PEERTOOL, "participant", "list", "--json"], capture_output=True, text=True, cwd=env)
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 10, listed.stderr
    assert [p.name for p in data.iterdir() if p.name.startswith(".")] == []


@pytest.mark.sqlite_only
def test_db_path_precedence(cli: Cli, env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli.ok("db", "path").stdout.strip() == str(cli.db_path)
    assert cli.ok("--db", env / "other.db", "db", "path").stdout.strip() == str(env / "other.db")
    monkeypatch.delenv("PEERTOOL_DB")
    out = json.loads(cli.ok("db", "path", "--json").stdout)
    assert out["source"] == "default" and out["path"].endswith("peertool.db")


@pytest.mark.sqlite_only
def test_db_decrypt_of_a_plain_database_says_so_before_asking(riverside: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def confirm(question: str, **kwargs: object) -> bool:
        asked.append(question)
        return True

    monkeypatch.setattr("typer.confirm", confirm)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    result = riverside("db", "decrypt")
    assert result.exit_code == 1 and "already plain" in result.stderr, result.stderr
    assert asked == []


@pytest.mark.parametrize(
    ("location", "codes", "says"),
    [
        ("postgresql://rae:s3cret@db.example.org/agency", (2, 5), "must not carry a password"),
        ("host={folder}/no-server dbname=agency", (69, 69), "cannot reach the database server (no server socket"),
        ("service=agency", (69, 69), "no service of that name"),
    ],
)
def test_a_postgresql_location_never_becomes_a_file(
    env: Path, location: str, codes: tuple[int, int], says: str
) -> None:
    """A PostgreSQL location is a server, never a SQLite file named after it: one carrying a password is refused
    (exit 2 from --db, 5 from PEERTOOL_DB) and never shown; a server that is not there is 69, in one line."""
    location = location.format(folder=env)
    for args, extra_env, code in (
        (["--db", location, "init"], {}, codes[0]),
        (["init"], {"PEERTOOL_DB": location}, codes[1]),
    ):
        done = subprocess.run([*PEERTOOL, *args], capture_output=True, text=True, env={**os.environ, **extra_env},
                              cwd=env, timeout=60)  # fmt: skip
        assert done.returncode == code, done.stderr
        assert says in done.stderr and "s3cret" not in done.stderr + done.stdout and done.stdout == ""
        assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 2
        assert sorted(p.name for p in env.iterdir() if "postgres" in p.name or "service" in p.name) == []


def test_a_file_named_with_an_equals_sign_is_told_how_to_give_it(env: Path) -> None:
    """`a=b.db` reads as libpq keywords: the refusal says to write such a file as ./a=b.db, which works."""
    refused = subprocess.run([*PEERTOOL, "--db", "a=b.db", "db", "path"], capture_output=True, text=True, cwd=env)
    assert refused.returncode == 2 and "./a=b.db" in refused.stderr, refused.stderr
    given = subprocess.run([*PEERTOOL, "--db", "./a=b.db", "db", "path"], capture_output=True, text=True, cwd=env)
    assert given.returncode == 0 and given.stdout.strip().endswith("a=b.db"), given.stderr


def test_config_show_never_prints_a_password_in_the_database_setting(
    cli: Cli, env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A config naming a PostgreSQL location with a password: every command refuses it (exit 5), and `config
    show`, which reads no database, shows the location without the secret."""
    config = env / "team.yaml"
    config.write_text("database: postgresql://rae:S3CRETPW@db.example.org/agency\n")
    config.chmod(0o600)
    for args in (["config", "show"], ["config", "show", "--json"]):
        shown = cli("--config", str(config), *args)
        assert shown.exit_code == 0 and "S3CRETPW" not in shown.stdout + shown.stderr, shown.stdout
        assert "db.example.org" in shown.stdout
    monkeypatch.delenv("PEERTOOL_DB")  # which the test's environment sets, and which comes before the config
    refused = cli("--config", str(config), "participant", "list")
    assert refused.exit_code == 5 and "S3CRETPW" not in refused.stdout + refused.stderr


@pytest.mark.sqlite_only
def test_a_new_encrypted_database_without_a_key_is_named_as_typed(cli: Cli) -> None:
    refused = cli("init", "--encrypt")  # no key command and no terminal to type one
    assert refused.exit_code == 1 and str(cli.db_path.name) in refused.stderr
    assert ".peertool-" not in refused.stderr and not cli.db_path.exists()  # nor its temporary name, nor a file
