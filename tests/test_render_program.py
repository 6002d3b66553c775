"""How the program year prints: a dated schedule with its skipped meetings, one meeting in full (who came and
for how long, their own notes), and the lists of meetings, lessons and threads, stored text escaped."""

import csv
import datetime as dt
import io
from typing import Any

import pytest

from peertool.program.schedule import program
from peertool.render.program import is_text_for_terminal, lessons, meeting, meetings, schedule_csv, schedule_markdown
from peertool.render.program import threads as thread_table
from peertool.settings import PROGRAM_THEMES


def test_schedule_csv_and_markdown_carry_the_themes() -> None:
    months = program(list(PROGRAM_THEMES))
    rows = list(csv.reader(io.StringIO(schedule_csv(months))))
    assert rows[0] == ["month", "theme"] and [r[1] for r in rows[1:]] == list(PROGRAM_THEMES)
    assert "| 12 | Coping Skills & Goal Setting (Transitioning Out) |" in schedule_markdown(months)


CLEAR = "\x1b[2J"
SHOWN = "\\x1b[2J"


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_a_dated_schedule_lists_meetings_and_skipped_days_and_escapes_pipes_in_markdown() -> None:
    months = program(["Intro | Goals", "Self-Care"], dt.date(2026, 1, 6), 1, frozenset({dt.date(2026, 1, 20)}))
    rows = list(csv.reader(io.StringIO(schedule_csv(months))))
    assert rows[0] == ["month", "theme", "start", "end", "meetings", "skipped"]
    assert rows[1] == ["1", "Intro | Goals", "2026-01-06", "2026-02-05",
                       "2026-01-06; 2026-01-13; 2026-01-27; 2026-02-03", "2026-01-20"]  # fmt: skip
    assert "| 1 | Intro \\| Goals | 2026-01-06 |" in schedule_markdown(months, "Riverside: program schedule")
    assert list(csv.reader(io.StringIO(schedule_csv(program(["Self-Care"])))))[0] == ["month", "theme"]


def test_only_a_calendar_is_kept_from_terminal_escaping() -> None:
    assert [is_text_for_terminal(fmt) for fmt in ("json", "csv", "markdown", "ics")] == [True, True, True, False]


def _meeting() -> dict[str, Any]:
    return {
        "id": 12, "group": "Riverside", "date": "2026-03-03", "start": "18:00", "end": "19:30", "duration": 90,
        "month": 3, "theme": "Social Interaction", "lesson": None, "mode": "in-person", "homework": None,
        "notes": "Talked about" + CLEAR, "threads": ["housing", "work"],
        "service": {"code": "H0038", "modifier": "HQ"},
        "present": [{"id": 1, "name": "Ada Quill", "status": "present", "minutes": 90, "units": 6},
                    {"id": 2, "name": "Bram Oakes", "status": "late", "minutes": 70, "units": 5}],
        "absent": [{"id": 3, "name": "Cleo Marsh", "status": "excused", "minutes": 0, "units": 0}],
        "attendee_notes": [{"participant": {"id": 1, "name": "Ada Quill"}, "response": "Shared a win",
                            "goal": {"id": 3, "text": "Ride the bus"}, "homework": "done", "text": None}],
        "signed": False, "signatures": [], "intact": None, "addenda": [],
    }  # fmt: skip


def test_a_meeting_prints_who_came_for_how_long_and_their_own_notes(capsys: pytest.CaptureFixture[str]) -> None:
    meeting(_meeting())
    out = _flat(capsys.readouterr().out)
    assert out.startswith("Meeting 12: Riverside, 2026-03-03 month 3: Social Interaction")
    assert "when 18:00-19:30, 90 min, in-person" in out
    assert "present Ada Quill, Bram Oakes (late, 70 min)" in out and "absent Cleo Marsh (excused)" in out
    assert "units 5 or 6 per attendee (H0038-HQ)" in out
    assert "note: Ada Quill Shared a win; goal 3; homework done" in out
    assert f"notes Talked about{SHOWN}" in out and "\x1b" not in out
    assert "signature unsigned" in out


def test_a_meeting_with_no_one_present_shows_no_units(capsys: pytest.CaptureFixture[str]) -> None:
    meeting({**_meeting(), "present": [], "start": None, "attendee_notes": []})
    out = _flat(capsys.readouterr().out)
    assert "when 90 min, in-person" in out and "per attendee" not in out


def test_the_lists_of_meetings_lessons_and_threads(capsys: pytest.CaptureFixture[str]) -> None:
    meetings([{"id": 12, "date": "2026-03-03", "month": 3, "theme": "Social Interaction", "lesson": "Small talk",
               "present": 9, "recorded": 10, "threads": ["housing"]},
              {"id": 13, "date": "2026-03-10", "month": 3, "theme": "Social Interaction", "lesson": None,
               "present": 0, "recorded": 0, "threads": []}])  # fmt: skip
    assert capsys.readouterr().out.splitlines()[1:] == [
        "12\t2026-03-03\t3\tSocial Interaction\tSmall talk\t9/10\thousing",
        "13\t2026-03-10\t3\tSocial Interaction\t\t\t",
    ]
    lessons([{"theme": "Self-Care", "title": "Rest" + CLEAR, "skill": "Sleep", "practice": "Log sleep"}])
    assert capsys.readouterr().out.splitlines()[1] == f"Self-Care\tRest{SHOWN}\tSleep\tLog sleep"
    thread_table([{"tag": "housing", "count": 3, "last": "2026-03-24", "score": 2.5}])
    assert capsys.readouterr().out == "thread\ttimes\tlast\tscore\nhousing\t3\t2026-03-24\t2.5\n"
