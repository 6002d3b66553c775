"""`to_stderr`, the one writer of stderr: escaped, in order with stdout, and strict only for a command's messages."""

import errno
import io

import pytest

from peertool.render.output import message, to_stderr


class _Gone(io.StringIO):
    """A stream whose reader has gone: every write and flush fails."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")


class _Ordered(io.StringIO):
    """A stdout that notes, in a shared log, when it is flushed."""

    def __init__(self, log: list[str]):
        super().__init__()
        self.log = log

    def flush(self) -> None:
        self.log.append("stdout flushed")


class _Logged(io.StringIO):
    """A stderr that notes, in the same log, what is written to it."""

    def __init__(self, log: list[str]):
        super().__init__()
        self.log = log

    def write(self, text: str) -> int:
        self.log.append(text)
        return len(text)


def test_lines_are_escaped_and_written_after_stdout_is_flushed(monkeypatch: pytest.MonkeyPatch) -> None:
    log: list[str] = []
    monkeypatch.setattr("sys.stdout", _Ordered(log))
    monkeypatch.setattr("sys.stderr", _Logged(log))
    to_stderr("Error: \x1b[2Jcleared", "a hint")
    assert log == ["stdout flushed", "Error: \\x1b[2Jcleared\na hint\n"]


def test_an_error_report_survives_a_stderr_that_is_gone_or_absent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdout", _Gone())
    monkeypatch.setattr("sys.stderr", _Gone())
    to_stderr("Error: something")
    monkeypatch.setattr("sys.stderr", None)
    to_stderr("Error: something")


def test_a_commands_own_message_fails_like_any_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stderr", _Gone())
    with pytest.raises(BrokenPipeError):
        message("Enrolled 1 participant.")
    monkeypatch.setattr("sys.stderr", None)  # a process started without stderr: the message goes nowhere
    stdout = io.StringIO()
    monkeypatch.setattr("sys.stdout", stdout)
    message("Enrolled 1 participant.")
    assert stdout.getvalue() == ""  # never into the data
