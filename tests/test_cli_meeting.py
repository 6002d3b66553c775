import json
import sys
from pathlib import Path
from typing import Any

import pytest

from peertool.program.lessons import load_library, suggest
from peertool.program.threads import rank
from peertool.settings import PROGRAM_THEMES

from helpers import Arg, Cli


def record(cli: Cli, *args: Arg) -> Any:
    return cli.json("meeting", "record", "Riverside", *args)


def test_record_fills_theme_and_marks_the_rest_absent(riverside: Cli) -> None:
    meeting = record(
        riverside,
        "--date",
        "2026-02-10",
        "--present",
        "1",
        "--present",
        "Bram Oakes",
        "--lesson",
        "Calming Skills",
        "--thread",
        "Sleep",
        "--homework",
        "Breathe",
    )
    assert meeting["id"] == 1 and meeting["month"] == 2 and meeting["theme"] == "Self-Care"
    assert [p["id"] for p in meeting["present"]] == [1, 2]
    assert len(meeting["absent"]) == 8
    assert meeting["threads"] == ["sleep"] and meeting["duration"] == 90 and meeting["mode"] == "in-person"


def test_absent_marks_the_rest_present(riverside: Cli) -> None:
    meeting = record(riverside, "--date", "2026-02-10", "--absent", "3")
    assert [p["id"] for p in meeting["absent"]] == [3] and len(meeting["present"]) == 9


@pytest.mark.parametrize(
    "args, code",
    [
        (["--date", "2026-02-30"], 1),
        (["--date", "2025-12-30"], 1),
        (["--date", "2027-01-06"], 1),
        (["--date", "2026-02-10", "--present", "Nobody"], 3),
        (["--date", "2026-02-10", "--present", "1", "--absent", "1"], 1),
        (["--date", "2026-02-10", "--mode", "carrier pigeon"], 2),  # outside the choices: a usage error
        (["--date", "2026-02-10", "--duration", "0"], 1),
        (["--date", "2026-02-10", "--notes", "x", "--edit"], 2),
    ],
)
def test_bad_meetings_are_refused_and_save_nothing(riverside: Cli, args: list[str], code: int) -> None:
    before = riverside.dump()
    result = riverside("meeting", "record", "Riverside", *args)
    assert result.exit_code == code, result.stderr
    assert riverside.dump() == before


def test_a_non_member_cannot_be_marked(riverside: Cli) -> None:
    riverside.ok("enroll", "Outside Person")
    assert riverside("meeting", "record", "Riverside", "--date", "2026-02-10", "--present", "11").exit_code == 1


def test_same_date_needs_replace_and_keeps_the_id(riverside: Cli) -> None:
    record(riverside, "--date", "2026-02-10", "--lesson", "A")
    again = riverside("meeting", "record", "Riverside", "--date", "2026-02-10")
    assert again.exit_code == 4 and "--replace" in again.stderr
    replaced = record(riverside, "--date", "2026-02-10", "--lesson", "B", "--replace")
    assert replaced["id"] == 1 and replaced["lesson"] == "B"
    assert len(riverside.json("meeting", "list", "Riverside")) == 1


