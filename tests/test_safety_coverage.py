"""What an export covers: the site it comes from, and the dates, each table cut by its own date or by the date
of the record it belongs to."""

from pathlib import Path

import pytest

from peertool.db.connection import Database
from peertool.db.store import write
from peertool.errors import InvalidInput
from peertool.safety.coverage import PERIOD, Period, site_id
from peertool.settings import Settings, load_settings


def test_the_site_is_the_setting_else_the_databases_own_id(db: Database, settings: Settings, env: Path) -> None:
    stored = site_id(db, settings)
    assert stored == db.execute("SELECT value FROM settings WHERE key = 'site_id'").fetchone()[0]
    config = env / "peertool.yaml"
    config.write_text("site_id: east-1\n")
    config.chmod(0o600)
    assert site_id(db, load_settings(str(config))) == "east-1"
    with write(db):
        db.execute("DELETE FROM settings WHERE key = 'site_id'")
    assert site_id(db, settings) == "site-unknown"


def test_a_period_runs_forwards_and_says_its_ends() -> None:
    assert Period(None, None).as_dict() is None
    assert Period("2026-03-01", None).as_dict() == {"from": "2026-03-01", "to": ""}
    assert Period(" 2026-03-01", "2026-03-31").as_dict() == {"from": "2026-03-01", "to": "2026-03-31"}
    with pytest.raises(InvalidInput, match="--from 2026-04-01 is after --to 2026-03-31"):
        Period("2026-04-01", "2026-03-31")
    with pytest.raises(InvalidInput):
        Period("March", None)


def test_a_table_without_dates_or_a_period_without_ends_is_not_cut() -> None:
    assert Period(None, None).where("meetings") == ("", {})
    assert Period("2026-03-01", "2026-03-31").where("audit") == ("", {})
    clause, params = Period(None, "2026-03-31").where("contact_notes")
    assert (clause, params) == (" WHERE noted_on BETWEEN :start AND :end", {"start": "0000-00-00", "end": "2026-03-31"})


def test_each_period_clause_keeps_the_records_of_the_period(season: Database, settings: Settings) -> None:
    """Every clause runs on the schema, and a record belongs to the period of the note or meeting it is on."""
    from peertool.program.attendance import Marks
    from peertool.program.meetings import record_meeting

    inside = record_meeting(season, 1, settings=settings, date="2026-03-03", marks=Marks(absent=["2"]))
    record_meeting(season, 1, settings=settings, date="2026-04-07", marks=Marks(absent=["2"]))
    march = Period("2026-03-01", "2026-03-31")
    for table in PERIOD:
        clause, params = march.where(table)
        assert clause and season.execute(f"SELECT count(*) FROM {table}{clause}", params).fetchone() is not None
    clause, params = march.where("attendance")
    assert {row[0] for row in season.execute(f"SELECT meeting_id FROM attendance{clause}", params)} == {inside["id"]}
    clause, params = Period("2026-04-01", None).where("meetings")
    assert season.execute(f"SELECT held_on FROM meetings{clause}", params).fetchall() == [("2026-04-07",)]
