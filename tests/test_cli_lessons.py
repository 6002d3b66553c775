"""`peertool lessons`: the lesson library, the built-in plans plus the config's lessons_file."""

from pathlib import Path

from helpers import Cli


def test_lessons_file_extends_and_overrides(cli: Cli, env: Path) -> None:
    (env / "mine.yaml").write_text(
        "- title: calming skills\n  theme: Coping Strategies\n  skill: Our version\n  outline: [a]\n"
        "  prompts: [b]\n  practice: c\n- title: Walking Group\n  theme: Self-Care\n  skill: s\n"
        "  outline: [a]\n  prompts: [b]\n  practice: c\n"
    )
    (env / "peertool.yaml").write_text("lessons_file: mine.yaml\n")
    coping = cli.json("lessons", "--theme", "coping strategies")
    assert [p["skill"] for p in coping if p["title"].lower() == "calming skills"] == ["Our version"]
    assert "Walking Group" in [p["title"] for p in cli.json("lessons")]
    (env / "mine.yaml").write_text("- title: Broken\n  theme: Self-Care\n")
    result = cli("lessons")
    assert result.exit_code == 5 and "plan 1" in result.stderr
