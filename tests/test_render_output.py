"""Output: tables for people fit the terminal, or leave columns out with a note; pipes and files get every column
as TSV; a spreadsheet cell never starts a formula."""

import errno
import io
import re
from pathlib import Path

import pytest

from peertool.render import output
from peertool.render.output import json_text, message, sheet, spreadsheet_cell, to_stderr

from helpers import FORMULAS, Cli


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


BOX = "│┃"
# a date, time or id cut at a cell's border: the rest would be on the next line
CUT = re.compile(r"\b\d{4}-(\d?|\d\d-\d?)\s*[│┃]|\d{4}-\d\d-\d\dT(?!\d\d:\d\d:\d\dZ)\S*\s*[│┃]")


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """stdout taken for a terminal, as a person's shell would have it (the runner's stdout is a pipe)."""
    monkeypatch.setattr(output, "stdout_is_terminal", lambda: True, raising=False)


@pytest.fixture
def busy(riverside: Cli) -> Cli:
    """Riverside after a year's worth of records: lessons, threads, goal updates, measures, connections."""
    r = riverside
    r.ok("meeting", "record", "Riverside", "--date", "2026-03-10", "--absent", "2", "--thread", "isolation",
         "--lesson", "Calming Skills", "--thread", "housing-search")  # fmt: skip
    r.ok("meeting", "record", "Riverside", "--date", "2026-03-17", "--all-present", "--thread", "transportation")
    r.ok("goal", "update", "1", "--status", "achieved", "--note", "Rode the number fourteen bus on her own",
         "--date", "2026-03-20")  # fmt: skip
    r.ok("goal", "update", "2", "--status", "active", "--note", "Booked the written test", "--date", "2026-03-21")
    for who in ("1", "2", "3"):
        r.ok("measure", "add", who, "who5", "--answers", "2,2,1,2,2", "--date", "2026-01-06")
        r.ok("measure", "add", who, "who5", "--answers", "4,4,3,4,4", "--date", "2026-04-07")
    r.ok("connection", "add", "1", "Tuesday garden club", "--kind", "group", "--mainstream", "--date", "2026-02-10")
    return r


COMMANDS = [
    ["meeting", "list", "Riverside"],
    ["goal", "list"],
    ["report", "Riverside", "--from", "2026-01-01", "--to", "2026-12-31"],
    ["audit", "--last", "20"],
    ["config", "show"],
    ["participant", "list"],
    ["group", "list"],
]


