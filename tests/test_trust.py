"""Issue 23, items 2 and 11: a config another user could have written is never obeyed, the keys that run code or
choose the database come only from the user's own config, the key command cannot hang, and no file is read without
a size limit or from a device."""

import os
import resource
import subprocess
from pathlib import Path

import pytest

from peertool.errors import ConfigError, InvalidInput
from peertool.settings import load_settings

from helpers import PEERTOOL, Cli

STRANGER = 65534  # nobody
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")


def _shared_folder(env: Path) -> Path:
    """A folder like /tmp: anyone may add files (1777)."""
    shared = env / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    return shared


def _strangers(path: Path, text: str) -> Path:
    path.write_text(text)
    os.chown(path, STRANGER, STRANGER)
    return path


@as_root
def test_another_users_config_in_a_shared_folder_is_refused_with_its_reason(
    cli: Cli, env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PEERTOOL_DB")
    shared = _shared_folder(env)
    _strangers(shared / "peertool.yaml", f"database: {shared / 'theirs.db'}\n")
    monkeypatch.chdir(shared)
    result = cli("enroll", "Tess Nolan")
    assert result.exit_code == 5, result.stderr
    assert "peertool.yaml" in result.stderr and f"owned by uid {STRANGER}, not you" in result.stderr
    assert not (shared / "theirs.db").exists()
    assert cli("config", "show").exit_code == 5


@pytest.mark.sqlite_only
@as_root
def test_another_users_key_command_never_runs(cli: Cli, env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("sqlcipher3")
    mine = env / "xdg" / "peertool"
    mine.mkdir(parents=True)
    (mine / "config.yaml").write_text("encryption:\n  key_command: echo my-own-long-passphrase\n")
    cli.ok("init", "--encrypt")
    shared = _shared_folder(env)
    evil = shared / "evil.sh"
    evil.write_text(f"#!/bin/sh\ntouch {shared / 'ran'}\necho x\n")
    evil.chmod(0o755)
    _strangers(shared / "peertool.yaml", f"encryption:\n  key_command: {evil}\n")
    monkeypatch.chdir(shared)
    result = cli("participant", "list")
    assert result.exit_code == 5 and f"owned by uid {STRANGER}" in result.stderr
    assert not (shared / "ran").exists()


@as_root
def test_a_config_in_a_folder_another_user_owns_is_refused(env: Path) -> None:
    theirs = env / "theirs"
    theirs.mkdir()
    (theirs / "c.yaml").write_text("meeting_minutes: 60\n")
    os.chown(theirs, STRANGER, STRANGER)
    with pytest.raises(ConfigError, match=f"{theirs}.* is owned by uid {STRANGER}, not you"):
        load_settings(str(theirs / "c.yaml"))


@pytest.mark.parametrize("key", ["instruments_file", "lessons_file", "pseudonym_key_file"])
@as_root
def test_a_file_the_config_names_must_be_the_users_own_too(cli: Cli, env: Path, key: str) -> None:
    named = _strangers(env / "named.yaml", "instruments: []\n")
    (env / "peertool.yaml").write_text(f"{key}: {named}\n")
    result = cli("config", "show")
    assert result.exit_code == 5 and key in result.stderr and f"owned by uid {STRANGER}" in result.stderr


def test_a_config_others_may_write_is_refused(env: Path) -> None:
    path = env / "peertool.yaml"
    path.write_text("meeting_minutes: 60\n")
    path.chmod(0o646)
    with pytest.raises(ConfigError, match="writable by others"):
        load_settings()
    path.chmod(0o644)
    (env / "open").mkdir()
    (env / "open").chmod(0o777)
    (env / "open" / "c.yaml").write_text("meeting_minutes: 60\n")
    with pytest.raises(ConfigError, match=r"open' is writable by others \(mode 0777\)"):
        load_settings(str(env / "open" / "c.yaml"))


def test_the_users_own_file_in_a_shared_sticky_folder_is_used(env: Path) -> None:
    shared = _shared_folder(env)
    (shared / "c.yaml").write_text("meeting_minutes: 60\n")
    assert load_settings(str(shared / "c.yaml")).meeting_minutes == 60


def test_a_file_the_config_names_may_not_be_writable_by_others(cli: Cli, env: Path) -> None:
    (env / "lessons.yaml").write_text("[]\n")
    (env / "lessons.yaml").chmod(0o666)
    (env / "peertool.yaml").write_text("lessons_file: lessons.yaml\n")
    result = cli("lessons")
    assert result.exit_code == 5 and "lessons_file" in result.stderr and "writable by others" in result.stderr


@pytest.mark.parametrize("text", ["database: elsewhere.db\n", "encryption:\n  key_command: echo key\n"])
def test_the_local_config_may_not_choose_the_database_or_run_a_command(
    cli: Cli, env: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.delenv("PEERTOOL_DB")
    (env / "peertool.yaml").write_text(text)
    result = cli("enroll", "Tess Nolan")
    assert result.exit_code == 5 and "only from your own config" in result.stderr
    assert "--config" in result.stderr
    assert not (env / "elsewhere.db").exists()
    rows = {row["key"]: row for row in cli.json("config", "show")}  # still says what is in force, and what is not
    key = "database" if "database" in text else "encryption.key_command"
    assert rows[key]["value"] is None and "refused" in rows[key]["source"]
    cli.ok("--config", env / "peertool.yaml", "config", "show")
    monkeypatch.setenv("PEERTOOL_CONFIG", str(env / "peertool.yaml"))
    cli.ok("config", "show")


def test_a_key_command_that_hangs_is_stopped_after_its_timeout() -> None:
    from peertool.db.cipher import from_command

    with pytest.raises(InvalidInput, match=r"did not finish within 0.2 s"):
        from_command("sleep 30", timeout=0.2)


def test_the_key_timeout_is_a_setting(env: Path) -> None:
    assert load_settings().key_timeout == 30
    (env / "peertool.yaml").write_text("encryption:\n  key_timeout: 2.5\n")
    assert load_settings().key_timeout == 2.5
    (env / "peertool.yaml").write_text("encryption:\n  key_timeout: 0\n")
    with pytest.raises(ConfigError, match="encryption.key_timeout"):
        load_settings()


def _limited(*args: str, cwd: Path, env_vars: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """peertool in a process that cannot take more than 1 GiB, so a read without limit fails fast, not by OOM."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [*PEERTOOL, *args], capture_output=True, text=True, cwd=cwd, preexec_fn=cap, timeout=120,
        env={**os.environ, **(env_vars or {})}, stdin=subprocess.DEVNULL,
    )  # fmt: skip


@pytest.mark.parametrize(
    "config, args, code",
    [
        (None, ["--config", "/dev/zero", "config", "show"], 5),
        ("instruments_file: /dev/zero\n", ["measure", "add", "1", "who5", "--answers", "1,1,1,1,1"], 5),
        ("lessons_file: /dev/zero\n", ["lessons"], 5),
        (None, ["meeting", "edit", "1", "--notes-file", "/dev/zero"], 1),
    ],
)
def test_a_device_is_refused_not_read_until_memory_runs_out(
    env: Path, config: None | str, args: list[str], code: int
) -> None:
    if config:
        (env / "peertool.yaml").write_text(config)
    result = _limited(*args, cwd=env)
    assert result.returncode == code, result.stderr
    assert "/dev/zero" in result.stderr and "not a regular file" in result.stderr


def test_a_file_over_the_size_limit_is_refused(cli: Cli, env: Path) -> None:
    (env / "peertool.yaml").write_text("limits:\n  file_bytes: 1000\nlessons_file: big.yaml\n")
    (env / "big.yaml").write_text("# " + "x" * 2000 + "\n[]\n")
    result = cli("lessons")
    assert result.exit_code == 5 and "larger than 1000 bytes" in result.stderr and "limits.file_bytes" in result.stderr
    (env / "notes.txt").write_text("n" * 1001)
    result = cli("meeting", "edit", "1", "--notes-file", "notes.txt")
    assert result.exit_code == 1 and "larger than 1000 bytes" in result.stderr


def test_a_config_over_the_built_in_limit_is_refused(env: Path) -> None:
    from peertool.config_checks import FILE_BYTES

    (env / "peertool.yaml").write_text("#" * (FILE_BYTES + 1))
    with pytest.raises(ConfigError, match="larger than"):
        load_settings()


@as_root
def test_a_key_command_program_another_user_owns_never_runs(env: Path) -> None:
    from peertool.db.cipher import from_command

    shared = _shared_folder(env)
    evil = _strangers(shared / "key.sh", f"#!/bin/sh\ntouch {shared / 'ran'}\necho x\n")
    evil.chmod(0o755)
    with pytest.raises(ConfigError, match=f"key_command's program.* is owned by uid {STRANGER}, not you"):
        from_command(f"{evil} --account peertool")
    assert not (shared / "ran").exists()


def test_a_roster_that_is_a_pipe_is_refused_not_waited_on(env: Path) -> None:
    os.mkfifo(env / "roster.csv")
    result = _limited("enroll", "--from", "roster.csv", cwd=env)
    assert result.returncode == 1 and "not a regular file" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["note", "add", "1", "-"], ["meeting", "edit", "1", "--notes", "-"]],
)
def test_standard_input_without_end_is_refused_not_read_until_memory_runs_out(env: Path, args: list[str]) -> None:
    with open("/dev/zero", "rb") as zeros:
        result = subprocess.run(
            [*PEERTOOL, *args], capture_output=True, text=True, cwd=env, timeout=120, stdin=zeros,
            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)),
        )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Error:" in result.stderr
