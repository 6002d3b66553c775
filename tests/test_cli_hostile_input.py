"""Hostile input gets a clean error, never a hang, a flood, a traceback or an internal error (issue 12)."""

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from helpers import PEERTOOL, Cli

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}]\n"
    for n in range(12)
)


def test_a_yaml_alias_bomb_config_is_refused_at_once(cli: Cli, env: Path) -> None:
    (env / "bomb.yaml").write_text(BOMB)
    started = time.monotonic()
    result = cli("--config", env / "bomb.yaml", "config", "show")
    assert time.monotonic() - started < 1
    assert result.exit_code == 5 and "anchors and aliases" in result.stderr
    assert len(result.stderr) < 500


@pytest.mark.sqlite_only
def test_a_yaml_alias_bomb_roster_is_refused_at_once(cli: Cli, env: Path) -> None:
    (env / "bomb.yaml").write_text("- name: &n Ada\n- name: *n\n")
    result = cli("enroll", "--from", env / "bomb.yaml")
    assert result.exit_code == 1 and "anchors and aliases" in result.stderr
    assert not cli.db_path.exists()


@pytest.mark.sqlite_only
def test_a_roster_entry_giving_a_field_twice_is_refused_naming_it(cli: Cli, env: Path) -> None:
    """Which of two names would be the participant's? Neither is guessed: the file is refused, nothing written."""
    (env / "twice.yaml").write_text("- name: Ada Quill\n- name: Bo Reed\n  external_id: 7\n  name: Bo R.\n")
    result = cli("enroll", "--from", env / "twice.yaml")
    assert result.exit_code == 1 and "--from: key 'name' is given twice (line 4)." in result.stderr, result.stderr
    assert not cli.db_path.exists()


def test_a_huge_value_is_cut_short_in_error_messages(cli: Cli, env: Path) -> None:
    (env / "long.yaml").write_text(f"{'k' * 100_000}: 1\n")
    result = cli("--config", env / "long.yaml", "config", "show")
    assert result.exit_code == 5 and len(result.stderr) < 2000
    assert cli("enroll", "Ada Quill", "--enrolled-on", "9" * 100_000).stderr.count("9") < 200


ESCAPES = ["\x1b[2J", "\x1b]52;c;aGVsbG8=\x07", "\x9b31m", "\x07"]


@pytest.mark.sqlite_only
@pytest.mark.parametrize("escape", ESCAPES)
def test_stored_control_characters_never_reach_the_terminal_raw(riverside: Cli, escape: str) -> None:
    name = f"Eve{escape}Mallory"
    assert riverside("enroll", name).exit_code == 1  # refused at input since issue 23; an older database may hold it
    riverside.ok("enroll", "Eve Mallory", "--group", "Riverside")
    conn = sqlite3.connect(riverside.db_path)
    with conn:
        conn.execute("UPDATE participants SET name = ? WHERE id = 11", [name])
    conn.close()
    riverside.ok("meeting", "record", "Riverside", "--date", "2026-03-10", "--notes", f"note {escape} here",
                 "--homework", f"hw {escape}", "--thread", f"t{escape}")  # fmt: skip
    outputs = [
        riverside.ok("participant", "list"),
        riverside.ok("participant", "show", "11"),
        riverside.ok("meeting", "show", "1"),
        riverside.ok("prep", "Riverside", "--date", "2026-03-11"),
        riverside.ok("prep", "Riverside", "--date", "2026-03-11", "--format", "markdown"),
        riverside.ok("pair", "Riverside", "--explain", "--exclude", "Ada Quill"),
        riverside.ok("report", "Riverside", "--format", "markdown"),
        riverside.ok("participant", "edit", "11", "--stage", "ready-solo"),
        riverside.ok("group", "remove", "Riverside", "11"),
    ]
    for result in outputs:
        for stream in (result.stdout, result.stderr):
            assert escape not in stream and "\x1b" not in stream and "\x9b" not in stream and "\x07" not in stream
    assert "\\x1b" in riverside.ok("participant", "show", "11").stdout or escape in ("\x9b31m", "\x07")


