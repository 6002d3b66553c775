"""The generated references (docs/cli.md, docs/schema.md, the README's settings table, examples/peertool.yaml)
are those the code makes now, and docs/cli.md names every option of every command."""

import re
import subprocess
import sys
from pathlib import Path

from peertool.cli.reference import command_tree

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ["README.md", "docs/cli.md", "docs/schema.md", "examples/peertool.yaml"]
REGENERATE = "cog -r README.md docs/*.md examples/peertool.yaml"


def test_cog_finds_every_generated_reference_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", *GENERATED], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"stale: run `{REGENERATE}`\n{result.stdout}{result.stderr}"


def sections() -> dict[str, str]:
    """docs/cli.md by command path: the text under each `peertool PATH` heading."""
    text = (ROOT / "docs" / "cli.md").read_text()
    parts = re.split(r"^#{2,3} peertool ?(.*)$", text, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def test_docs_cli_has_every_command_and_every_option() -> None:
    documented = sections()
    missing = []
    for path, command in command_tree():
        section = documented.get(" ".join(path))
        if section is None:
            missing.append(" ".join(path))
            continue
        for param in command.params:
            missing += [f"{' '.join(path)} {opt}" for opt in param.opts if opt.startswith("-") and opt not in section]
    assert missing == [], f"docs/cli.md is stale: run `{REGENERATE}`"


def test_the_options_the_readme_never_named_are_in_docs_cli() -> None:
    documented = sections()
    assert "--name NAME" in documented["participant edit"]
    assert "--json" in documented["export"]


def test_docs_schema_shows_every_table_of_a_new_database() -> None:
    import sqlite_utils

    from peertool.db.migrations import sqlite_set

    db = sqlite_utils.Database(memory=True)
    sqlite_set().apply(db)
    text = (ROOT / "docs" / "schema.md").read_text()
    tables = [name for name in db.table_names() if not name.startswith(("sqlite_", "_sqlite_"))]
    assert tables and [name for name in tables if f"\n## {name}\n" not in text] == []
