"""The README's "JSON shapes" table is what the commands print."""

import json
import re
from pathlib import Path

import pytest

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()
SECTION = README[README.index("## JSON shapes") : README.index("## Exit codes")]
DOCUMENTED = {
    row.group(1): re.findall(r"`([a-z_]+)`", row.group(2))
    for row in re.finditer(r"^\| `([a-z -]+)`[^|]*\| (.+) \|$", SECTION, re.MULTILINE)
}

# The command each row names, run on a season with one of everything.
RUNS = {
    "participant show": ["participant", "show", "1"],
    "participant list": ["participant", "list"],
    "group show": ["group", "show", "Riverside"],
    "group list": ["group", "list"],
    "pairs": ["pairs", "Riverside"],
    "meeting show": ["meeting", "show", "1"],
    "meeting list": ["meeting", "list", "Riverside"],
    "note list": ["note", "list", "1"],
    "meeting note": ["meeting", "note", "1", "1", "--response", "Shared a plan"],
    "participant chart": ["participant", "chart", "1"],
    "goal list": ["goal", "list", "1"],
    "measure list": ["measure", "list"],
    "connection list": ["connection", "list"],
    "plan show": ["plan", "show", "1"],
    "plan history": ["plan", "history", "1"],
    "outing list": ["outing", "list", "Riverside"],
    "budget": ["budget", "Riverside"],
    "review list": ["review", "list"],
    "report": ["report", "Riverside"],
    "prep": ["prep", "Riverside", "--date", "2026-03-01"],
    "schedule": ["schedule", "--start", "2026-01-06"],
    "threads": ["threads", "Riverside"],
    "lessons": ["lessons"],
    "audit": ["audit", "--last", "2"],
    "audit verify": ["audit", "verify"],
    "export": ["export"],
    "db path": ["db", "path"],
    "config show": ["config", "show"],
}


@pytest.fixture
def season(riverside, env):
    riverside.ok("meeting", "record", "Riverside", "--date", "2026-03-10", "--absent", "2", "--thread", "sleep")
    riverside.ok("note", "add", "1", "Called")
    riverside.ok("outing", "log", "Riverside", "--with", "1", "--date", "2026-03-14", "--activity", "Walk")
    riverside.ok("review", "1", "--progressing", "yes", "--wants-to-continue", "yes")
    riverside.ok("pair", "Riverside")
    riverside.ok("measure", "add", "1", "who5", "--answers", "3,3,3,3,3")
    riverside.ok("connection", "add", "1", "Book club", "--kind", "group")
    riverside.ok("plan", "edit", "1", "--from", "-", input="## Triggers\nCrowds\n")
    return riverside


def keys(data) -> list[str]:
    return list((data[0] if isinstance(data, list) else data).keys())


def test_every_row_is_checked():
    assert len(DOCUMENTED) >= 25
    unchecked = set(DOCUMENTED) - set(RUNS) - {"enroll --from", "pair", "unpair", "backup", "restore",
                                                 "participant delete", "note lint", "db encrypt"}  # fmt: skip
    assert unchecked == set()


@pytest.mark.parametrize("command", sorted(RUNS))
def test_the_json_keys_are_the_documented_ones(season, command):
    result = season.ok(*RUNS[command], "--json")
    assert keys(json.loads(result.stdout)) == DOCUMENTED[command]


def test_the_json_of_commands_that_create_records(season, env):
    (env / "r.csv").write_text("name\nNia Late\n")
    assert keys(season.json("enroll", "--from", env / "r.csv")) == DOCUMENTED["enroll --from"]
    assert keys(season.json("pair", "Riverside", "--dry-run")) == DOCUMENTED["pair"]
    team = season.json("pairs", "Riverside")["pairs"][0]["members"][0]["id"]
    assert keys(season.json("unpair", "Riverside", str(team), "--reason", "x")) == DOCUMENTED["unpair"]
    assert keys(season.json("backup", env / "b.db")) == DOCUMENTED["backup"]
    assert keys(season.json("restore", env / "b.db", "--yes")) == DOCUMENTED["restore"]
    assert keys(season.json("participant", "delete", "11", "--yes")) == DOCUMENTED["participant delete"]
    linted = season("note", "lint", "--json")
    assert linted.exit_code == 1 and keys(json.loads(linted.stdout)) == DOCUMENTED["note lint"]
