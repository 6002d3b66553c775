"""Every kind of failure, raised inside a command, ends in its documented exit code and its one message.

The failure is planted in the library function `participant list` calls, so
each row goes through the whole exit path (`base.PeertoolGroup.invoke`,
`process.exit_code`) exactly as a real failure would.
"""

import errno
import io
import signal
import sqlite3
from collections.abc import Iterator

import pytest
import typer
from typer.testing import Result

from peertool.cli import failures, process
from peertool.errors import FREE_SPACE, Busy, ConfigError, Conflict, InvalidInput, IOFailure, NotFound

from helpers import Cli

try:  # Typer >= 0.29 vendors Click as typer._click; older releases use Click itself.
    from typer._click.exceptions import ClickException, UsageError
except ImportError:  # pragma: no cover
    from click.exceptions import ClickException, UsageError  # type: ignore[assignment]

INTERNAL = "Error: internal error ({}); nothing more is shown to protect records."
CLOSED_HINT = "Write it somewhere else, e.g. to a file."
SEE_HELP = "See `peertool participant list --help` for what it accepts."

CASES = [
    ("invalid", InvalidInput("the date is odd.", hint="Type a date."), 1, ["Error: the date is odd.", "Type a date."]),
    ("not found", NotFound("no such thing."), 3, ["Error: no such thing.", SEE_HELP]),
    ("conflict", Conflict("two of them."), 4, ["Error: two of them.", SEE_HELP]),
    ("bad config", ConfigError("a bad key."), 5, ["Error: a bad key.", SEE_HELP]),
    ("io", IOFailure("the disk is gone."), 74, ["Error: the disk is gone.", SEE_HELP]),
    ("busy error", Busy("busy."), 75, ["Error: busy.", SEE_HELP]),
    ("usage", UsageError("no such mode."), 2, ["Error: no such mode.", "Try 'root participant list --help' for help."]),
    ("click", ClickException("cannot."), 1, ["Error: cannot."]),
    ("abort", typer.Abort(), 1, ["Aborted: nothing was changed."]),
    ("name too long", OSError(errno.ENAMETOOLONG, "File name too long"), 1,
     ["Error: a file or folder name is too long.", "Use a shorter path."]),
    ("disk full", OSError(errno.ENOSPC, "No space left"), 74,
     ["Error: input/output failed: the disk is full.", FREE_SPACE]),
    ("other os error", OSError(errno.ENXIO, "No such device or address"), 74,
     ["Error: input/output failed: No such device or address.", "Check the disk, then retry."]),
    ("output closed", OSError(errno.EBADF, "Bad file descriptor"), 74,
     ["Error: the output could not be written: standard output is closed.", CLOSED_HINT]),
    ("reader gone", BrokenPipeError(errno.EPIPE, "Broken pipe"), 74, []),
    ("storage full", sqlite3.OperationalError("database or disk is full"), 74,
     ["Error: the disk is full; nothing was changed.", FREE_SPACE]),
    ("storage read-only", sqlite3.OperationalError("attempt to write a readonly database"), 74,
     ["Error: the database is read-only; nothing was changed.",
      "Check the file's permissions, or copy it somewhere writable."]),
    ("busy", sqlite3.OperationalError("database is locked"), 75,
     ["Error: the database is busy: another process kept it locked for 10 s.",
      "Try again, or wait longer with PEERTOOL_BUSY_TIMEOUT=SECONDS."]),
    ("database", sqlite3.DatabaseError("file is not a database"), 70, [INTERNAL.format("database: DatabaseError")]),
    ("anything else", RuntimeError("Dana Reyes said so"), 70, [INTERNAL.format("RuntimeError")]),
]  # fmt: skip


@pytest.fixture(autouse=True)
def stdout_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """An output failure points fd 1 at /dev/null; in the test process that is pytest's own stdout."""
    monkeypatch.setattr(failures, "silence_stdout", lambda: None)


@pytest.fixture
def listing(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[BaseException]]:
    """`participant list`, with whatever the test puts in the returned list raised inside it."""
    from peertool.people import participants

    cli.ok("init")
    planted: list[BaseException] = []

    def fail(*args: object, **kwargs: object) -> None:
        raise planted[0]

    monkeypatch.setattr(participants, "list_participants", fail)
    yield planted


def _lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line]


@pytest.mark.parametrize(("kind", "exc", "code", "lines"), CASES, ids=[case[0] for case in CASES])
def test_each_failure_has_its_code_and_its_message(
    cli: Cli, listing: list[BaseException], kind: str, exc: BaseException, code: int, lines: list[str]
) -> None:
    listing.append(exc)
    result = cli("participant", "list")
    assert (result.exit_code, _lines(result)) == (code, lines)
    assert "Traceback" not in result.stderr and "Dana" not in result.stderr


def test_ctrl_c_inside_a_command_is_130_in_one_line(cli: Cli, listing: list[BaseException]) -> None:
    listing.append(KeyboardInterrupt())
    previous = signal.getsignal(signal.SIGINT)
    try:
        result = cli("participant", "list")
    finally:
        signal.signal(signal.SIGINT, previous)  # the goodbye ignores a second Ctrl-C
    assert (result.exit_code, _lines(result)) == (130, ["Interrupted: nothing more was changed."])


def test_an_output_that_fails_after_a_commit_says_what_this_run_saved(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peertool.render import output

    cli.ok("init")
    cli.ok("enroll", "Tess Nolan")  # an earlier run's save is not this run's
    reader_gone = BrokenPipeError(errno.EPIPE, "Broken pipe")

    def gone(*args: object, **kwargs: object) -> None:
        raise reader_gone

    monkeypatch.setattr(output, "emit_json", gone)
    assert (cli("participant", "list", "--json").exit_code, cli("participant", "list", "--json").stderr) == (74, "")
    result = cli("enroll", "Uma Vance", "--json")
    assert (result.exit_code, _lines(result)) == (74, [
        "Error: the change was saved (participants id 2), but its output could not be written: "
        "the reading program stopped.",
        "Do not run the command again; check with a `list` or `show` command.",
    ])  # fmt: skip


class _FullStdout(io.StringIO):
    """A stdout on a full disk: text is taken, the flush at the end fails."""

    def flush(self) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_process_whose_last_flush_fails_says_what_it_saved(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cli.ok("init")
    monkeypatch.setattr("sys.stdout", _FullStdout())
    assert process.run(["enroll", "Tess Nolan", "--json"]) == 74
    assert capsys.readouterr().err.splitlines() == [
        "Error: the change was saved (participants id 1), but its output could not be written: the disk is full.",
        "Do not run the command again; check with a `list` or `show` command.",
    ]
    monkeypatch.setattr("sys.stdout", _FullStdout())
    assert process.run(["participant", "list", "--json"]) == 74  # nothing saved by this run
    assert capsys.readouterr().err.splitlines() == [
        "Error: the output could not be written: the disk is full.",
        CLOSED_HINT,
    ]


def test_an_argument_that_is_not_utf8_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert process.run(["participant", "show", "Ad\udcff"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "Error: argument 3 is not valid UTF-8 text.",
        "Retype it, or set your terminal to UTF-8.",
    ]
