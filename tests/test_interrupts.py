"""Ctrl-C remembered: the handler raises the same KeyboardInterrupt Python's would, and notes that it did."""

import signal
from collections.abc import Iterator

import pytest

from peertool import interrupts


@pytest.fixture
def watched(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The noting handler installed; Python's handler and the process's flag put back afterwards."""
    monkeypatch.setattr(interrupts, "_pressed", False)
    before = signal.getsignal(signal.SIGINT)
    interrupts.watch()
    yield
    signal.signal(signal.SIGINT, before)


def test_nothing_is_pressed_until_ctrl_c(watched: None) -> None:
    assert signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    assert interrupts.pressed() is False


def test_ctrl_c_raises_keyboard_interrupt_and_is_remembered(watched: None) -> None:
    with pytest.raises(KeyboardInterrupt):
        signal.raise_signal(signal.SIGINT)
    assert interrupts.pressed() is True
