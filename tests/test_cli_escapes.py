"""Stored text never drives the terminal, and names that could are refused at input (issue 23, item 4).

A database is built by the demo's own steps (every command), then hostile
text is written into every free-text column straight through sqlite3, as an
old database or another tool could hold it. Every step is run again, for
people and as JSON: no raw control character, C1 control or bidirectional
override reaches stdout or stderr, and JSON still decodes to the stored text.
"""

import csv
import io
import json
import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import EXAMPLES, Cli, on_a_terminal

# Written independently of peertool's own list: what a terminal acts on or reorders text by.
DANGEROUS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
HOSTILE = (
    "\x1b[2J\x1b]8;;http://evil.example/\x1b\\Click\x1b]8;;\x1b\\\x9b31m\u202eevil\u2066x\u2069\u200f\u061c\x07\x7f"
)
FREE_TEXT = {
    "participants": ["name", "gender", "external_id", "discharge_reason"],
    "peer_groups": ["name", "location", "coach"],
    "goals": ["text", "domain", "treatment_goal"],
    "goal_updates": ["note"],
    "team_breaks": ["reason"],
    "meetings": ["lesson", "notes", "homework"],
    "meeting_threads": ["tag"],
    "outings": ["activity", "note"],
    "reviews": ["note"],
    "discharges": ["reason"],
    "contact_notes": ["location", "text", "intervention", "response", "plan"],
    "attendee_notes": ["response", "text"],
    "signatures": ["signer"],
    "addenda": ["text", "reason"],
    "connections": ["text"],
    "wellness_plans": ["text"],
    "events": ["to_text", "note", "recorded_by"],
    "community_contacts": ["location", "text"],
}
EXTRA = [  # what the demo does not show
    ["note", "show", "1"],
    ["note", "list", "Dev Harlan"],
    ["participant", "chart", "Ada Quill", "--from", "2026-01-01", "--to", "2026-12-31"],
    ["prep", "Riverside", "--date", "2026-03-22", "--format", "markdown"],
    ["report", "Riverside", "--to", "2026-04-30", "--format", "markdown"],
    ["review", "list", "Dev Harlan"],
    ["connection", "list", "Ada Quill"],
    ["event", "list"],
    ["contact", "list"],
    ["plan", "history", "Ada Quill"],
    ["participant", "show", "11"],
    ["participant", "list", "--status", "discharged"],
    ["schedule", "--group", "Riverside", "--format", "markdown"],
    ["schedule", "--group", "Riverside", "--format", "csv"],
    ["schedule", "--group", "Riverside", "--format", "ics"],
    ["export"],
    ["export", "--deidentify", "--include-notes"],
    ["participant", "show", "no such person"],
    ["meeting", "record", "Riverside", "--date", "2026-03-10"],
]


def _steps(scratch: Path | str) -> list[list[str]]:
    from peertool.cli.demo import STEPS

    files = {"roster": EXAMPLES / "roster.csv", "plan": EXAMPLES / "wellness-plan.md", "scratch": scratch}
    return [[a.format(**files) for a in args] for _, args, _ in STEPS]


