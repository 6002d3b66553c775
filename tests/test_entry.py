"""The console entry point: the code `run` gives is the process's, and whatever escapes it is still one line."""

import signal
from collections.abc import Callable, Iterator

import pytest

from peertool import entry, interrupts
from peertool.cli import process


@pytest.fixture
def ended(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Callable[[list[str]], int]], int]]:
    """`entry.main` with `process.run` replaced: the code it exits with; Ctrl-C handling put back after."""
    monkeypatch.setattr(interrupts, "_pressed", False)
    previous = signal.getsignal(signal.SIGINT)

    def main(run: Callable[[list[str]], int]) -> int:
        monkeypatch.setattr(process, "run", run)
        with pytest.raises(SystemExit) as exited:
            entry.main()
        assert isinstance(exited.value.code, int)
        return exited.value.code

    try:
        yield main
    finally:
        signal.signal(signal.SIGINT, previous)


def _raise(exc: BaseException) -> Callable[[list[str]], int]:
    def run(args: list[str]) -> int:
        raise exc

    return run


def test_the_code_run_returns_is_the_exit_code(ended: Callable[[Callable[[list[str]], int]], int]) -> None:
    assert ended(lambda args: 4) == 4


def test_an_error_outside_any_command_is_70_naming_only_its_type(
    ended: Callable[[Callable[[list[str]], int]], int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert ended(_raise(RuntimeError("Dana Reyes"))) == 70
    assert capsys.readouterr().err == (
        "Error: internal error (RuntimeError); nothing more is shown to protect records.\n"
    )


def test_ctrl_c_outside_any_command_is_130(
    ended: Callable[[Callable[[list[str]], int]], int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert ended(_raise(KeyboardInterrupt())) == 130
    assert capsys.readouterr().err == "Interrupted: nothing more was changed.\n"


def test_the_ready_line_is_written_only_when_a_test_asks(
    ended: Callable[[Callable[[list[str]], int]], int],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PEERTOOL_TEST_READY", raising=False)
    ended(lambda args: 0)
    assert capsys.readouterr().err == ""
    monkeypatch.setenv("PEERTOOL_TEST_READY", "1")
    ended(lambda args: 0)
    assert capsys.readouterr().err == "peertool: ready\n"