def test_notes_from_stdin_file_and_editor(riverside: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = riverside.ok(
        "meeting", "record", "Riverside", "--date", "2026-02-10", "--notes", "-", "--json", input="Shared journals.\n"
    )
    assert json.loads(result.stdout)["notes"] == "Shared journals."
    (tmp_path / "n.txt").write_text("From a file")
    assert record(riverside, "--date", "2026-02-17", "--notes-file", tmp_path / "n.txt")["notes"] == "From a file"
    editor = tmp_path / "editor.py"
    editor.write_text("import sys\nopen(sys.argv[1], 'w').write('Written in the editor')\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    assert record(riverside, "--date", "2026-02-24", "--edit")["notes"] == "Written in the editor"
    assert (
        riverside("meeting", "record", "Riverside", "--date", "2026-03-03", "--notes-file", tmp_path / "no").exit_code
        == 3
    )


def test_list_show_edit(riverside: Cli) -> None:
    record(riverside, "--date", "2026-02-10", "--thread", "sleep", "--absent", "2")
    edited = riverside.json("meeting", "edit", "1", "--thread", "work", "--absent", "1", "--homework", "Call")
    assert edited["threads"] == ["work"] and [p["id"] for p in edited["absent"]] == [1, 2]  # only 1 changed
    assert edited["homework"] == "Call"
    moved = riverside.json("meeting", "edit", "1", "--date", "2026-03-10")
    assert moved["month"] == 3 and moved["theme"] == "Social Interaction"
    assert riverside.json("meeting", "show", "1")["date"] == "2026-03-10"
    listed = riverside.json("meeting", "list", "Riverside")
    assert listed[0]["present"] == 8 and listed[0]["recorded"] == 10
    assert riverside("meeting", "show", "99").exit_code == 3
    assert riverside("meeting", "edit", "1").exit_code == 2


def test_contact_notes(riverside: Cli) -> None:
    note = riverside.json("note", "add", "Ada Quill", "Called to check in", "--mode", "phone", "--date", "2026-02-11")
    assert note["participant"] == {"id": 1, "name": "Ada Quill"} and note["mode"] == "phone"
    riverside.ok("note", "add", "1", "Met at the library", "--date", "2026-02-01")
    assert [n["date"] for n in riverside.json("note", "list", "1")] == ["2026-02-01", "2026-02-11"]
    assert riverside("note", "add", "1", "  ").exit_code == 1
    assert riverside("note", "add", "1", "x", "--mode", "fax").exit_code == 2
    assert riverside.json("note", "list", "2") == []


def test_library_has_three_plans_per_theme_with_every_part() -> None:
    plans = load_library()
    for theme in set(PROGRAM_THEMES):
        assert len([p for p in plans if p["theme"] == theme]) >= 3, theme
    for plan in plans:
        assert plan["title"] and plan["skill"] and plan["outline"] and plan["prompts"] and plan["practice"]
        assert all(isinstance(step, str) for step in plan["outline"])


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


def test_threads_rank_by_frequency_and_recency() -> None:
    ranked = rank(
        [
            ("2026-01-06", "money"),
            ("2026-01-13", "money"),
            ("2026-01-20", "money"),
            ("2026-04-07", "sleep"),
            ("2026-04-07", "work"),
            ("2026-03-31", "work"),
        ]
    )
    assert [t["tag"] for t in ranked] == ["work", "sleep", "money"]
    assert ranked[0]["count"] == 2 and ranked[0]["last"] == "2026-04-07"
    assert ranked[1]["score"] == 1.0
    assert rank([]) == []


def test_suggestions_fit_threads_and_skip_used_lessons() -> None:
    plans = load_library()
    threads = [{"tag": "sleep", "score": 2.0}, {"tag": "anger", "score": 0.5}]
    ranked = suggest(plans, "Coping Strategies", threads, used={"calming skills"})
    assert "Calming Skills" not in [p["title"] for p in ranked]
    assert ranked[0]["title"] == "Noticing Stress Early" and ranked[0]["matches"] == ["anger"]
    ranked = suggest(plans, "Coping Strategies", threads, used=set())
    assert ranked[0]["title"] == "Calming Skills" and ranked[0]["fit"] == 2.5


def test_threads_command(riverside: Cli) -> None:
    record(riverside, "--date", "2026-02-10", "--thread", "money")
    record(riverside, "--date", "2026-02-17", "--thread", "sleep", "--thread", "money")
    assert [t["tag"] for t in riverside.json("threads", "Riverside")] == ["money", "sleep"]
    assert [t["tag"] for t in riverside.json("threads", "Riverside", "--since", "2026-02-15")] == ["money", "sleep"]
    assert riverside.json("threads", "Riverside", "--since", "2026-02-15")[0]["count"] == 1


def test_non_ascii_digits_are_not_ids(riverside: Cli) -> None:
    assert riverside("meeting", "show", "²").exit_code == 3
    assert riverside("goal", "update", "٣", "--status", "achieved").exit_code == 3
    assert riverside("participant", "show", "²").exit_code == 3