@pytest.mark.parametrize("width", [80, 60])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_every_table_fits_the_terminal_and_splits_no_date(
    busy: Cli, terminal: None, monkeypatch: pytest.MonkeyPatch, width: int, args: list[str]
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = busy.ok(*args)
    lines = result.stdout.splitlines()
    assert lines and max(len(line) for line in lines) <= width, (args, result.stdout)
    assert not CUT.search(result.stdout), (args, result.stdout)
    assert "…" not in result.stdout, (args, result.stdout)  # nothing cut with an ellipsis
    assert any(line.startswith("┏") for line in lines)  # a box table, not the pipe's TSV
    boxed = [line.rstrip() for line in lines if line[:1] in "┏┃┡│└"]
    assert all(line[-1] in "┓┃┩│┘" for line in boxed), (args, result.stdout)  # no table cropped at the edge


@pytest.mark.parametrize("width", [80, 60])
def test_the_months_of_connections_are_one_line_or_left_out_with_a_note(
    busy: Cli, terminal: None, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    report = busy.json("report", "Riverside", "--from", "2026-01-01", "--to", "2026-12-31")
    ada = next(p for p in report["participants"] if p["id"] == 1)
    months = " ".join(str(m["active"]) for m in ada["connections"]["by_month"])
    assert len(months.split()) == 12
    result = busy.ok("report", "Riverside", "--from", "2026-01-01", "--to", "2026-12-31")
    assert months in result.stdout or "active each month" in result.stderr, (result.stdout, result.stderr)
    if width == 80:
        assert months in result.stdout
        group = next(line for line in result.stdout.splitlines() if "month end" in line)  # the group's months
        assert "unclassified" in group and "mainstream share" in group


def test_audit_verify_prints_the_head_whole_on_one_line(
    busy: Cli, terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    head = busy.json("audit", "verify")["head"]
    out = busy.ok("audit", "verify").stdout
    assert any(head in line for line in out.splitlines()), out
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.mark.parametrize("width", [80, 60])
def test_config_show_keeps_its_source_column_or_says_it_left_it_out(
    cli: Cli, terminal: None, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = cli.ok("config", "show")
    assert max(len(line) for line in result.stdout.splitlines()) <= width, result.stdout
    shown = "source" in result.stdout.splitlines()[2]
    assert shown or "Not shown at this width: source" in result.stderr, (result.stdout, result.stderr)
    assert shown or width < 80


def test_a_pipe_gets_every_column_as_tsv_with_a_header(busy: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    out = busy.ok("participant", "list").stdout
    lines = out.splitlines()
    assert lines[0].split("\t") == ["id", "name", "group", "stage", "gender", "interests", "enrolled"]
    assert len(lines) == 11 and all(len(line.split("\t")) == 7 for line in lines)
    assert lines[1].split("\t")[:2] == ["1", "Ada Quill"] and re.fullmatch(r"\d{4}-\d\d-\d\d", lines[1].split("\t")[6])
    config = busy.ok("config", "show").stdout.splitlines()
    assert config[0] == "key\tvalue\tsource" and "group_size.min\t6\tdefault" in config


def test_tsv_cells_keep_one_row_per_line_with_controls_escaped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(output, "stdout_is_terminal", lambda: False, raising=False)
    output.table("Notes", ["id", "note"], [[1, "two\nlines\tand a tab \x1b[2J"], [2, None]])
    assert capsys.readouterr().out == "id\tnote\n1\ttwo\\nlines\\tand a tab \\x1b[2J\n2\t\n"


def test_a_hash_column_that_does_not_fit_is_left_out_whole_with_a_note(
    terminal: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    digest = "786db576591874354daa5275886ed70a6e7e9de5ef4b8327436f192569674cee"
    output.table("Seals", ["id", "at", "hash"], [[1, "2026-12-03T22:49:04Z", digest]])
    captured = capsys.readouterr()
    assert digest[:20] not in captured.out and "2026-12-03T22:49:04Z" in captured.out
    assert "hash" in captured.err and "--json" in captured.err
    monkeypatch.setenv("COLUMNS", "120")
    output.table("Seals", ["id", "at", "hash"], [[1, "2026-12-03T22:49:04Z", digest]])
    assert digest in capsys.readouterr().out


def test_a_whole_cell_is_never_wrapped(
    terminal: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    months = " ".join("0" for _ in range(12))
    output.table(None, ["id", "note", "by month"], [[1, "a few words that can wrap", output.whole(months)]])
    captured = capsys.readouterr()
    assert months in captured.out and max(len(line) for line in captured.out.splitlines()) <= 40


@pytest.mark.sqlite_only
def test_a_real_terminal_gets_the_box_and_a_pipe_the_tsv(busy: Cli, env: Path) -> None:
    """Whether stdout is a terminal is asked of stdout itself: a pseudo-terminal gets a box, a pipe gets TSV."""
    import os
    import subprocess

    from helpers import PEERTOOL, on_a_terminal

    boxed = re.sub(r"\x1b\[[0-9;]*m", "", on_a_terminal(env, "participant", "list", columns=80))  # bold headers
    assert "┏" in boxed and "\t" not in boxed
    assert max(len(line) for line in boxed.splitlines()) <= 80, boxed
    environment = {**os.environ, "PEERTOOL_DB": str(env / "data" / "peertool.db"), "COLUMNS": "80"}
    piped = subprocess.run([*PEERTOOL, "participant", "list"], capture_output=True, text=True, env=environment,
                           timeout=60, check=True)  # fmt: skip
    assert piped.stdout.splitlines()[0] == "id\tname\tgroup\tstage\tgender\tinterests\tenrolled"


def test_sheet_and_json_text(capsys: pytest.CaptureFixture[str]) -> None:
    sheet({"a": 1}, "json", lambda d: "md", lambda d: print("table"))
    sheet({"a": 1}, "markdown", lambda d: "md\n", lambda d: print("table"))
    sheet({"a": 1}, "table", lambda d: "md", lambda d: print("table"))
    assert capsys.readouterr().out == '{"a": 1}\nmd\ntable\n'
    assert json_text({"é": [1]}) == '{"é": [1]}\n'


@pytest.mark.parametrize("text", FORMULAS)
def test_a_formula_is_prefixed_with_a_quote(text: str) -> None:
    assert spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize("value", [12, -5, "-5", "-12.50", "3.0", "", None, "Ada Quill", "a=b"])
def test_plain_numbers_and_text_stay_as_they_are(value: int | str | None) -> None:
    assert spreadsheet_cell(value) == ("" if value is None else str(value))
