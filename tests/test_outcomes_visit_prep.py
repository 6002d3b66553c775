"""A drop-in group's week (`outcomes.visit_prep`): open days from its opening, who has not been seen."""

import datetime as dt
from pathlib import Path

from peertool.db.connection import Database
from peertool.db.store import write
from peertool.outcomes.visit_prep import build, unseen
from peertool.people.groups import create_group
from peertool.programs import program_named
from peertool.settings import load_settings

from helpers import INDEPENDENCE, file_of


def test_the_week_starts_at_the_opening_and_new_or_ended_enrollments_are_not_unseen(
    season: Database, env: Path
) -> None:
    path = env / "peertool.yaml"
    path.write_text(INDEPENDENCE)
    path.chmod(0o600)
    settings = load_settings(str(path))
    create_group(season, "Annex", start="2026-03-04", weekday=None, program=program_named(settings, "independence"))
    enrollments = [(1, "2026-03-04", None), (2, "2026-03-20", None), (3, "2026-03-04", "2026-03-10")]
    with write(season):
        file_of(season).conn.executemany(
            """INSERT INTO program_enrollments (participant_id, program, enrolled_on, ended_on)
               VALUES (?, 'independence', ?, ?)""",
            enrollments,
        )
    sheet = build(season, "Annex", settings=settings, on="2026-03-02")
    assert [d["date"] for d in sheet["open_days"]] == ["2026-03-04", "2026-03-05", "2026-03-06"]
    assert sheet["activities"] == [] and sheet["unseen"] == []
    later = unseen(season, "independence", dt.date(2026, 3, 30), 3)
    assert [(u["id"], u["last_visit"], u["enrolled_on"]) for u in later] == [(1, None, "2026-03-04")]
