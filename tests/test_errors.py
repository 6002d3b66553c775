"""The typed errors: each carries its documented exit code, a message of bounded size, and OS failures in words."""

import errno

import pytest

from peertool import errors
from peertool.errors import (
    Busy,
    ConfigError,
    Conflict,
    InvalidInput,
    IOFailure,
    NotFound,
    NotPermitted,
    PeertoolError,
    Unavailable,
    UsageError,
    os_failure,
    shown,
)

KINDS = [
    (InvalidInput, 1), (UsageError, 2), (NotFound, 3), (Conflict, 4), (ConfigError, 5),
    (Unavailable, 69), (IOFailure, 74), (Busy, 75), (NotPermitted, 77),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "code"), KINDS)
def test_each_error_exits_with_its_documented_code(kind: type[PeertoolError], code: int) -> None:
    assert kind("x").exit_code == code
    assert PeertoolError("x").exit_code == errors.EXIT_INTERNAL == 70  # an error with no kind is internal


def test_the_exit_code_table_is_the_documented_one() -> None:
    table = {name: value for name, value in vars(errors).items() if name.startswith("EXIT_")}
    assert table == {
        "EXIT_INVALID": 1, "EXIT_USAGE": 2, "EXIT_NOT_FOUND": 3, "EXIT_CONFLICT": 4, "EXIT_CONFIG": 5,
        "EXIT_UNAVAILABLE": 69, "EXIT_INTERNAL": 70, "EXIT_IO": 74, "EXIT_BUSY": 75, "EXIT_NOT_PERMITTED": 77,
        "EXIT_INTERRUPTED": 130,
    }  # fmt: skip


def test_a_value_shown_in_a_message_is_quoted_and_cut_in_the_middle() -> None:
    assert shown("Ada") == "'Ada'"
    long = "/home/coach/" + "x" * 200 + "/roster.csv"
    cut = shown(long, limit=30)
    assert cut.startswith("'/home/coach/") and cut.endswith("roster.csv'") and "…" in cut
    assert len(cut) == 30 + 2  # the limit, and the quotes


def test_a_message_never_floods_the_terminal_and_keeps_its_hints() -> None:
    error = InvalidInput("y" * 5000, hint="Shorten it.", suggestion="Did you mean 'Ada Quill'?")
    assert len(error.message) == errors.MESSAGE_LIMIT and error.message.endswith("…")
    assert str(error) == error.message
    assert (error.hint, error.suggestion) == ("Shorten it.", "Did you mean 'Ada Quill'?")


def test_os_failures_are_plain_words_with_a_hint_that_fits_the_cause() -> None:
    full = os_failure(OSError(errno.ENOSPC, "No space left on device", "/private/path"))
    assert full == ("the disk is full", errors.FREE_SPACE)
    denied = os_failure(OSError(errno.EACCES, "Permission denied"))
    assert denied[0] == "permission denied" and "space" not in denied[1]
    unknown = os_failure(OSError(errno.ENOTCONN, "Transport endpoint is not connected"))
    assert unknown == ("Transport endpoint is not connected", "Check the disk, then retry.")
    assert "/private/path" not in " ".join(full)  # never the path