def _base(env: Path) -> list[str]:
    return ["--config", str(EXAMPLES / "peertool.yaml"), "--db", str(env / "planted.db")]


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built by every demo step, then hostile text appended to each free-text column by sqlite3."""
    folder = tmp_path_factory.mktemp("planted")
    cli = Cli(folder / "planted.db")
    base = ["--config", str(EXAMPLES / "peertool.yaml"), "--db", str(folder / "planted.db")]
    for args in _steps(folder):
        cli(*base, *args)
    cli(*base, "contact", "add", "--community", "--minutes", "30", "--date", "2026-03-12", "--text", "Clinic talk")
    conn = sqlite3.connect(folder / "planted.db")
    with conn:
        conn.execute("INSERT INTO events (participant_id, kind, happened_on, to_text, note, recorded_by) "
                     "VALUES (1, 'hospitalization', '2026-03-01', 'County', 'Rode there', 'coach')")  # fmt: skip
        for table, columns in FREE_TEXT.items():
            for column in columns:  # name_key stays: REFs by name still find the person
                conn.execute(f"UPDATE {table} SET {column} = coalesce({column}, '') || ?", [HOSTILE])
    conn.execute("VACUUM INTO ?", [str(folder / "template.db")])  # one whole file, whatever is still in a WAL
    conn.close()
    return folder / "template.db"


def _commands() -> list[list[str]]:
    steps = _steps("{scratch}")
    reads = [args for args in steps if not any(a.startswith("{scratch}") for a in args)]
    return reads + EXTRA


@pytest.fixture
def hostile(planted: Path, env: Path) -> Cli:
    shutil.copy(planted, env / "planted.db")
    return Cli(env / "planted.db")


@pytest.mark.parametrize("args", _commands(), ids=" ".join)
def test_no_command_prints_a_stored_control_character_raw(hostile: Cli, env: Path, args: list[str]) -> None:
    for form in ([], ["--json"]):
        result = hostile(*_base(env), *args, *form)
        assert result.exit_code != 70 and result.exception is None or isinstance(result.exception, SystemExit)
        for stream in (result.stdout, result.stderr):
            found = DANGEROUS.search(stream.replace("\r\n", "\n") if "ics" in args else stream)  # a calendar's lines
            assert found is None, (form, f"U+{ord(found.group()):04X}", stream[max(0, found.start() - 60) :][:120])


def test_json_keeps_stored_text_exact_with_the_dangerous_characters_escaped(hostile: Cli, env: Path) -> None:
    result = hostile(*_base(env), "participant", "show", "1", "--json")
    assert "\\u009b" in result.stdout and "\\u202e" in result.stdout and "\\u007f" in result.stdout
    assert json.loads(result.stdout)["name"] == "Ada Quill" + HOSTILE
    exported = hostile(*_base(env), "export")
    assert not DANGEROUS.search(exported.stdout)
    assert json.loads(exported.stdout)["tables"]["participants"][0]["name"] == "Ada Quill" + HOSTILE


@pytest.mark.sqlite_only
def test_the_attendee_note_line_of_meeting_show_is_escaped(riverside: Cli) -> None:
    """The reproduction: a name accepted before this fix (planted now), then noted at a meeting."""
    riverside.ok("meeting", "record", "Riverside", "--date", "2026-03-10", "--all-present")
    riverside.ok("meeting", "note", "1", "1", "--response", "x")
    conn = sqlite3.connect(riverside.db_path)
    with conn:
        conn.execute("UPDATE participants SET name = name || ? WHERE id = 1", [HOSTILE])
    conn.close()
    shown = riverside.ok("meeting", "show", "1")
    assert not DANGEROUS.search(shown.stdout + shown.stderr)
    assert "\\x1b[2J" in shown.stdout


BAD_NAMES = ["Ann\x1b[2J", "Ann\x1b]8;;http://evil.example/\x1b\\Click", "Ann\x9b31m", "Ann\u202eevil", "Ann\tTab",
             "Ann\nLee", "Ann\u200fX", "Ann\u061cX", "Ann\u2066X", "Ann\x7f", "Ann\rX"]  # fmt: skip


@pytest.mark.parametrize("name", BAD_NAMES, ids=ascii)
def test_names_with_control_characters_are_refused_at_input(riverside: Cli, env: Path, name: str) -> None:
    riverside.ok("note", "add", "1", "Called about the bus.")
    before = riverside.dump()
    attempts = [
        ["note", "sign", "1", "--as", f"{name}, CPS"],
        ["enroll", name],
        ["participant", "edit", "1", "--name", name],
        ["group", "create", name, "--start", "2026-01-06", "--weekday", "tue"],
        ["group", "create", "Hilltop", "--start", "2026-01-06", "--weekday", "tue", "--coach", name],
        ["group", "edit", "Riverside", "--name", name],
        ["group", "edit", "Riverside", "--coach", name],
    ]
    quoted = '"' + name.replace('"', '""') + '"'
    (env / "r.csv").write_text(f"name,group\n{quoted},Riverside\n", encoding="utf-8", newline="")
    (env / "r.yaml").write_text("- name: " + json.dumps(name) + "\n", encoding="utf-8")
    attempts += [["enroll", "--from", str(env / "r.csv")], ["enroll", "--from", str(env / "r.yaml")]]
    for args in attempts:
        result = riverside(*args)
        assert result.exit_code == 1, (args, result.exit_code, result.stderr)
        assert "control character" in result.stderr and not DANGEROUS.search(result.stderr), result.stderr
    assert riverside.dump() == before


def test_names_with_invisible_characters_are_refused_at_every_way_in(riverside: Cli, env: Path) -> None:
    """One check for every name (review 28, finding 8): a zero-width space, a line separator, a soft hyphen."""
    riverside.ok("note", "add", "1", "Called about the bus.")
    before = riverside.dump()
    (env / "r.yaml").write_text('- name: "Ann\\u200bLee"\n', encoding="utf-8")
    for args in (["enroll", "Ann\u200bLee"], ["participant", "edit", "1", "--name", "Ada\u2028Quill"],
                 ["group", "create", "Hill\u00adtop", "--start", "2026-01-06", "--weekday", "tue"],
                 ["group", "edit", "Riverside", "--coach", "Rae\ufeffLin"],
                 ["note", "sign", "1", "--as", "Rae\u2060Lin, CPS"],
                 ["enroll", "--from", str(env / "r.yaml")]):  # fmt: skip
        result = riverside(*args)
        assert result.exit_code == 1 and "contains an invisible character (U+" in result.stderr, (args, result.stderr)
    assert riverside.dump() == before


def test_ordinary_names_in_any_script_are_still_accepted(cli: Cli) -> None:
    for name in ("Zoë O'Brien", "محمد علي", "José-María Núñez", "李小龍", "Ngozi Okonkwo-Adeyemi"):
        cli.ok("enroll", name)


INJECTION = "Called about housing.\r=cmd|' /C calc'!A0"


def _lines_of_cells(folder: Path) -> Iterator[tuple[str, list[str]]]:
    """Every line inside every cell of every CSV file, as a spreadsheet would read the file."""
    for path in folder.glob("*.csv"):
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.reader(f):
                for cell in row:
                    yield path.name, re.split("\r\n|\r|\n", cell)[1:]


def test_a_carriage_return_in_a_note_is_quoted_and_the_formula_after_it_neutralised(riverside: Cli, env: Path) -> None:
    """The reproduction: a note with a bare CR and a formula after it, exported identified and de-identified."""
    riverside.ok("note", "add", "1", INJECTION)
    riverside.ok("note", "add", "2", "Line one\n@SUM(A1)\r\n+1+1\r-2 items\nplain")
    for args in (["--format", "csv"], ["--deidentify", "--include-notes", "--format", "csv"]):
        out = env / f"csv-{len(args)}"
        riverside.ok("export", *args, "--out", out)
        manifest = json.loads((out / "manifest.json").read_text())
        for listed in manifest["files"]:
            with open(out / listed["name"], newline="", encoding="utf-8") as f:
                assert len(list(csv.reader(f))) - 1 == listed["rows"], listed["name"]
        later = [line for _, lines in _lines_of_cells(out) for line in lines]
        assert later and not [line for line in later if line[:1] in ("=", "+", "-", "@", "\t")], later


def test_every_cell_with_a_line_break_or_the_delimiter_is_quoted() -> None:
    from peertool.render.output import csv_text

    text = csv_text(["a", "b"], [["x\ry", "p,q"], ['say "hi"', "=1\n=2"], ["", "plain"]])
    assert text == 'a,b\n"x\ry","p,q"\n"say ""hi""","\'=1\n\'=2"\n,plain\n'
    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["a", "b"], ["x\ry", "p,q"], ['say "hi"', "'=1\n'=2"], ["", "plain"]
    ]  # fmt: skip


