"""Commands that need no database must not import the database or file-format libraries."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import Cli

PROBE = """
import json, sys
sys.argv = ["peertool", *sys.argv[1:]]
from peertool.entry import main
try:
    main()
except SystemExit:
    pass
heavy = sorted({m.split('.')[0] for m in sys.modules} & {"sqlite_utils", "yaml", "icalendar", "sqlite3"})
print(json.dumps(heavy), file=sys.__stderr__)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["--help"],
        ["schedule"],
        ["schedule", "-f", "json"],
        ["schedule", "--start", "2026-01-06", "-f", "csv"],
        ["enroll", "--help"],
    ],
)
def test_light_commands_import_no_heavy_modules(env: Path, args: list[str]) -> None:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60)
    assert json.loads(result.stderr.strip().splitlines()[-1]) == []


def test_schedule_json_imports_neither_zoneinfo_nor_calendar(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TZ", raising=False)
    probe = PROBE.replace('{"sqlite_utils", "yaml", "icalendar", "sqlite3"}', '{"zoneinfo", "calendar"}')
    result = subprocess.run(
        [sys.executable, "-c", probe, "schedule", "--json"], capture_output=True, text=True, timeout=60
    )
    assert json.loads(result.stderr.strip().splitlines()[-1]) == []


@pytest.mark.parametrize(
    "args",
    [["participant", "show", "1", "--json"], ["participant", "list", "--json"], ["group", "show", "1", "--json"],
     ["pairs", "1", "--json"], ["db", "path"], ["schedule", "--json"]],
)  # fmt: skip
def test_reads_as_json_load_no_migration_machinery_no_pydantic_and_no_rich(riverside: Cli, args: list[str]) -> None:
    probe = PROBE.replace('{"sqlite_utils", "yaml", "icalendar", "sqlite3"}', '{"sqlite_utils", "pydantic", "rich"}')
    result = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=60)
    assert json.loads(result.stderr.strip().splitlines()[-1]) == []


def test_prep_reads_the_built_in_lessons_without_importing_yaml(riverside: Cli) -> None:
    probe = PROBE.replace('{"sqlite_utils", "yaml", "icalendar", "sqlite3"}', '{"yaml", "rich"}')
    args = ["prep", "Riverside", "--format", "json", "--date", "2026-03-03"]  # within Riverside's program year
    result = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=60)
    assert '"lessons"' in result.stdout, result.stderr
    assert json.loads(result.stderr.strip().splitlines()[-1]) == []


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "args", [["participant", "list", "--json"], ["enroll", "Nia Cole"], ["participant", "show", "99"], ["init"]]
)
def test_a_sqlite_database_never_loads_the_postgresql_driver(riverside: Cli, args: list[str]) -> None:
    """psycopg costs a fifth of a second: reads, writes and refusals on a file never import it (issue 29)."""
    probe = PROBE.replace('{"sqlite_utils", "yaml", "icalendar", "sqlite3"}', '{"psycopg"}')
    result = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=60)
    assert json.loads(result.stderr.strip().splitlines()[-1]) == []
