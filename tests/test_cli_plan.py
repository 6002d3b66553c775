"""`peertool plan`: a participant's private wellness and crisis plan, kept in versions and shown nowhere else."""

import json
import sys
from pathlib import Path

import pytest

from helpers import Cli

PLAN_SECRET = "Zephyrine calls Harbour Line when the humming starts"


def _editor(env: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    script = env / "editor.py"
    script.write_text(
        "import sys\npath = sys.argv[1]\ntext = open(path).read()\n"
        f"open(path, 'w').write(text.replace('## Crisis plan\\n', '## Crisis plan\\n' + {body!r} + '\\n'))\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")


def test_a_plan_is_written_from_the_template_and_every_version_is_kept(
    riverside: Cli, env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = env / "seen.md"
    script = env / "look.py"
    script.write_text(f"import shutil, sys\nshutil.copy(sys.argv[1], {str(seen)!r})\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    untouched = riverside("plan", "edit", "1")
    assert untouched.exit_code == 1 and "nothing was saved" in untouched.stderr
    headings = [line for line in seen.read_text().splitlines() if line.startswith("## ")]
    assert headings == [
        "## Wellness toolbox", "## Daily maintenance", "## Triggers", "## Early warning signs",
        "## When things are breaking down", "## Crisis plan", "## Post-crisis",
    ]  # fmt: skip
    _editor(env, monkeypatch, "Call my sister first.")
    first = riverside.json("plan", "edit", "1")
    assert (first["version"], first["changed"]) == (1, True) and "text" not in first
    _editor(env, monkeypatch, "Then the warm line.")
    riverside.ok("plan", "edit", "1")
    shown = riverside.ok("plan", "show", "1").stdout
    assert "Then the warm line.\nCall my sister first." in shown and "# Wellness plan for" not in shown
    assert "Then the warm line." not in riverside.json("plan", "show", "1", "--version", "1")["text"]
    assert [v["version"] for v in riverside.json("plan", "history", "1")] == [2, 1]
    current = riverside.json("plan", "show", "1")["text"]
    same = json.loads(riverside.ok("plan", "edit", "1", "--from", "-", "--json", input=current).stdout)
    assert (same["version"], same["changed"]) == (2, False)
    assert riverside("plan", "show", "2").exit_code == 3
    assert riverside("plan", "show", "1", "--version", "9").exit_code == 3


def test_an_empty_or_hostile_plan_is_refused_and_changes_nothing(riverside: Cli) -> None:
    before = riverside.dump()
    for text in ["", "## Triggers\n\n## Crisis plan\n", "a\x00b"]:
        assert riverside("plan", "edit", "1", "--from", "-", input=text).exit_code == 1
    assert riverside("plan", "edit", "1", "--from", "/dev/zero").exit_code == 1
    assert riverside("plan", "edit", "1", "--from", "missing.md").exit_code == 3
    assert riverside.dump() == before


def test_the_plan_appears_nowhere_but_plan_show(measured: Cli, env: Path) -> None:
    measured.ok("plan", "edit", "1", "--from", "-", input=f"## Crisis plan\n{PLAN_SECRET}\n")
    measured.ok("meeting", "record", "Riverside", "--date", "2026-03-03", "--all-present")
    outputs = [
        measured(*args)
        for args in [
            ("participant", "show", "1"), ("participant", "show", "1", "--json"), ("participant", "list", "--json"),
            ("participant", "chart", "1"), ("participant", "chart", "1", "--json"),
            ("participant", "chart", "1", "--include-group-notes"),
            ("prep", "Riverside", "--date", "2026-03-03", "--format", "json"),
            ("prep", "Riverside", "--date", "2026-03-03", "--format", "markdown"),
            ("report", "Riverside", "--format", "json"), ("report", "Riverside", "--format", "markdown"),
            ("report", "Riverside"), ("export",), ("export", "--deidentify"),
            ("export", "--deidentify", "--include-notes"), ("audit", "--json"), ("plan", "history", "1", "--json"),
            ("measure", "list", "--json"), ("connection", "list", "--json"), ("goal", "list", "--json"),
        ]
    ]  # fmt: skip
    for result in outputs:
        assert result.exit_code == 0, (result.exit_code, result.stderr)
        assert "Zephyrine" not in result.stdout + result.stderr
    assert "Zephyrine" in measured.ok("plan", "show", "1").stdout
    with_plans = json.loads(measured.ok("export", "--include-plans").stdout)
    assert PLAN_SECRET in with_plans["tables"]["wellness_plans"][0]["text"]
    refused = measured("export", "--deidentify", "--include-plans")
    assert refused.exit_code == 1 and "never de-identified" in refused.stderr
