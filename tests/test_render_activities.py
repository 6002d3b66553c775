"""How activities print: a row per activity, and the report's small table only when there were some."""

import pytest

from peertool.outcomes.activities import ActivityFigures
from peertool.program.activities import Activity
from peertool.render.activities import activities, figure_rows, report_markdown, report_table

NONE: ActivityFigures = {"by_kind": {"recreational": 0, "spiritual": 0}, "total": 0, "people": 0, "mainstream": 0,
                         "mainstream_share": None}  # fmt: skip
SOME: ActivityFigures = {"by_kind": {"recreational": 0, "spiritual": 2, "educational": 1}, "total": 3, "people": 4,
                         "mainstream": 2, "mainstream_share": 0.667}  # fmt: skip


def test_a_list_prints_one_escaped_row_per_activity(capsys: pytest.CaptureFixture[str]) -> None:
    record: Activity = {"id": 1, "group": "Drop-in", "group_id": 2, "date": "2026-03-01", "kind": "spiritual",
                        "title": "Service\x1b[2J", "place": None, "mainstream": True, "staff": "Dana Reyes",
                        "staff_member": None, "cost": "0.00", "paid_by": "free", "note": None,
                        "people": [{"id": 1, "name": "Ada Quill"}, {"id": 3, "name": "Cleo Marsh"}]}  # fmt: skip
    activities([record])
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert out.splitlines()[1].startswith("1\t2026-03-01\tspiritual\tService")
    assert out.splitlines()[1].endswith("\tyes\tAda Quill, Cleo Marsh\tDana Reyes\t\t0.00\tfree")


def test_the_figures_show_kinds_with_activities_then_totals_and_the_mainstream_share() -> None:
    assert figure_rows(NONE) == []
    assert figure_rows(SOME) == [["spiritual", 2], ["educational", 1], ["total", 3], ["people reached", 4],
                                 ["mainstream", "2 (67%)"]]  # fmt: skip


def test_the_report_table_is_left_out_without_activities(capsys: pytest.CaptureFixture[str]) -> None:
    report_table(NONE)
    assert capsys.readouterr().out == ""
    report_table(SOME)
    assert "people reached\t4" in capsys.readouterr().out


def test_the_markdown_says_when_there_were_none() -> None:
    def row(cells: list[object]) -> str:
        return "| " + " | ".join(map(str, cells)) + " |"

    assert report_markdown(NONE, row)[-1] == "No activities recorded."
    assert "| total | 3 |" in report_markdown(SOME, row)