@pytest.mark.parametrize(
    "args",
    [
        ["pair", "Riverside", "--seed", "100000000000000000000"],
        ["audit", "--last", "100000000000000000000"],
        ["schedule", "--start", "9999-12-31"],
        ["group", "create", "Far", "--start", "9999-12-01", "--weekday", "mon"],
        ["--db", "x" * 5000, "participant", "list"],
        ["--db", "/tmp/" + "d" * 300 + "/p.db", "init"],
    ],
)
def test_bad_input_is_a_clean_error_not_an_internal_one(riverside: Cli, args: list[str]) -> None:
    result = riverside(*args)
    assert result.exit_code in (1, 2, 3), (result.exit_code, result.stderr)
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_arguments_that_are_not_utf8_are_refused(env: Path) -> None:
    result = subprocess.run([*PEERTOOL, "participant", "show", b"Ad\xff"], capture_output=True, env=os.environ)
    assert result.returncode == 2, result.stderr
    assert b"UTF-8" in result.stderr and b"Traceback" not in result.stderr


def test_an_output_that_fails_after_the_commit_says_what_was_saved(env: Path) -> None:
    subprocess.run([*PEERTOOL, "init"], check=True, capture_output=True)
    with open("/dev/full", "w") as full:
        result = subprocess.run([*PEERTOOL, "enroll", "Tess Nolan", "--json"], stdout=full, stderr=subprocess.PIPE,
                                text=True)  # fmt: skip
    assert result.returncode == 74, result.stderr
    assert "saved" in result.stderr and "id 1" in result.stderr and "Traceback" not in result.stderr
    closed = subprocess.run([*PEERTOOL, "enroll", "Uma Vance", "--json"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, pass_fds=(), close_fds=True,
                            preexec_fn=lambda: os.close(1))  # fmt: skip
    assert closed.returncode == 74 and "saved" in closed.stderr and "Traceback" not in closed.stderr


def test_an_unwritable_output_file_is_exit_74(riverside: Cli) -> None:
    result = riverside("schedule", "--start", "2026-01-06", "--format", "csv", "--out", "/dev/full")
    assert result.exit_code == 74 and "internal error" not in result.stderr


@pytest.mark.sqlite_only
def test_a_read_only_database_is_exit_74(riverside: Cli) -> None:
    os.chmod(riverside.db_path, 0o400)
    try:
        if os.access(riverside.db_path, os.W_OK):
            pytest.skip("running as a user who can write any file")
        result = riverside("enroll", "Tess Nolan")
    finally:
        os.chmod(riverside.db_path, 0o600)
    assert result.exit_code == 74 and "read-only" in result.stderr


def _started(*args: str) -> subprocess.Popen[bytes]:
    """peertool started with PEERTOOL_TEST_READY=1, returned once it says its Ctrl-C handler is in place.

    Its standard input is a pipe left open, so a command that reads it
    (`--notes -`) is still running whenever the test interrupts it.
    """
    proc = subprocess.Popen([*PEERTOOL, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, "PEERTOOL_TEST_READY": "1"})  # fmt: skip
    assert proc.stderr is not None
    assert proc.stderr.readline() == b"peertool: ready\n"
    return proc


@pytest.mark.slow
def test_ctrl_c_always_exits_130_with_one_line(env: Path) -> None:
    """From the moment peertool's entry point has run its first line, Ctrl-C is exit 130 and one line.

    Before that, Python itself is starting (and no file is open); the promise
    starts at the ready line, so no interrupt is sent before it.
    """
    subprocess.run([*PEERTOOL, "init"], check=True, capture_output=True)
    elm = ["group", "create", "Elm", "--start", "2026-01-06", "--weekday", "tue", "--time", "18:00"]
    subprocess.run([*PEERTOOL, *elm], check=True, capture_output=True)
    for delay in [0.0, 0.0, 0.02, 0.05, 0.1, 0.2, 0.4]:  # into the imports, the database, the wait for stdin
        proc = _started("meeting", "record", "Elm", "--date", "2026-01-06", "--notes", "-")
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        assert proc.returncode == 130, (delay, err)
        assert err.decode().splitlines() == ["Interrupted: nothing more was changed."], (delay, err)
    assert subprocess.run([*PEERTOOL, "meeting", "list", "Elm", "--json"], capture_output=True).stdout.strip() == b"[]"


@pytest.mark.slow
def test_ctrl_c_early_in_start_up_is_130_every_time(env: Path) -> None:
    """About 50 ms in, Python could end a handled interrupt as an unhandled one (-2): one run in sixty."""
    subprocess.run([*PEERTOOL, "init"], check=True, capture_output=True)
    elm = ["group", "create", "Elm", "--start", "2026-01-06", "--weekday", "tue"]
    subprocess.run([*PEERTOOL, *elm], check=True, capture_output=True)
    codes = []
    for run in range(100):
        proc = _started("meeting", "record", "Elm", "--date", "2026-01-06", "--notes", "-")  # waits for its notes
        time.sleep(0.04 + 0.02 * run / 100)
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=30)
        codes.append(proc.returncode)
    assert set(codes) == {130}, codes


