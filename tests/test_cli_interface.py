"""An interface that fits the terminal and the script (issue 15)."""

import datetime as dt
import io
import json
import re
import sys
from pathlib import Path

import pytest

from peertool import clock

from helpers import Cli


@pytest.mark.parametrize(
    "args",
    [["schedule", "--start", "2026-01-06"], ["prep", "Riverside", "--date", "2026-03-01"], ["report", "Riverside"],
     ["export"]],
)  # fmt: skip
def test_json_works_on_every_command_that_shows_records_and_is_compact_in_pipes(
    riverside: Cli, args: list[str]
) -> None:
    text = riverside.ok(*args, "--json").stdout
    assert json.loads(text) and "\n" not in text.rstrip("\n")


def test_created_records_carry_their_ids_and_groups_their_group_id(riverside: Cli, env: Path) -> None:
    riverside.ok("pair", "Riverside")
    team = riverside.json("pairs", "Riverside")["pairs"][0]["members"][0]["id"]
    assert isinstance(riverside.json("unpair", "Riverside", str(team), "--reason", "clash")["id"], int)
    (env / "more.csv").write_text("name\nNia Late\nOmar Dunn\n")
    assert riverside.json("enroll", "--from", env / "more.csv")["ids"] == [11, 12]
    for args in (["pairs", "Riverside"], ["participant", "show", "1"], ["meeting", "record", "Riverside", "--date",
                 "2026-03-10"], ["budget", "Riverside"]):  # fmt: skip
        assert riverside.json(*args)["group_id"] == 1, args


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("today", "2026-03-11"), ("yesterday", "2026-03-10"), ("tomorrow", "2026-03-12"), ("last tue", "2026-03-10"),
     ("next tue", "2026-03-17"), ("last wed", "2026-03-04"), ("next wed", "2026-03-18"), ("2026-03-03", "2026-03-03")],
)  # fmt: skip
def test_dates_as_people_say_them(riverside: Cli, typed: str, expected: str) -> None:
    with clock.frozen(dt.date(2026, 3, 11)):  # a Wednesday
        meeting = riverside.json("meeting", "record", "Riverside", "--date", typed, "--future")
    assert meeting["date"] == expected


def test_meeting_record_without_a_date_takes_the_latest_scheduled_meeting(riverside: Cli) -> None:
    with clock.frozen(dt.date(2026, 3, 12)):  # a Thursday: the group met on Tuesday
        result = riverside("meeting", "record", "Riverside", "--json")
    assert json.loads(result.stdout)["date"] == "2026-03-10" and "2026-03-10" in result.stderr
    odd_day = riverside("meeting", "record", "Riverside", "--date", "2026-03-12")
    assert odd_day.exit_code == 0 and "Warning" in odd_day.stderr and "tue" in odd_day.stderr


def test_attendance_shortcuts(riverside: Cli) -> None:
    meeting = riverside.json(
        "meeting", "record", "Riverside", "--date", "2026-03-10", "--absent", "1,2", "--absent", "3"
    )
    assert [p["id"] for p in meeting["absent"]] == [1, 2, 3]
    everyone = riverside.json("meeting", "record", "Riverside", "--date", "2026-03-17", "--all-present")
    assert len(everyone["present"]) == 10 and everyone["absent"] == []


