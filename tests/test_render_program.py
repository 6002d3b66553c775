"""The program's schedule rendered for files: CSV and Markdown carry the themes."""

import csv
import io

from peertool.program.schedule import program
from peertool.render.program import schedule_csv, schedule_markdown
from peertool.settings import PROGRAM_THEMES


def test_schedule_csv_and_markdown_carry_the_themes() -> None:
    months = program(list(PROGRAM_THEMES))
    rows = list(csv.reader(io.StringIO(schedule_csv(months))))
    assert rows[0] == ["month", "theme"] and [r[1] for r in rows[1:]] == list(PROGRAM_THEMES)
    assert "| 12 | Coping Skills & Goal Setting (Transitioning Out) |" in schedule_markdown(months)