def test_errors_name_records_by_id_never_by_a_stored_value(riverside: Cli) -> None:
    """Item 7: refusals about records the user named by id never print the group's name or a signer."""
    riverside.ok("group", "edit", "Riverside", "--name", "Zqxgroup Hall")
    riverside.ok("group", "create", "Zqxother", "--start", "2026-01-06", "--weekday", "wed")
    riverside.ok("enroll", "Rue Outsider", "--group", "2")
    riverside.ok("meeting", "record", "1", "--date", "2026-03-10", "--all-present")
    riverside.ok("meeting", "sign", "1", "--as", "Zqxsigner Reyes, CPS")
    riverside.ok("meeting", "record", "1", "--date", "2026-03-17", "--all-present")
    riverside.ok("enroll", "Odd One", "--group", "1")
    refused = [
        riverside("meeting", "edit", "2", "--date", "2030-02-03"),
        riverside("meeting", "sign", "1", "--as", "Dana Reyes, CPS"),
        riverside("meeting", "record", "1", "--date", "2026-03-10"),
        riverside("group", "add", "2", "1"),
        riverside("group", "add", "1", "11"),
        riverside("outing", "log", "1", "--with", "11", "--activity", "Museum", "--date", "2026-03-14"),
        riverside("unpair", "1", "1", "--reason", "never paired"),
        riverside("pair", "1"),
        riverside("pair", "1", "--avoid", "1,11", "--exclude", "12"),
        riverside("prep", "1", "--date", "2028-01-01"),
    ]
    for result in refused:
        assert result.exit_code in (1, 3, 4), (result.exit_code, result.stderr)
        assert "Zqx" not in result.stderr, result.stderr


@pytest.mark.sqlite_only
def test_near_miss_suggestions_name_people_only_on_a_terminal(riverside: Cli, env: Path) -> None:
    piped = riverside("participant", "show", "Ada Quil")
    assert piped.exit_code == 3 and "Ada Quill" not in piped.stderr and "Did you mean" not in piped.stderr
    assert "peertool participant list" in piped.stderr  # still says how to fix it
    in_group = riverside("outing", "log", "Riverside", "--with", "Ada Quil", "--activity", "Museum",
                         "--date", "2026-03-14")  # fmt: skip
    assert in_group.exit_code == 3 and "Ada Quill" not in in_group.stderr
    on_terminal = on_a_terminal(env, "participant", "show", "Ada Quil")
    assert "Did you mean Ada Quill (id 1)?" in on_terminal


@pytest.mark.sqlite_only
def test_a_stored_markdown_link_is_no_hyperlink_on_a_terminal(riverside: Cli, env: Path) -> None:
    """The prep sheet is Markdown drawn by rich: a name written as a link must not become a hidden OSC 8 link."""
    riverside.ok("participant", "edit", "1", "--name", "[Click me](http://evil.example/)")
    shown = on_a_terminal(env, "prep", "Riverside", "--date", "2026-03-11")
    assert "Click me" in shown and "\x1b]8;" not in shown and "http://evil.example/" in shown
