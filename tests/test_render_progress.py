"""A progress bar for a person at a terminal, and nothing at all in a script or a pipe."""

import io

import pytest

from peertool.render.progress import progress_bar


class _Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_off_a_terminal_nothing_is_drawn(capsys: pytest.CaptureFixture[str]) -> None:
    with progress_bar("Importing", total=3) as tick:
        for _ in range(3):
            tick()
    assert capsys.readouterr() == ("", "")


def test_at_a_terminal_the_bar_is_drawn_on_stderr_and_cleared(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    with progress_bar("Importing", total=2) as tick:
        tick()
        tick()
    drawn = terminal.getvalue()
    assert "Importing" in drawn and "100%" in drawn
    assert capsys.readouterr().out == ""  # stdout stays data