def test_names_match_as_they_look_and_near_misses_are_suggested(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    cli.ok("enroll", "Zoë O'Brien")
    decomposed = "Zoe\u0308 O\u2019Brien"  # the same name typed with a combining diaeresis and a curly apostrophe
    assert cli.json("participant", "show", decomposed)["name"] == "Zoë O'Brien"
    missed = cli("participant", "show", "Zoe OBrian")
    assert missed.exit_code == 3 and "Zoë" not in missed.stderr  # stored names only to a person at a terminal
    monkeypatch.setattr("peertool.cli.failures.stderr_on_terminal", lambda: True)
    missed = cli("participant", "show", "Zoe OBrian")
    assert missed.exit_code == 3 and "did you mean" in missed.stderr.lower() and "id 1" in missed.stderr
    themes = cli("lessons", "--theme", "Selfcare")
    assert themes.exit_code == 3 and "Self-Care" in themes.stderr


def test_the_config_is_checked_by_every_command(cli: Cli, env: Path) -> None:
    cli.ok("init")
    (env / "broken.yaml").write_text("group_size: [\n")
    for args in (["group", "list"], ["db", "path"], ["schedule"], ["participant", "list"]):
        assert cli("--config", env / "broken.yaml", *args).exit_code == 5, args


def test_config_init_writes_a_private_commented_starter(cli: Cli, env: Path) -> None:
    result = cli("config", "init")
    path = env / "xdg" / "peertool" / "config.yaml"
    assert result.exit_code == 0 and str(path) in result.stderr
    assert path.stat().st_mode & 0o777 == 0o600 and path.read_text().startswith("#")
    assert cli("config", "init").exit_code == 4  # never overwrites
    assert cli.ok("config", "show").stdout


def test_the_editor_opens_a_template_and_an_empty_or_untouched_draft_saves_nothing(
    riverside: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    seen = tmp_path / "seen.txt"
    keep = tmp_path / "keep.py"  # saves the template unchanged, and copies it for the test to read
    keep.write_text(f"import shutil, sys\nshutil.copy(sys.argv[1], {str(seen)!r})\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {keep}")
    before = riverside.dump()
    untouched = riverside("meeting", "record", "Riverside", "--date", "2026-03-10", "--edit")
    assert untouched.exit_code == 1 and "nothing was saved" in untouched.stderr
    template = seen.read_text()
    assert "Riverside" in template and "2026-03-10" in template and "Social Interaction" in template
    assert all(line.startswith("#") for line in template.splitlines() if line.strip())
    empty = tmp_path / "empty.py"
    empty.write_text("import sys\nopen(sys.argv[1], 'w').write('# only a comment\\n\\n')\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {empty}")
    assert riverside("meeting", "record", "Riverside", "--date", "2026-03-10", "--edit").exit_code == 1
    assert riverside.dump() == before
    write = tmp_path / "write.py"
    write.write_text("import sys\nt = open(sys.argv[1]).read()\nopen(sys.argv[1], 'w').write(t + 'Good night.\\n')\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {write}")
    assert riverside.json("meeting", "record", "Riverside", "--date", "2026-03-10", "--edit")["notes"] == "Good night."


@pytest.mark.sqlite_only
def test_bash_completion_offers_commands_groups_and_people(riverside: Cli, env: Path) -> None:
    import os
    import subprocess

    from helpers import PEERTOOL

    def complete(words: str) -> list[str]:
        completion = {"COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1),
                      "_PEERTOOL_COMPLETE": "complete_bash"}  # fmt: skip
        done = subprocess.run(PEERTOOL, env={**os.environ, **completion}, capture_output=True, text=True, timeout=60)
        return done.stdout.splitlines()  # one completion a line, as bash reads them

    assert "meeting" in complete("peertool mee")
    assert complete("peertool group show Ri") == ["Riverside"]
    assert complete("peertool meeting record Riverside --present Ad") == ["'Ada Quill'"]  # quoted for bash
    script = subprocess.run([*PEERTOOL, "--show-completion", "bash"], capture_output=True, text=True, timeout=60)
    assert "complete -o default -F _peertool_completion peertool" in script.stdout


@pytest.mark.parametrize("width", [80, 100])
def test_tables_fit_the_terminal_without_splitting_words_or_dates(
    riverside: Cli, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:

    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setattr("peertool.render.output.stdout_is_terminal", lambda: True)  # the runner's stdout is a pipe
    riverside.ok("meeting", "record", "Riverside", "--date", "2026-03-10", "--absent", "2", "--thread", "isolation")
    riverside.ok("goal", "update", "1", "--status", "achieved", "--note", "Rode the number fourteen bus on her own")
    for args in (["report", "Riverside"], ["participant", "list"], ["goal", "list"], ["meeting", "list", "Riverside"],
                 ["audit", "--last", "5"], ["group", "list"]):  # fmt: skip
        out = riverside.ok(*args).stdout
        assert max(len(line) for line in out.splitlines()) <= width, args
        assert not re.search(r"\b\d{4}-\d{1,2}\s*[│┃]\s*\n", out), args  # a date cut at the border
        assert not re.search(r"partne\s*[│┃]", out) and not re.search(r"\d{4}-\d\s*[│┃]", out), (args, out)


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