@pytest.mark.slow
def test_ctrl_c_at_a_yes_no_question_exits_130(env: Path) -> None:
    import pty

    subprocess.run([*PEERTOOL, "init"], check=True, capture_output=True)
    subprocess.run([*PEERTOOL, "backup", env / "copy.db"], check=True, capture_output=True)
    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen([*PEERTOOL, "restore", env / "copy.db"], stdin=follower, stdout=follower,
                                stderr=subprocess.PIPE)  # fmt: skip
        shown = b""
        while b"[y/N]" not in shown:  # the question is on screen: peertool waits for the answer
            shown += os.read(leader, 4096)
        for _ in range(30):  # Ctrl-C, again if need be: one landing just before Python's own blocking read of
            proc.send_signal(signal.SIGINT)  # the answer is only seen at the next key (a CPython race), and a
            try:  # person presses again; once peertool has the first, it ignores the rest
                proc.wait(timeout=1)
                break
            except subprocess.TimeoutExpired:
                continue
        _, err = proc.communicate(timeout=30)
    finally:
        os.close(follower)
        os.close(leader)
    assert proc.returncode == 130, err
    assert err.decode().strip().splitlines()[-1] == "Interrupted: nothing more was changed.", err


def test_an_interrupt_that_surfaces_as_another_error_is_still_an_interrupt(
    riverside: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import peertool.people.participants as participants

    def interrupted_then_broken(*args: object, **kwargs: object) -> None:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise RuntimeError("cleanup failed") from None

    monkeypatch.setattr(participants, "list_participants", interrupted_then_broken)
    result = riverside("participant", "list")
    assert result.exit_code == 130 and "internal error" not in result.stderr


def test_ctrl_c_during_start_up_that_surfaces_as_another_error_is_still_an_interrupt(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Ctrl-C inside an import can leave Python's import lock raising a bare RuntimeError (CI saw exit 70)."""
    import peertool.cli.process as process
    from peertool import entry, interrupts

    def interrupted_mid_import(args: list[str]) -> None:
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)
        except KeyboardInterrupt:
            pass
        raise RuntimeError("cannot release un-acquired lock")

    monkeypatch.setattr(process, "run", interrupted_mid_import)
    monkeypatch.setattr(interrupts, "_pressed", False)  # and back to False afterwards, for the tests that follow
    previous = signal.getsignal(signal.SIGINT)
    try:
        with pytest.raises(SystemExit) as ended:
            entry.main()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert ended.value.code == 130 and "internal error" not in capsys.readouterr().err
