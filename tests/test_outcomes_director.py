"""The director's view (`outcomes.director`): every group's figures and the total, each checked by hand."""

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput
from peertool.outcomes.director import Director, GroupFigures, build
from peertool.settings import Settings, load_settings

from helpers import Cli, Today, drop_in


@pytest.fixture
def agency(measured: Cli, env: Path, today: Today) -> Cli:
    """Riverside's ten (Ada and Bram measured twice: WHO-5 +28 and -4 percentage points), meeting on 03-03 (Ada
    absent) and 03-10 (Ada and Bram absent), Bram's goal achieved, Juno discharged on 03-20; Hilltop (an IML group
    from 02-03) with Rui (a goal) and Sol, who leaves on 03-01 after missing 02-10; drop-in Main St, where the
    nine enrolled from 03-02 (Ada, Bram and Cleo among them) make ten visits by eight people."""
    today(dt.date(2026, 4, 30))
    drop_in(measured, env)
    cli = measured
    cli.ok("meeting", "record", "Riverside", "--date", "2026-03-03", "--absent", "Ada Quill")
    cli.ok("meeting", "record", "Riverside", "--date", "2026-03-10", "--absent", "Ada Quill", "--absent", "2")
    cli.ok("goal", "update", "2", "--status", "achieved", "--date", "2026-02-01")
    cli.ok("discharge", "Juno Park", "--date", "2026-03-20", "--reason-code", "moved", "--yes")
    cli.ok("group", "create", "Hilltop", "--start", "2026-02-03", "--weekday", "tue")
    cli.ok("enroll", "Rui Tan", "--group", "Hilltop", "--enrolled-on", "2026-02-03", "--goal", "Walk daily")
    cli.ok("enroll", "Sol Vega", "--group", "Hilltop", "--enrolled-on", "2026-02-03")
    cli.ok("meeting", "record", "Hilltop", "--date", "2026-02-10", "--absent", "Sol Vega")
    cli.ok("participant", "edit", "Sol Vega", "--group", "", "--date", "2026-03-01")
    return cli


@pytest.fixture
def opened(agency: Cli, env: Path) -> Iterator[tuple[Database, Settings]]:
    database = agency.open()
    yield database, load_settings(str(env / "peertool.yaml"))
    database.close()


def _rows(report: Director) -> dict[str, GroupFigures]:
    return {g["group"]: g for g in report["groups"]}


def _period(opened: tuple[Database, Settings], group_ids: list[int] | None = None) -> Director:
    """The view from 2026-01-01 to 2026-04-30."""
    return build(opened[0], settings=opened[1], start="2026-01-01", end="2026-04-30", group_ids=group_ids)


def test_each_group_has_its_attendance_retention_goals_and_change(opened: tuple[Database, Settings]) -> None:
    report = _period(opened)
    rows = _rows(report)
    assert list(rows) == ["Hilltop", "Main St", "Riverside"]
    river, hill, main = rows["Riverside"], rows["Hilltop"], rows["Main St"]
    assert (river["program"], river["drop_in"], main["program"], main["drop_in"]) == (
        "iml", False, "independence", True)  # fmt: skip
    assert river["attendance"] == {"present": 17, "recorded": 20, "rate": 0.85}
    assert hill["attendance"] == {"present": 1, "recorded": 2, "rate": 0.5}
    assert main["attendance"] is None and (main["visits"], main["visitors"]) == (10, 8)
    assert river["retention"] == {"people": 10, "retained": 9, "rate": 0.9}  # Juno discharged
    assert hill["retention"] == {"people": 2, "retained": 1, "rate": 0.5}  # Sol left
    assert main["retention"] == {"people": 9, "retained": 9, "rate": 1.0}
    assert river["goals"] == {"set": 10, "achieved": 1} and hill["goals"] == {"set": 1, "achieved": 0}
    assert main["goals"] == {"set": 3, "achieved": 1}  # Ada's, Bram's (achieved) and Cleo's
    who5 = {"instrument": "who5", "people": 2, "mean_change": 12.0, "unit": "percentage points", "improved": 1,
            "worsened": 0}  # fmt: skip
    assert river["measures"] == [who5] and main["measures"] == [who5] and hill["measures"] == []
    assert river["cosign_rate"] is None  # until the supervision part lands


def test_the_total_counts_each_person_once_and_adds_the_groups_records(opened: tuple[Database, Settings]) -> None:
    report = _period(opened)
    assert (report["from"], report["to"], report["people"]) == ("2026-01-01", "2026-04-30", 18)
    assert report["attendance"] == {"present": 18, "recorded": 22, "rate": 0.818}
    assert (report["visits"], report["visitors"]) == (10, 8)
    assert report["retention"] == {"people": 18, "retained": 16, "rate": 0.889}  # Juno and Sol
    assert report["goals"] == {"set": 11, "achieved": 1}
    assert [(m["people"], m["mean_change"]) for m in report["measures"]] == [(2, 12.0)]
    rows = report["groups"]
    for line in ("group", "individual", "total"):
        assert report["units"][line] == sum(g["units"][line] for g in rows)
    assert report["cosign_rate"] is None


def test_units_are_the_group_reports(agency: Cli, opened: tuple[Database, Settings]) -> None:
    agency.ok("note", "add", "1", "Called", "--mode", "phone", "--minutes", "20", "--date", "2026-03-05")
    report = _period(opened)
    grouped = agency.json("report", "Riverside", "--from", "2026-01-01", "--to", "2026-04-30")
    months = [m for p in grouped["participants"] for m in p["units"]]
    river = _rows(report)["Riverside"]["units"]
    assert river["individual"] == 1  # 20 minutes: one unit
    assert (river["group"], river["total"]) == (sum(m["group"] for m in months), sum(m["total"] for m in months))
    assert river["group"] > 0 and _rows(report)["Main St"]["units"]["group"] > 0  # visits are billed too


def test_a_caseload_is_its_groups_only(opened: tuple[Database, Settings]) -> None:
    hilltop = _rows(_period(opened))["Hilltop"]["group_id"]
    report = _period(opened, [hilltop])
    assert [g["group"] for g in report["groups"]] == ["Hilltop"]
    assert (report["people"], report["attendance"], report["goals"]) == (
        2, {"present": 1, "recorded": 2, "rate": 0.5}, {"set": 1, "achieved": 0})  # fmt: skip
    assert report["visits"] == 0


def test_the_period_runs_from_the_first_group_to_today(opened: tuple[Database, Settings]) -> None:
    report = build(opened[0], settings=opened[1])
    assert (report["from"], report["to"]) == ("2026-01-06", "2026-04-30")
    with pytest.raises(InvalidInput):
        build(opened[0], settings=opened[1], start="2026-05-01", end="2026-04-01")


def test_an_empty_database_has_an_empty_view(db: Database, settings: Settings, today: Today) -> None:
    today(dt.date(2026, 4, 30))
    report = build(db, settings=settings)
    assert (report["groups"], report["people"], report["attendance"]) == ([], 0, None)
    assert report["retention"]["rate"] is None and report["units"]["total"] == 0
