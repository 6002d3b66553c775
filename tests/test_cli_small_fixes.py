"""The smaller defects a coach's first weeks turned up (issue 24, item 15)."""

import io
import re
import sys
from pathlib import Path

import pytest

from helpers import Cli


def test_enroll_without_a_name_is_a_usage_error(cli: Cli) -> None:
    result = cli("enroll")
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "NAME" in result.stderr and "--from" in result.stderr


@pytest.mark.parametrize("args", [[], ["group"], ["meeting"]])
def test_a_command_group_without_a_command_prints_its_help_on_stdout(cli: Cli, args: list[str]) -> None:
    result = cli(*args)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert re.match(rf"Usage: \S+ {' '.join(args)}".rstrip() + r" \[OPTIONS\] COMMAND", result.stdout), result.stdout
    assert result.stderr == ""


def test_restore_in_a_script_says_to_add_yes_once(riverside: Cli, env: Path) -> None:
    target = env / "backup.db"
    riverside.ok("backup", target)
    refused = riverside("restore", target)
    assert refused.exit_code == 1
    assert refused.stderr.lower().count("--yes") == 1, refused.stderr


def test_pairs_of_a_group_never_paired_says_so_once(riverside: Cli) -> None:
    result = riverside.ok("pairs", "Riverside")
    assert (result.stdout + result.stderr).count("has not been paired yet") == 1, (result.stdout, result.stderr)


def test_db_decrypt_of_a_plain_database_says_so_before_asking(riverside: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def confirm(question: str, **kwargs: object) -> bool:
        asked.append(question)
        return True

    monkeypatch.setattr("typer.confirm", confirm)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    result = riverside("db", "decrypt")
    assert result.exit_code == 1 and "already plain" in result.stderr, result.stderr
    assert asked == []


def test_text_from_a_terminal_says_how_to_end_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from peertool.cli.options import read_stdin

    class Terminal(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal(io.BytesIO(b"Shared her bus plan\n"), encoding="utf-8"))
    assert read_stdin() == "Shared her bus plan\n"
    assert "Ctrl-D" in capsys.readouterr().err


def test_text_from_a_pipe_comes_without_a_hint(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from peertool.cli.options import read_stdin

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"notes\n"), encoding="utf-8"))
    assert read_stdin() == "notes\n"
    assert capsys.readouterr().err == ""


def test_adding_to_a_paired_group_warns_who_has_no_partner(riverside: Cli) -> None:
    riverside.ok("pair", "Riverside")
    riverside.ok("enroll", "Late Comer")
    result = riverside.ok("group", "add", "Riverside", "Late Comer")
    assert "Late Comer (id 11) has no partner" in result.stderr, result.stderr
    assert "11 members, an odd number" in result.stderr
