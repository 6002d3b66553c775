"""Every file peertool writes never destroys what is there, and what a killed run left is removed (issue 23)."""

import fcntl
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import PEERTOOL, Arg, Cli, dead_pid, names


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_csv_export_never_replaces_an_existing_folder(riverside: Cli, env: Path) -> None:
    (env / "Documents").mkdir()
    (env / "Documents" / "thesis.txt").write_text("four years of work")
    for extra in ([], ["--force"]):
        result = riverside("export", "--format", "csv", "--out", env / "Documents", *extra)
        assert result.exit_code == 4, result.stderr
        assert (env / "Documents" / "thesis.txt").read_text() == "four years of work"
    assert hidden(env) == []


@pytest.mark.sqlite_only
def test_an_export_at_the_database_or_its_folder_is_refused_even_with_force(riverside: Cli, env: Path) -> None:
    before = riverside.dump()
    data = riverside.db_path.parent
    targets: list[list[Arg]] = [
        ["--format", "csv", "--out", data],
        ["--format", "csv", "--out", env],  # a folder that holds the database's folder
        ["--out", riverside.db_path],
        ["--out", data / "peertool.db-journal"],  # a sidecar that does not exist yet
        ["--format", "csv", "--out", data / "peertool.db-wal"],
    ]
    for args in targets:
        for extra in ([], ["--force"]):
            result = riverside("export", *args, *extra)
            assert result.exit_code == 4, (args, extra, result.stderr)
    assert riverside.dump() == before and len(names(riverside)) == 10
    assert not (data / "peertool.db-journal").exists()


@pytest.mark.sqlite_only
def test_a_calendar_at_the_database_is_refused_even_with_force(riverside: Cli) -> None:
    before = riverside.dump()
    for extra in ([], ["--force"]):
        result = riverside("schedule", "--group", "Riverside", "--format", "ics", "--out", riverside.db_path, *extra)
        assert result.exit_code == 4, result.stderr
    assert riverside.dump() == before


def test_a_file_is_replaced_only_with_force(riverside: Cli, env: Path) -> None:
    (env / "e.json").write_text("mine")
    result = riverside("export", "--out", env / "e.json")
    assert result.exit_code == 4 and "--force" in result.stderr
    assert (env / "e.json").read_text() == "mine"
    riverside.ok("export", "--out", env / "e.json", "--force")
    assert len(json.loads((env / "e.json").read_text())["tables"]["participants"]) == 10
    (env / "year.ics").write_text("mine")
    assert riverside("schedule", "--group", "Riverside", "-f", "ics", "--out", env / "year.ics").exit_code == 4
    riverside.ok("schedule", "--group", "Riverside", "-f", "ics", "--out", env / "year.ics", "--force")
    assert (env / "year.ics").read_text().startswith("BEGIN:VCALENDAR")
    assert hidden(env) == []


def test_force_replaces_only_a_folder_peertool_exported_and_leaves_nothing_stray(riverside: Cli, env: Path) -> None:
    riverside.ok("export", "--format", "csv", "--out", env / "exp")
    assert riverside("export", "--format", "csv", "--out", env / "exp").exit_code == 4
    riverside.ok("export", "--format", "csv", "--deidentify", "--out", env / "exp", "--force")
    assert json.loads((env / "exp" / "manifest.json").read_text())["profile"] == "codes"
    assert hidden(env) == []
    (env / "exp" / "notes.txt").write_text("added by the coach")
    assert riverside("export", "--format", "csv", "--out", env / "exp", "--force").exit_code == 4
    assert (env / "exp" / "notes.txt").exists()


def test_an_export_into_an_empty_folder_is_allowed(riverside: Cli, env: Path) -> None:
    (env / "empty").mkdir()
    riverside.ok("export", "--format", "csv", "--out", env / "empty")
    assert (env / "empty" / "manifest.json").exists()


def test_an_export_at_the_current_folder_is_refused_and_leaves_nothing_stray(riverside: Cli, env: Path) -> None:
    for extra in ([], ["--force"]):
        result = riverside("export", "--format", "csv", "--out", ".", *extra)
        assert result.exit_code == 4, result.stderr
    assert hidden(env) == []
    assert not list(env.parent.glob(f".{env.name}.*"))


@pytest.mark.sqlite_only
def test_a_backup_never_lands_on_a_database_sidecar(riverside: Cli) -> None:
    journal = riverside.db_path.with_name("peertool.db-journal")
    result = riverside("backup", journal)
    assert result.exit_code == 4, result.stderr
    assert not journal.exists()


