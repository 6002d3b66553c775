"""Remembering that Ctrl-C was pressed, so an interrupt that surfaces as another error still exits 130.

A KeyboardInterrupt raised inside an import or a library's clean-up can come
out as a different exception with no trace of the interrupt in its chain (an
import lock left half-released raises a bare RuntimeError). Python's own
handler is replaced by one that raises the same KeyboardInterrupt but notes
that it did.
"""

import signal
from types import FrameType

_pressed = False


def watch() -> None:
    """Install the noting handler (the process's main thread only, as signals require)."""
    signal.signal(signal.SIGINT, _note)


def _note(signum: int, frame: FrameType | None) -> None:
    global _pressed
    _pressed = True
    raise KeyboardInterrupt


def pressed() -> bool:
    """Whether Ctrl-C has reached this process since `watch()`."""
    return _pressed