def test_what_a_killed_run_left_is_removed_by_the_next_run_and_a_live_run_is_left_alone(
    riverside: Cli, env: Path
) -> None:
    gone, alive = dead_pid(), os.getpid()
    stale_folder = env / f".exp.peertool-{gone}-abc123.partial"
    stale_folder.mkdir()
    (stale_folder / "participants.csv").write_text("plaintext names")
    stale_file = env / f".e.json.peertool-{gone}-def456.tmp"
    stale_file.write_text("plaintext")
    live = env / f".e.json.peertool-{alive}-ghi789.tmp"
    live.write_text("being written")
    result = riverside.ok("export", "--out", env / "e.json")
    assert not stale_folder.exists() and not stale_file.exists() and live.exists()
    assert "killed" in result.stderr and stale_file.name in result.stderr


@pytest.mark.sqlite_only
def test_leftovers_beside_the_database_are_removed_when_it_is_next_opened(riverside: Cli) -> None:
    data, gone = riverside.db_path.parent, dead_pid()
    leftovers = [data / f".peertool.db.restore.peertool-{gone}-ab12cd.partial{end}" for end in ("", "-journal")]
    for path in leftovers:
        path.write_bytes(b"SQLite format 3\x00 plaintext records")
    result = riverside.ok("participant", "list")
    assert not any(p.exists() for p in leftovers)
    assert "killed" in result.stderr


KILLED = """
import os, signal, sys
import peertool.render.safety as safety
real = safety.{name}
def dying(*args, **kwargs):
    {body}
safety.{name} = dying
sys.argv = ["peertool", *sys.argv[1:]]
from peertool.entry import main
main()
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "body", "args"),
    [
        ("_csv_table", "real(*args, **kwargs); os.kill(os.getpid(), signal.SIGKILL)", ["--format", "csv"]),
        ("json_export", "args[1]('{\"manifest\"'); os.kill(os.getpid(), signal.SIGKILL)", []),
    ],
)
def test_a_killed_export_leaves_nothing_after_the_next_run(
    riverside: Cli, env: Path, name: str, body: str, args: list[str]
) -> None:
    script = KILLED.format(name=name, body=body)
    out = env / "exports" / "exp"
    out.parent.mkdir()
    killed = subprocess.run([sys.executable, "-c", script, "export", *args, "--out", out], cwd=env)
    assert killed.returncode == -signal.SIGKILL
    assert hidden(out.parent) != []  # the killed run did leave something
    later = subprocess.run([*PEERTOOL, "export", *args, "--out", out], cwd=env, capture_output=True, text=True)
    assert later.returncode == 0, later.stderr
    assert hidden(out.parent) == [] and "killed" in later.stderr


@pytest.mark.sqlite_only
@pytest.mark.slow
def test_a_killed_restore_leaves_no_sidecars_after_the_next_run(riverside: Cli, env: Path) -> None:
    riverside.ok("backup", env / "b.db")
    script = (
        "import os, signal, sys\nimport peertool.safety.backup as b\n"
        "b._swap_in = lambda *a: os.kill(os.getpid(), signal.SIGKILL)\n"
        "sys.argv = ['peertool', *sys.argv[1:]]\nfrom peertool.entry import main\nmain()\n"
    )
    killed = subprocess.run([sys.executable, "-c", script, "restore", env / "b.db", "--yes"], cwd=env)
    assert killed.returncode == -signal.SIGKILL
    data = riverside.db_path.parent
    assert [n for n in hidden(data) if "restore" in n] != []
    later = subprocess.run([*PEERTOOL, "participant", "list"], cwd=env, capture_output=True, text=True)
    assert later.returncode == 0, later.stderr
    assert hidden(data) == []


@pytest.mark.sqlite_only
def test_stale_partials_are_removed_on_the_next_run_and_live_ones_kept(cli: Cli, env: Path) -> None:
    cli.ok("init")
    folder = cli.db_path.parent
    gone = dead_pid()
    stale = folder / f".peertool.db.before-x.bak.peertool-{gone}-abc123.partial"
    stale.write_bytes(b"SQLite format 3\x00 plaintext records")
    live = folder / f".peertool.db.before-y.bak.peertool-{gone}-def456.partial"
    live.write_bytes(b"being written")
    with open(live, "rb") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        cli.ok("participant", "list")
    assert not stale.exists() and live.exists()
